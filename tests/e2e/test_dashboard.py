"""The dashboard in real Chromium against `govdash serve` on a copy of the fixture store: what a council member
sees, compared with the marts of the served snapshot."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from metrics.display import percent, status_label
from metrics.snapshot import connect_readonly, current_snapshot
from tests.e2e.server import Served, settled

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
    page.goto(served_store.url("overview", month=LATEST, view="month"))
    expect(page.get_by_text("종합 달성률")).to_be_visible()
    settled(page)

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
    expect(page.locator("[class*='st-key-strategy-']")).to_have_count(4)
    expect(page.locator("[class*='st-key-task-']")).to_have_count(12)
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
