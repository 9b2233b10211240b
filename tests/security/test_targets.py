"""A target or threshold change by the administrator takes effect with the next build, not before, and
the snapshot lists it for the KPI chart."""

from __future__ import annotations

import duckdb
import pytest

from etl.access.actors import PermissionDenied
from etl.builder.publish import build
from etl.governance import targets
from etl.ledger.store import Store
from metrics.snapshot import POINTER
from tests.security.conftest import ACTORS, NOW

KPI, SEPTEMBER = "S1-T2-K1", "2026-09-01"


def _sql(store: Store, query: str) -> list[tuple[object, ...]]:
    snapshots = store.settings.snapshot_dir
    con = duckdb.connect(str(snapshots / (snapshots / POINTER).read_text().strip()), read_only=True)
    try:
        return con.sql(query).fetchall()
    finally:
        con.close()


def _national(store: Store) -> tuple[float, float, float, str]:
    [row] = _sql(
        store,
        "select value, target, achievement, status from mart_kpi_national_month "
        f"where kpi_code = '{KPI}' and period = date '{SEPTEMBER}' and time_window = 'month'",
    )
    return row  # type: ignore[return-value]


def test_a_target_change_takes_effect_with_the_next_build(store: Store) -> None:
    value, target, achievement, status = _national(store)
    assert target == 95.0 and status == "on_track"  # the catalog's 2026 target
    targets.change_target(store, ACTORS["admin"], KPI, 2026, 100.0, "2026년 목표 상향 (협의회 의결)", now=NOW)
    assert _national(store) == (value, target, achievement, status), "nothing moves before a build"

    build(store)
    value_after, target_after, achievement_after, status_after = _national(store)
    assert (value_after, target_after) == (value, 100.0)
    assert achievement_after == pytest.approx(value / 100.0 * 100)  # an 'up' KPI: value ÷ target
    assert status_after == "watch"  # 80 ≤ achievement < 100
    [change] = _sql(store, "select kpi_code, name, old_value, new_value, reason, changed_by from ref_target_changes")
    assert change == (KPI, "2026", 95.0, 100.0, "2026년 목표 상향 (협의회 의결)", "admin-lee")

    targets.change_threshold(store, ACTORS["admin"], "watch", 99.9, "기준 강화", now=NOW)
    build(store)
    assert _national(store)[3] not in ("on_track", "watch")
    [(watch,)] = _sql(store, "select watch from ref_settings")
    assert watch == 99.9


def test_changes_are_checked_and_only_administrators_make_them(store: Store) -> None:
    admin = ACTORS["admin"]
    with pytest.raises(ValueError, match="KPI"):
        targets.change_target(store, admin, "S9-T9-K9", 2026, 1.0, "x")
    with pytest.raises(ValueError, match="year"):
        targets.change_target(store, admin, KPI, 1999, 1.0, "x")
    with pytest.raises(ValueError, match="reason"):
        targets.change_target(store, admin, KPI, 2026, 1.0, "")
    with pytest.raises(ValueError, match="watch <= on_track"):
        targets.change_threshold(store, admin, "watch", 120.0, "역전")
    for role in ("agency", "council", "committee"):
        with pytest.raises(PermissionDenied):
            targets.change_target(store, ACTORS[role], KPI, 2026, 1.0, "x")
    assert targets.list_changes(store) == []
