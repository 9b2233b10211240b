"""How the XLSX annex prints, and how it writes text.

Print: every sheet on A4 landscape, one page wide (as many pages down as the rows need), the header row
repeated on each page, the sheet name and snapshot id in the page header and "n / N" in the footer. Charts go
on chart sheets of their own: a chart sheet prints on exactly one page (a chart anchored among the rows was
cut over three pages, and Excel ignores manual page breaks once a sheet is fitted to a page width).

Text: written with write_string, so a cell is text, never a formula. Text starting with = + - @, tab or CR is
also given the cell style quotePrefix (Excel and LibreOffice keep it text when someone edits the cell) and
the visible leading apostrophe of metrics/safe.py — except a 개조식 dash ("- 전월 대비 증가"): a dash and a
space start a line of a Korean report, and the apostrophe would show (docs/security.md)."""

from __future__ import annotations

from xlsxwriter.chart import Chart
from xlsxwriter.chartsheet import Chartsheet
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from metrics.safe import FORMULA_PREFIXES, neutralise
from reports.model import Report

A4 = 9  # xlsxwriter's paper index
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.75, "bottom": 0.6}
BULLETS = ("- ", "-\u3000")  # a dash and a space (or an ideographic space): a line of a 개조식 report


def text(sheet: Worksheet, row: int, col: int, value: str, style: object = None, quoted: object = None) -> None:
    """`value` as a text cell (see above); `quoted` is `style` with quote_prefix set."""
    if not value.startswith(FORMULA_PREFIXES):
        sheet.write_string(row, col, value, style)
        return
    shown = value if value.startswith(BULLETS) else neutralise(value)
    sheet.write_string(row, col, shown, quoted or style)


def _escape(value: str) -> str:
    return value.replace("&", "&&")  # '&' starts a header/footer control code


def _page_texts(sheet: Worksheet | Chartsheet, report: Report) -> None:
    header = report.t("xl_header", sheet="&A", snapshot=_escape(report.snapshot_id))
    sheet.set_header(f"&L{header}&R{_escape(report.t('title'))}", {"margin": 0.3})
    sheet.set_footer("&C" + report.t("xl_footer", page="&P", pages="&N"), {"margin": 0.3})
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.set_margins(**MARGINS)


def print_setup(sheet: Worksheet, report: Report, header_rows: int = 1) -> None:
    """A4 landscape, one page wide, the first `header_rows` rows repeated, page header and footer."""
    _page_texts(sheet, report)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, header_rows - 1)


def chart_sheet(book: Workbook, report: Report, name: str, chart: Chart) -> Chartsheet:
    """A chart on a sheet of its own (one landscape page), with the same page header and footer."""
    sheet = book.add_chartsheet(name)
    sheet.set_chart(chart)
    _page_texts(sheet, report)
    return sheet
