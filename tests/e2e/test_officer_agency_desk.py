"""On a desk screen (1440 × 900) in real Chromium: an agency officer who opens the agency page finds their own
agency chosen, first (its scorecard) and marked ▶ in the rankings; the KPI detail's month and time columns are
whole (no cell cut off, each on one line)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from etl import accounts
from etl.actors import SYSTEM
from etl.store import open_store
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("officer-desk-e2e")]

SCREEN = {"width": 1440, "height": 900}
PASSWORD = "officer-desk-test-password-2026"
AGENCY, AGENCY_NAME = "1741000", "행정안전부"  # a central agency of the fixture store, ranked in 중앙

# Per cell of the named columns: its text cut off (scrollWidth beyond clientWidth) or set on more than one line
CELLS = """(headers) => {
  const text = el => el.textContent.replace(/\\s+/g, ' ').trim();
  const table = [...document.querySelectorAll('[data-testid="stTable"] table')]
    .find(t => [...t.querySelectorAll('thead th')].some(th => text(th) === headers[1]));
  if (!table) return null;
  const names = [...table.querySelectorAll('thead th')].map(text);
  const found = [];
  for (const header of headers) {
    const i = names.indexOf(header);
    for (const row of table.querySelectorAll('tbody tr')) {
      const cell = row.children[i];
      // the lines the cell's text is set on: the tops of its text nodes' line boxes
      const tops = new Set(), walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        if (!node.textContent.trim()) continue;
        const range = document.createRange(); range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
      }
      const lines = tops.size;
      found.push({header, text: text(cell), cut: cell.scrollWidth > cell.clientWidth, lines});
    }
  }
  return found;
}"""


def _log_in_as_officer(page: Page, served: Served) -> None:
    store = open_store(served.settings)
    accounts.add_user(store, SYSTEM, "desk-officer", "agency", agency_code=AGENCY, password=PASSWORD)
    store.engine.dispose()
    page.goto(served.url("login"))
    expect(page.get_by_label("계정 이름")).to_be_visible(timeout=60_000)  # a cold server
    page.get_by_label("계정 이름").fill("desk-officer")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name="로그아웃").first).to_be_visible()


def test_an_officer_finds_their_agency_chosen_and_marked(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    page.set_viewport_size(SCREEN)
    _log_in_as_officer(page, served_store)
    more = page.get_by_test_id("stSidebarNavViewButton")  # Streamlit may fold a long navigation
    if more.count() and "more" in (more.inner_text() or "").lower():
        more.click()
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="기관별").click()  # keeps the session
    settled(page)
    # chosen in the filter, and the page opens on its scorecard
    expect(page.get_by_role("heading", name=f"기관 성적표 · {AGENCY_NAME}")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("combobox", name="기관")).to_have_value(f"{AGENCY_NAME} ({AGENCY})")
    # its rank said above the rankings, and its row marked in the 중앙 ranking (and only its row)
    expect(page.get_by_text(f"▶ {AGENCY_NAME}: 중앙 ")).to_be_visible()
    ranking = page.locator(".st-key-ranking-central")
    marked = ranking.locator("td", has_text="▶")
    expect(marked).to_have_count(1)
    expect(marked).to_have_text(f"▶ {AGENCY_NAME}")
    expect(page.locator(".st-key-ranking-local td", has_text="▶")).to_have_count(0)


def test_the_kpi_details_month_and_time_cells_are_whole(served_store: Served, browser_page: Page) -> None:
    page = browser_page
    page.set_viewport_size(SCREEN)
    page.goto(served_store.url("kpi", kpi="S1-T1-K1", month="2026-10", view="quarter"))
    expect(page.get_by_role("heading", name="실적의 근거가 된 제출 파일")).to_be_visible(timeout=60_000)
    settled(page)
    expect(page.locator("th", has_text="제출 시각 (KST)").first).to_be_visible()
    cells = page.evaluate(CELLS, ["기준월", "제출 시각 (KST)"])
    assert cells, "the submissions table with a month and a time column"
    assert {c["header"] for c in cells} == {"기준월", "제출 시각 (KST)"}
    assert any(c["text"].startswith("2026. ") for c in cells if c["header"] == "기준월"), cells[:3]
    assert [c for c in cells if c["cut"] or c["lines"] != 1] == []
