"""Back walks the dashboard one page at a time (docs/decisions.md §32): opening a page adds exactly one
browser-history entry, a filter change replaces the entry of the page it was made on, and Back reopens the
previous page with the filters it had when it was left (overview → KPI → change the month → agencies, then
Back, Back)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.server import Served, expect_filters, settled

pytestmark = [pytest.mark.e2e]

REPORTING = "2026. 10."  # the fixture store's reporting month on the pinned day (2026-11-25)
CHOSEN = "2026. 8."


def history_length(page: Page) -> int:
    return int(page.evaluate("window.history.length"))


def open_from_nav(page: Page, name: str, path: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{path}(\?|$)"))
    settled(page)


def choose_month(page: Page, label: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="기준월").click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(page).to_have_url(re.compile(r"month=2026-08"))
    settled(page)


def test_back_reopens_each_page_with_its_filters(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    page.goto(served_store.url())
    settled(page)
    expect_filters(page, REPORTING, "해당 월")
    start = history_length(page)

    open_from_nav(page, "지표 상세", "kpi")
    expect(page).to_have_url(re.compile(r"month=2026-10"))  # the page's filters are in its address
    assert history_length(page) == start + 1

    choose_month(page, CHOSEN)
    assert history_length(page) == start + 1  # a filter change replaces the KPI page's entry
    expect(page).to_have_url(re.compile(r"/kpi\?"))

    open_from_nav(page, "기관별", "agencies")
    expect_filters(page, CHOSEN, "해당 월")  # the month carries over to the next page
    assert history_length(page) == start + 2

    page.go_back()
    expect(page).to_have_url(re.compile(r"/kpi\?.*month=2026-08"))
    settled(page)
    expect_filters(page, CHOSEN, "해당 월")

    page.go_back()
    expect(page).to_have_url(re.compile(r"/(\?|$)"))
    assert "month=2026-10" in page.url  # the overview as it was left, not the month chosen later
    settled(page)
    expect_filters(page, REPORTING, "해당 월")
    assert history_length(page) == start + 2  # Back moved within the history, adding nothing
