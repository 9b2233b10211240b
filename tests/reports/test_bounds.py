"""Bounded achievement and display rounding over the fixture store: no page query or report table gives a
judged achievement outside [0, 120]; the agency report of 행정안전부 (1741000), whose S3-T2-K1 went the wrong
way in October 2026 (raw −601.1 %), shows 0 as the judged figure and the raw ratio beside it, marked, in every
format read back; a report whose figures sit just under a boundary shows them rounded away from it."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import subprocess
import zipfile
from datetime import date

import openpyxl
import polars as pl
import pytest
from pptx import Presentation

from metrics.queries import Queries
from reports.export import FORMATS, export, write_format
from reports.model import ReportOptions, gather
from reports.tables import all_tables
from tests.reports.helpers import rows

OCT = date(2026, 10, 1)
AGENCY = "1741000"  # 행정안전부
KPI = "S3-T2-K1"  # its October month figure: raw −601.1 % → judged 0


def test_the_fixture_store_holds_the_bounded_kpi(marts):
    (raw, judged, status) = rows(
        marts,
        "select achievement_raw, achievement, status from mart_kpi_agency_month"
        " where kpi_code = ? and agency_code = ? and period = ? and time_window = 'month'",
        KPI,
        AGENCY,
        OCT,
    )[0]
    assert raw == pytest.approx(-601.12, abs=0.01) and judged == 0.0 and status == "off_track"


def _judged(frame: pl.DataFrame, column: str = "achievement") -> list[float]:
    return [v for v in frame[column].to_list() if v is not None]


def test_no_page_query_gives_a_judged_achievement_outside_the_bounds(warehouse):
    q = Queries(warehouse.query)
    found: list[float] = []
    for window in ("month", "quarter", "ytd"):
        found += _judged(q.kpi_scores(OCT, window))
        found += _judged(q.task_scores(OCT, window)) + _judged(q.strategy_scores(OCT, window))
        found += _judged(q.overall_trend(OCT, window)) + _judged(q.kpi_trends(OCT, window))
        found += _judged(q.agency_task_scores(OCT, window)) + _judged(q.agency_ranking(OCT, window), "score")
        found += _judged(q.agency_scorecard(AGENCY, OCT, window))
        found += _judged(q.kpi_agency_values(KPI, OCT, window))
    assert found and min(found) >= 0 and max(found) <= 120
    assert 0.0 in found  # the floor is reached (S3-T2-K1 of 1741000)
    assert 120.0 in found  # and the cap (10 KPI rows above 120 % in October)


@pytest.mark.parametrize("agency", [None, AGENCY])
def test_no_report_table_gives_a_judged_achievement_outside_the_bounds(warehouse, agency):
    report = gather(warehouse, ReportOptions.parse("2026-10", agency=agency))
    for table in all_tables(report):
        for key in ("achievement", "previous"):
            values = [row[key] for row in table.rows if row.get(key) is not None]
            assert all(0 <= v <= 120 for v in values), (table.key, key)


@pytest.fixture(scope="module")
def agency_report(warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("agency-report")
    return export(ReportOptions.parse("2026-10", agency=AGENCY), list(FORMATS), out, warehouse=warehouse, charts=False)


def _file(result, suffix: str):
    return next(p for p in result.files if p.name.endswith(suffix))


def test_the_agency_csv_and_xlsx_carry_the_judged_and_the_raw_achievement(agency_report):
    text = _file(agency_report, "-kpis.csv").read_bytes().decode("utf-8-sig")
    table = {r["코드"]: r for r in csv.DictReader(io.StringIO(text))}
    raw_column = "원래 달성률(%, 하한·상한 적용 전)"
    assert float(table[KPI]["달성률(%)"]) == 0.0
    assert float(table[KPI][raw_column]) == pytest.approx(-601.12, abs=0.01)
    # a KPI that was not bounded has no raw figure; no judged achievement is negative
    assert all(r[raw_column] == "" for code, r in table.items() if code != KPI and r["달성률(%)"])
    assert all(float(r["달성률(%)"]) >= 0 for r in table.values() if r["달성률(%)"])
    book = openpyxl.load_workbook(_file(agency_report, ".xlsx"))
    sheet = book["지표"]
    header = [c.value for c in sheet[1]]
    got = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert got[KPI]["달성률(%)"] == 0.0 and got[KPI][raw_column] == -601.1  # as the sheet shows it
    tasks = {r[1]: r[4] for r in book["과제"].iter_rows(min_row=2, values_only=True)}
    assert all(v is None or v >= 0 for v in tasks.values())


def test_the_agency_pdf_pptx_and_hwpx_show_the_raw_ratio_marked(agency_report):
    pdf = _file(agency_report, ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # the summary line, and the off-track table's cell, kept on one line (a numeric cell never wraps)
    assert "달성률 -601.1% → 0.0% (하한 적용)" in text
    lines = text.splitlines()
    assert any(re.search(r"\s-601\.1 → 0\.0 \(하한 적용\)(\s|$)", x) and "달성률" not in x for x in lines)
    # the scorecard's task rows (S3-T2 at 70.7 among them): achievement and previous never negative (the
    # change in points may be)
    tasks = [re.split(r"\s{2,}", x.strip()) for x in lines if re.match(r"\s*S\d\s+S\d-T\d\b", x)]
    assert len(tasks) == 12
    assert all(float(f) >= 0 for t in tasks for f in t[4:6] if f != "—")
    prs = Presentation(str(_file(agency_report, ".pptx")))
    slides = "\n".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame)
    assert f"{KPI}" in slides and "-601.1% → 0.0% (하한 적용)" in slides
    section = zipfile.ZipFile(_file(agency_report, ".hwpx")).read("Contents/section0.xml").decode()
    assert "-601.1% → 0.0% (하한 적용)" in section


def _replace(frame: pl.DataFrame, where: pl.Expr, values: dict[str, object]) -> pl.DataFrame:
    return frame.with_columns([pl.when(where).then(pl.lit(v)).otherwise(pl.col(k)).alias(k) for k, v in values.items()])


def test_figures_just_under_a_boundary_are_shown_under_it_in_every_format(warehouse, tmp_path):
    """The agency report with S3-T2-K1 at 99.476 % against a 99.5 % target (↑, achievement 99.976 %, watch)
    and task S3-T2 at 99.96 % (watch): nearest rounding would show 99.5 against 99.5 and 100.0 % beside 주의;
    XLSX and PDF read back show 99.4 and 99.9, CSV the exact figures."""
    report = gather(warehouse, ReportOptions.parse("2026-10", agency=AGENCY))
    # 99.476 ÷ 99.5 × 100 = 99.9759 % → watch (below 100 − 10⁻⁹)
    kpi = {"value": 99.476, "target": 99.5, "achievement": 99.476 / 99.5 * 100, "achievement_raw": 99.476 / 99.5 * 100}
    kpi |= {"status": "watch", "unit": "%", "direction": "up"}
    task = {"achievement": 99.96, "status": "watch"}
    report = dataclasses.replace(
        report,
        kpis=_replace(report.kpis, (pl.col("kpi_code") == KPI) & (pl.col("period") == OCT), kpi),
        scores=_replace(report.scores, (pl.col("code") == "S3-T2") & (pl.col("period") == OCT), task),
    )
    (xlsx,) = write_format(report, "xlsx", tmp_path)
    book = openpyxl.load_workbook(xlsx)
    row = next(r for r in book["지표"].iter_rows(min_row=2, values_only=True) if r[0] == KPI)
    assert row[3:6] == (99.4, 99.5, 99.9)  # value, target, achievement (99.9759 → 99.9, not 100.0)
    task_row = next(r for r in book["과제"].iter_rows(min_row=2, values_only=True) if r[1] == "S3-T2")
    assert task_row[4] == 99.9
    csvs = write_format(report, "csv", tmp_path)
    text = next(p for p in csvs if p.name.endswith("-kpis.csv")).read_bytes().decode("utf-8-sig")
    line = next(r for r in csv.DictReader(io.StringIO(text)) if r["코드"] == KPI)
    assert float(line["실적"]) == 99.476 and float(line["달성률(%)"]) == pytest.approx(99.9759, abs=1e-4)
    (pdf,) = write_format(report, "pdf", tmp_path, charts={})
    shown = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    scorecard = next(x for x in shown.splitlines() if re.match(r"\s*S3\s+S3-T2\b", x))
    assert "99.9" in scorecard and "100.0" not in scorecard
