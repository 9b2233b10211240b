"""The XLSX data annex: a sheet per part (summary, tasks, KPIs, KPIs by month, KPIs by agency, off-track
notes, submissions, definitions), numbers as numbers with number formats, frozen headers, filters, native
charts. Workbook times come from the snapshot's build time, so the same report gives the same bytes.

Every sheet prints on A4 landscape, one page wide, its header row repeated, the sheet name and snapshot id in
the page header and the page number in the footer (reports/xlsx_print.py); each chart sits on a chart sheet
of its own after the sheet it draws, so it prints whole on one page. Status is an icon, a word and a colour."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
from xlsxwriter.chart import Chart
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from metrics import display
from metrics.kst import kst_naive_to_utc
from reports.definitions import definition_table
from reports.model import Report
from reports.summary import summary_lines
from reports.table_cells import Column, Table, shown, shown_achievement
from reports.tables import all_tables, meta_rows
from reports.xlsx_print import chart_sheet, print_setup, text

NUMBER_FORMATS = {
    "pct": "#,##0.0",
    "bounded": "#,##0.0",
    "pp": "+#,##0.0;-#,##0.0;0.0",
    "int": "#,##0",
    "month": "yyyy-mm",
}
NUMBER_FORMATS |= {"bounded": "#,##0.0", "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm"}
WRAP_WIDTH = 30  # text columns this wide (names, notes, definitions) wrap instead of running off the page
STATUS_FILL = {"on_track": "#D9F2EA", "watch": "#FBECD1", "off_track": "#F7DCCF", "no_data": "#EEEEEE"}


def unit_format(unit: str) -> str:
    """The number format of a KPI value: the decimals the one number rule gives its unit (reports.numbers)."""
    places = display.decimals(unit)
    return "#,##0" + ("." + "0" * places if places else "")


class _Formats:
    """xlsxwriter formats are workbook objects: make each one once."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.cache: dict[tuple, object] = {}
        self.header = book.add_format({"bold": True, "bg_color": "#DDE3EA", "border": 1, "text_wrap": True})
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.text = book.add_format({"text_wrap": False})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        # a text cell starting with = + - @ is shown as typed, and stays text when edited (reports/xlsx_print.text)
        self.quoted = book.add_format({"quote_prefix": True})
        self.quoted_wrap = book.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"})

    def get(
        self, num_format: str | None = None, fill: str | None = None, color: str | None = None, bold: bool = False
    ) -> object:
        key = (num_format, fill, color, bold)
        if key not in self.cache:
            props: dict[str, object] = {}
            if num_format:
                props["num_format"] = num_format
            if fill:
                props["bg_color"] = fill
            if color:
                props["font_color"] = color
            if bold:
                props["bold"] = True
            self.cache[key] = self.book.add_format(props)
        return self.cache[key]


