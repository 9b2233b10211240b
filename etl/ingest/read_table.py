"""A submitted file (CSV or XLSX bytes) to a table of trimmed strings named by the contract.

`read_table` returns a frame whose columns are the contract's English names in contract order, all
String, followed by `_row`: the row number the user sees in a spreadsheet (the header is row 1). Values
are trimmed; empty cells and "-" are null; rows whose cells are all empty are dropped, and the numbering
of the rows after them is kept. Nothing is typed here: the validator parses and reports.

Problems found while reading (the file cannot be decoded, a required column is missing or appears twice)
come back as Problems with frame None. Unknown extra columns only earn a warning and are ignored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

import polars as pl

from etl.ingest import cp949_csv as cp949
from etl.ingest import limits
from etl.ingest import zip_guard as zipcheck
from etl.ingest.bytes_to_text import (
    UTF8_BOM,
    DecodeError,
    check_text_like,
    has_control_bytes,
    is_utf8,
    looks_like_utf8,
    sniff_kind,
    utf8_bytes,
)
from etl.ingest.contracts import DATASETS, Column, Dataset, Kind
from etl.ingest.parse_cells import clean, clean_columns
from etl.ingest.per_distinct import TextFunction, apply_all_by_distinct, apply_by_distinct
from etl.ingest.problems import MAX_VALUE_CHARS, Problem, error, shorten, warning

ROW = "_row"
# Nothing but an optional BOM and white space (matched without copying a large file).
_BLANK = re.compile(rb"(?:\xef\xbb\xbf)?\s*\Z")


class _Unreadable(Exception):
    """Raised inside the reader; becomes a file-level Problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message_en)
        self.problem = problem


@dataclass
class _Grid:
    """The file as the reader found it: header cells, then positional string columns c0, c1, … and _row."""

    header: list[str | None]
    body: pl.DataFrame
    # In a CSV, a value beyond the header's last field means an unquoted comma shifted the row: an
    # error. In a workbook it is only a column someone filled in without a header: a warning.
    overflow_is_error: bool = False
    notes: list[Problem] = field(default_factory=list)  # warnings about the file as a whole


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
        return None, [_empty_file()]
    try:
        grid = _read_xlsx(content, dataset) if sniff_kind(content) == "xlsx" else _read_csv(content)
    except DecodeError as exc:
        return None, [error(exc.rule, exc.message_ko, exc.message_en)]
    except _Unreadable as exc:
        return None, [exc.problem]
    return _to_contract(grid, dataset, values or {})


def _empty_file() -> Problem:
    return error(
        "empty_file",
        "파일이 비어 있습니다. 1행에 머리글, 2행부터 자료를 넣어 제출하세요.",
        "The file is empty. Put the header in row 1 and the data from row 2.",
    )


# ---------------------------------------------------------------------------------------------- headers


def _header_key(text: str) -> str:
    # Excel headers often carry a wrapped line or a stray space ("접수 일시"); English names any case.
    return "".join(text.split()).replace("_", "").casefold()


def _header_lookup(dataset: Dataset) -> dict[str, Column]:
    lookup: dict[str, Column] = {}
    for c in dataset.columns:
        lookup[_header_key(c.header_ko)] = c
        lookup[_header_key(c.name)] = c
    return lookup


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass
class _HeaderMap:
    positions: dict[str, int]  # contract column name → 0-based position in the file
    unnamed: list[int]  # positions whose header cell is empty
    problems: list[Problem]


