"""A submitted file (CSV or XLSX bytes) to a table of trimmed strings named by the contract.

`read_table` returns a frame whose columns are the contract's English names in contract order, all
String, followed by `_row`: the row number the user sees in a spreadsheet (the header is row 1). Values
are trimmed; empty cells and "-" are null; rows whose cells are all empty are dropped, and the numbering
of the rows after them is kept. Nothing is typed here: the validator parses and reports.

Problems found while reading (the file cannot be decoded, a required column is missing or appears twice)
come back as Problems with frame None. Unknown extra columns only earn a warning and are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import polars as pl

from etl.ingest.bytes_to_text import (
    DecodeError,
    sniff_kind,
)
from etl.ingest.contracts import DATASETS, Column, Dataset
from etl.ingest.parse_cells import clean, clean_columns, parse_datetime, parse_plain_datetimes
from etl.ingest.per_distinct import TextFunction, apply_all_by_distinct, apply_by_distinct
from etl.ingest.problems import MAX_VALUE_CHARS, Problem, error, shorten, warning
from etl.ingest.read_csv import read_csv
from etl.ingest.read_grid import ROW, Grid, Unreadable, column_letter, empty_file, header_key, header_lookup
from etl.ingest.read_xlsx import read_xlsx

# Nothing but an optional BOM and white space (matched without copying a large file).
_BLANK = re.compile(rb"(?:\xef\xbb\xbf)?\s*\Z")


def read_table(
    content: bytes, filename: str, dataset_name: str, values: Mapping[str, tuple[str, TextFunction]] | None = None
) -> tuple[pl.DataFrame | None, list[Problem]]:
    """CSV or XLSX bytes → (frame of trimmed strings named by the contract plus `_row`, problems).

    The format is told by the content, not by `filename` (a CSV saved as .xlsx still reads); the frame
    is None when a problem is an error.

    `values` asks for more columns, for the validator: {contract column: (name, function of the text)}.
    Each comes back as the column `name`, computed with the trimming once per distinct text of the column
    (etl.ingest.per_distinct): a month of complaints has a million rows but a handful of types and a few thousand
    distinct times.
    """
    dataset = DATASETS[dataset_name]
    if _BLANK.match(content):
        return None, [empty_file()]
    try:
        grid = read_xlsx(content, dataset) if sniff_kind(content) == "xlsx" else read_csv(content)
    except DecodeError as exc:
        return None, [error(exc.rule, exc.message_ko, exc.message_en)]
    except Unreadable as exc:
        return None, [exc.problem]
    return _to_contract(grid, dataset, values or {})


# ---------------------------------------------------------------------------------------------- headers


@dataclass
class _HeaderMap:
    positions: dict[str, int]  # contract column name → 0-based position in the file
    unnamed: list[int]  # positions whose header cell is empty
    problems: list[Problem]


def _map_header(header: list[str | None], dataset: Dataset) -> _HeaderMap:
    lookup = header_lookup(dataset)
    positions: dict[str, int] = {}
    unnamed: list[int] = []
    problems: list[Problem] = []
    for i, raw in enumerate(header):
        text = (raw or "").strip()
        if not text:
            unnamed.append(i)
            continue
        column = lookup.get(header_key(text))
        if column is None:
            problems.append(_unknown_column(text, i))
        elif column.name in positions:
            first = positions[column.name]
            problems.append(_duplicate_column(column, text, header[first] or "", first, i))
        else:
            positions[column.name] = i
    recognised = bool(positions)
    for c in dataset.columns:
        if c.required and c.name not in positions:
            problems.append(_missing_column(c, recognised))
    return _HeaderMap(positions, unnamed, problems)


def _unknown_column(text: str, index: int) -> Problem:
    letter = column_letter(index)
    text = shorten(text) or ""  # quoted, not copied whole: a header cell can be megabytes long
    return warning(
        "unknown_column",
        f"{letter}열 머리글 '{text}'은(는) 이 서식에 없는 열이므로 무시합니다. 필요한 열이면 머리글을 서식과 "
        "똑같이 고치세요.",
        f"Column {letter} header '{text}' is not part of this template and is ignored. If it is needed, "
        "spell its header exactly as in the template.",
        row=1,
        column=text,
        value=text,
    )


def _duplicate_column(column: Column, text: str, first_text: str, first: int, index: int) -> Problem:
    a, b = column_letter(first), column_letter(index)
    text, first_text = shorten(text) or "", shorten(first_text) or ""
    return error(
        "duplicate_column",
        f"'{column.header_ko}' 열이 두 번 있습니다({a}열 '{first_text}', {b}열 '{text}'). 한 열만 남기세요.",
        f"Column '{column.header_ko}' ({column.name}) appears twice (column {a} '{first_text}', column {b} "
        f"'{text}'). Keep only one.",
        row=1,
        column=column.header_ko,
        value=text,
    )


def _missing_column(column: Column, any_recognised: bool) -> Problem:
    hint_ko = hint_en = ""
    if not any_recognised:
        hint_ko = " 1행에 서식의 머리글이 하나도 없습니다. 첫 행이 머리글인지 확인하세요."
        hint_en = " No template header was found in row 1: the first row must be the header."
    return error(
        "missing_column",
        f"필수 열 '{column.header_ko}'이(가) 없습니다. 1행에 머리글 '{column.header_ko}'"
        f"(또는 '{column.name}') 열을 추가하세요.{hint_ko}",
        f"Required column '{column.header_ko}' ({column.name}) is missing. Add a column headed "
        f"'{column.header_ko}' (or '{column.name}') in row 1.{hint_en}",
        column=column.header_ko,
    )


# -------------------------------------------------------------------------------------------- to frame


def _to_contract(
    grid: Grid, dataset: Dataset, values: Mapping[str, tuple[str, TextFunction]]
) -> tuple[pl.DataFrame | None, list[Problem]]:
    mapping = _map_header(grid.header, dataset)
    problems = [*grid.notes, *mapping.problems]
    if any(p.is_error for p in problems):
        return None, problems
    wanted = {f"c{mapping.positions[c]}": spec for c, spec in values.items() if c in mapping.positions}
    body = _drop_blank_rows(_cleaned(grid.body, wanted))
    beyond = [i for i in _positions(body) if i >= len(grid.header)]
    if grid.overflow_is_error:
        problems += _unnamed_columns_with_values(body, mapping.unnamed)
        problems += _extra_values(body, beyond)
    else:
        problems += _unnamed_columns_with_values(body, mapping.unnamed + beyond)
    frame = body.select(
        *[
            (pl.col(f"c{mapping.positions[c.name]}") if c.name in mapping.positions else pl.lit(None))
            .cast(pl.String)
            .alias(c.name)
            for c in dataset.columns
        ],
        *[
            pl.col(name) if c in mapping.positions else _absent(name, function, body.height)
            for c, (name, function) in values.items()
        ],
        pl.col(ROW),
    )
    return frame, problems


def _absent(name: str, function: TextFunction, height: int) -> pl.Series:
    # What the function makes of an empty cell, with its type.
    return apply_by_distinct(pl.Series(name, [None] * height, dtype=pl.String), function)


def _is_cell(name: str) -> bool:
    return name[0] == "c" and name[1:].isdigit()


def _positional(body: pl.DataFrame) -> list[str]:
    return [c for c in body.columns if _is_cell(c)]


def _positions(body: pl.DataFrame) -> list[int]:
    return [int(c[1:]) for c in _positional(body)]


# From this many rows on, typed columns are cleaned and parsed once per distinct text, in threads.
BY_DISTINCT_FROM_ROWS = 10_000


def _cleaned(body: pl.DataFrame, wanted: Mapping[str, tuple[str, TextFunction]]) -> pl.DataFrame:
    """Every cell trimmed, empty and "-" as null; and the `wanted` value columns beside their cells."""
    cells = _positional(body)
    # A column without any value (the spare columns a CSV is read with, an empty optional column) has
    # nothing to clean.
    direct = [c for c in cells if c not in wanted and body.get_column(c).null_count() < body.height]
    if body.height < BY_DISTINCT_FROM_ROWS:
        # A small file: one polars query for every column costs less than the distinct texts would save.
        body = clean_columns(body, direct + list(wanted))
        return body.with_columns(f(pl.col(c)).alias(name) for c, (name, f) in wanted.items())
    as_is = {c for c, (_, f) in wanted.items() if _kept_as_is(body.get_column(c), f)}
    # Each column's steps are serial, and polars lets go of the interpreter lock: a column per thread.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="read") as pool:
        by_text = {
            c: pool.submit(_text_and_value, body.get_column(c), f) for c, (_, f) in wanted.items() if c not in as_is
        }
        body = clean_columns(body, direct)
        done = {c: future.result() for c, future in by_text.items()}
    done |= {c: [body.get_column(c)] * 2 for c in as_is}
    return body.with_columns(
        *(text.alias(c) for c, (text, _) in done.items()),
        *(value.alias(wanted[c][0]) for c, (_, value) in done.items()),
    )


def _text_and_value(column: pl.Series, function: TextFunction) -> list[pl.Series]:
    """The cleaned text and `function`'s value of a long column: once per distinct text, unless it is a column
    of mostly distinct times (to the second, as most are) in one plain form, which is read whole
    (etl.ingest.parse_cells.parse_plain_datetimes): there the distinct texts would cost a hash per row and save
    nothing."""
    if function is parse_datetime and _mostly_distinct(column):
        text = clean_columns(column.to_frame(), [column.name]).to_series()
        value = parse_plain_datetimes(text)
        if value is not None:
            return [text, value]
    return apply_all_by_distinct(column, [clean, function])


# Reading once per distinct text pays when each text repeats this many times on average.
ROWS_PER_TEXT = 20


def _mostly_distinct(column: pl.Series) -> bool:
    distinct = column.to_frame().select(pl.first().approx_n_unique()).item()
    return int(distinct) * ROWS_PER_TEXT > column.len()


def _kept_as_is(column: pl.Series, function: TextFunction) -> bool:
    """Whether every cell is empty or one of the texts that trimming and `function` both leave as they are
    (the function's `kept`, if it has one): then the column is its own clean text and value. One hash
    lookup per row, against a categorical cast, a gather and a comparison per column."""
    kept = getattr(function, "kept", ())
    return bool(kept) and bool((column.is_in(kept) | column.is_null()).all())


def _drop_blank_rows(body: pl.DataFrame) -> pl.DataFrame:
    cells = _positional(body)
    if not cells:
        return body.clear()
    blank = body.select(pl.all_horizontal(pl.col(c).is_null() for c in cells)).to_series()
    # Most files have no blank row: filtering would copy every column for nothing.
    return body.filter(~blank) if blank.any() else body


def _unnamed_columns_with_values(body: pl.DataFrame, unnamed: list[int]) -> list[Problem]:
    problems = []
    for i in unnamed:
        name = f"c{i}"
        if name not in body.columns:
            continue
        hits = body.filter(pl.col(name).is_not_null()).select(ROW, name).head(1)
        if hits.height:
            letter = column_letter(i)
            row, value = hits.row(0)
            problems.append(
                warning(
                    "unknown_column",
                    f"머리글이 없는 {letter}열에 값이 있습니다({row}행 등). 이 열은 무시합니다. "
                    "필요한 값이면 서식의 열로 옮기세요.",
                    f"Column {letter} has values but no header (row {row} and maybe others); it is ignored. Move "
                    "the values into a template column if they are needed.",
                    row=row,
                    column=None,
                    value=value,
                )
            )
    return problems


def _extra_values(body: pl.DataFrame, beyond: list[int]) -> list[Problem]:
    extra = [f"c{i}" for i in beyond]
    if not extra:
        return []
    rows = body.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in extra))
    found = rows.select(ROW, pl.concat_str([pl.col(c) for c in extra], separator=",", ignore_nulls=True))
    found = found.with_columns(pl.col(found.columns[1]).str.slice(0, MAX_VALUE_CHARS + 1))
    return [
        error(
            "extra_values",
            f"{row}행에 머리글보다 많은 값이 있습니다(넘친 값: '{shorten(value)}'). 쉼표(,)가 들어 있는 값은 "
            "큰따옴표(\")로 감싸거나, 엑셀에서 'CSV UTF-8'로 다시 저장하세요.",
            f"Row {row} has more values than the header (overflow: '{shorten(value)}'). Enclose values containing "
            "commas in double quotes, or save again from Excel as 'CSV UTF-8'.",
            row=row,
            value=value,
        )
        for row, value in found.iter_rows()
    ]


# ------------------------------------------------------------------------------------------------ XLSX
