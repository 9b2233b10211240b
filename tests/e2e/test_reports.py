"""The 보고서 page in real Chromium against `govdash serve`: the PDF and the XLSX downloaded through the
download buttons, opened, and their figures compared with the served snapshot's marts."""

from __future__ import annotations

import subprocess
from datetime import date

import openpyxl
import pytest
from playwright.sync_api import expect

from metrics.snapshot import connect_readonly, current_snapshot

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("dashboard-e2e")]


def overall(served) -> float:  # type: ignore[no-untyped-def]
    con = connect_readonly(current_snapshot(served.settings.snapshot_dir))
    try:
        sql = "select achievement from mart_overall_scores where period = ? and time_window = 'month'"
        return con.execute(sql, [date(2026, 10, 1)]).fetchall()[0][0]
    finally:
        con.close()


def test_the_reports_page_downloads_the_pdf_and_the_xlsx(served_store, browser_page, tmp_path):  # type: ignore[no-untyped-def]
    page = browser_page
    page.goto(served_store.url("reports"))
    expect(page.get_by_text("요약 미리보기")).to_be_visible()
    achievement = overall(served_store)
    expect(page.get_by_text(f"□ 종합 달성률 {achievement:.1f}%")).to_be_visible()

    with page.expect_download(timeout=60_000) as pdf_download:
        page.get_by_role("button", name="PDF (보고서)").click()
    pdf = tmp_path / pdf_download.value.suggested_filename
    pdf_download.value.save_as(pdf)
    assert pdf.name == "govdash-report-2026-10-ko.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "12개 과제 성과표" in text and f"종합 달성률 {achievement:.1f}%" in text

    with page.expect_download(timeout=60_000) as xlsx_download:
        page.get_by_role("button", name="XLSX (데이터 부록)").click()
    xlsx = tmp_path / xlsx_download.value.suggested_filename
    xlsx_download.value.save_as(xlsx)
    book = openpyxl.load_workbook(xlsx)
    first = next(book["요약"].iter_rows(min_row=2, max_row=2, values_only=True))
    # The workbook holds the figure as shown: one decimal, never rounded across a status threshold (80, 100)
    shown = round(achievement, 1)
    assert not any(achievement < boundary <= shown for boundary in (80, 100))  # so nearest rounding is the rule here
    assert first[1] == "ALL" and first[3] == shown
