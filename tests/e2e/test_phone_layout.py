"""The overview, KPI detail and agency pages on a phone (390 × 844) in real Chromium: nothing wider than the
screen, no text box overlapping another, no word broken one letter per line, and a page height bound (the pages
measured 5,600 px on a phone before their phone layout: docs/decisions.md §28)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("phone-e2e")]

PHONE = {"width": 390, "height": 844}
MAX_HEIGHT = {"overview": 4600, "kpi": 4600, "agencies": 4600}

# Text boxes (leaf elements with text, and the charts' SVG text) as the reader sees them: their rectangles,
# checked for overflow past the screen's right edge, overlaps and words set one letter per line.
MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
  const width = document.documentElement.clientWidth;
  const boxes = [];
  // inside a box the reader scrolls sideways (a wide table), a text box is reachable, not cut off; in a box that
  // scrolls down (the attention list), a text box beyond the box's visible part is reached by scrolling the box
  const scrolling = o => o === 'auto' || o === 'scroll';
  const scrolls = (el, r) => { for (let p = el.parentElement; p && p !== main; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (scrolling(s.overflowX) && p.scrollWidth > p.clientWidth) return true;
    if (scrolling(s.overflowY) && p.scrollHeight > p.clientHeight) {
      const box = p.getBoundingClientRect(); if (r.bottom > box.bottom + 1 || r.top < box.top - 1) return true; }
  } return false; };
  const visible = el => { const s = getComputedStyle(el); return s.visibility !== 'hidden' && s.display !== 'none'
    && Number(s.opacity) > 0; };
  for (const el of main.querySelectorAll('*')) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    if (!own || !visible(el) || el.closest('[data-testid="stSidebar"]')) continue;
    const r = el.getBoundingClientRect();
    if (el.closest('.hoverlayer') || el.closest('[aria-hidden="true"]') || scrolls(el, r)) continue;
    if (r.width === 0 || r.height === 0) continue;
    const line = parseFloat(getComputedStyle(el).fontSize) || 14;
    boxes.push({text: own.slice(0, 40), l: r.left, t: r.top + main.scrollTop, r: r.right, b: r.bottom + main.scrollTop,
                line, svg: el instanceof SVGElement});
  }
  const wide = boxes.filter(b => b.r > width + 1 || b.l < -1).map(b => b.text);
  const letters = boxes.filter(b => !b.svg && b.text.replace(/\\s/g, '').length >= 2 && b.r - b.l < 1.6 * b.line
    && b.b - b.t > 2.6 * b.line).map(b => b.text);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], c = boxes[j];
    const w = Math.min(a.r, c.r) - Math.max(a.l, c.l), h = Math.min(a.b, c.b) - Math.max(a.t, c.t);
    if (w > 2 && h > 2 && w * h > 0.25 * Math.min((a.r - a.l) * (a.b - a.t), (c.r - c.l) * (c.b - c.t)))
      overlaps.push(a.text + ' / ' + c.text);
  }
  return {height: Math.max(main.scrollHeight, document.documentElement.scrollHeight),
          scrollWidth: main.scrollWidth, width, wide, letters, overlaps: overlaps.slice(0, 20)};
}"""


@pytest.fixture
def phone(browser, request):  # type: ignore[no-untyped-def]
    from tests.browser import ARTIFACTS, artifact_name

    context = browser.new_context(viewport=PHONE, locale="ko-KR", timezone_id="Asia/Seoul", is_mobile=True)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{artifact_name(request.node.name)}.png"), full_page=True)
    finally:
        context.close()


def measure(page: Page) -> dict:
    settled(page)
    page.wait_for_timeout(0)  # one task turn: let plotly lay its charts out after the run settled
    return page.evaluate(MEASURE)


@pytest.mark.parametrize(
    ("view", "params", "heading"),
    [
        ("overview", {}, "정부혁신 성과 대시보드"),
        ("kpi", {"kpi": "S1-T1-K1"}, "S1-T1-K1"),
        ("agencies", {"agency": "1741000"}, "기관 성적표"),
    ],
)
def test_a_page_reads_on_a_phone(served_store: Served, phone: Page, view: str, params: dict, heading: str) -> None:
    phone.goto(served_store.url(view, month="2026-10", **params))
    expect(phone.get_by_role("heading", name=heading).first).to_be_visible(timeout=60_000)  # a cold server
    got = measure(phone)
    print(view, got["height"], got["wide"][:8], got["letters"][:8], got["overlaps"][:8])  # §28's figures
    assert got["scrollWidth"] <= got["width"] + 1, got
    assert got["wide"] == [], got["wide"]
    assert got["letters"] == [], got["letters"]
    assert got["overlaps"] == [], got["overlaps"]
    assert got["height"] <= MAX_HEIGHT[view], got["height"]
