"""Reports say whether their month was locked, and print the agencies' comments and the committee's
assessments as text: copied into the snapshot at build time, so the same snapshot gives the same report even
after the ledger moves on."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation

from etl.access.actors import Actor
from etl.builder.publish import build
from etl.governance import comments
from etl.governance import period_locks as locks
from etl.ledger.store import open_store
from metrics.settings import Settings
from metrics.snapshot import connect_readonly, current_snapshot
from metrics.warehouse import Warehouse
from reports.export import export
from reports.model import ReportOptions, gather
from reports.summary import summary_lines
from tests.fixture_store import copy_store

ADMIN = Actor("admin-1", "admin")
AGENCY = Actor("desk-1741000", "agency", "1741000")
COMMITTEE = Actor("expert-1", "committee")
MONTH, OPEN_MONTH = "2026-10", "2026-09"
HOSTILE = '=HYPERLINK("http://x","y") <script>alert(1)</script>'
ASSESSMENT = "+참여 실적 <b>미흡</b> & 보완 필요"
REASON = "11월 협의회 보고"


@dataclass(frozen=True)
class Remarked:
    settings: Settings
    kpi: str  # an off-track KPI of MONTH, the one commented on
    out: Path

    def path(self, suffix: str) -> Path:
        return self.out / f"{ReportOptions.parse(MONTH).slug}{suffix}"


def _offtrack_kpi(settings: Settings) -> str:
    con = connect_readonly(current_snapshot(settings.snapshot_dir))
    try:
        row = con.execute(
            "select kpi_code from mart_kpi_national_month where period = ? and time_window = 'month'"
            " and status = 'off_track' order by kpi_code limit 1",
            [date(2026, 10, 1)],
        ).fetchone()
    finally:
        con.close()
    assert row, "the fixture store has an off-track KPI in October 2026"
    return row[0]


@pytest.fixture(scope="module")
def remarked(fixture_store: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Remarked]:
    """A copy of the fixture store with October locked, a hostile comment and an assessment, rebuilt and
    exported (PDF without charts, XLSX, PPTX, CSV)."""
    settings = copy_store(fixture_store.home, tmp_path_factory.mktemp("remarks") / "store")
    store = open_store(settings)
    kpi = _offtrack_kpi(settings)
    locks.lock(store, ADMIN, MONTH, REASON, now=datetime(2026, 11, 20, 1, 0))  # 10:00 KST
    comments.add_comment(store, AGENCY, kpi, "1741000", MONTH, HOSTILE)
    comments.add_assessment(store, COMMITTEE, "S1-T1", "2026-Q4", "poor", ASSESSMENT)
    build(store)
    out = tmp_path_factory.mktemp("remarks-out")
    with _warehouse(settings) as wh:
        export(ReportOptions.parse(MONTH), ["pdf", "xlsx", "pptx", "csv"], out, warehouse=wh, charts=False)
    yield Remarked(settings, kpi, out)


@contextmanager
def _warehouse(settings: Settings) -> Iterator[Warehouse]:
    wh = Warehouse(settings.snapshot_dir)
    try:
        yield wh
    finally:
        wh.close()


def _pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", text)


def test_the_snapshot_holds_the_lock_comment_and_assessment(remarked: Remarked) -> None:
    con = connect_readonly(current_snapshot(remarked.settings.snapshot_dir))
    try:
        got_locks = con.execute("select period, locked_by, locked_at, reason from ref_period_locks").fetchall()
        got_comments = con.execute("select kpi_code, agency_code, period, text from ref_kpi_comments").fetchall()
        got_assess = con.execute("select task_code, quarter, rating, text from ref_task_assessments").fetchall()
    finally:
        con.close()
    assert got_locks == [(date(2026, 10, 1), "admin-1", datetime(2026, 11, 20, 10, 0), REASON)]
    assert got_comments == [(remarked.kpi, "1741000", date(2026, 10, 1), HOSTILE)]
    assert got_assess == [("S1-T1", "2026-Q4", "poor", ASSESSMENT)]


def test_the_pdf_says_the_month_is_locked_and_prints_the_remarks_as_text(remarked: Remarked) -> None:
    text = _pdf_text(remarked.path(".pdf"))
    assert f"□ 기준월 잠금: 2026. 11. 20. 잠금 (admin-1, 사유: {REASON})" in text
    assert "지표별 기관 의견" in text and "위원회 과제 평가 (2026-Q4)" in text
    for part in ('=HYPERLINK("http://x","y")', "<script>alert(1)</script>", "<b>미흡</b>"):
        assert part in text, part
    # the comment sits in the remarks beside the off-track section, after its heading
    assert text.index("지표별 기관 의견") < text.index('=HYPERLINK("http://x","y")')


def test_the_workbook_holds_the_remarks_inert(remarked: Remarked) -> None:
    book = openpyxl.load_workbook(remarked.path(".xlsx"))
    sheet = book["의견·평가"]
    cells = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    comment = cells["'" + HOSTILE]  # neutralised: a leading quote, stored as a string, not a formula
    assessment = cells["'" + ASSESSMENT]
    assert comment.data_type == "s" and assessment.data_type == "s"
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    row = [c.value for c in sheet[comment.row]]
    assert remarked.kpi in row and "■ 미흡" in row  # the KPI and its off-track status (icon and word) beside the text
    summary = [c for row in book["요약"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert f"□ 기준월 잠금: 2026. 11. 20. 잠금 (admin-1, 사유: {REASON})" in summary
    csv_text = (remarked.out / f"{ReportOptions.parse(MONTH).slug}-remarks.csv").read_text("utf-8-sig")
    assert '\'=HYPERLINK(""http://x"",""y"")' in csv_text


def test_the_briefing_slides_say_the_month_is_locked(remarked: Remarked) -> None:
    deck = Presentation(str(remarked.path(".pptx")))
    summary = [
        shape.text_frame.text
        for slide in deck.slides
        if slide.shapes.title is not None and slide.shapes.title.text.startswith("요약")
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any(f"□ 기준월 잠금: 2026. 11. 20. 잠금 (admin-1, 사유: {REASON})" in text for text in summary)


def test_an_unlocked_month_says_it_may_still_change(remarked: Remarked) -> None:
    with _warehouse(remarked.settings) as wh:
        report = gather(wh, ReportOptions.parse(OPEN_MONTH))
        english = gather(wh, ReportOptions.parse(OPEN_MONTH, lang="en"))
    assert report.locked is None and report.comments.is_empty()
    assert summary_lines(report)[-1].render() == "□ 기준월은 잠기지 않았습니다 — 수치가 바뀔 수 있습니다"
    assert summary_lines(english)[-1].render() == "□ The report month is not locked: its figures may still change"
    assert [a["text"] for a in report.assessments.to_dicts()] == []  # 2026-Q3 has no assessment


def test_the_same_snapshot_gives_the_same_bytes_after_the_ledger_moves_on(remarked: Remarked, tmp_path: Path) -> None:
    """Unlocking and commenting again change the ledger, not the published snapshot: the report stays."""
    store = open_store(remarked.settings)
    locks.unlock(store, ADMIN, MONTH, "정정 요청", now=datetime(2026, 11, 21, 1, 0))
    comments.add_comment(store, AGENCY, remarked.kpi, "1741000", MONTH, "나중 의견")
    with _warehouse(remarked.settings) as wh:
        again = export(ReportOptions.parse(MONTH), ["xlsx", "csv"], tmp_path, warehouse=wh, charts=False)
    assert again.report.locked is not None and again.report.locked["reason"] == REASON
    for path in again.files:
        assert path.read_bytes() == (remarked.out / path.name).read_bytes(), path.name
