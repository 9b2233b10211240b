"""A locked month cannot change: its submissions are refused with a message naming the lock, and its
figures stay identical through a build, until an audited unlock."""

from __future__ import annotations

from datetime import timedelta

import duckdb
import pytest

from etl.builder.publish import build
from etl.governance import audit
from etl.governance import period_locks as locks
from etl.governance.period_locks import PeriodLocked
from etl.ingest.accept import submit
from etl.ledger.store import Store
from metrics.snapshot import POINTER
from tests.security.conftest import ACTORS, NOW, OWN_AGENCY, archived_kpi_file, kpi_progress_csv, read_csv_rows

MONTH = "2026-09"
FIGURES = {
    "mart_kpi_agency_month": "kpi_code, agency_code, time_window",
    "mart_kpi_national_month": "kpi_code, time_window",
    "mart_task_scores": "*",
    "mart_strategy_scores": "*",
    "mart_overall_scores": "*",
}


def _figures(store: Store) -> dict[str, list[tuple[object, ...]]]:
    snapshots = store.settings.snapshot_dir
    path = snapshots / (snapshots / POINTER).read_text(encoding="utf-8").strip()
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            table: con.sql(f"select * from {table} where period = date '{MONTH}-01' order by all").fetchall()
            for table in FIGURES
        }
    finally:
        con.close()


def _changed_file(store: Store) -> tuple[bytes, str]:
    """This agency's September file with one figure halved: accepted, it would move the month's figures."""
    rows = read_csv_rows(archived_kpi_file(store, OWN_AGENCY, MONTH))
    target = next(r for r in rows if float(r["실적값"] or 0) > 0)
    out = []
    for r in rows:
        value = r["실적값"]
        if r is target:
            value = f"{float(value) / 2:g}"
        out.append((r["지표코드"], value, r["비고"]))
    return kpi_progress_csv(OWN_AGENCY, MONTH, out), target["지표코드"]


def _submit(store: Store, content: bytes):  # type: ignore[no-untyped-def]
    return submit(
        store,
        content,
        filename="kpi_202609_수정.csv",
        dataset="kpi_progress",
        agency_code=OWN_AGENCY,
        period=MONTH,
        actor=ACTORS["agency"],
        now=NOW,
    )


def test_a_locked_month_refuses_a_submission_and_its_figures_stay_identical(store: Store) -> None:
    build(store)
    before = _figures(store)
    assert all(before.values()), "the month has figures to protect"
    locks.lock(store, ACTORS["admin"], MONTH, "제3차 정부혁신협의회 보고 (2026-10-20)", now=NOW)
    content, kpi = _changed_file(store)

    with pytest.raises(PeriodLocked) as refused:
        _submit(store, content)
    message = str(refused.value)
    assert "2026-09" in message and "admin-lee" in message and "제3차 정부혁신협의회 보고" in message
    build(store)
    assert _figures(store) == before

    refusal = audit.search(store, ACTORS["system"], action="submission.refused")[0]
    assert refusal.actor_id == "officer-park" and "제3차" in (refusal.after or "")

    # The control: after an unlock the same file goes through and the figures move.
    locks.unlock(store, ACTORS["admin"], MONTH, "기관 정정 요청", now=NOW + timedelta(hours=1))
    assert _submit(store, content).accepted
    build(store)
    after = _figures(store)
    changed = [r for r in after["mart_kpi_agency_month"] if r[0] == kpi and r[1] == OWN_AGENCY]
    original = [r for r in before["mart_kpi_agency_month"] if r[0] == kpi and r[1] == OWN_AGENCY]
    assert changed != original


def test_lock_and_unlock_are_audited_and_kept(store: Store) -> None:
    admin = ACTORS["admin"]
    locks.lock(store, admin, "2026-08", "협의회", now=NOW)
    with pytest.raises(PeriodLocked):
        locks.lock(store, admin, "2026-08", "again", now=NOW)
    assert locks.is_locked(store, "2026-08") and not locks.is_locked(store, "2026-07")
    with pytest.raises(ValueError, match="reason"):
        locks.unlock(store, admin, "2026-08", "  ")
    locks.unlock(store, admin, "2026-08", "정정", now=NOW + timedelta(minutes=1))
    locks.lock(store, admin, "2026-08", "재잠금", now=NOW + timedelta(minutes=2))
    history = locks.list_locks(store)
    assert [(h.reason, h.unlock_reason) for h in history] == [("협의회", "정정"), ("재잠금", None)]
    actions = [e.action for e in reversed(audit.search(store, admin, text="period:2026-08"))]
    assert actions == ["period.locked", "period.unlocked", "period.locked"]
