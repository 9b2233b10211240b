"""The security tables on each ledger backend (SQLite and PostgreSQL): created in an existing ledger,
the audit trail refusing updates and deletes, accounts, locks and comments working the same."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from etl.access.actors import SYSTEM
from etl.governance import accounts, audit, comments
from etl.governance import period_locks as locks
from etl.ledger.store import open_store
from metrics.settings import Settings
from tests.security.conftest import ACTORS, NOW, OWN_AGENCY
from tests.security.test_hostile_text import HOSTILE


def test_security_tables_on_each_backend(ledger_settings: Settings) -> None:
    store = open_store(ledger_settings)
    try:
        accounts.add_user(store, SYSTEM, "kim", "agency", agency_code=OWN_AGENCY, password="backend-pass-2026", now=NOW)
        assert accounts.authenticate(store, "kim", "backend-pass-2026", now=NOW).agency_code == OWN_AGENCY
        locks.lock(store, ACTORS["admin"], "2026-09", "협의회", now=NOW)
        assert locks.is_locked(store, "2026-09")
        for i, hostile in enumerate(HOSTILE.values()):
            comments.add_comment(store, ACTORS["agency"], "S1-T2-K1", OWN_AGENCY, f"2026-0{i + 1}", hostile)
        assert sorted(c.text for c in comments.comments(store)) == sorted(HOSTILE.values())
        before = [(e.id, e.action) for e in audit.search(store, SYSTEM)]
        assert [a for _, a in before][::-1] == ["account.created", "login.ok", "period.locked"] + [
            "comment.added"
        ] * len(HOSTILE)
        for statement in ("update audit_entries set action = 'x'", "delete from audit_entries"):
            with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as con:
                con.execute(text(statement))
        assert [(e.id, e.action) for e in audit.search(store, SYSTEM)] == before
    finally:
        store.engine.dispose()
