"""Two dashboard replicas (`govdash serve`) on one store: a file submitted and built while both run shows up in
both, read from the snapshot pointer they share, without a restart; the snapshot they showed before stays
readable until they move on. Real servers, real Chromium, a real submission through ingest and build."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from etl.access.actors import Actor
from etl.builder.publish import build
from etl.ingest.accept import submit
from etl.ledger.store import open_store
from metrics.settings import Settings
from metrics.snapshot import connect_readonly, current_snapshot
from tests.e2e.server import Served, serve
from tests.fixture_store import copy_store
from tests.postgres.submit_worker import meetings_csv

pytestmark = pytest.mark.e2e

WAIT_MS = 30_000
AGENCY, MONTH = "1741000", "2026-10"


@pytest.fixture
def store(fixture_store: Settings, tmp_path: Path) -> Settings:
    return copy_store(fixture_store.home, tmp_path / "store")


@pytest.fixture
def replicas(store: Settings, tmp_path: Path) -> Iterator[list[Served]]:
    with ExitStack() as stack:
        yield [stack.enter_context(serve(store, log_path=tmp_path / f"replica-{i}.log")) for i in range(2)]


def shows_snapshot(page: Page, served: Served, build_id: str) -> None:
    """Open the overview afresh and wait until its freshness line names `build_id`."""
    page.goto(served.url("", lang="ko"))
    expect(page.get_by_text(f"스냅샷 {build_id}")).to_be_visible(timeout=WAIT_MS)


def meetings_in_snapshot(path: Path, agency: str, month: str) -> int:
    con = connect_readonly(path)
    try:
        sql = "select count(*) from src_meetings where agency_code = $a and strftime(held_on, '%Y-%m') = $m"
        return con.execute(sql, {"a": agency, "m": month}).fetchall()[0][0]
    finally:
        con.close()


def test_a_submission_built_while_two_replicas_run_shows_in_both(
    store: Settings, replicas: list[Served], browser: Browser
) -> None:
    before = current_snapshot(store.snapshot_dir)
    pages = [browser.new_context(viewport={"width": 1400, "height": 1600}).new_page() for _ in replicas]
    for page, served in zip(pages, replicas, strict=True):
        shows_snapshot(page, served, before.stem)

    writer = open_store(store)
    try:
        outcome = submit(
            writer,
            meetings_csv(AGENCY, MONTH, 9, "replica"),
            filename="meetings-replica.csv",
            dataset="meetings",
            agency_code=AGENCY,
            period=MONTH,
            actor=Actor("replica-test", "admin"),
        )
        assert outcome.accepted, outcome.problems
        result = build(writer)
    finally:
        writer.engine.dispose()
    assert result.build_id != before.stem
    assert meetings_in_snapshot(result.path, AGENCY, MONTH) == 9

    for page, served in zip(pages, replicas, strict=True):
        shows_snapshot(page, served, result.build_id)
    # The snapshot the replicas showed before is still there for anyone who still holds it.
    assert before.exists()
    for page in pages:
        page.context.close()
