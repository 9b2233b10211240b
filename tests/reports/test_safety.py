"""User text stays text: a note written as a spreadsheet formula, submitted through the real ingest path, comes
out inert in the XLSX and CSV exports."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from etl.access.actors import Actor
from etl.builder.publish import build
from etl.ingest.accept import submit
from etl.ledger.store import open_store
from metrics.safe import neutralise
from metrics.snapshot import connect_readonly, current_snapshot
from metrics.warehouse import Warehouse
from reports.export import export
from reports.model import ReportOptions
from tests.reports.helpers import rows

OCT = date(2026, 10, 1)
NOW = datetime(2026, 11, 20, 3, 0)  # naive UTC, after the fixture's months
PAYLOAD = '=HYPERLINK("http://x","y")'
HEADER = ["기관코드", "기준월", "지표코드", "실적값", "비고"]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", PAYLOAD])
def test_formula_like_text_is_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["정상", "1-2", "a=b", "", "'=already"])
def test_other_text_is_left_alone(text):
    assert neutralise(text) == text


def _offtrack_reporter(settings) -> tuple[str, str, list[tuple]]:
    """An off-track kpi_progress KPI for October 2026 and an agency that reported it, with all its rows."""
    con = connect_readonly(current_snapshot(settings.snapshot_dir))
    try:
        kpi, agency = rows(
            con,
            "select n.kpi_code, p.agency_code from mart_kpi_national_month n "
            "join ref_kpis k using (kpi_code) "
            "join src_kpi_progress p on p.kpi_code = n.kpi_code and p.period = n.period "
            "where n.period = ? and n.time_window = 'month' and n.status = 'off_track' and k.source = 'kpi_progress' "
            "order by n.kpi_code, p.agency_code limit 1",
            OCT,
        )[0]
        reported = rows(
            con,
            "select kpi_code, value, note from src_kpi_progress where agency_code = ? and period = ? order by kpi_code",
            agency,
            OCT,
        )
    finally:
        con.close()
    return kpi, agency, reported


def test_a_formula_note_comes_out_inert(store_copy, tmp_path):
    kpi, agency, reported = _offtrack_reporter(store_copy)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEADER)
    for code, value, note in reported:
        w.writerow([agency, "2026-10", code, value, PAYLOAD if code == kpi else (note or "")])
    store = open_store(store_copy)
    outcome = submit(
        store,
        out.getvalue().encode("utf-8-sig"),
        filename="kpi.csv",
        dataset="kpi_progress",
        agency_code=agency,
        period="2026-10",
        actor=Actor(f"officer-{agency}", "agency", agency),
        now=NOW,
    )
    assert outcome.accepted, outcome.problems
    build(store)
    store.engine.dispose()

    wh = Warehouse(store_copy.snapshot_dir)
    try:
        result = export(ReportOptions.parse("2026-10"), ["xlsx", "csv"], tmp_path, warehouse=wh)
    finally:
        wh.close()
    slug = result.report.options.slug
    assert PAYLOAD in result.report.notes["note"].to_list()  # the note reached the report

    book = openpyxl.load_workbook(tmp_path / f"{slug}.xlsx")
    notes = [r[-1] for r in book["미흡 지표 기관 의견"].iter_rows(min_row=2, values_only=True)]
    assert "'" + PAYLOAD in notes
    # no cell anywhere in the workbook is a formula
    sheets = zipfile.ZipFile(tmp_path / f"{slug}.xlsx")
    for name in sheets.namelist():
        if name.startswith("xl/worksheets/"):
            assert b"<f>" not in sheets.read(name), name

    text = (tmp_path / f"{slug}-offtrack_notes.csv").read_text(encoding="utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'" + PAYLOAD in cells
    assert PAYLOAD not in cells
