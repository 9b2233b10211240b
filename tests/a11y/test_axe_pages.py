"""KWCAG 2.2 with axe-core and both languages whole, in real Chromium on every page: each page is opened once
per language (anonymous, as the administrator, and as an agency officer where that page differs), axe-core runs in
it, and the texts a reader meets are checked for the other language. Zero critical or serious violations;
no Hangul in English beyond scan.EN_ALLOWED, no English words in Korean beyond scan.KO_ALLOWED."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.a11y.conftest import ACCOUNTS
from tests.a11y.scan import OFFICER_PAGES, PUBLIC_PAGES, Visit, blocking, examine, other_language, page_ready
from tests.browser import EXPECT_TIMEOUT_MS, VIEWPORT
from tests.e2e.server import Served, settled

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("a11y-axe")]
LANGS = ("ko", "en")


@pytest.fixture(scope="module")
def visits(browser, a11y_server: Served) -> Iterator[Callable[[str, str, str], Visit]]:  # type: ignore[no-untyped-def]
    """Each (who, language, page) visited once, when a test first asks for it, in one browser context: one tab
    per identity. A signed-in tab keeps its login in its server session and moves by the navigation, so the
    session cookie is dropped after each login and an anonymous tab's reload stays anonymous."""
    context = browser.new_context(viewport=VIEWPORT, locale="ko-KR", timezone_id="Asia/Seoul")
    tabs: dict[str, Page] = {}
    seen: dict[tuple[str, str, str], Visit] = {}

    def visit(who: str, lang: str, path: str) -> Visit:
        if (who, lang, path) not in seen:
            if who == "anonymous":
                page = tabs.get(who) or _tab(context)
                page.goto(a11y_server.url(path, lang=lang))
                page_ready(page, lang)
            else:
                page = tabs.get(who) or _logged_in(context, a11y_server, *ACCOUNTS[who])
                _open_in_session(page, lang, path)
            tabs[who] = page
            seen[(who, lang, path)] = examine(page)
        return seen[(who, lang, path)]

    yield visit
    context.close()


def _tab(context) -> Page:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS * 4)
    return page


def _logged_in(context, served: Served, user: str, password: str) -> Page:  # type: ignore[no-untyped-def]
    page = _tab(context)
    page.goto(served.url("login"))
    page_ready(page, "ko")
    page.get_by_label("계정 이름").fill(user)
    page.get_by_label("비밀번호").fill(password)
    with page.expect_response(lambda r: r.url.endswith("/_govdash/session")):
        page.get_by_role("button", name="로그인").click()
    expect(page.get_by_text(re.compile(f"^{re.escape(user)} · ")).first).to_be_visible()
    context.clear_cookies()  # this tab stays signed in; a new load in the context is anonymous again
    return page


def _open_in_session(page: Page, lang: str, path: str) -> None:
    """Change language with the sidebar switch and page with the navigation: a login lasts this session."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    if page.evaluate("() => document.documentElement.lang") != lang:
        sidebar.get_by_text({"ko": "한국어", "en": "English"}[lang], exact=True).click()
        page_ready(page, lang)
    sidebar.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
    settled(page)
    page.wait_for_url(re.compile(f"/{path}(?:[?#]|$)"))
    page_ready(page, lang)


# Every page as anonymous and as the administrator; the pages an agency officer sees differently (the
# narratives on 전략·과제, the dispute form with its evidence uploader on 지표 상세, the own agency chosen,
# the upload page, the agency's submissions and alerts) as an officer too.
CASES = (
    [("anonymous", lang, path) for lang in LANGS for path in PUBLIC_PAGES]
    + [("admin", lang, path) for lang in LANGS for path in PUBLIC_PAGES]
    + [("officer", lang, path) for lang in LANGS for path in OFFICER_PAGES]
)
IDS = [f"{who}-{lang}-{path or 'overview'}" for who, lang, path in CASES]


@pytest.mark.parametrize(("who", "lang", "path"), CASES, ids=IDS)
def test_no_critical_or_serious_axe_violation(visits, who: str, lang: str, path: str) -> None:  # type: ignore[no-untyped-def]
    visit = visits(who, lang, path)
    found = blocking(visit)
    assert not found, "\n".join(found)
    assert visit.lang == lang  # <html lang> follows the language chosen


@pytest.mark.parametrize(("who", "lang", "path"), CASES, ids=IDS)
def test_no_string_of_the_other_language(visits, who: str, lang: str, path: str) -> None:  # type: ignore[no-untyped-def]
    visit = visits(who, lang, path)
    found = other_language(visit.texts, lang)
    assert not found, "\n".join(repr(text) for text in found)
    assert "Page not found" not in visit.texts
