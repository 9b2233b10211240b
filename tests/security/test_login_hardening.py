"""The login under attack: concurrent guesses lock an account after exactly five, every failure reads the same,
every attempt costs one argon2 verification, and a typed name breaking the naming rule never reaches the ledger."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from sqlmodel import select

from etl.access.actors import SYSTEM
from etl.governance import account_rules, accounts, audit
from etl.governance.account_rules import INVALID_NAME, LOGIN_FAILED, AccountLocked, LoginFailed
from etl.ledger.store import Store, open_store
from etl.ledger.tables import Account
from metrics.settings import Settings
from tests.security.conftest import NOW, files_under

PASSWORD = "정부혁신-Correct horse 42"
THREADS = 24


class CountingHasher(PasswordHasher):
    """argon2id as configured, counting verifications. `cheap` lowers the cost of new hashes (the cost is
    stored in each hash) so that 24 threads reach the ledger together instead of one argon2 apart."""

    def __init__(self, cheap: bool = False) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1) if cheap else super().__init__()
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002 (argon2's own name)
        self.verified += 1
        return super().verify(hash, password)


@pytest.fixture
def store(blank_store: Store) -> Store:
    return blank_store


def _attempt(store: Store, username: str, password: str, now=NOW) -> LoginFailed:  # type: ignore[no-untyped-def]
    with pytest.raises(LoginFailed) as failed:
        accounts.authenticate(store, username, password, now=now)
    return failed.value


def _row(store: Store, username: str) -> Account:
    with store.session() as s:
        return s.exec(select(Account).where(Account.username == username)).one()


def _guess_together(store: Store, username: str, threads: int) -> list[LoginFailed]:
    """`threads` wrong passwords for one account, released at the same moment by a barrier."""
    barrier = threading.Barrier(threads)
    outcomes: list[LoginFailed] = []
    errors: list[BaseException] = []

    def guess(i: int) -> None:
        barrier.wait()
        try:
            accounts.authenticate(store, username, f"wrong guess {i:02d}", now=NOW)
        except LoginFailed as exc:
            outcomes.append(exc)  # list.append is atomic under the GIL
        except BaseException as exc:  # a database error would be a bug: the test reports it
            errors.append(exc)

    workers = [threading.Thread(target=guess, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert not errors, errors
    return outcomes


def test_concurrent_wrong_passwords_lock_after_exactly_five(
    ledger_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "_hasher", CountingHasher(cheap=True))
    store = open_store(ledger_settings)
    try:
        accounts.add_user(store, SYSTEM, "kim", "council", password=PASSWORD, now=NOW)
        outcomes = _guess_together(store, "kim", THREADS)
        # 24 guesses: the first 5 to reach the ledger are counted (the 5th locks), the other 24 - 5 = 19 refused.
        assert Counter(o.reason for o in outcomes) == {"wrong password": 5, "locked": 19}
        assert sum(isinstance(o, AccountLocked) for o in outcomes) == 1 + 19  # the locking guess and the refused
        assert {str(o) for o in outcomes} == {LOGIN_FAILED}
        row = _row(store, "kim")
        assert row.locked_until == NOW + timedelta(minutes=15)
        assert row.failed_logins == 0  # reset by the lock: the count starts again when it ends
        failed = audit.search(store, SYSTEM, action="login.failed")
        assert sorted(str(e.after) for e in failed) == [
            f'{{"failed_logins": {n}, "reason": "wrong password"}}' for n in (1, 2, 3, 4)
        ] + ['{"failed_logins": 5, "locked_until": "2026-11-25 01:15:00", "reason": "wrong password"}']
        assert len(audit.search(store, SYSTEM, action="login.refused_locked")) == 19

        refused = _attempt(store, "kim", PASSWORD, now=NOW + timedelta(minutes=14, seconds=59))
        assert refused.reason == "locked"  # the right password too, until the lock ends
        assert accounts.authenticate(store, "kim", PASSWORD, now=NOW + timedelta(minutes=15)).user_id == "kim"
    finally:
        store.engine.dispose()


def test_every_failure_reads_the_same_and_the_trail_keeps_the_reason(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = CountingHasher()
    monkeypatch.setattr(accounts, "_hasher", hasher)
    accounts.add_user(store, SYSTEM, "kim", "council", password=PASSWORD, now=NOW)
    accounts.add_user(store, SYSTEM, "lee", "council", password=PASSWORD, now=NOW)
    accounts.add_user(store, SYSTEM, "yoon", "council", password=PASSWORD, now=NOW)
    accounts.set_disabled(store, SYSTEM, "yoon", now=NOW)
    for _ in range(account_rules.MAX_FAILURES):
        _attempt(store, "kim", "wrong password!")
    hasher.verified = 0
    answers = {
        "locked": _attempt(store, "kim", PASSWORD),  # the right password, locked
        "unknown user": _attempt(store, "nobody", PASSWORD),
        "wrong password": _attempt(store, "lee", "wrong password!"),
        "disabled": _attempt(store, "yoon", PASSWORD),
        "invalid name": _attempt(store, "pa rk", PASSWORD),
    }
    assert {reason: a.reason for reason, a in answers.items()} == {r: r for r in answers}
    assert {str(a) for a in answers.values()} == {LOGIN_FAILED}
    assert "15" in LOGIN_FAILED and "관리자" in LOGIN_FAILED and "administrator" in LOGIN_FAILED
    # One argon2 verification each, found or not, locked or not: the time does not tell them apart either.
    assert hasher.verified == len(answers)
    entries = audit.search(store, SYSTEM, action="login.")[: len(answers)]
    assert [(e.action, e.target, e.after and '"reason"' in e.after) for e in reversed(entries)] == [
        ("login.refused_locked", "user:kim", None),
        ("login.failed", "user:nobody", True),
        ("login.failed", "user:lee", True),
        ("login.failed", "user:yoon", True),
        ("login.failed", f"user:{INVALID_NAME}", True),
    ]
    assert [e.after for e in reversed(entries)][1:] == [
        '{"reason": "unknown user"}',
        '{"failed_logins": 1, "reason": "wrong password"}',
        '{"failed_logins": 1, "reason": "disabled"}',
        '{"reason": "invalid name"}',
    ]


def _ledger_bytes(store: Store) -> bytes:
    store.engine.dispose()  # let SQLite write everything out
    return b"".join(p.read_bytes() for p in files_under(Path(store.settings.home)) if "ledger" in p.name)


def test_a_five_million_character_name_leaves_a_small_audit_row(store: Store) -> None:
    assert str(_attempt(store, "a" * 5_000_000, PASSWORD)) == LOGIN_FAILED
    with store.engine.connect() as con:
        [(actor, target, size)] = con.execute(
            text(
                "select actor_id, target, length(actor_id) + length(target) + coalesce(length(after), 0)"
                " + coalesce(length(before), 0) from audit_entries"
            )
        ).all()
    assert (actor, target) == (INVALID_NAME, f"user:{INVALID_NAME}")
    # "(잘못된 이름)" 8 + "user:(잘못된 이름)" 13 + '{"reason": "invalid name"}' 26 = 47 characters
    assert size == 47
    assert len(_ledger_bytes(store)) < 2_000_000  # the ledger itself, WAL included, not the 10 MB it grew by


@pytest.mark.parametrize(
    "typed",
    [
        PASSWORD,  # a password typed in the name field: spaces and Hangul
        "x" * 65,  # one over the limit
        "kim\x00",
        '=HYPERLINK("http://evil")',
    ],
)
def test_a_name_breaking_the_rule_is_not_stored(store: Store, typed: str) -> None:
    assert _attempt(store, typed, "whatever").reason == "invalid name"
    [entry] = audit.search(store, SYSTEM, action="login.failed")
    assert (entry.actor_id, entry.actor_role, entry.target) == (INVALID_NAME, "anonymous", f"user:{INVALID_NAME}")
    ledger = _ledger_bytes(store)
    for encoding in ("utf-8", "utf-16-le"):
        assert typed.lower().encode(encoding) not in ledger


def test_a_valid_name_at_the_limit_is_kept_as_typed(store: Store) -> None:
    name = "a" * 64  # exactly MAX_USERNAME: allowed, and recorded (lower-cased, like every name)
    assert _attempt(store, name.upper(), "whatever").reason == "unknown user"
    [entry] = audit.search(store, SYSTEM, action="login.failed")
    assert entry.actor_id == name and entry.target == f"user:{name}"


@pytest.mark.parametrize(
    ("username", "says"),
    [
        ("[/]", "'/' '[' ']'"),
        ("pa rk", "' '"),
        ("김철수", "'김' '수' '철'"),
        ("a" * 65, "65자"),
        ("", "비어 있습니다"),
    ],
)
def test_new_account_names_follow_the_same_rule(store: Store, username: str, says: str) -> None:
    with pytest.raises(account_rules.AccountError) as refused:
        accounts.add_user(store, SYSTEM, username, "council", now=NOW)
    assert says in str(refused.value) and "a-z, 0-9, . _ - @" in str(refused.value)
    assert len(str(refused.value)) < 300
    assert accounts.list_users(store, SYSTEM) == []
