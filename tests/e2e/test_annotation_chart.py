"""Chart annotations in real Chromium: an administrator adds an event to one KPI on the administration page;
the background rebuild publishes a snapshot holding it; the KPI's trend chart draws it (a marker with its
label) and lists it under the chart as written."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from etl.access.actors import SYSTEM
from etl.governance import accounts
from etl.ledger.store import open_store
from metrics.snapshot import current_snapshot
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("annotation-e2e")]

PASSWORD = "annotation-test-password-2026"
KPI = "S1-T3-K1"
EVENT = "<b>국민참여 주간</b> =1+1"  # stored and drawn as written: no markup, no formula
REBUILD_TIMEOUT_S = 120.0


def _log_in_as_admin(page: Page, served: Served) -> None:
    store = open_store(served.settings)
    if not accounts.has_user(store, "admin-notes"):
        accounts.add_user(store, SYSTEM, "admin-notes", "admin", password=PASSWORD)
    store.engine.dispose()
    page.goto(served.url("login"))
    page.get_by_label("계정 이름").fill("admin-notes")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name="로그아웃").first).to_be_visible()


def _open_admin(page: Page) -> None:
    more = page.get_by_test_id("stSidebarNavViewButton")
    if more.count() and "more" in (more.inner_text() or "").lower():
        more.click()
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="관리").click()
    settled(page)


def _choose(page: Page, label: str, option: str) -> None:
    page.get_by_label(label).click()
    page.get_by_role("option", name=option, exact=True).click()
    settled(page)


def _wait_for_new_snapshot(served: Served, before: str) -> None:
    """The rebuild the page started runs in its own process: wait until it has published (the pointer moves)."""
    deadline = time.monotonic() + REBUILD_TIMEOUT_S
    while current_snapshot(served.settings.snapshot_dir).name == before:
        assert time.monotonic() < deadline, "no new snapshot was published after the annotation was added"
        time.sleep(0.2)  # polling the published pointer, not waiting a fixed time for the page


def test_an_administrators_event_is_drawn_on_the_kpi_chart(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    before = current_snapshot(served_store.settings.snapshot_dir).name
    _log_in_as_admin(page, served_store)
    _open_admin(page)
    page.get_by_role("tab", name="차트 주석").click()
    _choose(page, "범위", "지표")
    _choose(page, "과제·지표 코드", KPI)
    # the date field is three spin buttons (year, month, day); the year is already the clock's 2026. The page
    # script names the parts in Korean ("월, 날짜") once it has run; react-aria's own name ("month, 날짜") before.
    page.get_by_role("spinbutton", name=re.compile(r"^(month|월), 날짜$")).click()
    page.keyboard.type("10")
    page.get_by_role("spinbutton", name=re.compile(r"^(day|일), 날짜$")).click()
    page.keyboard.type("15")
    page.get_by_label("내용", exact=True).fill(EVENT)
    page.get_by_role("button", name="주석 추가").click()
    expect(page.get_by_text("주석을 추가했습니다")).to_be_visible()
    _wait_for_new_snapshot(served_store, before)

    page.goto(served_store.url("kpi", kpi=KPI, month="2026-10", view="month"))
    settled(page)
    chart = page.locator(".st-key-kpi-trend, [data-testid='stPlotlyChart']").first
    expect(chart.locator("text", has_text="국민참여 주간").first).to_be_attached()
    listed = page.locator(".st-key-kpi-annotations")
    expect(listed).to_contain_text(EVENT)  # the list under the chart shows the text as written
    expect(listed).to_contain_text("2026-10-15")
