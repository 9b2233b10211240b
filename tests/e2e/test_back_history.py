"""Back walks the dashboard one page at a time (docs/decisions.md §32): opening a page adds exactly one
browser-history entry, a filter change replaces the entry of the page it was made on, and Back reopens the
previous page with the filters it had when it was left (overview → KPI → change the month → agencies, then
Back, Back). The script that makes it so (dashboard/history.js) is the first of every page `govdash serve`
sends, so it is in place before Streamlit's front end: a session's first run writes its view into the address
too, adding no entry."""

from __future__ import annotations

import re
import urllib.request

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
    # Drawn, not only addressed: the front end confirms a page (and would push its address if it were not
    # already there) only once it has drawn it, and a Back pressed before that is not what this test is about.
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    settled(page)


def choose_month(page: Page, label: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="기준월").click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(page).to_have_url(re.compile(r"month=2026-08"))
    settled(page)


def test_back_reopens_each_page_with_its_filters(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    page.goto(served_store.url())
    expect(page.get_by_role("heading", name="정부혁신 성과 대시보드", level=1)).to_be_visible()
    settled(page)
    expect_filters(page, REPORTING, "해당 월")
    expect(page).to_have_url(re.compile(r"/\?.*month=2026-10"))  # the first run's writes are in the address
    overview_left = page.url
    start = history_length(page)

    open_from_nav(page, "지표 상세", "kpi")
    expect(page).to_have_url(re.compile(r"month=2026-10"))  # the page's filters are in its address
    assert history_length(page) == start + 1

    choose_month(page, CHOSEN)
    assert history_length(page) == start + 1  # a filter change replaces the KPI page's entry
    expect(page).to_have_url(re.compile(r"/kpi\?.*kpi="))
    kpi_left = page.url

    open_from_nav(page, "기관별", "agencies")
    expect_filters(page, CHOSEN, "해당 월")  # the month carries over to the next page
    assert history_length(page) == start + 2

    page.go_back()  # the KPI page exactly as it was left: the agency page's writes never touched its entry
    expect(page).to_have_url(kpi_left)
    settled(page)
    expect(page.get_by_role("heading", name=re.compile("지표 상세")).first).to_be_visible()
    expect_filters(page, CHOSEN, "해당 월")

    page.go_back()  # the overview as it was left, not with the month chosen later
    expect(page).to_have_url(overview_left)
    settled(page)
    expect_filters(page, REPORTING, "해당 월")
    expect(page).to_have_url(overview_left)
    assert history_length(page) == start + 2  # Back moved within the history, adding nothing

    # A link in the page (st.page_link: a task card's "open its KPIs") is a page opened like any other.
    page.get_by_test_id("stPageLink-NavLink").filter(has_text="지표 보기").first.click()
    expect(page).to_have_url(re.compile(r"/strategies\?.*task="))
    settled(page)
    assert history_length(page) == start + 1  # the entries ahead of the overview were dropped, one added
    page.go_back()
    expect(page).to_have_url(overview_left)
    settled(page)
    expect_filters(page, REPORTING, "해당 월")


def test_a_first_run_writes_its_view_into_the_address_without_an_entry(
    served_store: Served, browser_page: Page
) -> None:
    page = browser_page
    assert history_length(page) == 1  # the new tab's blank page
    page.goto(served_store.url("kpi"))
    expect(page.get_by_role("heading", name=re.compile("지표 상세")).first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/kpi\?.*month=2026-10"))  # the defaults, written by the first run
    settled(page)
    assert history_length(page) == 2  # the page opened, and nothing for the first run's five or six writes

    page.reload()  # a new session's first run on the same address: it stays as it is, still one entry
    expect(page.get_by_role("heading", name=re.compile("지표 상세")).first).to_be_visible()
    settled(page)
    expect(page).to_have_url(re.compile(r"/kpi\?.*month=2026-10"))
    assert history_length(page) == 2

    page.goto(served_store.url("agencies", month="2026-08"))  # a link with a month: kept, the rest added
    settled(page)
    expect_filters(page, CHOSEN, "해당 월")
    expect(page).to_have_url(re.compile(r"/agencies\?.*month=2026-08"))
    expect(page).to_have_url(re.compile(r"[?&]view="))
    assert history_length(page) == 3


def fetch(url: str, accept: str) -> tuple[str, str]:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=30) as r:
        return r.headers.get("content-type", ""), r.read().decode("utf-8")


def test_every_page_starts_with_the_history_script_from_this_origin(served_store: Served) -> None:
    tag = '<script src="./_govdash/history.js"></script>'
    for address in (served_store.url(), served_store.url("kpi", month="2026-08"), served_store.url("agencies")):
        kind, html = fetch(address, "text/html,application/xhtml+xml")
        assert kind.startswith("text/html")
        head = html.split("<head>", 1)[1]
        assert head.startswith(tag) and html.count(tag) == 1  # before Streamlit's own module script
        assert head.index(tag) < head.index('<script type="module"')
    kind, script = fetch(f"{served_store.base_url}/_govdash/history.js", "*/*")
    assert kind.startswith("text/javascript")  # so that `X-Content-Type-Options: nosniff` lets it run
    assert "h.replaceState(state, title, url)" in script