def _map_header(header: list[str | None], dataset: Dataset) -> _HeaderMap:
    lookup = _header_lookup(dataset)
    positions: dict[str, int] = {}
    unnamed: list[int] = []
    problems: list[Problem] = []
    for i, raw in enumerate(header):
        text = (raw or "").strip()
        if not text:
            unnamed.append(i)
            continue
        column = lookup.get(_header_key(text))
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
    grid: _Grid, dataset: Dataset, values: Mapping[str, tuple[str, TextFunction]]
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
    # Each column's steps are serial, and polars lets go of the interpreter lock: a column per thread.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="read") as pool:
        by_text = {
            c: pool.submit(apply_all_by_distinct, body.get_column(c), [clean, f]) for c, (_, f) in wanted.items()
        }
        body = clean_columns(body, direct)
        done = {c: future.result() for c, future in by_text.items()}
    return body.with_columns(
        *(text.alias(c) for c, (text, _) in done.items()),
        *(value.alias(wanted[c][0]) for c, (_, value) in done.items()),
    )


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


# ------------------------------------------------------------------------------------------------- CSV


def _read_csv(content: bytes) -> _Grid:
    _check_csv_shape(content)
    return _read_utf8_csv(content) or _read_cp949_csv(content) or _read_csv_checked(content)


def _check_csv_shape(content: bytes) -> None:
    """What would make the parse itself costly or its complaint misleading, found with byte searches.

    The line count bounds the records (a quoted line break only makes it larger), and the first line's
    separators bound the header's columns, so both are checked before polars holds a byte of the table.
    """
    if content.startswith(UTF8_BOM * 2):
        raise _Unreadable(_double_bom())
    if b"\n" not in content and b"\r" in content.rstrip(b"\r"):
        raise _Unreadable(_cr_only())
    lines = content.count(b"\n")
    if lines - 1 > limits.limit(limits.MAX_ROWS_ENV):
        raise _Unreadable(limits.too_many_rows(lines - 1))
    end = content.find(b"\n")
    first = content if end < 0 else content[:end]
    separator = _separator(_head_text(first))
    columns = first.count(separator.encode()) + 1
    if columns > limits.limit(limits.MAX_COLUMNS_ENV):
        raise _Unreadable(limits.too_many_columns(columns))


def _double_bom() -> Problem:
    return error(
        "double_bom",
        "파일 맨 앞에 UTF-8 표시(BOM)가 두 번 들어 있어 첫 머리글을 읽을 수 없습니다. 메모장 등에서 "
        "'UTF-8'로 저장할 때 표시를 한 번 더 붙인 경우입니다. 엑셀에서 열어 'CSV UTF-8'로 다시 저장하세요.",
        "The file begins with the UTF-8 mark (BOM) twice, so its first header cannot be read: it was saved "
        "with the mark added once more. Open it in Excel and save it again as 'CSV UTF-8'.",
        row=1,
    )


def _cr_only() -> Problem:
    return error(
        "line_endings",
        "줄 끝이 CR 문자만으로 되어 있어(옛 Mac 형식) 행을 나눌 수 없습니다. 엑셀에서 열어 'CSV UTF-8'로 다시 "
        "저장하거나, 편집기에서 줄 끝을 CRLF 또는 LF로 바꿔 저장하세요.",
        "The lines end with a bare carriage return (CR, the old Mac format), so the rows cannot be told apart. "
        "Open the file in Excel and save it again as 'CSV UTF-8', or save it with CRLF or LF line ends.",
    )


def _read_utf8_csv(content: bytes) -> _Grid | None:
    """The common case at full speed: a well-formed UTF-8 CSV without control characters.

    Polars checks that every field is UTF-8 as it parses, and what lies between fields is ASCII
    (separators, quotes, line breaks), so a parse that succeeds proves the file UTF-8 as the byte by byte
    check of _read_csv_checked would. Anything else (another encoding, a control character, a malformed
    CSV) gives None, and _read_csv_checked reads the file again, deciding in its order which problem to
    report first.
    """
    check_text_like(content)
    if not looks_like_utf8(content):
        return None
    # The scan for control bytes (Python, holding the interpreter lock) runs while polars parses.
    with _threads(len(content)) as pool:
        parsing = pool.submit(_csv_grid, content)
        control = has_control_bytes(content)
        try:
            grid = parsing.result()
        except _Malformed:
            return None
    return None if control else grid


