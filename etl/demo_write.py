"""Writing a demo table as an agency would: its CSV dialect and encoding, or an XLSX workbook, and its file name."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import date

from etl.contracts import Dataset
from etl.demo_base import FIXED_TIMESTAMP, Style, Table, _Agency, _Context, _rng

# ------------------------------------------------------------------------------------------------- writing


def _date_text(style: Style, d: date) -> str:
    y, m, dd = d.year, d.month, d.day
    if style.date_style == "slash":
        return f"{y}/{m:02d}/{dd:02d}"
    if style.date_style == "dots":
        return f"{y}.{m:02d}.{dd:02d}"
    if style.date_style == "gongmun":
        return f"{y}. {m}. {dd}."
    if style.date_style == "compact":
        return f"{y}{m:02d}{dd:02d}"
    return f"{y}-{m:02d}-{dd:02d}"


def _month_text(style: Style, d: date) -> str:
    return {
        "compact": f"{d.year}{d.month:02d}",
        "dots": f"{d.year}.{d.month:02d}",
        "korean": f"{d.year}년 {d.month}월",
    }.get(style.month_style, f"{d.year}-{d.month:02d}")


def _number_text(style: Style, value: float | int, unit: str | None = None) -> str:
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,}" if style.thousands else repr(value)
    else:
        text = f"{int(value):,}" if style.thousands else str(int(value))
    return text + "%" if unit == "%" and style.percent_sign else text


def _formatter(style: Style, kind: str) -> Callable[[object], str]:
    if kind == "datetime":
        clock = "%H:%M:%S" if style.seconds else "%H:%M"
        return lambda v: f"{_date_text(style, v)} {v.strftime(clock)}"  # type: ignore[arg-type,attr-defined]
    if kind == "date":
        return lambda v: _date_text(style, v)  # type: ignore[arg-type]
    if kind == "month":
        return lambda v: _month_text(style, v)  # type: ignore[arg-type]
    if kind in ("int", "number"):
        return lambda v: _number_text(style, v)  # type: ignore[arg-type]
    return str


def _columns(ctx: _Context, dataset: Dataset, agency: _Agency, table: Table) -> list[str]:
    """Columns in the order this agency writes them, without optional ones it leaves out."""
    names = [
        c.name
        for c in dataset.columns
        if c.required or not agency.style.omit_optional or any(v is not None for v in table[c.name])
    ]
    if agency.style.shuffle_columns:
        order = _rng(ctx.seed, "order", agency.code, dataset.name).permutation(len(names)).tolist()
        names = [names[i] for i in order]
    return names


def _header(dataset: Dataset, agency: _Agency, names: list[str]) -> list[str]:
    cells = [n if agency.style.english else dataset.column(n).header_ko for n in names]
    return [f" {c} " for c in cells] if agency.style.padded_header else cells


def _csv_bytes(ctx: _Context, dataset: Dataset, agency: _Agency, table: Table) -> bytes:
    style = agency.style
    names = _columns(ctx, dataset, agency, table)
    columns = []
    for name in names:
        fmt = _formatter(style, dataset.column(name).kind)
        values = table[name]
        if name == "value" and "_unit" in table:
            columns.append([_number_text(style, v, u) for v, u in zip(values, table["_unit"], strict=True)])
        else:
            columns.append([style.empty if v is None else fmt(v) for v in values])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=style.newline)
    writer.writerow(_header(dataset, agency, names))
    writer.writerows(zip(*columns, strict=True))
    if style.trailing_blank:
        out.write(style.newline)
    return out.getvalue().encode(style.encoding)


def _xlsx_bytes(ctx: _Context, dataset: Dataset, agency: _Agency, table: Table) -> bytes:
    """A workbook as Excel would save it: typed cells (dates as dates), the data on the first sheet."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    names = _columns(ctx, dataset, agency, table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(dataset.title_ko.replace(" ", ""))
    sheet.append(_header(dataset, agency, names))
    month_columns = {n for n in names if dataset.column(n).kind == "month"}
    for row in zip(*(table[n] for n in names), strict=True):
        sheet.append(
            [_month_text(agency.style, v) if n in month_columns else v for n, v in zip(names, row, strict=True)]
        )
    workbook.properties.creator = "govdash demo"
    # Fixed properties and zip entry times: the same workbook gives the same bytes on every run.
    workbook.properties.created = workbook.properties.modified = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, _FixedTimeZip(archive)).write_data()
    return buffer.getvalue()


class _FixedTimeZip:
    """Passes writes to a ZipFile with a fixed entry time (zipfile stamps the current time otherwise)."""

    def __init__(self, archive: zipfile.ZipFile):
        self._archive = archive

    def writestr(self, name, data, *args, **kwargs):
        info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
        info.date_time = (1980, 1, 1, 0, 0, 0)
        info.compress_type = zipfile.ZIP_DEFLATED
        return self._archive.writestr(info, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):  # write-only sheets arrive as temporary files
        with open(filename, "rb") as handle:
            return self.writestr(arcname or filename, handle.read())

    def __getattr__(self, attr):
        return getattr(self._archive, attr)


def _filename(dataset: Dataset, agency: _Agency, month: date) -> str:
    ext = "xlsx" if agency.style.xlsx else "csv"
    yyyymm = f"{month.year}{month.month:02d}"
    if agency.style.filename_style == 1:
        title = dataset.title_ko.replace(" ", "")
        return f"{agency.name_ko}_{title}_{month.year}년{month.month:02d}월_{agency.code}.{ext}"
    if agency.style.filename_style == 2:
        return f"{yyyymm}_{dataset.title_ko.replace(' ', '')}_{agency.code}.{ext}"
    return f"{agency.code}_{dataset.name}_{yyyymm}.{ext}"
