"""The account and lock commands, run through the real `govdash` app against a store copy."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from etl.access.actors import SYSTEM
from etl.cli.main import app
from etl.cli.users import demo_accounts
from etl.governance import accounts, audit
from etl.governance import period_locks as locks
from etl.ledger.store import open_store
from metrics.settings import Settings
from tests.security.conftest import files_under

runner = CliRunner()


def _ledger_bytes(settings: Settings) -> bytes:
    return b"".join(p.read_bytes() for p in files_under(Path(settings.home)) if "ledger" in p.name)


def _password(output: str) -> str:
    [password] = re.findall(r"password, shown once\): (\S+)", output)
    return password


def test_users_commands(store_copy: Settings, use_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    use_store(store_copy)
    monkeypatch.setenv("GOVDASH_USER", "operator-kim")
    added = runner.invoke(app, ["users", "add", "park", "--role", "agency", "--agency", "1352000"])
    assert added.exit_code == 0, added.output
    password = _password(added.output)
    assert added.output.count(password) == 1
    store = open_store(store_copy)
    assert accounts.authenticate(store, "park", password).user_id == "park"
    store.engine.dispose()
    assert password.encode() not in _ledger_bytes(store_copy)

    listed = runner.invoke(app, ["users", "list"])
    assert listed.exit_code == 0 and "park" in listed.output and "1352000" in listed.output

    refused = runner.invoke(app, ["users", "add", "lee", "--role", "agency", "--agency", "0000000"])
    assert refused.exit_code == 2 and "agency" in refused.output

    assert runner.invoke(app, ["users", "disable", "park"]).exit_code == 0
    reset = runner.invoke(app, ["users", "reset-password", "park"])
    assert reset.exit_code == 0
    new_password = _password(reset.output)
    assert new_password != password
    assert runner.invoke(app, ["users", "disable", "park", "--enable"]).exit_code == 0
    store = open_store(store_copy)
    assert accounts.authenticate(store, "park", new_password).user_id == "park"
    entries = audit.search(store, SYSTEM, actor_id="operator-kim")
    assert [e.action for e in reversed(entries)] == [
        "account.created",
        "account.disabled",
        "account.password_reset",
        "account.enabled",
    ]
    assert {e.actor_role for e in entries} == {"system"}


def test_lock_commands(store_copy: Settings, use_store) -> None:  # type: ignore[no-untyped-def]
    use_store(store_copy)
    assert runner.invoke(app, ["lock", "2026-09", "--reason", "제3차 협의회"]).exit_code == 0
    again = runner.invoke(app, ["lock", "2026-09", "--reason", "또"])
    assert again.exit_code == 2 and "제3차 협의회" in again.output
    store = open_store(store_copy)
    assert locks.is_locked(store, "2026-09")
    assert runner.invoke(app, ["unlock", "2026-09", "--reason", "정정"]).exit_code == 0
    assert not locks.is_locked(store, "2026-09")
    assert runner.invoke(app, ["unlock", "2026-09", "--reason", "정정"]).exit_code == 2


def test_demo_accounts_from_the_environment_or_generated(store_copy: Settings, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    store = open_store(store_copy)
    monkeypatch.setenv("GOVDASH_DEMO_PASSWORD", "demo-password-2026")
    demo_accounts(store)
    out = capsys.readouterr().out
    assert out.count("demo-password") == 0, "the password from the environment is not printed"
    roles = {a.username: (a.role, a.agency_code) for a in accounts.list_users(store, SYSTEM)}
    assert roles == {
        "demo-admin": ("admin", None),
        "demo-agency": ("agency", "1741000"),
        "demo-council": ("council", None),
        "demo-committee": ("committee", None),
    }
    assert accounts.authenticate(store, "demo-committee", "demo-password-2026").role == "committee"
    demo_accounts(store)  # a second demo leaves them alone
    assert capsys.readouterr().out.count("exists") == 4

    monkeypatch.delenv("GOVDASH_DEMO_PASSWORD")
    with store.engine.begin() as con:  # as in a store that has no accounts yet
        con.execute(text("delete from accounts"))
    demo_accounts(store)
    printed = dict(re.findall(r"demo account\): (\S+) .*? \(password\): (\S+)", capsys.readouterr().out))
    assert set(printed) == set(roles)
    assert accounts.authenticate(store, "demo-admin", printed["demo-admin"]).role == "admin"


def test_a_user_name_breaking_the_rule_gets_a_message_not_a_traceback(blank_settings: Settings, use_store) -> None:  # type: ignore[no-untyped-def]
    use_store(blank_settings)
    for name, says in (("[/]", "'/' '[' ']'"), ("pa rk", "' '"), ("a" * 65, "65")):
        refused = runner.invoke(app, ["users", "add", name, "--role", "council"])
        assert refused.exit_code == 2, refused.output
        assert isinstance(refused.exception, SystemExit)  # a clean exit, not rich's MarkupError
        said = " ".join(refused.output.split())  # rich wraps long lines
        assert f"계정 이름 '{name[:20]}" in said and says in said and "a-z, 0-9, . _ - @" in said, said
    store = open_store(blank_settings)
    assert accounts.list_users(store, SYSTEM) == []