# From this size on, a file's independent steps run in threads; below it, threads cost more than they save.
THREADS_FROM_BYTES = 1 << 20


def _threads(size: int) -> Executor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="read") if size >= THREADS_FROM_BYTES else _InLine()


_T = TypeVar("_T")


class _InLine(Executor):
    """Runs each task at once, in the calling thread."""

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        done: Future[_T] = Future()
        try:
            done.set_result(fn(*args, **kwargs))
        except Exception as exc:
            done.set_exception(exc)
        return done


def _read_cp949_csv(content: bytes) -> _Grid | None:
    """A CP949 CSV (Excel's plain "CSV" on Korean Windows) read without decoding the whole file in Python
    (etl.ingest.cp949_csv). None when the file is UTF-8 after all, holds a control character, is not a well-formed
    CSV or has a byte that is not CP949: _read_csv_checked then reads it and says which problem it has.
    """
    check_text_like(content)
    if is_utf8(content):
        return None
    prefix = cp949.prefix_as_utf8(content)
    if prefix is None:
        return None
    head = _head_text(prefix)
    separator = _separator(head)
    header = _first_record(head, separator)
    text = cp949.as_latin1_utf8(content)
    with _threads(len(content)) as pool:
        parsing = pool.submit(_parse_csv, text, separator, max(len(header), 1))
        # Control bytes are never part of a CP949 character: the file has one exactly when its text does.
        control = has_control_bytes(content)
        try:
            raw = parsing.result()
            if control:
                return None
            # The header row apart: its Hangul would make every column look like one of distinct values.
            first = _from_cp949(raw.head(1), pool)
            rest = _from_cp949(raw.slice(1), pool)
        except (_Malformed, UnicodeDecodeError):
            return None
    return _grid(pl.concat([first, rest]), header)


def _from_cp949(frame: pl.DataFrame, pool: Executor) -> pl.DataFrame:
    return frame.with_columns(pool.map(cp949.decode_column, frame.get_columns()))


def _read_csv_checked(content: bytes) -> _Grid:
    # UTF-8 bytes go to polars as they are (it drops the BOM itself); only the head is decoded here.
    data, _encoding = utf8_bytes(content)
    try:
        return _csv_grid(data)
    except _Malformed as exc:
        raise _Unreadable(_csv_format(data.decode("utf-8").removeprefix("\ufeff"), exc.separator)) from exc


class _Malformed(Exception):
    """Polars refused the CSV (or, on the fast path, its encoding)."""

    def __init__(self, separator: str) -> None:
        super().__init__(separator)
        self.separator = separator


def _csv_grid(data: bytes) -> _Grid:
    head = _head_text(data)
    separator = _separator(head)
    header = _first_record(head, separator)
    # As wide as the header: a row with more values makes the parser read the file again, wider.
    return _grid(_parse_csv(data, separator, width=max(len(header), 1)), header)


def _grid(raw: pl.DataFrame, header: list[str]) -> _Grid:
    # One chunk per column from the start: the columns built later are whole, and polars would otherwise
    # copy the parser's pieces together at the first step that needs them aligned.
    body = raw.rechunk().with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64)).slice(1)
    return _Grid(header=list(header), body=body, overflow_is_error=True)


def _head_text(data: bytes, size: int = 1 << 16) -> str:
    # Enough for any header row; a character cut at the end of the slice is dropped.
    return data[:size].decode("utf-8", errors="ignore").removeprefix("\ufeff")


def _separator(text: str) -> str:
    # Comma, unless the first line is clearly tab-separated (Excel "텍스트(탭으로 분리)").
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    return "\t" if "," not in first and "\t" in first else ","


def _first_record(text: str, separator: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=separator), [])
    except csv.Error:
        return []


