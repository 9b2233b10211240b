"""The real-browser fixtures, registered once for the whole suite (tests/conftest.py): one Playwright and one
Chromium per test process, shared by every browser test wherever it lives (two Playwright instances cannot be
open in one thread). `browser_page` is a fresh page per test with a tall viewport (Streamlit scrolls inside its
own container, so a full-page screenshot only captures the viewport) and a screenshot saved to
test-artifacts/<test name>.png when the test ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from metrics.settings import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
VIEWPORT = {"width": 1400, "height": 2400}
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
EXPECT_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def artifact_name(nodeid_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid_name).strip("_")


@pytest.fixture
def browser_page(browser, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A fresh page; its screenshot goes to test-artifacts/<test name>.png when the test ends."""
    context = browser.new_context(viewport=VIEWPORT, locale="ko-KR", timezone_id="Asia/Seoul")
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{artifact_name(request.node.name)}.png"))
    finally:
        context.close()
