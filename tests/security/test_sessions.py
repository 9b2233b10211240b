"""The sessions service (etl/governance/sessions.py): a login's handoff traded once for a signed cookie; the cookie
checked against the ledger on every run; revoked, expired, idle and disabled sessions refused and audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from etl.access.actors import SYSTEM, Actor
from etl.governance import accounts, audit, sessions
from etl.ledger.store import Store
from etl.ledger.tables import Account, DashboardSession, session
from tests.security.conftest import NOW

PASSWORD = "session-password-2026"
KIM = Actor("kim", "council")


@pytest.fixture
def store(blank_store: Store) -> Store:
    accounts.add_user(blank_store, SYSTEM, "kim", "council", password=PASSWORD, now=NOW)
    accounts.add_user(blank_store, SYSTEM, "lee", "admin", password=PASSWORD, now=NOW)
    return blank_store


def _cookie(store: Store, actor: Actor = KIM) -> tuple[int, str]:
    opened = sessions.open_session(store, actor, now=NOW)
    redeemed = sessions.redeem(store, opened.handoff, now=NOW + timedelta(seconds=1))
    assert redeemed is not None
    return opened.sid, redeemed[0]


def _reasons(store: Store) -> list[str]:
    return [e.after or "" for e in audit.search(store, SYSTEM, action="session.ended")]


def test_a_cookie_opens_its_session_and_the_ledger_keeps_only_hashes(store: Store) -> None:
    sid, cookie = _cookie(store)
    checked = sessions.check(store, cookie=cookie, now=NOW + timedelta(minutes=5))
    assert checked == sessions.Checked(KIM, sid)
    token = cookie.rpartition(".")[0]
    with session(store) as s:
        row = s.exec(select(DashboardSession)).one()
    assert token not in (row.token_hash or "") and len(row.token_hash or "") == 64
    assert row.handoff_hash is None  # used
    assert row.expires_at == NOW + timedelta(hours=12)
    assert row.last_seen == NOW + timedelta(minutes=5)  # touched: more than a minute since the last


def test_a_handoff_is_used_once_and_only_in_time(store: Store) -> None:
    opened = sessions.open_session(store, KIM, now=NOW)
    assert sessions.redeem(store, opened.handoff, now=NOW + sessions.HANDOFF) is None  # too late
    again = sessions.open_session(store, KIM, now=NOW)
    assert sessions.redeem(store, again.handoff, now=NOW) is not None
    assert sessions.redeem(store, again.handoff, now=NOW) is None  # once
    assert sessions.redeem(store, "made-up", now=NOW) is None


@pytest.mark.parametrize(
    "cookie",
    ["", "no-dot", "token.0000", "x" * 43 + "." + "f" * 64],
)
def test_a_forged_or_mangled_cookie_opens_nothing(store: Store, cookie: str) -> None:
    _cookie(store)
    checked = sessions.check(store, cookie=cookie, now=NOW)
    assert checked.actor is None and checked.reason == ("forged" if cookie else None)


def test_a_cookie_signed_with_another_key_is_refused(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _, cookie = _cookie(store)
    monkeypatch.setenv("GOVDASH_SESSION_KEY", "another key")
    assert sessions.check(store, cookie=cookie, now=NOW).reason == "forged"


def test_idle_for_the_idle_minutes_ends_the_session_once(store: Store) -> None:
    sid, cookie = _cookie(store)
    assert sessions.check(store, cookie=cookie, now=NOW + timedelta(minutes=29)).actor == KIM  # touched at 29
    late = NOW + timedelta(minutes=29 + 30)  # 30 minutes after the last use
    checked = sessions.check(store, cookie=cookie, now=late)
    assert checked == sessions.Checked(None, sid, "idle")
    assert sessions.check(store, sid=sid, now=late + timedelta(minutes=1)).reason == "idle"
    assert _reasons(store) == [f'{{"reason": "idle", "session": {sid}}}']  # recorded once


def test_a_session_ends_after_its_hours_however_busy(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDASH_SESSION_HOURS", "1")
    sid, cookie = _cookie(store)
    for minutes in (20, 40, 59):
        assert sessions.check(store, cookie=cookie, now=NOW + timedelta(minutes=minutes)).actor == KIM
    assert sessions.check(store, cookie=cookie, now=NOW + timedelta(minutes=60)).reason == "expired"


def test_logout_ends_this_session_only_and_is_audited(store: Store) -> None:
    one, cookie_one = _cookie(store)
    _, cookie_two = _cookie(store)
    sessions.log_out(store, KIM, one, now=NOW)
    assert sessions.check(store, cookie=cookie_one, now=NOW).reason == "logout"
    assert sessions.check(store, cookie=cookie_two, now=NOW).actor == KIM
    [entry] = audit.search(store, SYSTEM, action="logout")
    assert (entry.actor_id, entry.target) == ("kim", "user:kim")


def test_logout_everywhere_ends_every_session_of_the_account(store: Store) -> None:
    _, cookie_one = _cookie(store)
    _, cookie_two = _cookie(store)
    _, cookie_lee = _cookie(store, Actor("lee", "admin"))
    assert sessions.revoke_all(store, KIM, "kim", now=NOW) == 2
    assert [sessions.check(store, cookie=c, now=NOW).reason for c in (cookie_one, cookie_two)] == ["revoked"] * 2
    assert sessions.check(store, cookie=cookie_lee, now=NOW).actor == Actor("lee", "admin")
    assert sessions.open_sessions(store, "kim", now=NOW) == []


def test_only_an_administrator_ends_another_persons_sessions(store: Store) -> None:
    _, cookie = _cookie(store)
    with pytest.raises(PermissionError):
        sessions.revoke_all(store, Actor("lee2", "council"), "kim", now=NOW)
    assert sessions.check(store, cookie=cookie, now=NOW).actor == KIM
    assert sessions.revoke_all(store, Actor("lee", "admin"), "kim", now=NOW) == 1
    assert sessions.check(store, cookie=cookie, now=NOW).reason == "revoked"


def test_a_disabled_account_s_sessions_are_refused_and_a_role_change_applies(store: Store) -> None:
    sid, cookie = _cookie(store)
    with session(store) as s, s.begin():
        s.exec(select(Account).where(Account.username == "kim")).one().role = "committee"
    assert sessions.check(store, sid=sid, now=NOW).actor == Actor("kim", "committee")
    accounts.set_disabled(store, SYSTEM, "kim", now=NOW)
    assert sessions.check(store, cookie=cookie, now=NOW).reason == "disabled"
    accounts.set_disabled(store, SYSTEM, "kim", disabled=False, now=NOW)
    assert sessions.check(store, cookie=cookie, now=NOW).reason == "disabled"  # ended, not paused
