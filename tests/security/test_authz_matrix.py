"""Every role against every action, through the services (not the UI): allowed actions go through, the
others raise PermissionDenied and leave an audit entry."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from sqlmodel import select

from etl.access import authz
from etl.access.actors import ROLES, SYSTEM, Actor, PermissionDenied
from etl.access.authz import check_may_submit
from etl.alerts import notify, subscriptions
from etl.governance import accounts, audit, calendar, chart_annotations, comments, disputes, narratives, targets
from etl.governance import period_locks as locks
from etl.ingest import submission_history as submissions
from etl.ingest.accept import submit
from etl.ledger import Submission
from etl.ledger.store import Store, open_store
from metrics.settings import Settings
from tests.fixture_store import copy_store
from tests.security.conftest import ACTORS, NOW, OTHER_AGENCY, OWN_AGENCY, archived_kpi_file

# Written out by hand (not read from authz.MATRIX), so a change to the matrix has to change this test too.
EXPECTED: dict[str, set[str]] = {
    "admin": {
        "submit",
        "manage_users",
        "change_targets",
        "change_calendar",
        "lock_period",
        "unlock_period",
        "restore",
        "read_audit",
        "annotate",
        "subscribe",
        "notify",
        "narrate",
        "answer_dispute",
    },
    "agency": {"submit", "comment", "restore", "subscribe", "narrate", "dispute"},
    "council": {"subscribe"},
    "committee": {"assess", "subscribe", "review_narrative"},
    "system": {
        "submit",
        "manage_users",
        "change_targets",
        "change_calendar",
        "lock_period",
        "unlock_period",
        "restore",
        "read_audit",
        "annotate",
        "notify",
        "narrate",
        "answer_dispute",
    },
}
SERVICE_ACTIONS = sorted(set(authz.ACTIONS) - {"read"})
_unique = itertools.count(1)


@pytest.fixture(scope="module")
def shared_store(fixture_store: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(copy_store(fixture_store.home, tmp_path_factory.mktemp("matrix") / "store"))
    yield store
    store.engine.dispose()


def _submit(store: Store, actor: Actor, n: int) -> None:
    content = archived_kpi_file(store, OWN_AGENCY, "2026-08") + b"\n" * n  # new bytes each time
    submit(
        store,
        content,
        filename=f"kpi{n}.csv",
        dataset="kpi_progress",
        agency_code=OWN_AGENCY,
        period="2026-08",
        actor=actor,
        now=NOW,
    )


def _accepted_kpi_file(store: Store, agency_code: str, period: str) -> int:
    with store.session() as s:
        row = s.exec(
            select(Submission).where(
                Submission.dataset == "kpi_progress",
                Submission.agency_code == agency_code,
                Submission.period == period,
                Submission.status == "accepted",
            )
        ).one()
    return row.id or 0


def _restore(store: Store, actor: Actor, n: int) -> None:
    period = f"2025-{n % 12 + 1:02d}"
    original = _accepted_kpi_file(store, OWN_AGENCY, period)
    replacement = archived_kpi_file(store, OWN_AGENCY, period) + b"\n" * n
    submit(
        store,
        replacement,
        filename="new.csv",
        dataset="kpi_progress",
        agency_code=OWN_AGENCY,
        period=period,
        actor=SYSTEM,
        now=NOW,
    )
    submissions.restore(store, original, actor=actor, now=NOW)


def _unlock(store: Store, actor: Actor, n: int) -> None:
    # A month of its own for each call: a refused unlock leaves its month locked in the shared store.
    month = f"{2000 + n}-02"
    locks.lock(store, SYSTEM, month, "협의회 보고")
    locks.unlock(store, actor, month, "정정 요청")


# Narratives and disputes: the officer's own agency owns the task here (tests/security/test_narratives_service.py
# checks the owner as the catalog gives it).
_OWNED = narratives.Texts("실적", "사유", "계획", "")


def _narrate(store: Store, actor: Actor, n: int) -> object:
    with mock.patch.object(narratives, "task_owner", lambda _store, _code: OWN_AGENCY):
        return narratives.save(store, actor, "S1-T1", "2026-Q3", _OWNED, submit=True, lagging=True)


def _review(store: Store, actor: Actor, n: int) -> object:
    _narrate(store, Actor("owner-officer", "agency", OWN_AGENCY), n)
    return narratives.review(store, actor, "S1-T1", "2026-Q3", f"검토 {n}")


def _dispute(store: Store, actor: Actor, n: int) -> object:
    # a month of its own for each call: a figure has at most one open dispute
    return disputes.open_dispute(store, actor, "S1-T2-K1", OWN_AGENCY, f"{2000 + n}-03", f"이의 {n}")


def _answer(store: Store, actor: Actor, n: int) -> object:
    opened = _dispute(store, Actor("owner-officer", "agency", OWN_AGENCY), n)
    return disputes.answer_dispute(store, actor, opened.id or 0, accepted=False, answer=f"기각 {n}")


SERVICES: dict[str, Callable[[Store, Actor, int], object]] = {
    "narrate": _narrate,
    "review_narrative": _review,
    "dispute": _dispute,
    "answer_dispute": _answer,
    "submit": _submit,
    "restore": _restore,
    "comment": lambda s, a, n: comments.add_comment(s, a, "S1-T2-K1", OWN_AGENCY, "2026-09", f"의견 {n}"),
    "assess": lambda s, a, n: comments.add_assessment(s, a, "S1-T1", "2026-Q3", "good", f"평가 {n}"),
    "manage_users": lambda s, a, n: accounts.add_user(s, a, f"user{n}", "council"),
    "change_targets": lambda s, a, n: targets.change_target(s, a, "S1-T2-K1", 2026, 90.0 + n, "목표 조정"),
    # a day of its own for each call (2040 has no holiday): adding one twice is refused
    "change_calendar": lambda s, a, n: calendar.add_holiday(s, a, date(2040, 1, 1) + timedelta(days=n), "임시", "사유"),
    "lock_period": lambda s, a, n: locks.lock(s, a, f"{2000 + n}-01", "협의회 보고"),
    "unlock_period": _unlock,
    "read_audit": lambda s, a, n: audit.search(s, a, limit=1),
    "annotate": lambda s, a, n: chart_annotations.add(s, a, date(2026, 10, 1), f"행사 {n}"),
    "subscribe": lambda s, a, n: subscriptions.set_subscription(s, a, a.user_id, "kpi", "S1-T2-K1"),
    "notify": lambda s, a, n: notify.run(s, a, dry_run=True),
}


def test_the_matrix_names_every_action_and_role() -> None:
    assert set(SERVICES) == set(SERVICE_ACTIONS)
    assert set(EXPECTED) == set(ROLES)
    assert all(authz.allowed(ACTORS[role], "read") for role in ROLES)


def _denials(store: Store, actor: Actor) -> int:
    return len(
        [
            e
            for e in audit.search(store, SYSTEM, actor_id=actor.user_id)
            if e.action in ("permission.denied", "submission.refused")
        ]
    )


@pytest.mark.parametrize("action", SERVICE_ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_against_action_through_the_service(shared_store: Store, role: str, action: str) -> None:
    actor, n = ACTORS[role], next(_unique)
    denied_before = _denials(shared_store, actor)
    if action in EXPECTED[role]:
        SERVICES[action](shared_store, actor, n)
        assert _denials(shared_store, actor) == denied_before
    else:
        with pytest.raises(PermissionDenied):
            SERVICES[action](shared_store, actor, n)
        assert _denials(shared_store, actor) == denied_before + 1, "a refused attempt is audited"


@pytest.mark.parametrize("action", sorted(authz.AGENCY_SCOPED))
def test_an_agency_officer_is_refused_for_another_agency(store: Store, action: str) -> None:
    officer = ACTORS["agency"]
    with pytest.raises(PermissionDenied, match=OTHER_AGENCY):
        if action == "submit":
            content = archived_kpi_file(store, OTHER_AGENCY, "2026-08")
            submit(
                store,
                content,
                filename="x.csv",
                dataset="kpi_progress",
                agency_code=OTHER_AGENCY,
                period="2026-08",
                actor=officer,
                now=NOW,
            )
        elif action == "comment":
            comments.add_comment(store, officer, "S1-T1-K1", OTHER_AGENCY, "2026-09", "남의 기관 의견")
        elif action == "dispute":
            disputes.open_dispute(store, officer, "S1-T1-K1", OTHER_AGENCY, "2026-09", "남의 기관 수치")
        elif action == "narrate":
            with mock.patch.object(narratives, "task_owner", lambda _store, _code: OTHER_AGENCY):
                narratives.save(store, officer, "S1-T1", "2026-Q3", _OWNED)
        else:
            original = _accepted_kpi_file(store, OTHER_AGENCY, "2026-07")
            replacement = archived_kpi_file(store, OTHER_AGENCY, "2026-07") + b"\n"
            submit(
                store,
                replacement,
                filename="n.csv",
                dataset="kpi_progress",
                agency_code=OTHER_AGENCY,
                period="2026-07",
                actor=SYSTEM,
                now=NOW,
            )
            submissions.restore(store, original, actor=officer, now=NOW)
    entries = audit.search(store, SYSTEM, actor_id=officer.user_id)
    assert entries and entries[0].action in ("submission.refused", "permission.denied")
    assert OTHER_AGENCY in (entries[0].target + (entries[0].after or ""))


def test_a_submission_for_another_agency_is_refused_audited_and_changes_nothing(store: Store) -> None:
    officer = ACTORS["agency"]
    with store.session() as s:
        before = [r.model_dump() for r in s.exec(select(Submission).order_by(Submission.id))]
    archive_before = sorted(p.name for p in Path(store.settings.archive_dir).rglob("*"))
    content = archived_kpi_file(store, OTHER_AGENCY, "2026-09")
    with pytest.raises(PermissionDenied) as refused:
        submit(
            store,
            content,
            filename="행안부.csv",
            dataset="kpi_progress",
            agency_code=OTHER_AGENCY,
            period="2026-09",
            actor=officer,
            now=NOW,
        )
    assert "1352000" in str(refused.value) and "1741000" in str(refused.value)
    with store.session() as s:
        assert [r.model_dump() for r in s.exec(select(Submission).order_by(Submission.id))] == before
    assert sorted(p.name for p in Path(store.settings.archive_dir).rglob("*")) == archive_before
    [entry] = audit.search(store, SYSTEM, action="submission.refused", actor_id="officer-park")
    assert (entry.actor_id, entry.actor_role, entry.actor_agency) == ("officer-park", "agency", OWN_AGENCY)
    assert entry.target == "slot:kpi_progress/1741000/2026-09"
    assert "1741000" in (entry.after or "")


def test_check_may_submit_keeps_its_old_contract() -> None:
    check_may_submit(ACTORS["agency"], OWN_AGENCY)
    check_may_submit(ACTORS["admin"], OTHER_AGENCY)
    with pytest.raises(PermissionDenied):
        check_may_submit(ACTORS["agency"], OTHER_AGENCY)
    with pytest.raises(PermissionDenied):
        check_may_submit(ACTORS["council"], OWN_AGENCY)
