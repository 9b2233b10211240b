"""The in-app inbox: one row per (user, event key), read or unread, and the record of each notification run.

The unique (username, event_key) is what makes `govdash notify` idempotent: an event already delivered to
a user is not delivered (nor mailed) again, whatever runs after. A run records the snapshot it compared
and the last audit entry it read, so the next run starts from there (etl/alerts/notify.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, func, select

from etl.access.actors import Actor, PermissionDenied
from etl.governance import audit
from etl.ledger.tables import Notification, NotifyRun, session
from metrics import clock


def last_run(store) -> NotifyRun | None:  # type: ignore[no-untyped-def]
    with session(store) as s:
        return s.exec(select(NotifyRun).order_by(col(NotifyRun.id).desc())).first()


def delivered_keys(store, username: str) -> set[str]:  # type: ignore[no-untyped-def]
    with session(store) as s:
        return set(s.exec(select(Notification.event_key).where(Notification.username == username)))


def messages(store, actor: Actor, *, unread_only: bool = False, limit: int = 200) -> list[Notification]:  # type: ignore[no-untyped-def]
    """The actor's own inbox, newest first."""
    audit.require(store, actor, "subscribe", f"inbox:{actor.user_id}")
    stmt = select(Notification).where(Notification.username == actor.user_id)
    if unread_only:
        stmt = stmt.where(col(Notification.read_at).is_(None))
    with session(store) as s:
        return list(s.exec(stmt.order_by(col(Notification.id).desc()).limit(limit)))


def unread_count(store, username: str) -> int:  # type: ignore[no-untyped-def]
    with session(store) as s:
        stmt = select(func.count()).where(Notification.username == username, col(Notification.read_at).is_(None))
        return int(s.exec(stmt).one())


def mark_read(store, actor: Actor, ids: list[int], *, now: datetime | None = None) -> int:  # type: ignore[no-untyped-def]
    """Mark the actor's own notifications read; another user's are refused. Returns how many changed."""
    target = f"inbox:{actor.user_id}"
    audit.require(store, actor, "subscribe", target, now=now)
    at = now or clock.now_utc()
    with session(store) as s, s.begin():
        rows = list(s.exec(select(Notification).where(col(Notification.id).in_(ids))))
        if any(r.username != actor.user_id for r in rows):
            raise PermissionDenied(
                f"{actor.user_id}은(는) 자기 알림만 읽음으로 표시할 수 있습니다 "
                f"({actor.user_id} may mark only their own notifications read)"
            )
        changed = [r for r in rows if r.read_at is None]
        for r in changed:
            r.read_at = at
            s.add(r)
        if changed:
            audit.record(s, actor, "inbox.read", target, after={"ids": [r.id for r in changed]}, now=at)
    return len(changed)
