"""A report built after a narrative was submitted and a figure disputed prints both: the narrative in its own
table (XLSX sheet, CSV file, PDF text) and "이의 제기 중" on the disputed figure's rows in every format; a
draft never reaches it, and the mark is gone from a report built after the dispute was answered."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from etl.access.actors import Actor
from etl.builder.publish import build
from etl.governance import disputes, narratives
from etl.ledger.store import Store, open_store
from metrics.settings import Settings
from metrics.snapshot import connect_readonly, current_snapshot
from metrics.warehouse import Warehouse
from reports.export import export
from reports.model import ReportOptions, gather
from reports.tables import kpi_agency_table, kpi_table
from tests.fixture_store import copy_store

MONTH, QUARTER, AGENCY = "2026-10", "2026-Q4", "1741000"
NOW = datetime(2026, 11, 20, 1, 0)  # 10:00 KST
ACHIEVED = "=1+1 국민참여 플랫폼 개편 완료 <b>1차</b>"
REASONS = "@예산 집행 지연으로 2개 기관 미참여"
DRAFT = "비공개 초안 문장"
DISPUTE = "+집계 기준 착오: 중복 건수 포함"


@dataclass(frozen=True)
class Narrated:
    settings: Settings
    kpi: str  # the disputed KPI (one of AGENCY's figures in MONTH)
    out: Path

    def path(self, suffix: str) -> Path:
        return self.out / f"{ReportOptions.parse(MONTH).slug}{suffix}"


def _agency_kpi(settings: Settings) -> str:
    con = connect_readonly(current_snapshot(settings.snapshot_dir))
    try:
        row = con.execute(
            "select kpi_code from mart_kpi_agency_month where period = ? and time_window = 'month'"
            " and agency_code = ? and value is not null order by kpi_code limit 1",
            [date(2026, 10, 1), AGENCY],
        ).fetchall()
    finally:
        con.close()
    assert row, "the fixture store has a figure of 행정안전부 in October 2026"
    return row[0][0]


@pytest.fixture(scope="module")
def narrated(fixture_store: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Narrated]:
    settings = copy_store(fixture_store.home, tmp_path_factory.mktemp("narratives") / "store")
    store = open_store(settings)
    owner = Actor("desk-owner", "agency", narratives.task_owner(store, "S1-T1"))
    texts = narratives.Texts(ACHIEVED, REASONS, "12월 2차 개편", "")
    narratives.save(store, owner, "S1-T1", QUARTER, texts, submit=True, now=NOW)
    narratives.review(store, Actor("expert-1", "committee"), "S1-T1", QUARTER, "확인", now=NOW)
    narratives.save(store, owner, "S1-T1", QUARTER, narratives.Texts(DRAFT), now=NOW)  # a later draft
    kpi = _agency_kpi(settings)
    disputes.open_dispute(store, Actor("desk-1", "agency", AGENCY), kpi, AGENCY, MONTH, DISPUTE, now=NOW)
    build(store)
    out = tmp_path_factory.mktemp("narratives-out")
    wh = Warehouse(settings.snapshot_dir)
    try:
        export(ReportOptions.parse(MONTH), ["pdf", "xlsx", "csv"], out, warehouse=wh, charts=False)
    finally:
        wh.close()
    yield Narrated(settings, kpi, out)
    store.engine.dispose()


def _pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", text)


def test_the_pdf_prints_the_narrative_and_the_dispute_mark(narrated: Narrated) -> None:
    text = _pdf_text(narrated.path(".pdf"))
    assert "과제 추진 경과 (2026-Q4)" in text
    # the narrow cells wrap, and -layout sets the columns' lines side by side: look for pieces of a line
    for part in ("=1+1 국민참여 플랫폼 개편", "<b>1차</b>", "@예산 집행 지연으로", "12월 2차 개편"):
        assert part in text, part
    assert DRAFT not in text
    section = text.split("이의 제기 중인 수치 (2026-10)")[1]
    assert narrated.kpi in section and "+집계 기준 착오" in section and "이의 제기 중" in section


def test_the_workbook_holds_the_narrative_inert_and_marks_the_disputed_rows(narrated: Narrated) -> None:
    book = openpyxl.load_workbook(narrated.path(".xlsx"))
    sheet = book["추진 경과"]
    rows = [[c for c in row] for row in sheet.iter_rows(min_row=2)]
    [row] = [r for r in rows if r[0].value == "S1-T1"]
    values = [c.value for c in row]
    assert "'" + ACHIEVED in values and "'" + REASONS in values and "위원회 검토" in values
    assert not any(c.data_type == "f" for r in rows for c in r)
    assert DRAFT not in str(values)
    by_agency = [[c for c in r] for r in book["기관별 지표"].iter_rows(values_only=True)]
    header = by_agency[0]
    mark = header.index("이의 제기")
    marked = [(r[0], r[header.index("기관코드") if "기관코드" in header else 3]) for r in by_agency[1:] if r[mark]]
    assert marked == [(narrated.kpi, AGENCY)]
    national = [r for r in book["지표"].iter_rows(values_only=True)]
    col = national[0].index("이의 제기")
    assert [(r[0], r[col]) for r in national[1:] if r[col]] == [(narrated.kpi, "이의 제기 중 (1개 기관)")]


def test_the_csv_holds_the_narrative(narrated: Narrated) -> None:
    text = (narrated.out / f"{ReportOptions.parse(MONTH).slug}-narratives.csv").read_text("utf-8-sig")
    assert "'=1+1 국민참여 플랫폼 개편 완료" in text and DRAFT not in text


def test_the_mark_is_gone_from_a_report_built_after_the_answer(narrated: Narrated, tmp_path: Path) -> None:
    settings = copy_store(narrated.settings.home, tmp_path / "store")
    store: Store = open_store(settings)
    [opened] = disputes.listing(store, Actor("admin-1", "admin"), state="open")
    disputes.answer_dispute(store, Actor("admin-1", "admin"), opened.id or 0, accepted=False, answer="기준 적합")
    wh = Warehouse(settings.snapshot_dir)
    try:
        before = gather(wh, ReportOptions.parse(MONTH))  # the snapshot still holds the open dispute
        assert [r["dispute"] for r in kpi_table(before).rows if r["dispute"]] == ["이의 제기 중 (1개 기관)"]
        build(store)
        after = gather(wh, ReportOptions.parse(MONTH))
    finally:
        wh.close()
        store.engine.dispose()
    assert not any(r["dispute"] for r in kpi_table(after).rows)
    assert not any(r["dispute"] for r in kpi_agency_table(after).rows)
