"""The XLSX annex read back with openpyxl and the CSV files with the csv module: values equal to the marts,
number formats, frozen headers, filters, native charts; two runs give the same bytes."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import openpyxl
from pytest import approx

from metrics import display
from reports.export import export
from reports.table_cells import value_decimals
from tests.reports.helpers import rows

OCT = date(2026, 10, 1)
THRESHOLDS = (100.0, 80.0)  # the catalog's on_track and watch


def test_the_task_sheet_equals_the_mart(built, marts):
    book = openpyxl.load_workbook(built.path(".xlsx"))
    sheet = book["과제"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["전략", "코드", "과제", "산정 지표", "달성률(%)"]
    got = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    want = rows(
        marts,
        "select task_code, achievement, status from mart_task_scores where period = ? and time_window = 'month'",
        OCT,
    )
    assert len(got) == len(want) == 12
    for code, achievement, _status in want:
        # a number, not a text, as the sheet shows it: rounded to one decimal but never across a threshold
        # (a number format would show 99.96 as 100.0); the CSV keeps the exact figure
        assert got[code][4] == display.achievement_figure(achievement, THRESHOLDS)
        assert got[code][4] == approx(achievement, abs=0.1)
    assert sheet["E2"].number_format == "#,##0.0"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I13"


def test_the_kpi_sheets_equal_the_marts(built, marts):
    book = openpyxl.load_workbook(built.path(".xlsx"))
    got = {r[0]: r for r in book["지표"].iter_rows(min_row=2, values_only=True)}
    want = rows(
        marts,
        "select kpi_code, value, target, achievement, unit, direction from mart_kpi_national_month"
        " join ref_kpis using (kpi_code) where period = ? and time_window = 'month'",
        OCT,
    )
    assert len(got) == len(want) == 29
    for code, value, target, achievement, unit, direction in want:
        # the value as shown beside its target, the target exact, the achievement as shown (see above)
        shown_value = display.beside_target(value, value_decimals(unit), target, direction)
        shown_achievement = display.achievement_figure(achievement, THRESHOLDS)
        # (xlsxwriter writes 16 significant digits: the target, not rounded, is equal to that precision)
        assert got[code][3:6] == approx((shown_value, target, shown_achievement), rel=1e-15, abs=0), code
    by_agency = list(book["기관별 지표"].iter_rows(min_row=2, values_only=True))
    (n,) = rows(marts, "select count(*) from mart_kpi_agency_month where period = ? and time_window = 'month'", OCT)[0]
    assert len(by_agency) == n
    months = list(book["월별 지표"].iter_rows(min_row=2, values_only=True))
    assert {m[3].date() for m in months} == {
        date(2025, 11 + i, 1) if i < 2 else date(2026, i - 1, 1) for i in range(12)
    }


def test_the_workbook_has_native_charts_definitions_and_provenance(built, marts):
    names = zipfile.ZipFile(built.path(".xlsx")).namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) == 3
    book = openpyxl.load_workbook(built.path(".xlsx"))
    assert book.sheetnames == [
        "요약",
        "그림 전략별 달성률",
        "그림 종합 달성률 추이",
        "과제",
        "그림 과제별 달성률",
        "지표",
        "월별 지표",
        "기관별 지표",
        "주의·미흡",
        "미흡 지표 기관 의견",
        "추진 경과",
        "이의 제기",
        "의견·평가",
        "제출 현황",
        "지표 정의",
    ]
    report = built.result.report
    assert report.snapshot_id in book.properties.subject
    values = [c for row in book["지표 정의"].iter_rows(values_only=True) for c in row if c]
    assert report.snapshot_id in values and report.catalog_version in values
    # the reference data's digest (agencies, holidays) beside the catalog's, as build_info holds them
    [(catalog, reference)] = marts.execute("select catalog_digest, reference_digest from build_info").fetchall()
    assert (report.catalog_digest, report.reference_digest) == (catalog, reference) and len(reference) == 64
    assert catalog in values and reference in values
    assert f"digest={catalog} reference={reference}" in book.properties.description


def test_csv_files_are_utf8_with_bom_and_equal_the_marts(built, marts):
    data = built.path("-tasks.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    want = dict(
        rows(
            marts, "select task_code, achievement from mart_task_scores where period = ? and time_window = 'month'", OCT
        )
    )
    assert {r["코드"]: float(r["달성률(%)"]) for r in table} == want


def test_two_runs_give_identical_xlsx_and_csv_bytes(built, warehouse, tmp_path):
    again = export(built.result.report.options, ["xlsx", "csv"], tmp_path, warehouse=warehouse, charts=False)
    assert len(again.files) == 13  # the workbook and twelve CSV tables
    for path in again.files:
        assert path.read_bytes() == (built.out / path.name).read_bytes(), path.name


def test_the_offtrack_notes_sheet_carries_every_agency_note_of_the_attention_kpis(built, marts):
    book = openpyxl.load_workbook(built.path(".xlsx"))
    got = {(r[0], r[-1]) for r in book["미흡 지표 기관 의견"].iter_rows(min_row=2, values_only=True) if r[-1]}
    want = set(
        rows(
            marts,
            "select p.kpi_code, p.note from src_kpi_progress p join mart_kpi_national_month n"
            " on n.kpi_code = p.kpi_code and n.period = p.period and n.time_window = 'month'"
            " where p.period = ? and n.status in ('watch', 'off_track') and p.note is not null"
            " and trim(p.note) <> ''",
            OCT,
        )
    )
    assert want and got == want


def test_the_attention_sheet_lists_every_watch_and_off_track_task_and_kpi_by_gap(built, marts):
    book = openpyxl.load_workbook(built.path(".xlsx"))
    sheet = list(book["주의·미흡"].iter_rows(values_only=True))
    header, body = sheet[0], sheet[1:]
    code, gap, owner = header.index("코드"), header.index("격차(%p)"), header.index("주관 부처")
    lagging = rows(
        marts,
        "select task_code, on_track - achievement from mart_task_scores, ref_settings"
        " where period = ? and time_window = 'month' and status in ('watch', 'off_track')"
        " union all select kpi_code, on_track - achievement from mart_kpi_national_month, ref_settings"
        " where period = ? and time_window = 'month' and status in ('watch', 'off_track')",
        OCT,
        OCT,
    )
    assert len(lagging) > 6 and {r[code] for r in body} == {c for c, _ in lagging}
    assert len(body) == len(lagging)  # every row, no "… +n"
    gaps = [r[gap] for r in body]
    assert gaps == sorted(gaps, reverse=True)
    owners = dict(rows(marts, "select task_code, owner_ko from ref_tasks"))
    for r in body:
        assert r[owner] == owners[r[code][:5]]  # a KPI's owner is its task's
