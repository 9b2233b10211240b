"""Sessions that survive, in real Chromium against `govdash serve` with reading behind a login: a reload, a
second tab and a pasted link stay logged in; a logout everywhere, a disabled account and an idle session are
refused on the next run. The idle case is made by ageing the session's row in the ledger, not by waiting."""

from __future__ import annotations

import sqlite3

import pytest
from playwright.sync_api import Page, expect

from etl.access.actors import SYSTEM
from etl.governance import account_rules, accounts, audit, sessions
from etl.ledger.store import open_store
from tests.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.e2e.server import Served, settled
from tests.security.conftest import PASSWORD

pytestmark = [pytest.mark.e2e]
REQUIRED = "이 대시보드는 로그인 후 볼 수 있습니다."
WHO = "jung · 위원회 위원"


def _log_in(page: Page, served: Served) -> None:
    """Log in on the login page and wait for the cookie route's answer (the page hands it the code)."""
    page.goto(served.url("login"))
    page.get_by_label("계정 이름").fill("jung")
    page.get_by_label("비밀번호").fill(PASSWORD)
    with page.expect_response(lambda r: r.url.endswith("/_govdash/session")) as answer:
        page.get_by_role("button", name="로그인").click()
    assert answer.value.status == 204
    expect(page.get_by_text(WHO)).to_be_visible()


def _ledger(served: Served) -> sqlite3.Connection:
    return sqlite3.connect(served.settings.home / "ledger.sqlite")


def test_a_reload_a_second_tab_and_a_pasted_link_stay_logged_in(private_server: Served, browser_page: Page) -> None:
    page = browser_page
    _log_in(page, private_server)
    [cookie] = [c for c in page.context.cookies() if c["name"] == sessions.COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert page.evaluate("document.cookie").find(sessions.COOKIE) == -1  # no script can read it

    page.reload()
    expect(page.get_by_text(WHO)).to_be_visible()
    expect(page.get_by_text(REQUIRED)).to_have_count(0)

    second = page.context.new_page()  # a second tab of the same browser
    second.goto(private_server.url("complaints", month="2026-07"))  # a pasted link
    expect(second.get_by_text(WHO)).to_be_visible()
    expect(second.get_by_text("접수 건수").first).to_be_visible()
    settled(second)
    second.close()

    # Another browser (no cookie) is asked to log in.
    other = page.context.browser.new_context(viewport=VIEWPORT, locale="ko-KR").new_page()  # type: ignore[union-attr]
    other.goto(private_server.url())
    expect(other.get_by_text(REQUIRED)).to_be_visible()
    other.context.close()


def test_logout_everywhere_ends_the_session_of_another_browser(private_server: Served, browser) -> None:  # type: ignore[no-untyped-def]
    own = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        laptop = own.new_context(viewport=VIEWPORT, locale="ko-KR").new_page()
        phone = own.new_context(viewport=VIEWPORT, locale="ko-KR").new_page()
        _log_in(laptop, private_server)
        _log_in(phone, private_server)
        store = open_store(private_server.settings)
        assert len(sessions.open_sessions(store, "jung")) == 2

        laptop.get_by_role("button", name="모든 기기에서 로그아웃").click()
        expect(laptop.get_by_text(REQUIRED)).to_be_visible()
        phone.reload()  # the phone's cookie is still there; its session is not
        expect(phone.get_by_text(REQUIRED)).to_be_visible()
        expect(phone.get_by_text(WHO)).to_have_count(0)
        assert sessions.open_sessions(store, "jung") == []
        actions = [e.action for e in audit.search(store, SYSTEM, text="user:jung")]
        assert "session.revoked_all" in actions
        store.engine.dispose()
    finally:
        own.close()


def test_a_disabled_account_is_refused_on_its_next_run(private_server: Served, browser_page: Page) -> None:
    page = browser_page
    _log_in(page, private_server)
    store = open_store(private_server.settings)
    accounts.set_disabled(store, SYSTEM, "jung")
    store.engine.dispose()
    page.get_by_role("link", name="전략·과제").click()  # the same tab, the next run
    expect(page.get_by_text(REQUIRED)).to_be_visible()
    page.reload()  # and the cookie no longer opens it either
    expect(page.get_by_text(REQUIRED)).to_be_visible()
    with _ledger(private_server) as con:
        [(reason,)] = con.execute("select revoked_reason from dashboard_sessions where user_id='jung'").fetchall()
    assert reason == "disabled"


def test_an_idle_session_is_refused_and_says_why(private_server: Served, browser_page: Page) -> None:
    page = browser_page
    _log_in(page, private_server)
    page.reload()
    expect(page.get_by_text(WHO)).to_be_visible()
    # Idle a minute past the limit: the row's last use moved back instead of a wait. Relative to the row (the
    # server's pinned clock runs on from its own start, not this process's).
    back = f"-{account_rules.idle_minutes() + 1} minutes"
    with _ledger(private_server) as con:
        con.execute("update dashboard_sessions set last_seen = datetime(last_seen, ?) where user_id = 'jung'", (back,))
    page.reload()
    expect(page.get_by_text(REQUIRED)).to_be_visible()
    expect(page.get_by_text("분 동안 사용하지 않아 로그아웃되었습니다", exact=False)).to_be_visible()
    with _ledger(private_server) as con:
        [(reason,)] = con.execute("select revoked_reason from dashboard_sessions where user_id='jung'").fetchall()
    assert reason == "idle"


def test_logout_clears_the_cookie_and_ends_the_session(private_server: Served, browser_page: Page) -> None:
    page = browser_page
    _log_in(page, private_server)
    with page.expect_response(lambda r: r.url.endswith("/_govdash/logout")):
        page.get_by_role("button", name="로그아웃").first.click()
    expect(page.get_by_text(REQUIRED)).to_be_visible()
    assert [c for c in page.context.cookies() if c["name"] == sessions.COOKIE] == []
    page.reload()
    expect(page.get_by_text(REQUIRED)).to_be_visible()
    store = open_store(private_server.settings)
    assert sessions.open_sessions(store, "jung") == []
    store.engine.dispose()
