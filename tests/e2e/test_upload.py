"""업로드 and 제출 현황 in real Chromium against `govdash serve`: an invalid file is rejected with its report,
a valid one is accepted, the figures are rebuilt in the background, and the matrix and history show both."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page, expect

from etl import accounts
from etl.actors import SYSTEM
from etl.store import open_store
from etl.templates import example_csv
from metrics.clock import today
from metrics.kst import add_months, month_start
from metrics.reference import load_agencies
from metrics.snapshot import connect_readonly, current_snapshot
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("upload-e2e")]

REBUILD_TIMEOUT_MS = 90_000


PASSWORD = "upload-test-password-2026"


def _acting_agency(served: Served) -> str:
    """The first agency by Korean name; the test logs in as its officer."""
    agencies = load_agencies(served.settings.reference_dir)
    names = dict(zip(agencies["agency_code"], agencies["name_ko"], strict=True))
    return sorted(names, key=lambda c: names[c])[0]


def _log_in_as_officer(page: Page, served: Served, agency: str) -> None:
    """An officer account of the agency, logged in through the login page; the upload page is then reached by
    the navigation (a reload would start a new session)."""
    store = open_store(served.settings)
    accounts.add_user(store, SYSTEM, f"officer-{agency}", "agency", agency_code=agency, password=PASSWORD)
    store.engine.dispose()
    page.goto(served.url("login"))
    page.get_by_label("계정 이름").fill(f"officer-{agency}")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name="로그아웃").first).to_be_visible()
    page.get_by_role("link", name="업로드").click()


def _files(agency: str) -> tuple[bytes, bytes]:
    month = add_months(month_start(today()), -1)  # the page's default month
    good = example_csv("complaints", agency, month)
    rows = list(csv.reader(io.StringIO(good.decode("utf-8-sig"))))
    rows[1][2] = "민원"  # not one of 고충, 건의, 질의, 법정, 기타
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return good, out.getvalue().encode("utf-8-sig")


def _upload(page: Page, name: str, content: bytes) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )


def _ids(served: Served, filename: str, status: str, agency: str) -> list[tuple]:
    import sqlite3

    con = sqlite3.connect(served.settings.home / "ledger.sqlite")
    try:
        sql = "select id from submissions where filename = ? and status = ? and agency_code = ?"
        return con.execute(sql, [filename, status, agency]).fetchall()
    finally:
        con.close()


def test_an_invalid_file_is_rejected_and_a_valid_one_accepted_and_rebuilt(served_store: Served, browser_page: Page):
    page = browser_page
    agency = _acting_agency(served_store)
    good, bad = _files(agency)
    _log_in_as_officer(page, served_store, agency)
    expect(page.get_by_role("heading", name="업로드")).to_be_visible()
    settled(page)
    expect(page.get_by_text("서식 내려받기 (XLSX)")).to_be_visible()

    _upload(page, "잘못된_민원.csv", bad)
    expect(page.get_by_text("오류가 있어 이 파일은 반려되었습니다")).to_be_visible()
    expect(page.get_by_text("검증 보고서 (XLSX, 오류 셀 표시)")).to_be_visible()
    rejected = _ids(served_store, "잘못된_민원.csv", "rejected", agency)
    assert len(rejected) == 1
    expect(page.get_by_text(f"반려되었습니다 (제출 #{rejected[0][0]})")).to_be_visible()

    _upload(page, "민원_10월.csv", good)
    expect(page.get_by_text("검사를 통과했습니다")).to_be_visible()
    page.get_by_role("button", name="제출 확정").click()
    expect(page.get_by_text("접수되었습니다: 제출 #")).to_be_visible()
    expect(page.get_by_text("수치가 갱신되었습니다")).to_be_visible(timeout=REBUILD_TIMEOUT_MS)
    ((accepted,),) = _ids(served_store, "민원_10월.csv", "accepted", agency)
    con = connect_readonly(current_snapshot(served_store.settings.snapshot_dir))
    try:
        in_snapshot = con.execute("select count(*) from src_complaints where submission_id = ?", [accepted]).fetchall()
    finally:
        con.close()
    assert in_snapshot == [(1,)]

    page.goto(served_store.url("submissions"))
    expect(page.get_by_role("heading", name="제출 현황", level=1)).to_be_visible()
    settled(page)
    expect(page.get_by_text("제출 이력 (최신순)")).to_be_visible()
    # The matrix is the published snapshot: the agency's complaints cell now holds our file (resubmitted).
    row = page.locator("table tr", has_text=f"({agency})").first
    expect(row).to_contain_text("◆ 재제출")
    history = page.locator("table", has_text="민원_10월.csv")
    expect(history).to_contain_text(f"#{accepted}")
    expect(history).to_contain_text("잘못된_민원.csv")
    expect(history).to_contain_text("반려")
