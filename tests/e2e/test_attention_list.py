"""The attention list in real Chromium on a 1440×900 screen: above the fold (its box ends within the first 900
pixels, no scrolling), its rows in gap order with their owners, and a click on a KPI row opens that KPI's detail
page keeping the language, month and view of the address."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.dashboard.test_attention_page import LAGGING
from tests.e2e.server import Served, settled
from tests.e2e.test_dashboard import LATEST, mart_rows

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("dashboard-e2e")]

SCREEN = {"width": 1440, "height": 900}


def test_the_list_is_above_the_fold_and_a_click_opens_the_kpi(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    page.set_viewport_size(SCREEN)
    page.goto(served_store.url("", month=LATEST, view="month"))
    listing = page.locator(".st-key-attention-list")
    expect(listing).to_be_visible()
    settled(page)
    codes = [code for code, _ in mart_rows(served_store, LAGGING, ["month", "month"])]
    rows = listing.locator(".gd-attention-row")
    expect(rows).to_have_count(len(codes))
    assert rows.evaluate_all("rs => rs.map(r => r.dataset.code)") == codes
    box = listing.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"], box
    expect(rows.first).to_be_in_viewport()
    owners = dict(mart_rows(served_store, "select task_code, owner_ko from ref_tasks"))
    expect(rows.first).to_contain_text(owners[codes[0][:5]])

    kpi = next(c for c in codes if c.count("-") == 2)
    link = listing.locator(f'a[href*="kpi={kpi}"]')
    expect(link).to_be_visible()  # the first KPI row is among the first rows: no scrolling inside the list either
    link.click()
    expect(page).to_have_url(re.compile(rf"/kpi\?.*kpi={kpi}"))
    assert "month=2026-10" in page.url and "view=month" in page.url
    expect(page.get_by_text(re.compile(rf"^{re.escape(kpi)} · "))).to_be_visible()
    expect(page.get_by_text("기간 비교", exact=True)).to_be_visible()