def write_table(sheet: Worksheet, fmt: _Formats, table: Table, lang: str, first_row: int = 0) -> int:
    """Header at first_row, rows below, filter over the range, header frozen; returns the last row index."""
    sheet.set_row(first_row, 32)  # two lines: a header such as "전기 달성률(%)" wraps in its column
    for j, col in enumerate(table.columns):
        text(sheet, first_row, j, col.header, fmt.header)
        sheet.set_column(j, j, col.width, fmt.wrap if col.width >= WRAP_WIDTH and col.kind == "text" else None)
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
    """A number is written as the sheet shows it (table_cells.shown): a number format would round 99.96 up to 100.0."""
    value, kind = row.get(col.key), col.kind
    if value is None:
        sheet.write_blank(i, j, None)
    elif kind == "status":
        # icon, word and colour: never colour alone (the dashboard's metrics.display words and icons)
        status = str(value)
        icon = fmt.get(color=display.STATUS_COLOR.get(status), bold=True)
        word = display.STATUS_WORD[lang].get(status, status)
        sheet.write_rich_string(
            i, j, icon, display.STATUS_ICON.get(status, "–"), f" {word}", fmt.get(fill=STATUS_FILL.get(status))
        )
    elif kind in ("value", "actual"):
        sheet.write_number(i, j, shown(value, kind, row, boundaries), fmt.get(unit_format(row.get("unit", ""))))
    elif kind in ("month", "date", "datetime"):
        sheet.write_datetime(i, j, value, fmt.get(NUMBER_FORMATS[kind]))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(i, j, shown(value, kind, row, boundaries), fmt.get(NUMBER_FORMATS.get(kind)))
    else:
        if col.text_kind == "unit":  # a KPI's unit in the report's language, as every text format writes it
            value = display.unit_label(str(value), lang)
        wide = col.width >= WRAP_WIDTH
        text(sheet, i, j, str(value), fmt.wrap if wide else None, fmt.quoted_wrap if wide else fmt.quoted)


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
    # the definitions in words (reports/definitions.py) instead of the ids the CSV keeps
    tables = {t.key: t for t in all_tables(report)} | {"definitions": definition_table(report)}
    for key, table in tables.items():
        sheet = book.add_worksheet(report.t(f"sheet_{key}"))
        last = write_table(sheet, fmt, table, report.lang)
        charts: list[tuple[str, Chart | None]] = []
        if key == "summary":
            charts = _summary_extras(book, sheet, fmt, report, table, last)
        elif key == "tasks":
            charts = [("sheet_chart_tasks", _bar_chart(book, sheet, table, report.t("scorecard"), 1, last))]
        elif key == "definitions":
            _meta(sheet, fmt, report, last + 2)
        print_setup(sheet, report, header_rows=1)
        # each chart on a chart sheet of its own: it prints whole, on one landscape page
        for label, chart in charts:
            if chart is not None:
                chart_sheet(book, report, report.t(label), chart)
    book.close()
    return path


def _col(table: Table, key: str) -> int:
    return [c.key for c in table.columns].index(key)


def _bar_chart(book: Workbook, sheet: Worksheet, table: Table, title: str, first: int, last: int) -> Chart | None:
    """Achievement (%) per row as bars from 0, each in its status colour, labelled with its value."""
    if last < first:
        return None
    name = sheet.get_name()
    statuses = [row.get("status") for row in table.rows[first - 1 : last]]
    chart = book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": title,
            "categories": [name, first, _col(table, "code"), last, _col(table, "code")],
            "values": [name, first, _col(table, "achievement"), last, _col(table, "achievement")],
            "data_labels": {"value": True, "num_format": "0.0"},
            "fill": {"color": "#0072B2"},
            "points": [{"fill": {"color": display.STATUS_COLOR.get(s or "na", "#BBBBBB")}} for s in statuses],
        }
    )
    chart.set_title({"name": title})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"min": 0, "major_unit": 20, "num_format": "0"})
    return chart


def _summary_extras(
    book: Workbook, sheet: Worksheet, fmt: _Formats, report: Report, table: Table, last: int
) -> list[tuple[str, Chart | None]]:
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
    text_row = end + 2
    for line in summary_lines(report):
        text(sheet, text_row, 0, line.render(), None, fmt.quoted)
        text_row += 1
    strategies = _bar_chart(book, sheet, table, report.t("chart_strategies"), 2, last)
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
    chart.set_y_axis({"min": 0, "num_format": "0"})
    return [("sheet_chart_strategies", strategies), ("sheet_chart_trend", chart)]


def _meta(sheet: Worksheet, fmt: _Formats, report: Report, row: int) -> None:
    meta = meta_rows(report)
    for i, (key, value) in enumerate(meta):
        text(sheet, row + i, 0, key, fmt.header if key else fmt.text)
        text(sheet, row + i, 1, value, None, fmt.quoted)
    sheet.write_string(row + len(meta), 0, display.date_label(report.generated_at, report.lang))
    rule = report.t("status_rule", **{k: display.number(v) for k, v in report.thresholds.items()})
    sheet.write_string(row + len(meta) + 1, 0, report.t("c_status_rule"), fmt.header)
    sheet.write_string(row + len(meta) + 1, 1, rule)
