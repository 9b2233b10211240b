"""Logging in and out in real Chromium against `govdash serve`, with reading behind a login."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from etl.access.actors import SYSTEM
from etl.governance import audit
from etl.ledger.store import open_store
from tests.e2e.server import Served, expect_filters, expect_no_dialog, settled
from tests.security.conftest import PASSWORD

pytestmark = [pytest.mark.e2e]


def _log_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("계정 이름").fill(username)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()


def test_login_in_a_real_browser(private_server: Served, browser_page: Page) -> None:
    page = browser_page
    page.goto(private_server.url())  # the overview is the default page, served at the root address
    expect(page.get_by_text("이 대시보드는 로그인 후 볼 수 있습니다.")).to_be_visible()
    expect(page.get_by_text("종합 달성률")).to_have_count(0)

    _log_in(page, "jung", "not the password")
    expect(page.get_by_text("계정 이름 또는 비밀번호가 맞지 않습니다", exact=False)).to_be_visible()

    _log_in(page, "jung", PASSWORD)
    expect(page.get_by_text("종합 달성률")).to_be_visible()  # the address asked for, now open
    expect(page.get_by_text("jung · 위원회 위원")).to_be_visible()
    expect(page.get_by_role("link", name="관리")).to_have_count(0)  # not an administrator
    page.get_by_role("link", name="전략·과제").click()
    expect(page.get_by_text("jung · 위원회 위원")).to_be_visible()  # moving between pages keeps the login
    settled(page)

    page.get_by_role("button", name="로그아웃").first.click()
    expect(page.get_by_text("이 대시보드는 로그인 후 볼 수 있습니다.")).to_be_visible()
    expect(page.get_by_text("jung · 위원회 위원")).to_have_count(0)
    store = open_store(private_server.settings)
    actions = [e.action for e in reversed(audit.search(store, SYSTEM, text="user:jung"))]
    assert actions == ["account.created", "login.failed", "login.ok", "logout"]  # logout ends the ledger session


@pytest.mark.parametrize(
    ("path", "shown"),
    [("overview", "종합 달성률"), ("complaints", "접수 건수")],
)
def test_a_typed_page_address_shows_the_login_form_then_that_page(
    private_server: Served, browser_page: Page, path: str, shown: str
) -> None:
    """/overview names the default page, which Streamlit serves at the root address: that address showed
    Streamlit's "page not found" dialog over the login form. Every page's address shows the form alone, and
    after the login the page asked for, with the filters of the address."""
    page = browser_page
    page.goto(private_server.url(path, month="2026-07", view="ytd"))
    expect(page.get_by_text("이 대시보드는 로그인 후 볼 수 있습니다.")).to_be_visible()
    expect_no_dialog(page)  # the dialog would come with this run, before the form

    _log_in(page, "jung", PASSWORD)
    expect(page.get_by_text(shown).first).to_be_visible()
    expect_no_dialog(page)
    expect_filters(page, "2026. 7.", "연간 누계 (1월~기준월)")
    # the overview at its own address, the root
    address = r"/\?" if path == "overview" else rf"/{path}\?"
    expect(page).to_have_url(re.compile(rf"^{re.escape(private_server.base_url)}{address}.*view=ytd"))