def _parse_csv(data: bytes, separator: str, width: int) -> pl.DataFrame:
    """Every field as String, no type inference; columns c0, c1, … as wide as the widest row."""
    while True:
        schema = {f"c{i}": pl.String for i in range(width)}
        try:
            return pl.read_csv(
                data,
                has_header=False,
                separator=separator,
                schema=schema,
                missing_columns="insert",
                raise_if_empty=False,
            )
        except pl.exceptions.PolarsError as exc:
            # A row wider than `width`: read again wider, so that the overflow can be reported by row.
            cap = limits.limit(limits.MAX_COLUMNS_ENV)
            if "more fields" not in str(exc) or width > cap:
                raise _Malformed(separator) from exc
            width = min(width * 4, cap + 1)  # one more than the cap: a row that fills it is too wide


def _csv_format(text: str, separator: str) -> Problem:
    row, width = _first_malformed_record(text, separator)
    if width:  # not a quote: a record wider than any table we read
        return limits.too_many_columns(width, row=row or 1)
    where_ko = f"{row}행 근처에서 " if row else ""
    where_en = f" near row {row}" if row else ""
    return error(
        "csv_format",
        f'CSV 형식이 잘못되었습니다: {where_ko}큰따옴표(")가 짝이 맞지 않습니다. 값 안의 큰따옴표는 '
        "두 번(\"\") 쓰고 값 전체를 큰따옴표로 감싸거나, 엑셀에서 'CSV UTF-8'로 다시 저장하세요.",
        f"The CSV is malformed: unbalanced double quotes{where_en}. Double any quote inside a value "
        "(\"\") and enclose the value in quotes, or save again from Excel as 'CSV UTF-8'.",
        row=row,
    )


def _first_malformed_record(text: str, separator: str) -> tuple[int | None, int]:
    """The spreadsheet row of the first record with a stray quote, or with more fields than the column
    bound (then with its width; otherwise 0), found with the standard csv module.

    Only called once polars has refused the file, so speed does not matter here; an odd number of quote
    characters in a record's raw text, or the csv module's strict error, marks the record.
    """
    cap = limits.limit(limits.MAX_COLUMNS_ENV)
    lines: list[str] = []

    def feed() -> Iterable[str]:
        for line in io.StringIO(text, newline=""):
            lines.append(line)
            yield line

    reader = csv.reader(feed(), delimiter=separator, strict=True)
    record = 0
    while True:
        record += 1
        lines.clear()
        try:
            fields = next(reader, None)
        except csv.Error:
            return record, 0
        if fields is None:
            return None, 0
        if "".join(lines).count('"') % 2:
            return record, 0
        if len(fields) > cap:
            return record, len(fields)


# ------------------------------------------------------------------------------------------------ XLSX


def _read_xlsx(content: bytes, dataset: Dataset) -> _Grid:
    import openpyxl  # only when a workbook arrives: it is slow to import

    # The ZIP first (sizes, ratios, used range, longest string, links): openpyxl would build a bomb whole.
    found = zipcheck.check_workbook(content)
    for problem in found:
        if problem.is_error:
            raise _Unreadable(problem)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise _Unreadable(
            error(
                "file_format",
                "엑셀 파일을 열 수 없습니다(손상되었거나 지원하지 않는 형식). 엑셀에서 '.xlsx'로 다시 저장하세요.",
                f"The Excel file cannot be opened (damaged or unsupported: {type(exc).__name__}). "
                "Save it again from Excel as '.xlsx'.",
            )
        ) from exc
    try:
        sheet = _pick_sheet(book, dataset)
        # Some writers record wrong sheet dimensions; without this, read-only mode would cut rows off.
        sheet.reset_dimensions()
        grid = _sheet_grid(sheet.iter_rows(), dataset)
    finally:
        book.close()
    grid.notes = found
    return grid


def _pick_sheet(book, dataset: Dataset):  # openpyxl has no type hints
    wanted = {_header_key(n) for n in (dataset.name, dataset.title_ko, dataset.title_en)}
    for sheet in book.worksheets:
        if _header_key(sheet.title) in wanted:
            return sheet
    if not book.worksheets:
        raise _Unreadable(_empty_file())
    return book.worksheets[0]


