"""The XLSX data annex: a sheet per part (summary, tasks, KPIs, KPIs by month, KPIs by agency, off-track
notes, submissions, definitions), numbers as numbers with number formats, frozen headers, filters, native
charts. Workbook times come from the snapshot's build time, so the same report gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from metrics import display
from metrics.kst import kst_naive_to_utc
from reports.model import Report
from reports.safe import cell_value
from reports.summary import summary_lines
from reports.tables import Column, Table, all_tables, meta_rows, shown, shown_achievement, status_word

NUMBER_FORMATS = {
    "pct": "#,##0.0",
    "bounded": "#,##0.0",
    "pp": "+#,##0.0;-#,##0.0;0.0",
    "int": "#,##0",
    "month": "yyyy-mm",
}
NUMBER_FORMATS |= {"bounded": "#,##0.0", "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm"}
STATUS_FILL = {"on_track": "#D9F2EA", "watch": "#FBECD1", "off_track": "#F7DCCF", "no_data": "#EEEEEE"}


def unit_format(unit: str) -> str:
    return "#,##0.00" if unit == "일" else ("#,##0.0" if unit in ("%", "분", "단계") else "#,##0")


class _Formats:
    """xlsxwriter formats are workbook objects: make each one once."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.cache: dict[tuple, object] = {}
        self.header = book.add_format({"bold": True, "bg_color": "#DDE3EA", "border": 1, "text_wrap": True})
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.text = book.add_format({"text_wrap": False})

    def get(self, num_format: str | None = None, fill: str | None = None) -> object:
        key = (num_format, fill)
        if key not in self.cache:
            props: dict[str, object] = {}
            if num_format:
                props["num_format"] = num_format
            if fill:
                props["bg_color"] = fill
            self.cache[key] = self.book.add_format(props)
        return self.cache[key]


def write_table(sheet: Worksheet, fmt: _Formats, table: Table, lang: str, first_row: int = 0) -> int:
    """Header at first_row, rows below, filter over the range, header frozen; returns the last row index."""
    for j, col in enumerate(table.columns):
        sheet.write_string(first_row, j, cell_value(col.header), fmt.header)
        sheet.set_column(j, j, col.width)
    for i, row in enumerate(table.rows, start=first_row + 1):
        for j, col in enumerate(table.columns):
            _write_cell(sheet, fmt, i, j, row, col, lang, table.boundaries)
    last = first_row + len(table.rows)
    sheet.autofilter(first_row, 0, max(last, first_row), len(table.columns) - 1)
    sheet.freeze_panes(first_row + 1, 0)
    return last


def _write_cell(
    sheet: Worksheet, fmt: _Formats, i: int, j: int, row: dict, col: Column, lang: str, boundaries: tuple[float, ...]
) -> None:
    """A number is written as the sheet shows it (tables.shown): a number format would round 99.96 up to 100.0."""
    value, kind = row.get(col.key), col.kind
    if value is None:
        sheet.write_blank(i, j, None)
    elif kind == "status":
        sheet.write_string(i, j, cell_value(status_word(str(value), lang)), fmt.get(fill=STATUS_FILL.get(str(value))))
    elif kind in ("value", "actual"):
        sheet.write_number(i, j, shown(value, kind, row, boundaries), fmt.get(unit_format(row.get("unit", ""))))
    elif kind in ("month", "date", "datetime"):
        sheet.write_datetime(i, j, value, fmt.get(NUMBER_FORMATS[kind]))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(i, j, shown(value, kind, row, boundaries), fmt.get(NUMBER_FORMATS.get(kind)))
    else:
        sheet.write_string(i, j, cell_value(str(value)))


def build_xlsx(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties(
        {
            "title": report.t("title"),
            "subject": f"snapshot {report.snapshot_id}; catalog {report.catalog_version}",
            "author": report.t("issuer"),
            "company": report.t("issuer"),
            "comments": f"snapshot={report.snapshot_id} catalog={report.catalog_version} "
            f"digest={report.catalog_digest} reference={report.reference_digest} options={report.options.slug}",
            # Fixed from the snapshot: the same report is the same bytes.
            "created": kst_naive_to_utc(report.built_at),
        }
    )
    fmt = _Formats(book)
    tables = {t.key: t for t in all_tables(report)}
    for key, table in tables.items():
        sheet = book.add_worksheet(report.t(f"sheet_{key}"))
        last = write_table(sheet, fmt, table, report.lang)
        if key == "summary":
            _summary_extras(book, sheet, fmt, report, table, last)
        elif key == "tasks":
            _bar_chart(book, sheet, table, report.t("scorecard"), first=1, last=last, anchor="K2")
        elif key == "definitions":
            _meta(sheet, fmt, report, last + 2)
    book.close()
    return path


def _col(table: Table, key: str) -> int:
    return [c.key for c in table.columns].index(key)


def _bar_chart(book: Workbook, sheet: Worksheet, table: Table, title: str, first: int, last: int, anchor: str) -> None:
    if last < first:
        return
    name = sheet.get_name()
    chart = book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": title,
            "categories": [name, first, _col(table, "code"), last, _col(table, "code")],
            "values": [name, first, _col(table, "achievement"), last, _col(table, "achievement")],
            "data_labels": {"value": True, "num_format": "0.0"},
            "fill": {"color": "#0072B2"},
        }
    )
    chart.set_title({"name": title})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"min": 0, "num_format": "0"})
    chart.set_size({"width": 620, "height": 420})
    sheet.insert_chart(anchor, chart)


def _summary_extras(book: Workbook, sheet: Worksheet, fmt: _Formats, report: Report, table: Table, last: int) -> None:
    _bar_chart(book, sheet, table, report.t("chart_strategies"), first=2, last=last, anchor="K2")
    row = last + 2
    sheet.write_string(row, 0, report.t("overall_trend"), fmt.title)
    sheet.write_string(row + 1, 0, report.t("c_month"), fmt.header)
    sheet.write_string(row + 1, 1, report.t("c_overall"), fmt.header)
    months = report.months
    for i, month in enumerate(months, start=row + 2):
        sheet.write_datetime(i, 0, month, fmt.get("yyyy-mm"))
        overall = report.overall(month)
        if overall and overall["achievement"] is not None:
            sheet.write_number(i, 1, shown_achievement(report, overall["achievement"]), fmt.get("#,##0.0"))
    end = row + 1 + len(months)
    name = sheet.get_name()
    chart = book.add_chart({"type": "line"})
    chart.add_series(
        {
            "name": report.t("c_overall"),
            "categories": [name, row + 2, 0, end, 0],
            "values": [name, row + 2, 1, end, 1],
            "marker": {"type": "circle"},
            "line": {"color": "#0072B2"},
        }
    )
    chart.set_title({"name": report.t("overall_trend")})
    chart.set_legend({"none": True})
    chart.set_x_axis({"date_axis": True, "num_format": "yyyy-mm"})
    chart.set_size({"width": 620, "height": 320})
    sheet.insert_chart("K24", chart)
    row = end + 2
    for line in summary_lines(report):
        sheet.write_string(row, 0, cell_value(line.render()))
        row += 1


def _meta(sheet: Worksheet, fmt: _Formats, report: Report, row: int) -> None:
    for i, (key, value) in enumerate(meta_rows(report)):
        sheet.write_string(row + i, 0, cell_value(key), fmt.header if key else fmt.text)
        sheet.write_string(row + i, 1, cell_value(value))
    sheet.write_string(row + len(meta_rows(report)), 0, display.date_label(report.generated_at, report.lang))
