"""Browser-test fixtures: a real dashboard server on a copy of the fixture store, and a real Chromium page.

`served_store` is one server per test module (shared by the module's tests); `browser_page` is a fresh page
per test, with a tall viewport (Streamlit scrolls inside its own container, so a full-page screenshot only
captures the viewport) and a screenshot saved to test-artifacts/<test name>.png when the test ends.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator

import pytest

from metrics.settings import PROJECT_ROOT, Settings
from tests.e2e.server import Served, serve
from tests.fixture_store import copy_store

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


@pytest.fixture(scope="module")
def served_store(fixture_store: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A running `govdash serve` on this module's own copy of the fixture store."""
    home = tmp_path_factory.mktemp("served") / "store"
    settings = copy_store(fixture_store.home, home)
    with serve(settings) as served:
        yield served


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    # No loop can be running while this synchronous fixture runs; a marker left set by an earlier test in
    # this worker (a library that ran a loop without resetting it) would make Playwright refuse to start.
    if asyncio._get_running_loop() is not None:
        asyncio._set_running_loop(None)
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


def pytest_configure(config: pytest.Config) -> None:
    # Keeps a module's browser tests on one xdist worker (one server per module); registered here too so
    # that the marker is known when the tests run without xdist.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on the same xdist worker")