def _sheet_grid(rows: Iterable, dataset: Dataset) -> _Grid:
    rows = iter(rows)
    header_cells = next(rows, None)
    if header_cells is None:
        raise _Unreadable(_empty_file())
    bounds = _Bounds()
    header = bounds.checked(1, [_cell_text(c, None) for c in bounds.width(1, header_cells)])
    kinds = _kinds_by_position(header, dataset)
    columns: list[list[str | None]] = [[] for _ in header]
    numbers: list[int] = []
    for number, cells in enumerate(rows, start=2):
        if number - 1 > bounds.rows:
            raise _Unreadable(limits.too_many_rows(number - 1, at_least=True))
        values = [_cell_text(c, kinds(i)) for i, c in enumerate(bounds.width(number, cells))]
        _append_row(columns, bounds.checked(number, values), len(numbers))
        numbers.append(number)
    data = {f"c{i}": pl.Series(values, dtype=pl.String) for i, values in enumerate(columns)}
    body = pl.DataFrame(data).with_columns(pl.Series(ROW, numbers, dtype=pl.Int64))
    return _Grid(header=header, body=body)


class _Bounds:
    """The row, column and cell bounds (etl.ingest.limits), read once per sheet and checked as its rows arrive:
    the ZIP check trusts the declared used range, which a writer may leave out."""

    def __init__(self) -> None:
        self.rows = limits.limit(limits.MAX_ROWS_ENV)
        self.columns = limits.limit(limits.MAX_COLUMNS_ENV)
        self.chars = limits.limit(limits.MAX_CELL_CHARS_ENV)

    def width(self, number: int, cells: tuple) -> tuple:
        if len(cells) > self.columns:
            raise _Unreadable(limits.too_many_columns(len(cells), row=number))
        return cells

    def checked(self, number: int, values: list[str | None]) -> list[str | None]:
        for i, value in enumerate(values):
            if value is not None and len(value) > self.chars:
                cell = f"{column_letter(i)}{number}"
                where_ko, where_en = f"{cell} 셀의 ", f" in cell {cell}"
                raise _Unreadable(limits.cell_too_long(len(value), where_ko=where_ko, where_en=where_en, row=number))
        return values


def _append_row(columns: list[list[str | None]], values: list[str | None], rows_before: int) -> None:
    # A row longer than any before it opens new columns, filled with None for the rows above.
    while len(columns) < len(values):
        columns.append([None] * rows_before)
    for i, column in enumerate(columns):
        column.append(values[i] if i < len(values) else None)


def _kinds_by_position(header: list[str | None], dataset: Dataset) -> Callable[[int], Kind | None]:
    lookup = _header_lookup(dataset)
    kinds: dict[int, Kind] = {}
    for i, text in enumerate(header):
        column = lookup.get(_header_key(text or ""))
        if column is not None:
            kinds.setdefault(i, column.kind)
    return kinds.get


def _cell_text(cell: object, kind: Kind | None) -> str | None:
    """A cell as the text an agency would have typed: dates in ISO form, 12 not 12.0, 85.5% not 0.855."""
    value = getattr(cell, "value", None)
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return _datetime_text(value, kind)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value, "%" in str(getattr(cell, "number_format", "") or ""))
    return str(value)


def _datetime_text(value: dt.datetime, kind: Kind | None) -> str:
    # Excel stores a date as a datetime at midnight: write it back as a date unless a time is expected.
    if kind != "datetime" and value.time() == dt.time(0, 0):
        return value.date().isoformat()
    return value.replace(microsecond=0).isoformat(sep=" ")


def _float_text(value: float, percent: bool) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    # repr gives the shortest text that reads back as the same float (0.1, not 0.1000000000000000055).
    number = Decimal(repr(value))
    if percent:
        number *= 100
    text = _decimal_text(number)
    return text + "%" if percent else text


def _decimal_text(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")
