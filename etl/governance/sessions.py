"""Dashboard sessions in the ledger: a login that survives a reload, a second tab and a pasted link, and that
the server can end at any time (docs/security.md "Sessions", docs/decisions.md §26).

A login opens a row here. The browser gets it as an HttpOnly cookie, `<token>.<hmac>`: the token is 256
random bits, the ledger keeps only its SHA-256, and the HMAC (a key of the store's) refuses a forged or
mangled cookie before any lookup. The cookie is set by the server route of dashboard/serve_app.py, which
trades a one-time handoff code (valid for HANDOFF, used once) for the token, so the token itself never
appears in a page. Every page run checks the row: revoked (logout, logout everywhere), past its absolute
end (GOVDASH_SESSION_HOURS), idle for GOVDASH_IDLE_MINUTES, or its account disabled or gone → refused.

Settings (read when asked): GOVDASH_SESSION_HOURS (default 12), GOVDASH_SESSION_KEY (default: a random key
kept in $GOVDASH_HOME/session.key, made on first use).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from weakref import WeakSet

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from etl.access.actors import Actor
from etl.governance import audit
from etl.governance.account_rules import is_idle
from etl.ledger.tables import Account, DashboardSession, session
from metrics import clock

COOKIE = "govdash_session"
DEFAULT_HOURS = 12
HANDOFF = timedelta(minutes=2)
TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most this often (one UPDATE a minute, not a run)


@dataclass(frozen=True)
class Opened:
    sid: int
    handoff: str  # one-time code for the cookie route; never the cookie itself


@dataclass(frozen=True)
class Checked:
    """The answer for one page run: the actor, or None with the reason (idle, expired, revoked, disabled,
    unknown, forged)."""

    actor: Actor | None
    sid: int | None
    reason: str | None = None


def session_hours() -> int:
    return int(os.environ.get("GOVDASH_SESSION_HOURS") or DEFAULT_HOURS)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


_made: WeakSet[Engine] = WeakSet()


def _session(store: Any):  # type: ignore[no-untyped-def]
    # ensure_tables (etl/ledger/tables.py) runs once per engine and may have run before this module was imported.
    if store.engine not in _made:
        DashboardSession.__table__.create(store.engine, checkfirst=True)  # type: ignore[attr-defined]
        _made.add(store.engine)
    return session(store)


def _key(store: Any) -> bytes:
    """The cookie's HMAC key: GOVDASH_SESSION_KEY, else a file beside the ledger (0600) made once."""
    if env := os.environ.get("GOVDASH_SESSION_KEY"):
        return env.encode()
    path = Path(store.settings.home) / "session.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it meanwhile
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def sign(store: Any, token: str) -> str:
    mac = hmac.new(_key(store), token.encode(), hashlib.sha256).hexdigest()
    return f"{token}.{mac}"


def unsign(store: Any, cookie: str | None) -> str | None:
    """The token of a cookie whose HMAC holds; None for anything else."""
    if not isinstance(cookie, str):
        return None
    token, _, mac = cookie.rpartition(".")
    if not token or not mac:
        return None
    good = hmac.new(_key(store), token.encode(), hashlib.sha256).hexdigest()
    return token if hmac.compare_digest(good, mac) else None


def open_session(store: Any, actor: Actor, *, now: datetime | None = None) -> Opened:
    """A new session for an actor who has just logged in (accounts.authenticate audited the login)."""
    now = now or clock.now_utc()
    handoff = secrets.token_urlsafe(32)
    row = DashboardSession(
        handoff_hash=_digest(handoff),
        handoff_until=now + HANDOFF,
        user_id=actor.user_id,
        created_at=now,
        last_seen=now,
        expires_at=now + timedelta(hours=session_hours()),
    )
    with _session(store) as s, s.begin():
        s.add(row)
        s.flush()
        assert row.id is not None
        return Opened(row.id, handoff)


def redeem(store: Any, handoff: str, *, now: datetime | None = None) -> tuple[str, DashboardSession] | None:
    """Trade a handoff code, once and in time, for the session's signed cookie value (a new token)."""
    now = now or clock.now_utc()
    token = secrets.token_urlsafe(32)
    with _session(store) as s, s.begin():
        sid = s.exec(
            update(DashboardSession)
            .where(col(DashboardSession.handoff_hash) == _digest(handoff or ""))
            .where(col(DashboardSession.handoff_until) > now, col(DashboardSession.revoked_at).is_(None))
            .values(handoff_hash=None, handoff_until=None, token_hash=_digest(token))
            .returning(col(DashboardSession.id))
        ).first()
        row = s.get(DashboardSession, sid[0]) if sid else None
        if row is None:
            return None
        s.expunge(row)
    return sign(store, token), row


