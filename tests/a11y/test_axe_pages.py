"""KWCAG 2.2 with axe-core and both languages whole, in real Chromium on every page: each page is opened once
per language (anonymous, then as the administrator for the pages that change with a login), axe-core runs in
it, and the texts a reader meets are checked for the other language. Zero critical or serious violations;
no Hangul in English beyond scan.EN_ALLOWED, no English words in Korean beyond scan.KO_ALLOWED."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.a11y.conftest import ADMIN, ADMIN_PASSWORD
from tests.a11y.scan import ADMIN_PAGES, PUBLIC_PAGES, Visit, blocking, examine, other_language, page_ready
from tests.browser import EXPECT_TIMEOUT_MS, VIEWPORT
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("a11y-axe")]
LANGS = ("ko", "en")


@pytest.fixture(scope="module")
def visits(browser, a11y_server: Served) -> Iterator[Callable[[str, str, str], Visit]]:  # type: ignore[no-untyped-def]
    """Each (who, language, page) visited once, in one browser context, when a test first asks for it."""
    context = browser.new_context(viewport=VIEWPORT, locale="ko-KR", timezone_id="Asia/Seoul")
    anonymous = context.new_page()
    anonymous.set_default_timeout(EXPECT_TIMEOUT_MS * 4)
    admin: dict[str, Page] = {}
    seen: dict[tuple[str, str, str], Visit] = {}

    def visit(who: str, lang: str, path: str) -> Visit:
        if (who, lang, path) not in seen:
            if who == "anonymous":
                anonymous.goto(a11y_server.url(path, lang=lang))
                page_ready(anonymous, lang)
                seen[(who, lang, path)] = examine(anonymous)
            else:
                page = admin.get("page") or _logged_in(context, a11y_server)
                admin["page"] = page
                _open_in_session(page, lang, path)
                seen[(who, lang, path)] = examine(page)
        return seen[(who, lang, path)]

    yield visit
    context.close()


def _logged_in(context, served: Served) -> Page:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS * 4)
    page.goto(served.url("login"))
    page_ready(page, "ko")
    page.get_by_label("계정 이름").fill(ADMIN)
    page.get_by_label("비밀번호").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_text(f"{ADMIN} · 관리자")).to_be_visible()
    return page


def _open_in_session(page: Page, lang: str, path: str) -> None:
    """Change language with the sidebar switch and page with the navigation: a login lasts this session."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    if page.evaluate("() => document.documentElement.lang") != lang:
        sidebar.get_by_text({"ko": "한국어", "en": "English"}[lang], exact=True).click()
        page_ready(page, lang)
    more = sidebar.locator('[data-testid="stSidebarNavViewButton"]')
    if more.count() and "more" in (more.inner_text() or "").lower():
        more.click()
    sidebar.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
    settled(page)
    page.wait_for_url(f"**/{path}*")
    page_ready(page, lang)


CASES = [("anonymous", lang, path) for lang in LANGS for path in PUBLIC_PAGES] + [
    ("admin", lang, path) for lang in LANGS for path in ADMIN_PAGES
]
IDS = [f"{who}-{lang}-{path or 'overview'}" for who, lang, path in CASES]


@pytest.mark.parametrize(("who", "lang", "path"), CASES, ids=IDS)
def test_no_critical_or_serious_axe_violation(visits, who: str, lang: str, path: str) -> None:  # type: ignore[no-untyped-def]
    visit = visits(who, lang, path)
    assert blocking(visit) == []
    assert visit.lang == lang  # <html lang> follows the language chosen


@pytest.mark.parametrize(("who", "lang", "path"), CASES, ids=IDS)
def test_no_string_of_the_other_language(visits, who: str, lang: str, path: str) -> None:  # type: ignore[no-untyped-def]
    visit = visits(who, lang, path)
    assert other_language(visit.texts, lang) == []
    assert "Page not found" not in visit.texts
