"""A CSV file (UTF-8 or CP949, comma, semicolon or tab) to a grid of strings, or the precise refusal: an
unreadable encoding, a double BOM, lone carriage returns, a record with more or fewer fields than the header
(found and named by its line). Large files are decoded in threads (etl/ingest/cp949_csv.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, TypeVar

import polars as pl

from etl.ingest import cp949_csv as cp949
from etl.ingest import limits
from etl.ingest.bytes_to_text import (
    UTF8_BOM,
    check_text_like,
    has_control_bytes,
    is_utf8,
    looks_like_utf8,
    utf8_bytes,
)
from etl.ingest.problems import Problem, error
from etl.ingest.read_grid import ROW, Grid, Unreadable

# From this size on, a file's independent steps run in threads; below it, threads cost more than they save.
THREADS_FROM_BYTES = 1 << 20
_T = TypeVar("_T")


def read_csv(content: bytes) -> Grid:
    _check_csv_shape(content)
    return _read_utf8_csv(content) or _read_cp949_csv(content) or _read_csv_checked(content)


def _check_csv_shape(content: bytes) -> None:
    """What would make the parse itself costly or its complaint misleading, found with byte searches.

    The line count bounds the records (a quoted line break only makes it larger), and the first line's
    separators bound the header's columns, so both are checked before polars holds a byte of the table.
    """
    if content.startswith(UTF8_BOM * 2):
        raise Unreadable(_double_bom())
    if b"\n" not in content and b"\r" in content.rstrip(b"\r"):
        raise Unreadable(_cr_only())
    lines = content.count(b"\n")
    if lines - 1 > limits.limit(limits.MAX_ROWS_ENV):
        raise Unreadable(limits.too_many_rows(lines - 1))
    end = content.find(b"\n")
    first = content if end < 0 else content[:end]
    separator = _separator(_head_text(first))
    columns = first.count(separator.encode()) + 1
    if columns > limits.limit(limits.MAX_COLUMNS_ENV):
        raise Unreadable(limits.too_many_columns(columns))


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


def _read_utf8_csv(content: bytes) -> Grid | None:
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


def _threads(size: int) -> Executor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="read") if size >= THREADS_FROM_BYTES else _InLine()


class _InLine(Executor):
    """Runs each task at once, in the calling thread."""

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        done: Future[_T] = Future()
        try:
            done.set_result(fn(*args, **kwargs))
        except Exception as exc:
            done.set_exception(exc)
        return done


def _read_cp949_csv(content: bytes) -> Grid | None:
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


def _read_csv_checked(content: bytes) -> Grid:
    # UTF-8 bytes go to polars as they are (it drops the BOM itself); only the head is decoded here.
    data, _encoding = utf8_bytes(content)
    try:
        return _csv_grid(data)
    except _Malformed as exc:
        raise Unreadable(_csv_format(data.decode("utf-8").removeprefix("\ufeff"), exc.separator)) from exc


class _Malformed(Exception):
    """Polars refused the CSV (or, on the fast path, its encoding)."""

    def __init__(self, separator: str) -> None:
        super().__init__(separator)
        self.separator = separator


def _csv_grid(data: bytes) -> Grid:
    head = _head_text(data)
    separator = _separator(head)
    header = _first_record(head, separator)
    # As wide as the header: a row with more values makes the parser read the file again, wider.
    return _grid(_parse_csv(data, separator, width=max(len(header), 1)), header)


def _grid(raw: pl.DataFrame, header: list[str]) -> Grid:
    # One chunk per column from the start: the columns built later are whole, and polars would otherwise
    # copy the parser's pieces together at the first step that needs them aligned.
    body = raw.rechunk().with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64)).slice(1)
    return Grid(header=list(header), body=body, overflow_is_error=True)


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
