"""User text in real Chromium against `govdash serve`: Markdown, HTML, Streamlit directives and an image whose
address points elsewhere, written into every free-text field that reaches a page (a kpi_progress 비고 in a
submitted file, that file's name, a comment, an assessment, a lock reason), are shown as written on 전략·과제,
지표 상세, 제출 현황 and 업로드: no <strong>, <img>, <a> or <script> is made from them, and the browser never asks
the image's host for anything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from etl.access.actors import SYSTEM, Actor
from etl.builder.publish import build
from etl.governance import accounts, comments
from etl.governance import period_locks as locks
from etl.ingest.accept import submit
from etl.ledger.store import open_store
from metrics.settings import Settings
from tests.e2e.server import Served, serve, settled
from tests.fixture_store import copy_store
from tests.security.conftest import kpi_progress_csv, read_csv_rows

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("inert-e2e")]

EVIL = "evil.example"
AGENCY, MONTH = "1352000", "2026-10"  # 보건복지부; the month the pages open on (the snapshot's latest)
PASSWORD = "inert-test-password-2026"


def hostile(field: str) -> str:
    """One line per field, marked with the field's name so each can be found on the page."""
    return (
        f"{field} **굵게** _기울임_ ![그림](http://{EVIL}/{field}.png) [링크](http://{EVIL}/) "
        f'<img src="http://{EVIL}/{field}-html.png"> <script>alert(1)</script> :red[빨강] :smile: $x^2$ '
        f"www.{EVIL} ~~취소~~"
    )


NOTE, FILE, COMMENT, ASSESSMENT, LOCK = (hostile(f) for f in ("비고", "파일", "의견", "평가", "잠금"))


def _kpi_file(store) -> tuple[bytes, str]:  # type: ignore[no-untyped-def]
    """The agency's October progress file with the first KPI's 비고 replaced: the figures stay the same."""
    folder = store.settings.archive_dir / "kpi_progress" / MONTH / AGENCY
    rows = read_csv_rows(next(p for p in sorted(folder.iterdir()) if p.suffix == ".csv").read_bytes())
    first = rows[0]["지표코드"]
    out = [(r["지표코드"], r["실적값"], NOTE if r["지표코드"] == first else r["비고"]) for r in rows]
    return kpi_progress_csv(AGENCY, MONTH, out), first


@pytest.fixture(scope="module")
def hostile_store(fixture_store: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, str]]:
    """A store copy holding the hostile text in every field, rebuilt, served; and the KPI the 비고 is on."""
    settings = copy_store(fixture_store.home, tmp_path_factory.mktemp("inert") / "store")
    store = open_store(settings)
    content, kpi = _kpi_file(store)
    outcome = submit(
        store, content, filename=f"{FILE}.csv", dataset="kpi_progress", agency_code=AGENCY, period=MONTH, actor=SYSTEM
    )
    assert outcome.accepted, outcome.problems
    officer = Actor("officer-park", "agency", AGENCY)
    comments.add_comment(store, officer, kpi, AGENCY, MONTH, COMMENT)
    committee, task = Actor("committee-jung", "committee"), kpi.rsplit("-", 1)[0]
    comments.add_assessment(store, committee, task, "2026-Q4", "fair", ASSESSMENT)
    build(store)
    locks.lock(store, SYSTEM, MONTH, LOCK)  # after the build: the upload page refuses the month, quoting this
    accounts.add_user(store, SYSTEM, "officer-park", "agency", agency_code=AGENCY, password=PASSWORD)
    store.engine.dispose()
    with serve(settings) as served:
        yield served, kpi


@pytest.fixture
def watched(browser_page: Page) -> Iterator[tuple[Page, list[str]]]:
    """The page, and every request it makes to the image's host (answered with nothing)."""
    asked: list[str] = []

    def record(route) -> None:  # type: ignore[no-untyped-def]
        asked.append(route.request.url)
        route.abort()

    browser_page.route(f"**://{EVIL}/**", record)
    browser_page.route(f"**://www.{EVIL}/**", record)
    yield browser_page, asked


def expect_shown_as_written(page: Page, *texts: str) -> None:
    """Each text visible as one whole, verbatim; nothing made from any of them; no request to its host."""
    for text in texts:
        expect(page.get_by_text(text, exact=True).first).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    made = main.locator(f'img[src*="{EVIL}"], a[href*="{EVIL}"]')
    where = made.evaluate_all("es => es.map(e => e.closest('[data-testid]').outerHTML.slice(0, 400))")
    assert where == [], where
    expect(main.locator("strong", has_text="굵게")).to_have_count(0)
    expect(main.locator("em", has_text="기울임")).to_have_count(0)
    expect(main.locator("del, s", has_text="취소")).to_have_count(0)
    expect(main.locator(".katex")).to_have_count(0)
    expect(main.locator("script", has_text="alert")).to_have_count(0)
    expect(main.locator("span", has_text="빨강").and_(main.locator("[style*=color]"))).to_have_count(0)


def _open(page: Page, served: Served, name: str, heading: str, **params: str) -> None:
    page.goto(served.url(name, **params))
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    settled(page)


def test_the_strategy_page_shows_the_note_as_written(hostile_store, watched) -> None:  # type: ignore[no-untyped-def]
    (served, kpi), (page, asked) = hostile_store, watched
    _open(page, served, "strategies", "전략·과제", task=kpi.rsplit("-", 1)[0])
    # The assessment is on this page too, in a data grid (drawn on a canvas, never parsed): nothing made from it.
    expect_shown_as_written(page, NOTE)
    assert asked == []


def test_the_kpi_page_shows_the_note_and_the_file_name_as_written(hostile_store, watched) -> None:  # type: ignore[no-untyped-def]
    (served, kpi), (page, asked) = hostile_store, watched
    _open(page, served, "kpi", "지표 상세", kpi=kpi)
    expect_shown_as_written(page, NOTE, f"{FILE}.csv")
    assert asked == []


def test_the_submissions_page_shows_the_file_name_as_written(hostile_store, watched) -> None:  # type: ignore[no-untyped-def]
    (served, _), (page, asked) = hostile_store, watched
    _open(page, served, "submissions", "제출 현황")
    expect_shown_as_written(page, f"{FILE}.csv")
    assert asked == []


def test_the_upload_refusal_quotes_the_lock_reason_as_written(hostile_store, watched) -> None:  # type: ignore[no-untyped-def]
    (served, _), (page, asked) = hostile_store, watched
    page.goto(served.url("login"))
    page.get_by_label("계정 이름").fill("officer-park")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name="로그아웃").first).to_be_visible()
    page.get_by_role("link", name="업로드").click()
    expect(page.get_by_role("heading", name="업로드", level=1)).to_be_visible()
    settled(page)
    content = kpi_progress_csv(AGENCY, MONTH, [("S1-T2-K1", "1", "")])
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "kpi.csv", "mimeType": "text/csv", "buffer": content}]
    )
    alert = page.locator('[data-testid="stAlertContentError"]')
    expect(alert).to_contain_text("잠갔습니다")
    expect(alert).to_contain_text(LOCK)  # the whole reason, character for character, inside the message
    expect_shown_as_written(page)
    assert asked == []
