"""The dashboard in real Chromium against `govdash serve` on a copy of the fixture store: what a council member
sees, compared with the marts of the served snapshot."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from metrics.display import percent, status_label
from metrics.settings import Settings
from metrics.snapshot import connect_readonly, current_snapshot
from tests.e2e.server import Served, expect_filters, expect_no_dialog, serve, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("dashboard-e2e")]

LATEST = "2026-10"


def mart_rows(served: Served, sql: str, params: list[object] | None = None) -> list[tuple]:
    con = connect_readonly(current_snapshot(served.settings.snapshot_dir))
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def card(page: Page, key: str):  # type: ignore[no-untyped-def]
    return page.locator(f".st-key-{key}")


def test_overview_shows_four_strategies_and_twelve_tasks_with_statuses(
    served_store: Served, browser_page: Page
) -> None:
    page = browser_page
    page.goto(served_store.url("", month=LATEST, view="month"))
    expect(page.get_by_text("종합 달성률")).to_be_visible()
    settled(page)
    # a viewer's toolbar: no developer's Deploy button over the council's page
    expect(page.get_by_text("Deploy", exact=True)).to_have_count(0)

    strategies = mart_rows(
        served_store,
        "select strategy_code, achievement, status from mart_strategy_scores "
        "where period = date '2026-10-01' and time_window = 'month' order by strategy_code",
    )
    tasks = mart_rows(
        served_store,
        "select task_code, achievement, status from mart_task_scores "
        "where period = date '2026-10-01' and time_window = 'month' order by task_code",
    )
    assert len(strategies) == 4 and len(tasks) == 12
    expect(page.locator("[class*='st-key-strategy-S']")).to_have_count(4)
    expect(page.locator("[class*='st-key-task-S']")).to_have_count(12)
    for code, achievement, status in strategies + tasks:
        prefix = "strategy" if len(code) == 2 else "task"
        box = card(page, f"{prefix}-{code}")
        expect(box.locator('[data-testid="stMetricValue"]')).to_have_text(percent(achievement))
        expect(box.locator(".gd-status")).to_have_text(status_label(status, "ko"))

    (overall,) = mart_rows(
        served_store,
        "select achievement from mart_overall_scores where period = date '2026-10-01' and time_window = 'month'",
    )
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(percent(overall[0]))
    expect(page.get_by_text(re.compile(r"스냅샷 \d{8}T\d{6}-"))).to_be_visible()

    # each task card draws its trend, which ends at this month's figure (its text alternative names every
    # point); the chart below prints every task's figure and status in words
    for code, achievement, _ in tasks:
        spark = card(page, f"task-{code}").locator("img.gd-spark")
        expect(spark).to_be_visible()
        last = re.escape(percent(achievement)) if achievement is not None else r"[\d.,]+%"
        expect(spark).to_have_attribute("alt", re.compile(rf"^{code} · 최근 12개월 달성률 추이: .*{last}$"))
    chart = page.locator(".gd-bars")
    expect(chart.locator(".gd-bar-text")).to_have_count(12)
    for code, achievement, status in tasks:
        expect(chart).to_contain_text(code)
        expect(chart).to_contain_text(f"{percent(achievement)} {status_label(status, 'ko')}")
    expect(page.locator(".js-plotly-plot")).to_have_count(0)


def test_the_overview_address_opens_the_overview(served_store: Served, browser_page: Page) -> None:
    """/overview, typed or from an old link, opens the overview (at the root address, with the link's filters)
    rather than Streamlit's "page not found" dialog."""
    page = browser_page
    page.goto(served_store.url("overview", month="2026-07", view="ytd"))
    expect(page.get_by_text("종합 달성률")).to_be_visible()
    expect_no_dialog(page)
    expect_filters(page, "2026. 7.", "연간 누계 (1월~기준월)")
    expect(page).to_have_url(re.compile(rf"^{re.escape(served_store.base_url)}/\?.*view=ytd"))
    (achievement,) = mart_rows(
        served_store,
        "select achievement from mart_overall_scores where period = date '2026-07-01' and time_window = 'ytd'",
    )[0]
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(percent(achievement))


def test_clicking_a_task_opens_its_kpis(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    page.goto(served_store.url("", month=LATEST, view="ytd"))
    link = card(page, "task-S1-T3").get_by_role("link")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/strategies\?.*task=S1-T3"))
    kpis = mart_rows(served_store, "select kpi_code, name_ko from ref_kpis where task_code = 'S1-T3' order by 1")
    for code, name in kpis:
        expect(card(page, f"kpi-{code}").get_by_text(f"{code} · {name}")).to_be_visible()
    expect(page.locator("[class*='st-key-kpi-']")).to_have_count(len(kpis))
    # the filters travelled with the link
    expect(page).to_have_url(re.compile(r"view=ytd"))


def test_kpi_page_shows_the_submissions_behind_the_figure(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    page.goto(served_store.url("kpi", kpi="S1-T3-K1", month=LATEST, view="month"))
    expect(page.get_by_text("실적의 근거가 된 제출 파일")).to_be_visible()
    files = mart_rows(
        served_store,
        "select s.filename, s.submitted_by from stg_submissions s join int_kpi_expected e "
        "on e.agency_code = s.agency_code and e.period = s.period and e.source = s.dataset "
        "where s.is_active and e.kpi_code = 'S1-T3-K1' and e.period = date '2026-10-01'",
    )
    assert files
    table = page.locator('[data-testid="stTable"]').last
    for filename, submitted_by in files:
        row = table.locator("tr", has_text=filename)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(submitted_by)


def test_the_english_switch_changes_the_labels_at_the_first_click_on_a_fresh_server(
    store_copy: Settings, browser_page: Page
) -> None:
    """A server of its own, so that this is the first session of the process: the first script run of a
    process once ran in a different mode and dropped this click (docs/decisions.md §9)."""
    page = browser_page
    with serve(store_copy) as served:
        page.goto(served.url("", month=LATEST))
        expect(page.get_by_text("종합 달성률")).to_be_visible()
        settled(page)  # the switch is clicked once the page's run has finished, as a person would
        page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
        expect(page).to_have_url(re.compile(r"lang=en"))
        expect(page.get_by_text("Overall achievement")).to_be_visible()
        expect(page.get_by_text("종합 달성률")).to_have_count(0)
        expect(page.get_by_role("heading", name="4 strategies")).to_be_visible()


def test_the_english_switch_changes_the_labels(served_store: Served, browser_page: Page) -> None:
    """The same on a server that has already served other sessions."""
    page = browser_page
    page.goto(served_store.url("", month=LATEST))
    expect(page.get_by_text("종합 달성률")).to_be_visible()
    settled(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    expect(page).to_have_url(re.compile(r"lang=en"))
    expect(page.get_by_text("Overall achievement")).to_be_visible()
    expect(page.get_by_text("종합 달성률")).to_have_count(0)
    expect(page.get_by_role("heading", name="4 strategies")).to_be_visible()


@pytest.mark.parametrize(
    ("view", "month", "label", "first"),
    [
        ("ytd", "Jul 2026", "Year to date (Jan to month)", "2026-01-01"),
        ("quarter", "Aug 2026", "Quarter to date (quarter's first month to month)", "2026-07-01"),
    ],
)
def test_a_url_with_filters_reopens_the_same_view(
    served_store: Served, browser_page: Page, view: str, month: str, label: str, first: str
) -> None:
    page = browser_page
    period = {"Jul 2026": "2026-07", "Aug 2026": "2026-08"}[month]
    page.goto(served_store.url("complaints", month=period, view=view, group="local", lang="en"))
    totals = card(page, "complaint-totals")
    expect(totals.get_by_text("Received")).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("combobox", name="Month")).to_have_value(month)
    expect(sidebar.get_by_role("radio", name=label)).to_be_checked()
    expect(sidebar.get_by_role("radio", name="Metropolitan")).to_be_checked()
    ((received,),) = mart_rows(
        served_store,
        "select sum(m.received) from mart_complaint_windows m join ref_agencies a on a.agency_code = m.scope "
        "where m.filter_set = '' and m.time_window = 'month' and a.agency_group = 'local' "
        "and m.period between cast(? as date) and cast(? as date)",
        [first, f"{period}-01"],
    )
    expect(totals.locator('[data-testid="stMetricValue"]').first).to_have_text(f"{received:,}")
    expect(page).to_have_url(re.compile(rf"month={period}.*view={view}|view={view}.*month={period}"))


PAGES = {
    "overview": "종합 현황",
    "strategies": "전략·과제",
    "kpi": "지표 상세",
    "agencies": "기관별",
    "complaints": "민원 처리",
    "participation": "국민 참여",
    "meetings": "회의 감축",
    "rewards": "포상금",
}


@pytest.mark.parametrize("page_path", list(PAGES))
def test_every_page_renders(served_store: Served, browser_page: Page, page_path: str) -> None:
    """Opens each page (its screenshot is the test's artifact) and waits for its charts and tables."""
    page = browser_page
    path = "" if page_path == "overview" else page_path  # the default page lives at the root
    page.goto(served_store.url(path, month=LATEST, view="month", agency="1741000"))
    heading = "정부혁신 성과 대시보드" if page_path == "overview" else PAGES[page_path]
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    settled(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    for chart in page.locator(".js-plotly-plot").filter(visible=True).all():  # not those in closed expanders
        expect(chart.locator(".main-svg").first).to_be_visible()
        expect(chart.locator(".gtitle")).not_to_be_empty()  # every chart has a title
