"""What each user wants to be told about: tasks, KPIs or agencies (docs/decisions.md §22).

A user manages only their own subscriptions (the service checks it). An agency officer is subscribed to
their own agency by default (its due dates and the disputes on its figures) without a row; turning that
off writes a row with active = False, so the default never comes back by itself. Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from etl.access.actors import Actor, PermissionDenied
from etl.governance import audit
from etl.ledger.tables import Subscription, session
from metrics import clock

KINDS = ("task", "kpi", "agency")


@dataclass(frozen=True)
class Subject:
    kind: str
    code: str


def _check(store, kind: str, code: str) -> str:  # type: ignore[no-untyped-def]
    if kind not in KINDS:
        raise ValueError(f"구독 대상은 {', '.join(KINDS)} 중 하나입니다 (subscribe to one of {', '.join(KINDS)})")
    code = (code or "").strip()
    known = {
        "task": {t.code for t in store.catalog.tasks},
        "kpi": {k.code for k in store.catalog.kpis},
        "agency": set(store.agency_codes),
    }[kind]
    if code not in known:
        raise ValueError(f"'{code}'은(는) 알 수 없는 {kind} 코드입니다 ('{code}' is not a known {kind} code)")
    return code


def _own(store, actor: Actor, username: str, target: str, now: datetime | None) -> None:  # type: ignore[no-untyped-def]
    audit.require(store, actor, "subscribe", target, now=now)
    if actor.user_id != username:
        message = (
            f"{actor.user_id}은(는) 자기 구독만 바꿀 수 있습니다 ({actor.user_id} may change only their own "
            f"subscriptions, not {username}'s)"
        )
        audit.record_now(store, actor, "permission.denied", target, after={"action": "subscribe"}, now=now)
        raise PermissionDenied(message)


def set_subscription(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    username: str,
    kind: str,
    code: str,
    active: bool = True,
    *,
    now: datetime | None = None,
) -> Subscription:
    """Subscribe (active) or unsubscribe `username` to one task, KPI or agency."""
    target = f"subscription:{username}/{kind}/{code}"
    _own(store, actor, username, target, now)
    code = _check(store, kind, code)
    at = now or clock.now_utc()
    with session(store) as s, s.begin():
        stmt = select(Subscription).where(
            Subscription.username == username, Subscription.kind == kind, Subscription.code == code
        )
        row = s.exec(stmt).first()
        before = None if row is None else {"active": row.active}
        row = row or Subscription(username=username, kind=kind, code=code, changed_at=at)
        row.active, row.changed_at = active, at
        s.add(row)
        audit.record(s, actor, "subscription.changed", target, before, {"active": active}, now=at)
        s.flush()
        s.refresh(row)
        s.expunge(row)
    return row


def _rows(store, username: str | None = None) -> list[Subscription]:  # type: ignore[no-untyped-def]
    stmt = select(Subscription)
    if username is not None:
        stmt = stmt.where(Subscription.username == username)
    with session(store) as s:
        return list(s.exec(stmt.order_by(col(Subscription.id))))


def subjects(store, username: str, role: str, agency_code: str | None) -> set[Subject]:  # type: ignore[no-untyped-def]
    """What `username` is subscribed to now: their active rows, plus their own agency for an officer unless
    they turned it off."""
    rows = _rows(store, username)
    chosen = {Subject(r.kind, r.code) for r in rows if r.active}
    if role == "agency" and agency_code:
        own = Subject("agency", agency_code)
        if not any(Subject(r.kind, r.code) == own and not r.active for r in rows):
            chosen.add(own)
    return chosen


def email_of(store, username: str) -> str | None:  # type: ignore[no-untyped-def]
    """Where the user's digest goes (the account's e-mail, also its single sign-on identity)."""
    from etl.ledger.tables import Account

    with session(store) as s:
        account = s.exec(select(Account).where(Account.username == username)).first()
        return account.email if account else None