def check(store: Any, *, sid: int | None = None, cookie: str | None = None, now: datetime | None = None) -> Checked:
    """Whether this page run is logged in: by the tab's session id (kept on the server) or the cookie."""
    now = now or clock.now_utc()
    token = unsign(store, cookie) if sid is None else None
    if sid is None and token is None:
        return Checked(None, None, "forged" if cookie else None)
    with _session(store) as s, s.begin():
        where = DashboardSession.id == sid if token is None else DashboardSession.token_hash == _digest(token)
        row = s.exec(select(DashboardSession).where(where)).first()
        if row is None:
            return Checked(None, None, "unknown")
        account = s.exec(select(Account).where(Account.username == row.user_id)).first()
        reason = _refusal(row, account, now)
        if reason is not None:
            if row.revoked_at is None:  # ended now: recorded once, with why
                _end(s, row, reason, now)
            return Checked(None, row.id, reason)
        if now - row.last_seen >= TOUCH_EVERY:
            row.last_seen = now
            s.add(row)
        assert account is not None
        return Checked(account.actor(), row.id)


def _refusal(row: DashboardSession, account: Account | None, now: datetime) -> str | None:
    if row.revoked_at is not None:
        return row.revoked_reason or "revoked"
    if account is None or account.disabled:
        return "disabled"
    if now >= row.expires_at:
        return "expired"
    if is_idle(row.last_seen, now):
        return "idle"
    return None


def _end(s, row: DashboardSession, reason: str, now: datetime) -> None:  # type: ignore[no-untyped-def]
    row.revoked_at, row.revoked_reason = now, reason
    s.add(row)
    # A disabled account's session ends in its name, with no role.
    who = _anonymous(row.user_id) if reason == "disabled" else _actor_of(s, row.user_id)
    audit.record(s, who, "session.ended", f"user:{row.user_id}", after={"session": row.id, "reason": reason}, now=now)


def _anonymous(user_id: str) -> Actor:
    return Actor(user_id, "anonymous")  # type: ignore[arg-type]


def _actor_of(s, user_id: str) -> Actor:  # type: ignore[no-untyped-def]
    account = s.exec(select(Account).where(Account.username == user_id)).first()
    return account.actor() if account else _anonymous(user_id)


def log_out(store: Any, actor: Actor, sid: int, *, now: datetime | None = None) -> None:
    """End one session (this browser's), audited as `logout`."""
    now = now or clock.now_utc()
    with _session(store) as s, s.begin():
        row = s.get(DashboardSession, sid)
        if row is None or row.user_id != actor.user_id or row.revoked_at is not None:
            return
        row.revoked_at, row.revoked_reason = now, "logout"
        s.add(row)
        audit.record(s, actor, "logout", f"user:{actor.user_id}", after={"session": sid}, now=now)


def revoke_all(store: Any, actor: Actor, username: str, *, now: datetime | None = None) -> int:
    """End every open session of `username` (logout everywhere): one's own, or any as an administrator.
    Returns how many were open."""
    if username != actor.user_id:
        audit.require(store, actor, "manage_users", f"user:{username}", now=now)
    now = now or clock.now_utc()
    with _session(store) as s, s.begin():
        ended = s.exec(
            update(DashboardSession)
            .where(col(DashboardSession.user_id) == username, col(DashboardSession.revoked_at).is_(None))
            .values(revoked_at=now, revoked_reason="revoked")
            .returning(col(DashboardSession.id))
        ).all()
        audit.record(s, actor, "session.revoked_all", f"user:{username}", after={"sessions": len(ended)}, now=now)
    return len(ended)


def open_sessions(store: Any, username: str, *, now: datetime | None = None) -> list[DashboardSession]:
    """The sessions of `username` not ended (for the tests and the administration page)."""
    now = now or clock.now_utc()
    with _session(store) as s:
        rows = s.exec(
            select(DashboardSession)
            .where(DashboardSession.user_id == username, col(DashboardSession.revoked_at).is_(None))
            .where(DashboardSession.expires_at > now)
            .order_by(col(DashboardSession.id))
        ).all()
        return list(rows)
