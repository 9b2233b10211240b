"""The navigation in three sections (보기 / 제출 / 보고·관리): an administrator sees every page's link in the
sidebar at once, without Streamlit's "View n more", in Korean and in English."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from etl import accounts
from etl.actors import SYSTEM
from etl.store import open_store
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e]
PASSWORD = "admin-password-2026"

PAGES = {
    "ko": {
        "보기": ["종합 현황", "전략·과제", "지표 상세", "기관별", "민원 처리", "국민 참여", "회의 감축", "포상금"],
        "제출": ["업로드", "제출 현황"],
        "보고·관리": ["보고서", "관리", "알림", "로그인"],
    },
    "en": {
        "View": ["Overview", "Strategies and tasks", "KPI detail", "Agencies", "Complaints"],
        "Submit": ["Upload", "Submissions"],
        "Reports and administration": ["Reports", "Administration", "Alerts", "Log in"],
    },
}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_administrator_sees_every_page_without_more(served_store: Served, browser_page: Page, lang: str) -> None:
    store = open_store(served_store.settings)
    if not accounts.has_user(store, "nav-admin"):
        accounts.add_user(store, SYSTEM, "nav-admin", "admin", password=PASSWORD)
    store.engine.dispose()
    page = browser_page
    page.goto(served_store.url("login"))
    page.get_by_label("계정 이름").fill("nav-admin")
    page.get_by_label("비밀번호").fill(PASSWORD)
    with page.expect_response(lambda r: r.url.endswith("/_govdash/session")):
        page.get_by_role("button", name="로그인").click()
    page.goto(served_store.url(lang=lang))  # the session cookie keeps the login across this load
    settled(page)
    nav = page.get_by_test_id("stSidebarNav")
    for section, names in PAGES[lang].items():
        expect(nav.get_by_text(section, exact=True)).to_be_visible()
        for name in names:
            expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_test_id("stSidebarNavViewButton")).to_have_count(0)  # no "View n more"
