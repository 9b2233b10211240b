"""Upload that cannot surprise and safe administrative defaults, in real Chromium against `govdash serve`:
the officer's due dates and missing files on the upload page, the before/after of a replacing file shown before
제출 확정, and the role of a new account that must be chosen."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from playwright.sync_api import Page, expect

from etl import accounts
from etl.actors import SYSTEM
from etl.ingest import submit
from etl.store import open_store
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("upload-admin-e2e")]

PASSWORD = "upload-admin-password-2026"
SEOUL = "6110000"  # 서울특별시: its October complaints and participation files are missing in the fixture store
MOIS = "1741000"  # 행정안전부
FIRST_PAGE_MS = 90_000
MEETING_HEADER = ["회의번호", "기관코드", "회의일자", "회의구분", "소요시간분", "참석인원", "비대면여부"]


def _meetings(durations: list[int], tag: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MEETING_HEADER)
    for i, minutes in enumerate(durations, start=1):
        writer.writerow([f"{tag}-{i}", MOIS, f"2026-10-{i:02d}", "정례", minutes, 10, "N"])
    return out.getvalue().encode("utf-8-sig")


def _log_in(page: Page, served: Served, username: str, role: str, agency: str | None = None) -> None:
    store = open_store(served.settings)
    if not accounts.has_user(store, username):
        accounts.add_user(store, SYSTEM, username, role, agency_code=agency, password=PASSWORD)
    store.engine.dispose()
    page.goto(served.url("login"))
    # The server's first page of a module starts its Python session: allow that once, then the usual waits.
    page.get_by_label("계정 이름").wait_for(timeout=FIRST_PAGE_MS)
    page.get_by_label("계정 이름").fill(username)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name="로그아웃").first).to_be_visible()


def _nav(page: Page, name: str) -> None:
    more = page.get_by_test_id("stSidebarNavViewButton")
    if more.count() and "more" in (more.inner_text() or "").lower():
        more.click()
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name).click()
    settled(page)


def test_the_officer_sees_the_due_date_and_the_missing_files(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    _log_in(page, served_store, "officer-seoul", "agency", SEOUL)
    _nav(page, "업로드")
    expect(page.get_by_role("heading", name="제출 기한과 밀린 파일: 서울특별시")).to_be_visible()
    # The clock is pinned to 2026-11-25 (KST): November's files are due on 2026-12-10, 15 days ahead.
    expect(page.get_by_text("다음 제출 기한: 2026-12-10 (D-15) — 2026-11월분 파일")).to_be_visible()
    owed = page.locator("table", has_text="제출 기한").first
    missing = owed.locator("tr", has_text="× 미제출")
    expect(missing.filter(has_text="민원 처리 내역")).to_contain_text("2026-10")
    expect(missing.filter(has_text="민원 처리 내역")).to_contain_text("D+15")  # due 2026-11-10
    expect(missing.filter(has_text="국민참여 실적")).to_have_count(1)
    expect(page.get_by_text("🏢")).to_have_count(0)  # the agency is marked by a Material icon, not an emoji


def test_a_replacing_file_shows_its_before_and_after_before_confirming(
    served_store: Served, browser_page: Page
) -> None:
    store = open_store(served_store.settings)
    officer = accounts.add_user(store, SYSTEM, "officer-mois", "agency", agency_code=MOIS, password=PASSWORD)
    first = submit(
        store,
        _meetings([60, 30, 45, 15], "A"),
        filename="10월_회의_4건.csv",
        dataset="meetings",
        agency_code=MOIS,
        period="2026-10",
        actor=officer.account.actor(),
    )
    store.engine.dispose()
    assert first.accepted
    page = browser_page
    _log_in(page, served_store, "officer-mois", "agency", MOIS)
    _nav(page, "업로드")
    page.get_by_role("combobox", name="데이터셋").click()
    page.get_by_role("option", name="회의 운영 내역").click()
    settled(page)
    # The uploader is keyed by dataset, agency and month: wait for the meetings one before sending the file.
    uploader = page.locator(f".st-key-file-meetings-{MOIS}-202610")
    uploader.wait_for()
    uploader.locator('input[type="file"]').set_input_files(
        files=[{"name": "10월_회의_3건.csv", "mimeType": "text/csv", "buffer": _meetings([60, 30, 45], "B")}]
    )
    expect(page.get_by_text("검사를 통과했습니다")).to_be_visible()
    expect(page.get_by_text(f"이 파일은 제출 #{first.submission_id}(")).to_be_visible()
    expect(page.get_by_text("officer-mois, 파일 10월_회의_4건.csv, 4행)을(를) 대체합니다")).to_be_visible()
    figures = page.locator("table", has_text="이 파일 (제출 후)")
    # Attendees 10 each: (60 + 30 + 45 + 15) min × 10 = 25 person-hours before, (60 + 30 + 45) × 10 = 22.5 after.
    expect(figures.locator("tr", has_text="회의 수")).to_contain_text("4건")
    expect(figures.locator("tr", has_text="회의 수")).to_contain_text("3건")
    expect(figures.locator("tr", has_text="회의 인시")).to_contain_text("25시간")
    expect(figures.locator("tr", has_text="회의 인시")).to_contain_text("22.5시간")
    expect(figures.locator("tr", has_text="비대면 회의")).to_contain_text("같음")
    # Shown before anything was recorded: the ledger still has the four-meeting file active.
    con = sqlite3.connect(served_store.settings.home / "ledger.sqlite")
    try:
        active = con.execute(
            "select id from submissions where dataset = 'meetings' and agency_code = ? and period = '2026-10' "
            "and status = 'accepted'",
            [MOIS],
        ).fetchall()
    finally:
        con.close()
    assert active == [(first.submission_id,)]
    expect(page.get_by_role("button", name="제출 확정")).to_be_visible()


def test_a_new_account_needs_a_chosen_role(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    _log_in(page, served_store, "admin-kang", "admin")
    _nav(page, "관리")
    form = page.get_by_test_id("stForm").filter(has_text="계정 추가")
    expect(form.get_by_role("combobox", name="역할")).to_have_value("")  # no role preselected
    form.get_by_label("계정 이름").fill("new-member")
    form.get_by_role("button", name="추가").click()
    expect(page.get_by_text("역할을 선택하십시오. 새 계정에는 기본 역할이 없습니다")).to_be_visible()
    store = open_store(served_store.settings)
    try:
        assert not accounts.has_user(store, "new-member")
    finally:
        store.engine.dispose()
