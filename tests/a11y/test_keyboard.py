"""Keyboard only, in real Chromium: from the top of the reports page, Tab reaches the month filter with a focus
outline that can be seen, the arrow keys and Enter change the month, and Tab then Enter on a download button
downloads the file; every control passed on the way shows its focus (KWCAG 2.2: 키보드 사용 보장, 초점 표시)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.a11y.scan import page_ready
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("a11y-keyboard")]
MAX_TABS = 60

FOCUSED_JS = """() => {
  const el = document.activeElement;
  const box = el.closest('[data-baseweb="select"]') || el;
  const style = getComputedStyle(box);
  return {
    name: el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].innerText : '')
          || (['BUTTON', 'A'].includes(el.tagName) ? el.innerText : ''),
    role: el.getAttribute('role') || el.tagName.toLowerCase(),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    sidebar: !!el.closest('[data-testid="stSidebar"]'),
  };
}"""


def _tab_to(page: Page, wanted: re.Pattern[str], seen: list[dict[str, object]]) -> dict[str, object]:
    """Press Tab until the focused element's name matches; every stop is recorded in `seen`."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        seen.append(focused)
        if wanted.search(str(focused["name"])):
            return focused
    raise AssertionError(f"{wanted.pattern!r} not reached in {MAX_TABS} tabs: {[f['name'] for f in seen]}")


def test_filters_and_a_download_by_keyboard_with_visible_focus(a11y_server: Served, browser_page: Page) -> None:
    page = browser_page
    page.goto(a11y_server.url("reports", lang="ko", month="2026-10"))
    page_ready(page, "ko")
    page.locator("body").focus()
    seen: list[dict[str, object]] = []

    month = _tab_to(page, re.compile("^기준월"), seen)  # the report's month (this page's own filter)
    assert month["outline"], month
    page.keyboard.press("ArrowDown")  # opens the month list on the chosen month
    page.keyboard.press("ArrowDown")  # the month before it
    page.keyboard.press("Enter")
    settled(page)
    # an earlier month than 2026-10 is chosen (the list may open on the chosen month or one below it)
    expect(page.get_by_role("combobox", name="기준월")).to_match_aria_snapshot('- combobox "기준월": /2026-0[89]/')

    download = _tab_to(page, re.compile(r"CSV \(전체 표, ZIP\)"), seen)
    assert download["outline"], download
    with page.expect_download() as pending:
        page.keyboard.press("Enter")
    assert pending.value.suggested_filename.endswith(".zip")
    assert all(stop["outline"] for stop in seen if stop["role"] in ("button", "combobox", "radio", "a")), [
        stop for stop in seen if not stop["outline"]
    ]
