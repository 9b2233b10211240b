"""The XLSX annex as it prints and reads: A4 landscape one page wide on every sheet, header rows repeated, page
header and footer; charts on chart sheets; definitions in words; status as icon, word and colour; a 개조식
note without a visible apostrophe while formula-like text stays inert."""

from __future__ import annotations

import re
import zipfile
from datetime import date

import openpyxl
import xlsxwriter
from lxml import etree

from metrics import display
from reports.xlsx_print import text
from tests.reports.helpers import rows

OCT = date(2026, 10, 1)
S = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _parts(built, folder: str) -> dict[str, etree._Element]:
    z = zipfile.ZipFile(built.path(".xlsx"))
    return {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith(folder) and n.endswith(".xml")}


def test_every_sheet_prints_a4_landscape_one_page_wide_with_header_and_footer(built):
    sheets = _parts(built, "xl/worksheets/sheet")
    charts = _parts(built, "xl/chartsheets/sheet")
    # 요약, 과제, 지표, 월별 지표, 기관별 지표, 주의·미흡, 미흡 지표 기관 의견, 추진 경과, 이의 제기, 의견·평가,
    # 제출 현황, 지표 정의
    assert len(sheets) == 12 and len(charts) == 3
    snapshot = built.result.report.snapshot_id
    for name, root in (sheets | charts).items():
        setup = root.find("s:pageSetup", S)
        assert setup.get("paperSize") == "9" and setup.get("orientation") == "landscape", name
        header = root.findtext("s:headerFooter/s:oddHeader", namespaces=S)
        footer = root.findtext("s:headerFooter/s:oddFooter", namespaces=S)
        assert f"&A · 스냅샷 {snapshot}" in header and footer == "&C&P / &N쪽", name
        assert root.find("s:pageMargins", S).get("left") == "0.4"
    for name, root in sheets.items():
        setup = root.find("s:pageSetup", S)
        assert setup.get("fitToHeight") == "0" and setup.get("fitToWidth") in (None, "1"), name
        assert root.find("s:sheetPr/s:pageSetUpPr", S).get("fitToPage") == "1", name
    book = openpyxl.load_workbook(built.path(".xlsx"))
    for sheet in book.worksheets:
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_the_charts_are_on_chart_sheets_after_their_data(built):
    book = openpyxl.load_workbook(built.path(".xlsx"))
    assert [s.title for s in book.chartsheets] == ["그림 전략별 달성률", "그림 종합 달성률 추이", "그림 과제별 달성률"]
    assert book.sheetnames[:5] == ["요약", "그림 전략별 달성률", "그림 종합 달성률 추이", "과제", "그림 과제별 달성률"]
    names = zipfile.ZipFile(built.path(".xlsx")).namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) == 3
    z = zipfile.ZipFile(built.path(".xlsx"))
    tasks = z.read("xl/charts/chart3.xml").decode()
    assert '<c:min val="0"/>' in tasks and tasks.count("<c:dPt>") == 12  # a status colour for each task


def test_the_definitions_sheet_says_in_words_what_each_kpi_measures(built, marts):
    book = openpyxl.load_workbook(built.path(".xlsx"))
    sheet = book["지표 정의"]
    header = [c.value for c in sheet[1]]
    assert header == ["코드", "지표", "단위", "자료", "측정 방법", "방향", "달성률 산식", "기관 평가", "목표"]
    got = {r[0]: r for r in sheet.iter_rows(min_row=2, max_row=30, values_only=True)}
    measures = {m for (m,) in rows(marts, "select distinct measure from ref_kpis")}
    cells = {c for row in sheet.iter_rows(values_only=True) for c in row}
    assert not measures & cells  # no internal id such as proposals_received
    assert got["S1-T1-K1"][3:7] == (
        "국민참여",
        "참여플랫폼별 의견·제안 접수 건수의 합",
        "높을수록 좋음",
        "실적 ÷ 목표 × 100",
    )
    assert got["S1-T1-K2"][4] == "정책반영 건수 ÷ 검토완료 건수 × 100"
    assert "● 정상 100% 이상 · ▲ 주의 80% 이상 · ■ 미흡 80% 미만" in cells


def test_status_is_an_icon_a_word_and_a_colour(built, marts):
    book = openpyxl.load_workbook(built.path(".xlsx"))
    sheet = book["과제"]
    got = {r[1].value: r[7] for r in sheet.iter_rows(min_row=2)}
    want = rows(marts, "select task_code, status from mart_task_scores where period = ? and time_window = 'month'", OCT)
    fills = {"on_track": "D9F2EA", "watch": "FBECD1", "off_track": "F7DCCF"}
    for code, status in want:
        cell = got[code]
        assert cell.value == f"{display.STATUS_ICON[status]} {display.STATUS_WORD['ko'][status]}"
        assert cell.fill.fgColor.rgb.endswith(fills[status])


def test_a_dash_note_is_text_without_an_apostrophe_and_formulas_stay_inert(tmp_path):
    path = tmp_path / "t.xlsx"
    book = xlsxwriter.Workbook(str(path))
    quoted = book.add_format({"quote_prefix": True})
    sheet = book.add_worksheet()
    notes = ["- 전월 대비 증가", "=1+1", "-1+2", "+참여", "@SUM(A1)", "정상"]
    for i, note in enumerate(notes):
        text(sheet, i, 0, note, None, quoted)
    book.close()
    cells = [c for (c,) in openpyxl.load_workbook(path).active.iter_rows(max_col=1)]
    assert [c.value for c in cells] == ["- 전월 대비 증가", "'=1+1", "'-1+2", "'+참여", "'@SUM(A1)", "정상"]
    assert [c.data_type for c in cells] == ["s"] * 6
    assert [c.quotePrefix for c in cells] == [True] * 5 + [False]
    assert b"<f>" not in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")


def test_the_english_workbook_writes_kpi_units_in_english(warehouse, tmp_path):
    """The 지표 sheet's unit column follows the one number rule: 건 → cases, 원 → KRW, in an English report."""
    from reports.model import ReportOptions, gather
    from reports.xlsx import build_xlsx

    report = gather(warehouse, ReportOptions.parse("2026-10", lang="en"))
    book = openpyxl.load_workbook(build_xlsx(report, tmp_path / "en.xlsx"), read_only=True)
    sheet = list(book.worksheets[2].iter_rows(values_only=True))
    unit = sheet[0].index("Unit")
    units = {r[unit] for r in sheet[1:] if r[unit]}
    assert {"cases", "KRW"} <= units and not any(re.search("[가-힣]", u) for u in units), units
