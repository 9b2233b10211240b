"""Narratives and disputes in real Chromium against `govdash serve`: an agency officer writes a task's
narrative (refused without its 부진사유, then submitted) and disputes one of their agency's figures; the figure
is marked 이의 제기 중; the administrator rejects the dispute and the mark clears; a committee member reviews
the narrative. One test runs the steps in this order on one server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from etl import accounts, narratives
from etl.actors import SYSTEM
from etl.store import open_store
from tests.browser import EXPECT_TIMEOUT_MS, VIEWPORT
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("narratives-e2e")]

PASSWORD = "narratives-test-password-2026"
AGENCY = "1741000"  # 행정안전부: reports S1-T1-K1, the KPI page's first KPI
ACHIEVED = "**굵게** 국민참여 플랫폼 개편 =1+1"
REASONS = "예산 집행 지연"
DISPUTE = "중복 집계 <b>포함</b>"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _task(served: Served) -> str:
    """A task the officer's agency owns (the first in catalog order)."""
    store = open_store(served.settings)
    try:
        return next(t.code for t in store.catalog.tasks if narratives.task_owner(store, t.code) == AGENCY)
    finally:
        store.engine.dispose()


def _log_in(page: Page, served: Served, username: str, role: str) -> None:
    store = open_store(served.settings)
    if not accounts.has_user(store, username):
        agency = AGENCY if role == "agency" else None
        accounts.add_user(store, SYSTEM, username, role, agency_code=agency, password=PASSWORD)  # type: ignore[arg-type]
    store.engine.dispose()
    page.goto(served.url("login"))
    page.get_by_label("계정 이름").fill(username)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name="로그아웃").first).to_be_visible()


def _nav(page: Page, name: str) -> None:
    """A page by the sidebar's navigation (Streamlit folds a long list behind its 'View more' button)."""
    more = page.get_by_test_id("stSidebarNavViewButton")
    if more.count() and "more" in (more.inner_text() or "").lower():
        more.click()
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name).click()


def _open_task(page: Page, task: str) -> None:
    """The 전략·과제 page on `task` (reached by the navigation: a reload would start a new session)."""
    _nav(page, "전략·과제")
    settled(page)
    page.get_by_text(task.split("-")[0] + " ", exact=False).first.click()
    settled(page)
    page.locator("label", has_text=task).first.click()
    settled(page)
    expect(page.get_by_role("heading", name=task)).to_be_visible()


def _officer_writes_a_narrative_and_disputes_a_figure(served_store: Served, page: Page) -> None:
    task = _task(served_store)
    _log_in(page, served_store, "officer-narr", "agency")
    _open_task(page, task)
    page.get_by_text(f"추진 경과 작성 (주관 기관 {AGENCY})").click()
    page.get_by_label("추진실적").fill(ACHIEVED)
    page.get_by_role("button", name="제출").click()
    expect(page.get_by_text("부진사유를 입력해야 제출할 수 있습니다")).to_be_visible()
    page.get_by_label("부진사유").fill(REASONS)
    page.get_by_role("button", name="제출").click()
    expect(page.get_by_text("저장했습니다 (버전 1, 제출)")).to_be_visible()
    shown = page.locator(f".st-key-narrative-{task}")
    expect(shown).to_contain_text(ACHIEVED)  # as written: not bold, no formula
    expect(shown).to_contain_text(REASONS)
    expect(shown.locator("strong", has_text="굵게")).to_have_count(0)

    _nav(page, "지표 상세")
    settled(page)
    page.get_by_text(f"수치 이의 제기 (기관 {AGENCY})").click()
    page.get_by_label("이의 제기 사유").fill(DISPUTE)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "근거.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="이의 제기", exact=True).click()
    expect(page.get_by_text("이의 제기를 접수했습니다")).to_be_visible()
    ranking = page.locator("table", has_text="행정안전부")
    expect(ranking.locator("tr", has_text="행정안전부").first).to_contain_text("이의 제기 중")
    expect(page.get_by_text("이 달 수치에 이의 제기 중인 기관: 행정안전부")).to_be_visible()


def _administrator_rejects_the_dispute_and_the_mark_clears(served_store: Served, page: Page) -> None:
    _log_in(page, served_store, "admin-narr", "admin")
    _nav(page, "지표 상세")
    settled(page)
    expect(page.locator("table", has_text="행정안전부").first).to_contain_text("이의 제기 중")
    _nav(page, "관리")
    settled(page)
    page.get_by_role("tab", name="이의 제기").click()
    expect(page.get_by_text("답변을 기다리는 이의 제기 (1)")).to_be_visible()
    expect(page.get_by_text(DISPUTE)).to_be_visible()
    expect(page.get_by_role("button", name="증빙 내려받기 (근거.pdf)")).to_be_visible()
    page.get_by_text("기각", exact=True).click()
    page.get_by_label("답변 (기각 시 사유 필수)").fill("원자료 확인 결과 중복 없음")
    page.get_by_role("button", name="답변 등록").click()
    expect(page.get_by_text("답변을 등록했습니다")).to_be_visible()
    expect(page.get_by_text("답변을 기다리는 이의 제기 (0)")).to_be_visible()
    _nav(page, "지표 상세")
    settled(page)
    expect(page.locator("table", has_text="행정안전부").first).not_to_contain_text("이의 제기 중")
    expect(page.get_by_text("이 달 수치에 이의 제기 중인 기관")).to_have_count(0)


def _committee_member_reviews_the_narrative(served_store: Served, page: Page) -> None:
    task = _task(served_store)
    _log_in(page, served_store, "committee-narr", "committee")
    _open_task(page, task)
    shown = page.locator(f".st-key-narrative-{task}")
    expect(shown).to_contain_text(ACHIEVED)
    page.get_by_label("검토 의견").fill("보완 계획 확인")
    page.get_by_role("button", name="검토 완료").click()
    expect(page.get_by_text("저장했습니다 (버전 2, 위원회 검토)")).to_be_visible()
    expect(shown).to_contain_text("위원회 검토")
    expect(shown).to_contain_text("보완 계획 확인")
    expect(page.get_by_text(f"추진 경과 작성 (주관 기관 {AGENCY})")).to_have_count(0)  # not theirs to write


def test_narrative_dispute_answer_and_review_in_order(served_store: Served, browser) -> None:  # type: ignore[no-untyped-def]
    """The three people in turn on one server, each in a browser context of their own: one test, so that the
    steps always share the server (and its ledger) whatever order the runner gives the tests."""
    for step in (
        _officer_writes_a_narrative_and_disputes_a_figure,
        _administrator_rejects_the_dispute_and_the_mark_clears,
        _committee_member_reviews_the_narrative,
    ):
        context = browser.new_context(viewport=VIEWPORT, locale="ko-KR", timezone_id="Asia/Seoul")
        page = context.new_page()
        page.set_default_timeout(EXPECT_TIMEOUT_MS)
        try:
            step(served_store, page)
        finally:
            context.close()
