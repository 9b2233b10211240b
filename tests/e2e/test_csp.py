"""The Content-Security-Policy of docs/deployment.md (set by nginx: Streamlit cannot send headers), read from
that file and added to every response the browser gets from `govdash serve`: the dashboard still works under
it (no violation reported while the overview and a KPI's page with its charts load), and an image from
another host is blocked before any request leaves the browser.

Its own Chromium: a page whose responses the test supplies (route.fulfill) counts as a public address to
Chromium, which then refuses its websocket to 127.0.0.1 (Local Network Access); in front of a real proxy the
page and its websocket share one public host, so that check is switched off here, and nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from metrics.settings import PROJECT_ROOT
from tests.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("csp-e2e")]


def documented_policy() -> str:
    text = (PROJECT_ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    [policy] = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', text)
    return policy


@pytest.fixture
def proxied_page(browser) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    args = [*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"]
    own = browser.browser_type.launch(executable_path=CHROMIUM, args=args, headless=True)
    try:
        yield own.new_context(viewport=VIEWPORT, locale="ko-KR").new_page()
    finally:
        own.close()


def test_the_documented_policy_keeps_the_dashboard_working_and_blocks_other_hosts(
    served_store: Served, proxied_page: Page
) -> None:
    page, policy = proxied_page, documented_policy()
    assert "img-src 'self' data: blob:" in policy and "default-src 'self'" in policy

    def with_policy(route) -> None:  # type: ignore[no-untyped-def]
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    elsewhere: list[str] = []
    page.route(f"{served_store.base_url}/**", with_policy)
    page.route("**://evil.example/**", lambda route: (elsewhere.append(route.request.url), route.abort()))
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(served_store.url())
    expect(page.get_by_role("heading", name="정부혁신 성과 대시보드", level=1)).to_be_visible()
    settled(page)
    page.goto(served_store.url("kpi"))
    expect(page.get_by_role("heading", name="지표 상세", level=1)).to_be_visible()
    settled(page)
    expect(page.locator(".js-plotly-plot").first).to_be_visible()  # the charts draw under the policy
    assert violations == []

    # An image on another host, as a page would make it from unescaped text: refused by the browser itself.
    blocked = page.evaluate(
        """() => new Promise(done => {
            document.addEventListener('securitypolicyviolation', e => done(e.blockedURI), {once: true});
            const img = document.createElement('img');
            img.src = 'http://evil.example/x.png';
            document.body.appendChild(img);
        })"""
    )
    assert blocked == "http://evil.example/x.png" and elsewhere == []
