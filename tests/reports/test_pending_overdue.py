"""Beside the on-time rate, every format carries the complaints still pending past their legal deadline at the
end of the month received, counted straight from the complaint rows (stg_complaints), not from the report's
own query: the summary line (PDF, PPTX, HWPX, XLSX 요약) and the KPI table's column (XLSX 지표, CSV)."""

from __future__ import annotations

import csv
import io
import math
import zipfile
from datetime import date

import openpyxl
from pptx import Presentation

from metrics.display import number
from tests.reports.helpers import rows, slide_texts
from tests.reports.test_pdf import pdf_text

OCT = date(2026, 10, 1)


def _expected(marts) -> tuple[int, int, float]:  # type: ignore[no-untyped-def]
    # October's complaints of agencies existing in October: 처리중 rows whose deadline came before 1 November
    ((pending, overdue),) = rows(
        marts,
        "select count(*), count(*) filter (where c.deadline_at < timestamp '2026-11-01') from stg_complaints c"
        " semi join int_agency_months m on m.agency_code = c.agency_code and m.period = c.period"
        " where c.period = ? and c.status = '처리중'",
        OCT,
    )
    ((rate, target),) = rows(
        marts,
        "select value, target from mart_kpi_national_month"
        " where kpi_code = 'S1-T3-K2' and period = ? and time_window = 'month'",
        OCT,
    )
    # The rate is shown to one decimal, but never rounded up onto the ↑ target it missed (99.476 → 99.4, not 99.5)
    crosses = rate < target <= round(rate, 1)
    shown = math.floor(rate * 10) / 10 if crosses else round(rate, 1)
    return pending, overdue, shown


def test_the_summary_line_names_the_pending_past_deadline_in_every_format(built, marts):
    pending, overdue, rate = _expected(marts)
    assert 0 < overdue < pending  # the fixture has both kinds, so the count is not vacuous
    line = (
        f"민원: 법정처리기한 준수율 {rate:.1f}% (처리완료 기준) · 기한 경과 미처리 {number(overdue)}건 "
        f"(처리중 {number(pending)}건 중, 접수월 말 기준)"
    )
    assert built.result.report.complaints["pending_overdue"] == overdue
    assert line in " ".join(pdf_text(built.path(".pdf")).split())  # lines wrapped by the PDF joined again
    pptx = "\n".join(slide_texts(s) for s in Presentation(str(built.path(".pptx"))).slides)
    assert line in pptx
    with zipfile.ZipFile(built.path(".hwpx")) as z:
        assert line in z.read("Preview/PrvText.txt").decode("utf-8")
    book = openpyxl.load_workbook(built.path(".xlsx"))
    summary_cells = [c for row in book["요약"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(line in c for c in summary_cells)


def test_the_kpi_table_carries_the_count_on_the_on_time_rows_only(built, marts):
    _, overdue, _ = _expected(marts)
    book = openpyxl.load_workbook(built.path(".xlsx"))
    sheet = book["지표"]
    header = [c.value for c in sheet[1]]
    column = header.index("기한 경과 미처리(건)")
    by_code = {r[0]: r[column] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert by_code.pop("S1-T3-K2") == overdue
    assert set(by_code.values()) == {None}
    data = built.path("-kpis.csv").read_bytes().decode("utf-8-sig")
    table = {r["코드"]: r["기한 경과 미처리(건)"] for r in csv.DictReader(io.StringIO(data))}
    assert table.pop("S1-T3-K2") == str(overdue)
    assert set(table.values()) == {""}
