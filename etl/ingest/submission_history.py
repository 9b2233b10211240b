"""Submission history: list, show one with its validation report, restore an earlier file.

The command line and the 제출 현황/업로드 pages use these; the rules (who may restore what) are checked here,
through the same per-slot check that submit() uses, so no screen can go around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from etl import ledger
from etl.access.actors import Actor
from etl.governance import audit
from etl.ingest.accept import check_may_submit_slot, load_problems
from etl.ingest.problems import Problem
from etl.ledger.store import Store
from metrics import clock
from metrics.kst import parse_period


class RestoreRefused(ValueError):
    """The submission cannot be restored (unknown, rejected, already active); the message says why."""


@dataclass(frozen=True)
class SubmissionDetail:
    submission: ledger.Submission
    problems: list[Problem]
    history: list[ledger.Submission] = field(default_factory=list)  # every file of the same slot, oldest first


@dataclass(frozen=True)
class RestoreOutcome:
    restored_id: int
    superseded_id: int | None


def list_submissions(
    store: Store,
    *,
    dataset: str | None = None,
    agency_code: str | None = None,
    period: str | None = None,
    status: str | None = None,
    limit: int = 200,
) -> list[ledger.Submission]:
    label = f"{parse_period(period):%Y-%m}" if period else None
    with store.session() as session:
        return ledger.find(session, dataset=dataset, agency_code=agency_code, period=label, status=status, limit=limit)


def show(store: Store, submission_id: int) -> SubmissionDetail:
    with store.session() as session:
        row = ledger.get(session, submission_id)
        if row is None:
            raise LookupError(f"제출 #{submission_id}이(가) 없습니다 (no submission #{submission_id})")
        history = ledger.slot_history(session, row.dataset, row.agency_code, row.period)
    problems = load_problems(store.settings.archive_dir / row.report_path) if row.report_path else []
    return SubmissionDetail(row, problems, history)


def original_bytes(store: Store, row: ledger.Submission) -> bytes:
    """The file exactly as it was received (kept in the archive for every submission, rejected too)."""
    return (store.settings.archive_dir / row.archive_path).read_bytes()


def restore(store: Store, submission_id: int, *, actor: Actor, now: datetime | None = None) -> RestoreOutcome:
    """Make an earlier (superseded) file the active one again; the file it replaces is superseded.

    Figures change with the next build, as after any accepted file. `now` is naive UTC.
    """
    with store.session() as session:
        row = ledger.get(session, submission_id)
    if row is None:
        raise RestoreRefused(f"제출 #{submission_id}이(가) 없습니다 (no submission #{submission_id})")
    if row.status == ledger.REJECTED:
        raise RestoreRefused(
            f"제출 #{submission_id}은(는) 반려된 파일이므로 복원할 수 없습니다. 오류를 고쳐 다시 제출하세요 "
            f"(submission #{submission_id} was rejected and cannot be restored; fix it and submit again)"
        )
    if row.status == ledger.ACCEPTED:
        raise RestoreRefused(
            f"제출 #{submission_id}은(는) 이미 반영 중인 파일입니다 (submission #{submission_id} is already active)"
        )
    check_may_submit_slot(store, actor, row.dataset, row.agency_code, parse_period(row.period), now or clock.now_utc())
    with store.session() as session, session.begin():
        previous = ledger.reactivate(session, submission_id)
        # In the same transaction: the restore and its audit entry commit together or not at all.
        audit.record(
            session,
            actor,
            "submission.restored",
            f"submission:{submission_id}",
            before={"active": previous},
            after={"active": submission_id},
            now=now,
        )
    return RestoreOutcome(submission_id, previous)
