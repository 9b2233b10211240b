"""Period locks: after a council meeting the administrator locks a month, so its figures cannot move.

A locked month refuses every submission (etl/ingest/accept.py asks `assert_open`) with a message naming the lock,
until an audited unlock. A lock row is never deleted: unlocking fills in who, when and why, and locking
again adds a new row, so the ledger keeps the whole history beside the audit trail.

A lock also records the snapshot published when it was taken (`snapshot_id`): every later build takes the
month's figures from that snapshot (etl/builder/freeze.py), so a change of holidays or targets cannot move what the
council was shown, and that snapshot is never pruned while the lock is active (etl/builder/pins.py).
"""

from __future__ import annotations

from datetime import date, datetime
from weakref import WeakSet

import polars as pl
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from etl.access.actors import Actor
from etl.governance import audit
from etl.ledger.tables import PeriodLock, ensure_tables
from metrics import clock
from metrics.kst import parse_period, period_label, utc_naive_to_kst
from metrics.snapshot import NoSnapshot, current_snapshot

_migrated: WeakSet[Engine] = WeakSet()


def _add_snapshot_column(engine: Engine) -> None:
    """A ledger made before locks recorded their snapshot gets the column (NULL for its old locks: those
    months stay locked against submissions but their figures are not frozen until locked again)."""
    if engine in _migrated:
        return
    if "snapshot_id" not in {c["name"] for c in inspect(engine).get_columns("period_locks")}:
        try:
            with engine.begin() as con:
                con.execute(text("alter table period_locks add column snapshot_id varchar(40)"))
        except DBAPIError:
            # Another process (a replica, a build) added it between the look and the ALTER.
            if "snapshot_id" not in {c["name"] for c in inspect(engine).get_columns("period_locks")}:
                raise
    _migrated.add(engine)


def _session(store) -> Session:  # type: ignore[no-untyped-def]
    """A ledger session whose period_locks table has every column of PeriodLock."""
    ensure_tables(store.engine)
    _add_snapshot_column(store.engine)
    return store.session()


class PeriodLocked(ValueError):
    """A submission (or another change) for a locked month; the message names the lock."""


def _label(period: str | date) -> str:
    return period_label(parse_period(period))


def _reason(reason: str) -> str:
    return audit.check_free_text(reason, "잠금·해제 사유", "reason for locking or unlocking")


def active_lock(session: Session, period: str | date) -> PeriodLock | None:
    stmt = select(PeriodLock).where(PeriodLock.period == _label(period), col(PeriodLock.unlocked_at).is_(None))
    return session.exec(stmt).first()


def is_locked(store, period: str | date) -> bool:  # type: ignore[no-untyped-def]
    with _session(store) as s:
        return active_lock(s, period) is not None


def lock_info(store, period: str | date) -> PeriodLock | None:  # type: ignore[no-untyped-def]
    """The active lock of a month (for reports: 'this month was locked on … by …'), or None."""
    with _session(store) as s:
        return active_lock(s, period)


def list_locks(store) -> list[PeriodLock]:  # type: ignore[no-untyped-def]
    with _session(store) as s:
        return list(s.exec(select(PeriodLock).order_by(col(PeriodLock.id))))


def describe(lock: PeriodLock) -> str:
    at = utc_naive_to_kst(lock.locked_at)
    return (
        f"{lock.period}은(는) {at:%Y-%m-%d %H:%M}(KST)에 {lock.locked_by}이(가) 잠갔습니다. 사유: {lock.reason} "
        f"(month {lock.period} was locked by {lock.locked_by} at {at:%Y-%m-%d %H:%M} KST: {lock.reason}). "
        "잠금 해제는 관리자에게 요청하십시오 (ask an administrator to unlock it)"
    )


def published_snapshot(store) -> str | None:  # type: ignore[no-untyped-def]
    """The id of the snapshot published now (what people see), or None when nothing is published."""
    try:
        return current_snapshot(store.settings.snapshot_dir).stem
    except NoSnapshot:
        return None


