"""Submitting many files at once: each checked, validated and archived exactly as `ingest.submit` does it,
the batch's ledger rows and their audit entries committed in one transaction.

What a batch saves is the ledger's fixed cost per file: a single submit opens four ledger connections and
commits twice (the submission, then its audit entry), each commit a synchronous write of SQLite's log, each
close a checkpoint. The demo submits thousands of small files (etl/demo/run.py), where that cost was most of the
time. What a batch keeps is everything a single upload promises: the same request checks (size, slot, who may
submit, period locks), the same validation, the archive written before the ledger names it (a crash before
the commit leaves unreferenced files and no figure changed), and the same outcome for every file.

Submitting a list with `submit_batch` records what a loop of `submit` would: files in order, a later file of a
slot superseding an earlier one, bytes already received recognised as a duplicate (or a restore). A file whose
request is refused raises, as submit does, after the files before it are recorded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError

from etl import ledger
from etl.access.actors import Actor
from etl.governance import audit
from etl.ingest.accept import (
    _archive,
    _check_request,
    _context,
    _receive,
    _same_bytes_again,
    _sha256,
)
from etl.ingest.accept import _validate as _validate_one
from etl.ingest.check_rules import ValidationContext
from etl.ingest.problems import ValidationResult
from etl.ingest.record import ArchivedPaths, IngestOutcome, add_superseding, record, submission_row
from etl.ledger import archive
from etl.ledger.archive import crash_point
from etl.ledger.store import Store
from etl.ledger.tables import session
from metrics import clock
from metrics.kst import period_label, utc_naive_to_kst


@dataclass(frozen=True)
class Upload:
    """One file and its slot, as submit() takes them; `now` naive UTC (default: the clock)."""

    content: bytes
    filename: str
    dataset: str
    agency_code: str
    period: str | date
    actor: Actor
    now: datetime | None = None


@dataclass
class _Checked:
    upload: Upload
    label: str
    now: datetime
    sha: str
    result: ValidationResult
    paths: ArchivedPaths


def submit_batch(store: Store, uploads: Sequence[Upload], *, isolated: bool = True) -> list[IngestOutcome]:
    """The outcome of each upload, in order. `isolated` as in submit(): only files our own code wrote
    (the demo) may be validated in this process."""
    outcomes: list[IngestOutcome] = []
    pending: list[_Checked] = []
    context: ValidationContext | None = None
    try:
        for upload in uploads:
            now = upload.now or clock.now_utc()
            month = _check_request(
                store, upload.content, upload.dataset, upload.agency_code, upload.period, upload.actor, now
            )
            # The catalog and the agencies are the batch's; only the clock differs from file to file.
            context = (
                _context(store, now) if context is None else dataclasses.replace(context, now=utc_naive_to_kst(now))
            )
            checked = _check(store, upload, month, now, context, isolated, pending)
            if checked is None:  # bytes already received: recorded as submit() records them, after the batch so far
                batch, pending = pending, []
                outcomes += _commit(store, batch)
                outcomes.append(_again(store, upload, month))
            else:
                pending.append(checked)
    finally:
        batch, pending = pending, []
        outcomes += _commit(store, batch)
    return outcomes


def _check(  # noqa: PLR0913 (one file's request, as submit takes it)
    store: Store,
    upload: Upload,
    month: date,
    now: datetime,
    context: ValidationContext,
    isolated: bool,
    pending: list[_Checked],
) -> _Checked | None:
    """Validated and archived as submit() does it; None when the slot already received these bytes."""
    label = period_label(month)
    slot = archive.slot_dir(upload.dataset, label, upload.agency_code)
    archive.remove_stale_temporaries(store.settings.archive_dir / slot)
    done: Future[ValidationContext] = Future()
    done.set_result(context)
    result = _validate_one(
        upload.content, upload.filename, upload.dataset, upload.agency_code, month, done, isolated, None
    )
    sha, copy = _receive(store, upload.content, slot)
    try:
        if _seen(store, upload, label, sha, pending):
            return None
        crash_point("ingest:validated")
        paths = _archive(store, slot, upload.filename, sha, copy, result)
    finally:
        copy.unlink(missing_ok=True)  # renamed into place by _archive unless the file was not taken
    crash_point("ingest:archived")
    return _Checked(upload, label, now, sha, result, paths)


def _seen(store: Store, upload: Upload, label: str, sha: str, pending: list[_Checked]) -> bool:
    slot = (upload.dataset, upload.agency_code, label, sha)
    if any((p.upload.dataset, p.upload.agency_code, p.label, p.sha) == slot for p in pending):
        return True
    with store.session() as session:
        return ledger.find_same_bytes(session, *slot) is not None


def _again(store: Store, upload: Upload, month: date) -> IngestOutcome:
    """A file whose bytes the slot already received: a duplicate, or the restore of a superseded file."""
    label = period_label(month)
    with store.session() as session:
        same = ledger.find_same_bytes(session, upload.dataset, upload.agency_code, label, _sha256(upload.content))
    assert same is not None  # the batch recorded it, or it was there before
    return audit.submission_outcome(store, upload.actor, _same_bytes_again(store, same), **_named(upload, label))


def _commit(store: Store, pending: list[_Checked]) -> list[IngestOutcome]:
    """The pending files' ledger rows and audit entries in one transaction. When another process took one
    of their slots meanwhile (the unique index refuses the batch), each is recorded on its own, as submit()
    records it, superseding what the other process wrote."""
    if not pending:
        return []
    try:
        with session(store) as s, s.begin():
            outcomes = [_add(s, checked) for checked in pending]
            crash_point("ingest:before_commit")
    except IntegrityError:
        return [_one(store, checked) for checked in pending]
    crash_point("ingest:committed")
    return outcomes


def _add(session, checked: _Checked) -> IngestOutcome:  # type: ignore[no-untyped-def]
    upload = checked.upload
    outcome = add_superseding(session, _row(checked), checked.result)
    audit.record_submission(session, upload.actor, outcome, **_named(upload, checked.label))
    return outcome


def _row(checked: _Checked) -> ledger.Submission:
    """The ledger row submit() writes for this file (etl/ingest/record.py)."""
    upload = checked.upload
    return submission_row(
        checked.result,
        checked.paths,
        dataset=upload.dataset,
        agency_code=upload.agency_code,
        period=checked.label,
        filename=upload.filename,
        sha=checked.sha,
        size=len(upload.content),
        actor=upload.actor,
        now=checked.now,
    )


def _one(store: Store, checked: _Checked) -> IngestOutcome:
    upload = checked.upload
    outcome = record(store, _row(checked), checked.result)
    return audit.submission_outcome(store, upload.actor, outcome, **_named(upload, checked.label))


def _named(upload: Upload, label: str) -> dict[str, str]:
    """The file as its audit entries name it (audit.submission_outcome's keywords)."""
    return {"dataset": upload.dataset, "agency_code": upload.agency_code, "period": label, "filename": upload.filename}
