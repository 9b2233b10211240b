"""An XLSX workbook to a grid of strings: the sheet named for the dataset (or the first), each cell as the text an
agency would have typed (dates in ISO form, 12 not 12.0, 85.5% not 0.855), within the row, column and cell
bounds (etl/ingest/limits.py); its ZIP is looked at before openpyxl opens it (etl/ingest/zip_guard.py)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from decimal import Decimal

import polars as pl

from etl.ingest import limits
from etl.ingest import zip_guard as zipcheck
from etl.ingest.contracts import Dataset, Kind
from etl.ingest.problems import error
from etl.ingest.read_grid import ROW, Grid, Unreadable, column_letter, empty_file, header_key, header_lookup


def read_xlsx(content: bytes, dataset: Dataset) -> Grid:
    import openpyxl  # only when a workbook arrives: it is slow to import

    # The ZIP first (sizes, ratios, used range, longest string, links): openpyxl would build a bomb whole.
    found = zipcheck.check_workbook(content)
    for problem in found:
        if problem.is_error:
            raise Unreadable(problem)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise Unreadable(
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
    wanted = {header_key(n) for n in (dataset.name, dataset.title_ko, dataset.title_en)}
    for sheet in book.worksheets:
        if header_key(sheet.title) in wanted:
            return sheet
    if not book.worksheets:
        raise Unreadable(empty_file())
    return book.worksheets[0]


def _sheet_grid(rows: Iterable, dataset: Dataset) -> Grid:
    rows = iter(rows)
    header_cells = next(rows, None)
    if header_cells is None:
        raise Unreadable(empty_file())
    bounds = _Bounds()
    header = bounds.checked(1, [_cell_text(c, None) for c in bounds.width(1, header_cells)])
    kinds = _kinds_by_position(header, dataset)
    columns: list[list[str | None]] = [[] for _ in header]
    numbers: list[int] = []
    for number, cells in enumerate(rows, start=2):
        if number - 1 > bounds.rows:
            raise Unreadable(limits.too_many_rows(number - 1, at_least=True))
        values = [_cell_text(c, kinds(i)) for i, c in enumerate(bounds.width(number, cells))]
        _append_row(columns, bounds.checked(number, values), len(numbers))
        numbers.append(number)
    data = {f"c{i}": pl.Series(values, dtype=pl.String) for i, values in enumerate(columns)}
    body = pl.DataFrame(data).with_columns(pl.Series(ROW, numbers, dtype=pl.Int64))
    return Grid(header=header, body=body)


class _Bounds:
    """The row, column and cell bounds (etl.ingest.limits), read once per sheet and checked as its rows arrive:
    the ZIP check trusts the declared used range, which a writer may leave out."""

    def __init__(self) -> None:
        self.rows = limits.limit(limits.MAX_ROWS_ENV)
        self.columns = limits.limit(limits.MAX_COLUMNS_ENV)
        self.chars = limits.limit(limits.MAX_CELL_CHARS_ENV)

    def width(self, number: int, cells: tuple) -> tuple:
        if len(cells) > self.columns:
            raise Unreadable(limits.too_many_columns(len(cells), row=number))
        return cells

    def checked(self, number: int, values: list[str | None]) -> list[str | None]:
        for i, value in enumerate(values):
            if value is not None and len(value) > self.chars:
                cell = f"{column_letter(i)}{number}"
                where_ko, where_en = f"{cell} 셀의 ", f" in cell {cell}"
                raise Unreadable(limits.cell_too_long(len(value), where_ko=where_ko, where_en=where_en, row=number))
        return values


def _append_row(columns: list[list[str | None]], values: list[str | None], rows_before: int) -> None:
    # A row longer than any before it opens new columns, filled with None for the rows above.
    while len(columns) < len(values):
        columns.append([None] * rows_before)
    for i, column in enumerate(columns):
        column.append(values[i] if i < len(values) else None)


def _kinds_by_position(header: list[str | None], dataset: Dataset) -> Callable[[int], Kind | None]:
    lookup = header_lookup(dataset)
    kinds: dict[int, Kind] = {}
    for i, text in enumerate(header):
        column = lookup.get(header_key(text or ""))
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
