"""A lock taken before a mart existed: the lock's snapshot does not hold the mart, so the build derives the
locked month's rows of it from the frozen tables it reads. The agency score marts (added after locks were in
use) must roll up the KPI rows the council saw, not today's."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from etl.builder.publish import build
from etl.governance import period_locks as locks
from etl.ledger.store import Store
from metrics.snapshot import current_snapshot
from tests.security.conftest import ACTORS, NOW
from tests.security.test_lock_freezes import CONTROL, LOCKED, _change_holidays_and_a_target, _differs

# The agency score marts roll up mart_kpi_agency_month (frozen with the month) through tasks and strategies.
AGENCY_MARTS = ["mart_agency_task_scores", "mart_agency_strategy_scores", "mart_agency_overall_scores"]


def _as_if_built_before(snapshot: Path, tables: list[str]) -> None:
    """The snapshot as a build before these marts existed wrote it: without them."""
    con = duckdb.connect(str(snapshot))
    try:
        for t in tables:
            con.execute(f"drop table {t}")  # noqa: S608 (names from this module)
        con.execute("checkpoint")
    finally:
        con.close()


def _rows(path: Path, table: str, month: str) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        query = f"select count(*) from {table} where period = date '{month}-01'"  # noqa: S608
        return int(con.sql(query).fetchall()[0][0])
    finally:
        con.close()


def test_a_mart_the_lock_snapshot_lacks_rolls_up_the_frozen_rows(store: Store, tmp_path: Path) -> None:
    shown = current_snapshot(store.settings.snapshot_dir)
    locks.lock(store, ACTORS["admin"], LOCKED, "제3차 정부혁신협의회 보고", now=NOW)
    at_lock = tmp_path / "at-lock.duckdb"
    shutil.copyfile(shown, at_lock)  # what the marts said when the month was locked
    assert all(_rows(at_lock, t, LOCKED) > 0 for t in AGENCY_MARTS)
    _as_if_built_before(shown, AGENCY_MARTS)
    store = _change_holidays_and_a_target(store)
    try:
        rebuilt = build(store, built_at=datetime(2026, 11, 26, 9, 0))
        # The control: the raised target moved August's agency scores, so it would have moved July's too.
        assert "mart_agency_task_scores" in _differs(at_lock, rebuilt.path, CONTROL, AGENCY_MARTS)
        assert _differs(at_lock, rebuilt.path, LOCKED, AGENCY_MARTS) == []
        # Rebuilding from that snapshot (the marts now frozen as derived) keeps them.
        again = build(store, built_at=datetime(2026, 11, 27, 9, 0))
        assert _differs(at_lock, again.path, LOCKED, AGENCY_MARTS) == []
    finally:
        store.engine.dispose()
