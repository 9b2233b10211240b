"""Local accounts: hashed passwords that never appear in clear, lockout after five failures, idle timeout,
and the e-mail → account mapping single sign-on uses."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from etl.access.actors import SYSTEM, Actor
from etl.governance import account_rules, accounts, audit
from etl.governance.account_rules import AccountError, AccountLocked, LoginFailed
from etl.ledger.store import Store
from etl.ledger.tables import Account
from tests.security.conftest import NOW, OWN_AGENCY, files_under

PASSWORD = "정부혁신-Correct horse 42"  # Hangul too: searched for in UTF-8 and UTF-16


@pytest.fixture
def store(blank_store: Store) -> Store:
    """These tests need no submissions: an empty store with the fixture agencies."""
    return blank_store


def _store_bytes(store: Store) -> bytes:
    store.engine.dispose()  # let SQLite write everything out
    return b"".join(p.read_bytes() for p in files_under(Path(store.settings.home)) if "ledger" in p.name)


def test_a_password_is_never_stored_or_logged_in_clear(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # every SQL statement and its parameters
    try:
        accounts.add_user(store, SYSTEM, "kim", "agency", agency_code=OWN_AGENCY, password=PASSWORD, now=NOW)
        assert accounts.authenticate(store, "kim", PASSWORD, now=NOW) == Actor("kim", "agency", OWN_AGENCY)
        with pytest.raises(LoginFailed):
            accounts.authenticate(store, "kim", PASSWORD + "x", now=NOW)
        issued = accounts.reset_password(store, SYSTEM, "kim", now=NOW)
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    assert issued.password and len(issued.password) >= account_rules.MIN_PASSWORD_LENGTH
    assert "INSERT INTO accounts" in caplog.text, "the SQL log was captured"
    ledger_bytes = _store_bytes(store)
    assert b"argon2id" in ledger_bytes, "the hash is there"
    for secret in (PASSWORD, PASSWORD + "x", issued.password):
        assert secret not in caplog.text
        for encoding in ("utf-8", "utf-16-le"):
            assert secret.encode(encoding) not in ledger_bytes
    with store.session() as s:
        stored = s.exec(select(Account).where(Account.username == "kim")).one()
    assert stored.password_hash and stored.password_hash.startswith("$argon2id$")
    assert accounts.authenticate(store, "kim", issued.password, now=NOW).user_id == "kim"
    with pytest.raises(LoginFailed):
        accounts.authenticate(store, "kim", PASSWORD, now=NOW)  # the old one no longer works


def test_a_short_password_is_refused(store: Store) -> None:
    with pytest.raises(AccountError, match="12"):
        accounts.add_user(store, SYSTEM, "kim", "council", password="short-pw")
    with pytest.raises(AccountError):
        accounts.reset_password(store, SYSTEM, "kim", "x" * (account_rules.MIN_PASSWORD_LENGTH - 1))
    assert accounts.list_users(store, SYSTEM) == []


def test_five_failures_lock_the_account_for_fifteen_minutes(store: Store) -> None:
    accounts.add_user(store, SYSTEM, "kim", "council", password=PASSWORD, now=NOW)
    for i in range(4):
        with pytest.raises(LoginFailed) as failed:
            accounts.authenticate(store, "kim", "wrong password!", now=NOW + timedelta(seconds=i))
        assert not isinstance(failed.value, AccountLocked)
    with pytest.raises(AccountLocked) as locked:
        accounts.authenticate(store, "kim", "wrong password!", now=NOW + timedelta(seconds=4))
    assert locked.value.until == NOW + timedelta(seconds=4, minutes=15)
    assert "15" in str(locked.value)
    with pytest.raises(AccountLocked):  # even the right password, while locked
        accounts.authenticate(store, "kim", PASSWORD, now=NOW + timedelta(minutes=15, seconds=3))
    assert accounts.authenticate(store, "kim", PASSWORD, now=NOW + timedelta(minutes=15, seconds=4)).user_id == "kim"
    actions = [e.action for e in reversed(audit.search(store, SYSTEM, text="user:kim"))]
    assert actions == ["account.created"] + ["login.failed"] * 5 + ["login.refused_locked", "login.ok"]


def test_a_success_resets_the_failure_count(store: Store) -> None:
    accounts.add_user(store, SYSTEM, "kim", "council", password=PASSWORD, now=NOW)
    for i in range(4):
        with pytest.raises(LoginFailed):
            accounts.authenticate(store, "kim", "nope nope nope", now=NOW + timedelta(seconds=i))
    accounts.authenticate(store, "kim", PASSWORD, now=NOW + timedelta(seconds=10))
    with pytest.raises(LoginFailed) as fifth:  # the fifth failure in all, the first since the success
        accounts.authenticate(store, "kim", "nope nope nope", now=NOW + timedelta(seconds=20))
    assert not isinstance(fifth.value, AccountLocked)


def test_a_reset_clears_a_lockout_and_a_disabled_account_cannot_log_in(store: Store) -> None:
    accounts.add_user(store, SYSTEM, "kim", "council", password=PASSWORD, now=NOW)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            accounts.authenticate(store, "kim", "wrong password!", now=NOW)
    accounts.reset_password(store, SYSTEM, "kim", PASSWORD, now=NOW)
    assert accounts.authenticate(store, "kim", PASSWORD, now=NOW).user_id == "kim"
    accounts.set_disabled(store, SYSTEM, "kim", now=NOW)
    with pytest.raises(LoginFailed) as failed:
        accounts.authenticate(store, "kim", PASSWORD, now=NOW)
    assert "wrong user name or password" in str(failed.value)  # the same words as a wrong password


def test_an_unknown_user_gets_the_same_message_and_is_audited(store: Store) -> None:
    with pytest.raises(LoginFailed) as failed:
        accounts.authenticate(store, "nobody", PASSWORD, now=NOW)
    assert str(failed.value) == (
        "계정 이름 또는 비밀번호가 맞지 않습니다. 로그인에 5회 실패한 계정은 15분간 잠기며 그동안은 맞는 비밀번호도 "
        "거부됩니다. 15분 뒤 다시 시도하거나 관리자에게 비밀번호 재설정을 요청하십시오 (wrong user name or password "
        "— or the account is locked: 5 failed logins lock it for 15 minutes, even against the right password; try "
        "again in 15 minutes or ask an administrator to reset the password)"
    )
    [entry] = audit.search(store, SYSTEM, action="login.failed")
    assert entry.target == "user:nobody" and PASSWORD not in (entry.after or "")


@pytest.mark.parametrize(
    ("minutes_env", "idle", "expired"),
    [
        (None, timedelta(minutes=29, seconds=59), False),
        (None, timedelta(minutes=30), True),
        ("5", timedelta(minutes=4, seconds=59), False),
        ("5", timedelta(minutes=5), True),
    ],
)
def test_idle_timeout(monkeypatch: pytest.MonkeyPatch, minutes_env: str | None, idle: timedelta, expired: bool) -> None:
    if minutes_env is None:
        monkeypatch.delenv("GOVDASH_IDLE_MINUTES", raising=False)
    else:
        monkeypatch.setenv("GOVDASH_IDLE_MINUTES", minutes_env)
    last_seen = datetime(2026, 11, 25, 9, 0)
    assert account_rules.is_idle(last_seen, last_seen + idle) is expired


def test_single_sign_on_maps_an_email_to_an_account(store: Store) -> None:
    accounts.add_user(store, SYSTEM, "jung", "committee", email="Jung@Example.go.kr", sso_only=True, now=NOW)
    assert accounts.actor_for_email(store, "jung@example.go.kr", now=NOW) == Actor("jung", "committee")
    with pytest.raises(LoginFailed):
        accounts.actor_for_email(store, "stranger@example.go.kr", now=NOW)
    with pytest.raises(LoginFailed):  # an SSO-only account has no password to guess
        accounts.authenticate(store, "jung", "", now=NOW)
    assert [e.action for e in audit.search(store, SYSTEM, action="login.sso")] == ["login.sso_refused", "login.sso_ok"]


def test_account_requests_are_checked(store: Store) -> None:
    with pytest.raises(AccountError, match="agency"):
        accounts.add_user(store, SYSTEM, "park", "agency", agency_code="9999999")
    with pytest.raises(AccountError):
        accounts.add_user(store, SYSTEM, "park", "system")  # not a person's role
    with pytest.raises(AccountError):
        accounts.add_user(store, SYSTEM, "pa rk'; drop table accounts;--", "council")
    accounts.add_user(store, SYSTEM, "park", "council")
    with pytest.raises(AccountError, match="already"):
        accounts.add_user(store, SYSTEM, "PARK", "council")
    assert [a.username for a in accounts.list_users(store, SYSTEM)] == ["park"]
