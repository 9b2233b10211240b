"""After a publish, the views people opened on the last snapshot are answered from the cache of the new one:
a watcher replays their queries (dashboard/components/warmup.py) before anyone comes back to them."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components import context
from dashboard.components.warmup import RecentCalls, Warmer
from metrics.settings import PROJECT_ROOT, Settings
from metrics.snapshot import POINTER, current_snapshot
from metrics.warehouse import Warehouse

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


def publish_copy(snapshot_dir: Path, name: str) -> str:
    """Publish the current snapshot's content again under a new name, as a build does (file, then pointer)."""
    shutil.copyfile(current_snapshot(snapshot_dir), snapshot_dir / f"{name}.duckdb")
    tmp = snapshot_dir / f".{POINTER}.tmp"
    tmp.write_text(f"{name}.duckdb", encoding="utf-8")
    os.replace(tmp, snapshot_dir / POINTER)
    return name


def test_recent_calls_keep_the_latest_distinct_calls_newest_first() -> None:
    recent = RecentCalls(limit=3)
    for name in ("a", "b", "c", "a", "d"):
        recent.record((name, ()))
    assert [n for n, _ in recent.newest_first()] == ["d", "a", "c"]


def test_a_new_snapshot_is_warmed_once_with_the_recent_calls(store_copy: Settings) -> None:
    wh = Warehouse(store_copy.snapshot_dir)
    month = (("month", date(2026, 10, 1)), ("window", "month"))
    recent = RecentCalls()
    recent.record(("overall_scores", month))
    recent.record(("complaint_breakdown", (("month", date(2026, 10, 1)),)))  # lacks parameters: fails
    recent.record(("task_scores", month))
    filled: list[tuple[str, str, int]] = []

    def fill(snapshot_id: str, name: str, params: tuple) -> None:  # type: ignore[type-arg]
        filled.append((snapshot_id, name, wh.query(name, **dict(params)).height))

    warmer = Warmer(wh, recent, fill)
    assert warmer.check() == 0 and filled == []  # the first look only notes the snapshot
    new = publish_copy(store_copy.snapshot_dir, "20991231T000000-aaaaaa")
    assert warmer.check() == 2
    assert [(s, n) for s, n, _ in filled] == [(new, "task_scores"), (new, "overall_scores")]
    assert all(rows > 0 for *_, rows in filled)
    assert warmer.check() == 0  # nothing new: nothing replayed
    wh.close()


@pytest.mark.parametrize("page", ["complaints", "overview"])
def test_after_a_publish_a_viewed_page_opens_without_waiting_for_a_query(
    store_copy: Settings, use_store, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    use_store(store_copy)
    # The query cache is the process's and keyed by snapshot id, which every copy of the fixture store shares:
    # empty it, so that the first view below is the first of this snapshot whatever ran before in the process.
    context._cached.clear()
    monkeypatch.setattr(context, "WARM_INTERVAL_S", 3600.0)  # the test checks by hand, not the thread
    asked: list[str] = []
    real_query = Warehouse.query

    def counting(self: Warehouse, name: str, **params: object):  # type: ignore[no-untyped-def]
        asked.append(name)
        return real_query(self, name, **params)

    monkeypatch.setattr(Warehouse, "query", counting)

    def view() -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["view"] = "ytd"
        if page != "overview":
            at.switch_page(f"views/{page}.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    first = view()
    assert asked  # the first view of a snapshot asks the warehouse
    warmer = context._warmer(str(store_copy.snapshot_dir))
    warmer.check()

    # a publish nobody warmed: the next view waits for its queries (the control)
    publish_copy(store_copy.snapshot_dir, "20991231T000000-bbbbbb")
    asked.clear()
    view()
    assert asked

    # a publish the watcher noticed: the same view is answered from the cache, figures unchanged
    publish_copy(store_copy.snapshot_dir, "20991231T000000-cccccc")
    warmer.check()
    asked.clear()
    again = view()
    assert asked == []
    assert [m.value for m in again.metric] == [m.value for m in first.metric]
