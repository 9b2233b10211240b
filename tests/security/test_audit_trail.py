"""The audit trail is append-only, records every submission outcome, and exports inert text."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from etl.access.actors import PermissionDenied
from etl.governance import account_rules, accounts, audit, targets
from etl.ingest.accept import submit
from etl.ledger.store import Store
from tests.security.conftest import ACTORS, NOW, OWN_AGENCY, archived_kpi_file


def _submit(store: Store, content: bytes):  # type: ignore[no-untyped-def]
    return submit(
        store,
        content,
        filename="kpi.csv",
        dataset="kpi_progress",
        agency_code=OWN_AGENCY,
        period="2026-08",
        actor=ACTORS["agency"],
        now=NOW,
    )


def test_submissions_are_audited_accepted_superseded_duplicate_and_rejected(store: Store) -> None:
    original = archived_kpi_file(store, OWN_AGENCY, "2026-08")
    first = _submit(store, original + b"\n")
    again = _submit(store, original + b"\n")
    broken = _submit(store, "기관코드,기준월\n1352000,2026.08\n".encode())
    assert (first.status, again.status, broken.status) == ("accepted", "duplicate", "rejected")
    entries = list(reversed(audit.search(store, ACTORS["system"], action="submission.", actor_id="officer-park")))
    assert [(e.action, e.target) for e in entries] == [
        ("submission.accepted", f"submission:{first.submission_id}"),
        ("submission.superseded", f"submission:{first.superseded_id}"),
        ("submission.duplicate", f"submission:{first.submission_id}"),
        ("submission.rejected", f"submission:{broken.submission_id}"),
    ]
    assert all(e.actor_id == "officer-park" and e.actor_agency == OWN_AGENCY for e in entries)
    assert '"status": "superseded"' in (entries[1].after or "") and '"status": "accepted"' in (entries[1].before or "")


@pytest.mark.parametrize(
    "statement",
    ["update audit_entries set action = 'x'", "delete from audit_entries", "update audit_entries set after = null"],
)
def test_the_database_refuses_to_change_or_delete_an_entry(blank_store: Store, statement: str) -> None:
    targets.change_target(blank_store, ACTORS["admin"], "S1-T2-K1", 2026, 95.0, "조정", now=NOW)
    with pytest.raises(DatabaseError, match="append-only"), blank_store.engine.begin() as con:
        con.execute(text(statement))
    [entry] = audit.search(blank_store, ACTORS["admin"])
    assert entry.action == "target.changed" and '"value": 95.0' in (entry.after or "")


def test_only_administrators_read_the_trail(blank_store: Store) -> None:
    for role in ("agency", "council", "committee"):
        with pytest.raises(PermissionDenied):
            audit.search(blank_store, ACTORS[role])
    denied = audit.search(blank_store, ACTORS["admin"], action="permission.denied")
    assert sorted(e.actor_role for e in denied) == ["agency", "committee", "council"]


def test_search_filters(blank_store: Store) -> None:
    admin = ACTORS["admin"]
    targets.change_target(blank_store, admin, "S1-T2-K1", 2026, 95.0, "첫째 100%_조정", now=NOW)
    targets.change_threshold(blank_store, admin, "watch", 75.0, "둘째", now=NOW)
    assert [e.action for e in audit.search(blank_store, admin, action="threshold")] == ["threshold.changed"]
    assert [e.target for e in audit.search(blank_store, admin, text="100%_")] == ["target:S1-T2-K1/2026"]
    assert audit.search(blank_store, admin, text="%") != audit.search(
        blank_store, admin, text="_조정%"
    )  # wildcards are literal
    assert audit.search(blank_store, admin, actor_id="nobody") == []


def test_the_export_is_inert_in_a_spreadsheet(blank_store: Store) -> None:
    admin = ACTORS["admin"]
    for reason in ('=HYPERLINK("http://evil","x")', "+1+1", "-2", "@SUM(A1)", "\tcmd", "보통 사유"):
        targets.change_target(blank_store, admin, "S1-T2-K1", 2026, 95.0, reason, now=NOW)
    with pytest.raises(account_rules.LoginFailed):  # a typed user name that follows the naming rule lands verbatim
        accounts.authenticate(blank_store, "@sum.a1", "whatever", now=NOW)
    assert audit.search(blank_store, admin, action="login.failed")[0].actor_id == "@sum.a1"
    exported = audit.export_csv(audit.search(blank_store, admin))
    assert exported.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    assert rows[0] == list(audit.COLUMNS)
    for row in rows[1:]:
        assert not any(cell.startswith(audit.FORMULA_PREFIXES) for cell in row), row
    assert audit.inert("=1+1") == "'=1+1" and audit.inert("보통") == "보통" and audit.inert(None) == ""
