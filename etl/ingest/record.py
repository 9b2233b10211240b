"""The ledger step of a checked file, written once for `submit` (etl/ingest/accept.py) and the demo's batches
(etl/ingest/accept_batch.py): its Submission row, and recording it, accepted over the slot's active file (which is
then superseded) or rejected beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from etl import ledger
from etl.access.actors import Actor
from etl.ingest.problems import Problem, ValidationResult
from etl.ledger.archive import crash_point
from etl.ledger.store import Store

COMMIT_ATTEMPTS = 50


@dataclass(frozen=True)
class IngestOutcome:
    status: str  # accepted | rejected | duplicate
    submission_id: int
    row_count: int
    problems: list[Problem] = field(default_factory=list)
    superseded_id: int | None = None
    duplicate_of_status: str | None = None
    # True when the bytes were an earlier, superseded submission of this slot: it is active again.
    restored: bool = False

    @property
    def accepted(self) -> bool:
        return self.status == ledger.ACCEPTED


@dataclass(frozen=True)
class ArchivedPaths:
    original: str
    parquet: str | None
    report: str | None


def submission_row(
    result: ValidationResult,
    paths: ArchivedPaths,
    *,
    dataset: str,
    agency_code: str,
    period: str,
    filename: str,
    sha: str,
    size: int,
    actor: Actor,
    now: datetime,
) -> ledger.Submission:
    """The ledger row of a checked file: accepted when it has no error, else rejected."""
    return ledger.Submission(
        dataset=dataset,
        agency_code=agency_code,
        period=period,
        filename=filename,
        sha256=sha,
        size_bytes=size,
        row_count=result.row_count,
        status=ledger.ACCEPTED if result.ok else ledger.REJECTED,
        submitted_by=actor.user_id,
        submitted_at=now,
        archive_path=paths.original,
        parquet_path=paths.parquet,
        report_path=paths.report,
        error_count=len(result.errors),
        warning_count=len(result.warnings),
    )


def add_superseding(session: Session, row: ledger.Submission, result: ValidationResult) -> IngestOutcome:
    """Add the row in the caller's transaction; an accepted one supersedes the slot's active submission."""
    previous = None
    if row.status == ledger.ACCEPTED:
        previous = ledger.active_submission(session, row.dataset, row.agency_code, row.period)
        if previous is not None:
            previous.status = ledger.SUPERSEDED
            session.add(previous)
            session.flush()
            row.supersedes_id = previous.id
    session.add(row)
    session.flush()
    return IngestOutcome(
        row.status,
        row.id or 0,
        result.row_count,
        list(result.problems),
        superseded_id=previous.id if previous else None,
    )


def record(store: Store, row: ledger.Submission, result: ValidationResult) -> IngestOutcome:
    """Record the row (submission_row) in a transaction of its own, retried when another process takes the slot."""
    for attempt in range(COMMIT_ATTEMPTS):
        try:
            return _commit(store, row, result)
        except IntegrityError:
            # Another process accepted a file for the same slot between our read and our write:
            # the unique index refused ours; read again and supersede theirs. Each refusal means another
            # file was recorded, so the bound only has to exceed the submitters that can race for one slot.
            if attempt == COMMIT_ATTEMPTS - 1:
                raise
            # A new object, not model_copy: a copy of a table model shares the SQLAlchemy state of the
            # original, and the retried row was written with lost fields (supersedes_id, or all of them).
            row = ledger.Submission(**row.model_dump(exclude={"id", "supersedes_id"}))
    raise AssertionError("unreachable")


def _commit(store: Store, row: ledger.Submission, result: ValidationResult) -> IngestOutcome:
    with store.session() as session, session.begin():
        outcome = add_superseding(session, row, result)
        crash_point("ingest:before_commit")
    crash_point("ingest:committed")
    return outcome