def not_frozen_note(lock: PeriodLock) -> str:
    """Said when a month is locked with nothing published: its submissions are refused, but there are no
    figures to freeze, so the next builds compute them as usual."""
    return (
        f"게시된 스냅샷이 없어 {lock.period}의 수치는 고정되지 않았습니다. 제출은 거부됩니다. 수치를 고정하려면 "
        f"'govdash build' 후 잠금을 풀고 다시 잠그십시오 (nothing is published, so the figures of {lock.period} "
        "are not frozen; its submissions are refused. To freeze them, run 'govdash build', then unlock and lock "
        "again)"
    )


def lock(
    store,
    actor: Actor,
    period: str | date,
    reason: str,
    *,  # type: ignore[no-untyped-def]
    now: datetime | None = None,
) -> PeriodLock:
    label = _label(period)
    audit.require(store, actor, "lock_period", f"period:{label}", now=now)
    row = PeriodLock(
        period=label,
        reason=_reason(reason),
        locked_by=actor.user_id,
        locked_at=now or clock.now_utc(),
        snapshot_id=published_snapshot(store),
    )
    with _session(store) as s, s.begin():
        existing = active_lock(s, label)
        if existing is not None:
            raise PeriodLocked(describe(existing))
        s.add(row)
        audit.record(
            s,
            actor,
            "period.locked",
            f"period:{label}",
            {"locked": False},
            {"locked": True, "reason": row.reason, "snapshot": row.snapshot_id},
            now=row.locked_at,
        )
    return row


def unlock(
    store,
    actor: Actor,
    period: str | date,
    reason: str,
    *,  # type: ignore[no-untyped-def]
    now: datetime | None = None,
) -> PeriodLock:
    label = _label(period)
    audit.require(store, actor, "unlock_period", f"period:{label}", now=now)
    reason = _reason(reason)
    now = now or clock.now_utc()
    with _session(store) as s, s.begin():
        row = active_lock(s, label)
        if row is None:
            raise ValueError(f"{label}은(는) 잠겨 있지 않습니다 (month {label} is not locked)")
        row.unlocked_by, row.unlocked_at, row.unlock_reason = actor.user_id, now, reason
        s.add(row)
        audit.record(
            s,
            actor,
            "period.unlocked",
            f"period:{label}",
            {"locked": True, "reason": row.reason},
            {"locked": False, "reason": reason},
            now=now,
        )
    return row


def assert_open(
    store,
    period: str | date,
    *,
    actor: Actor | None = None,
    dataset: str = "",  # type: ignore[no-untyped-def]
    agency_code: str = "",
) -> None:
    """Raise PeriodLocked naming the lock if the month is locked; the refused attempt is audited."""
    with _session(store) as s:
        row = active_lock(s, period)
    if row is None:
        return
    error = PeriodLocked(describe(row))
    if actor is not None:
        audit.submission_refused(store, actor, dataset, agency_code, _label(period), error)
    raise error


LOCKS_SCHEMA = pl.Schema(
    [("period", pl.Date()), ("locked_by", pl.String()), ("locked_at", pl.Datetime("us")), ("reason", pl.String())]
)


def locks_frame(store) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """One row per month locked now, for the snapshot (`ref_period_locks`): a report then says whether its
    month was locked from the snapshot alone, so the same snapshot gives the same report. Times in KST."""
    rows = [
        {
            "period": parse_period(x.period),
            "locked_by": x.locked_by,
            "locked_at": utc_naive_to_kst(x.locked_at),
            "reason": x.reason,
        }
        for x in list_locks(store)
        if x.unlocked_at is None
    ]
    return pl.DataFrame(rows, schema=LOCKS_SCHEMA, orient="row") if rows else pl.DataFrame(schema=LOCKS_SCHEMA)
