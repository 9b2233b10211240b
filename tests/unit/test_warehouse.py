"""The warehouse shared by every session of a dashboard process: a new snapshot published while another
session's query is still running must not break that query, and the old connection must then be closed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb
import pytest

import metrics.warehouse as wh


def _snapshot(directory: Path, name: str, label: str) -> None:
    con = duckdb.connect(str(directory / name))
    con.execute("create table build_info as select ? as build_id", [label])
    con.close()


def _publish(directory: Path, name: str) -> None:
    (directory / "CURRENT").write_text(name, encoding="utf-8")


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> wh.Warehouse:
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "which.sql").write_text("select build_id from build_info", encoding="utf-8")
    # Long enough to be running while the main thread publishes (seconds, not milliseconds).
    (queries / "slow.sql").write_text(
        "select count(*) as n from range(400000000) t(i) where i % 7 = 3", encoding="utf-8"
    )
    monkeypatch.setattr(wh, "QUERY_DIR", queries)
    wh.query_text.cache_clear()
    snapshots = tmp_path / "snapshots"
    snapshots.mkdir()
    _snapshot(snapshots, "a.duckdb", "A")
    _snapshot(snapshots, "b.duckdb", "B")
    _publish(snapshots, "a.duckdb")
    yield wh.Warehouse(snapshots)
    wh.query_text.cache_clear()


def test_a_query_running_when_a_new_snapshot_is_published_still_answers(warehouse: wh.Warehouse) -> None:
    assert warehouse.query("which")["build_id"].to_list() == ["A"]
    results: dict[str, object] = {}

    def slow() -> None:
        try:
            results["n"] = warehouse.query("slow")["n"][0]
        except Exception as exc:  # recorded, asserted below
            results["error"] = exc

    worker = threading.Thread(target=slow)
    worker.start()
    deadline = time.monotonic() + 30
    while not warehouse._running and time.monotonic() < deadline:  # the slow query has its cursor
        time.sleep(0.001)
    _publish(warehouse.snapshot_dir, "b.duckdb")
    assert warehouse.query("which")["build_id"].to_list() == ["B"]  # the new snapshot, at once
    worker.join(timeout=120)
    assert "error" not in results, results.get("error")
    assert results["n"] == 400000000 // 7 + (1 if 400000000 % 7 > 3 else 0)
    assert warehouse._retired == {} and warehouse._running == {}  # the old connection is closed now
