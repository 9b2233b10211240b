"""Ingest: one submitted file → validated → archived → recorded in the ledger, whole or not at all.

The order of writes is what makes a crash harmless: the archive files are written (atomically) before
the ledger transaction that makes them count, and the build reads only what the ledger lists. A crash
before the commit leaves an unreferenced file and no figure changed; after it, the submission is whole.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath

import polars as pl

from etl import ledger
from etl.access.actors import Actor, PermissionDenied
from etl.access.authz import check_may_submit
from etl.governance import audit
from etl.governance import period_locks as locks
from etl.ingest import check_worker as worker
from etl.ingest.check_rules import AgencyLife, ValidationContext
from etl.ingest.contracts import DATASETS
from etl.ingest.problems import Problem, ValidationResult
from etl.ingest.record import ArchivedPaths, IngestOutcome, record, submission_row
from etl.ingest.validate import validate
from etl.ledger import archive
from etl.ledger.archive import crash_point
from etl.ledger.store import Store
from metrics import clock
from metrics.kst import month_start, parse_period, period_label, utc_naive_to_kst


class SubmissionRefused(ValueError):
    """The request itself cannot be taken (unknown dataset or agency, a month not yet begun, …).
    Nothing is recorded; the message says what and how to fix it, in Korean and English."""


class FileTooLarge(SubmissionRefused):
    """The file is above the upload limit (GOVDASH_MAX_UPLOAD_MB); nothing is read or recorded."""


class StorageFull(SubmissionRefused):
    """The archive's disk (or quota) is full: the file could not be kept, and nothing was recorded."""


# The ways a full disk shows itself: no space, quota reached, a file size limit (RLIMIT_FSIZE) reached.
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


MAX_UPLOAD_ENV = "GOVDASH_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 200.0


@dataclass(frozen=True)
class Preview:
    """What submitting would do, without recording anything (the upload page shows it before confirming)."""

    result: ValidationResult
    same_bytes: ledger.Submission | None  # this exact file was already received for the slot


def submit(
    store: Store,
    content: bytes,
    *,
    filename: str,
    dataset: str,
    agency_code: str,
    period: str | date,
    actor: Actor,
    now: datetime | None = None,
    isolated: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> IngestOutcome:
    """Take one file for one agency, dataset and month. `now` is naive UTC (default: the clock).

    `isolated`: read and validate the file in a bounded child process (etl.ingest.check_worker), as every file from
    outside must be; only the demo, which submits files our own code wrote, passes False. `cancelled` is
    asked while the child works: True stops it (worker.Cancelled) and nothing is recorded.
    """
    try:
        return _submit(store, content, filename, dataset, agency_code, period, actor, now, isolated, cancelled)
    except OSError as exc:
        if exc.errno in _NO_SPACE:
            raise _storage_full(store) from exc
        raise


def _storage_full(store: Store) -> StorageFull:
    where = store.settings.archive_dir
    return StorageFull(
        f"서버의 저장 공간이 부족해 파일을 보관하지 못했습니다({where}). 아무것도 기록되지 않았습니다. 관리자에게 "
        f"알리고, 공간을 확보한 뒤 다시 제출하세요 (the server's disk is full, so the file could not be kept in "
        f"{where}; nothing was recorded. Tell the administrator, and submit again once space is freed)"
    )


def _submit(  # noqa: PLR0913 (submit's arguments, passed on)
    store: Store,
    content: bytes,
    filename: str,
    dataset: str,
    agency_code: str,
    period: str | date,
    actor: Actor,
    now: datetime | None,
    isolated: bool,
    cancelled: Callable[[], bool] | None,
) -> IngestOutcome:
    now = now or clock.now_utc()
    month = _check_request(store, content, dataset, agency_code, period, actor, now)
    label = period_label(month)

    slot = archive.slot_dir(dataset, label, agency_code)
    # Temporary files left by a process killed mid-write (kill -9, power loss) go at the next ingest.
    archive.remove_stale_temporaries(store.settings.archive_dir / slot)
    # Work that waits on nothing else runs beside validation: the catalog loads (validation asks for the
    # context only once the file is read), and the file is hashed and copied under a temporary name into
    # the archive (hashlib and file writes let go of the interpreter lock). A file whose bytes were
    # already received is recognised only after it was validated again, and its copy is removed.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="ingest") as beside:
        context = beside.submit(_context, store, now)
        received = beside.submit(_receive, store, content, slot)
        try:
            result = _validate(content, filename, dataset, agency_code, month, context, isolated, cancelled)
        except BaseException:
            _discard(received)
            raise
        sha, copy = received.result()
    try:
        with store.session() as session:
            same = ledger.find_same_bytes(session, dataset, agency_code, label, sha)
        if same is not None:
            outcome = _same_bytes_again(store, same)
            return audit.submission_outcome(  # audit trail (etl/governance/audit.py)
                store, actor, outcome, dataset=dataset, agency_code=agency_code, period=label, filename=filename
            )
        crash_point("ingest:validated")
        paths = _archive(store, slot, filename, sha, copy, result)
    finally:
        copy.unlink(missing_ok=True)  # renamed into place by _archive unless the file was not taken
    crash_point("ingest:archived")
    row = submission_row(
        result,
        paths,
        dataset=dataset,
        agency_code=agency_code,
        period=label,
        filename=filename,
        sha=sha,
        size=len(content),
        actor=actor,
        now=now,
    )
    outcome = record(store, row, result)
    return audit.submission_outcome(  # audit trail (etl/governance/audit.py)
        store, actor, outcome, dataset=dataset, agency_code=agency_code, period=label, filename=filename
    )


def preview(
    store: Store,
    content: bytes,
    *,
    filename: str,
    dataset: str,
    agency_code: str,
    period: str | date,
    actor: Actor,
    now: datetime | None = None,
    isolated: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> Preview:
    """Validate as submit() would, under the same checks (and the same `isolated`, `cancelled`), and record
    nothing."""
    now = now or clock.now_utc()
    month = _check_request(store, content, dataset, agency_code, period, actor, now)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="preview") as beside:  # as in submit()
        context = beside.submit(_context, store, now)
        hashed = beside.submit(_sha256, content)
        result = _validate(content, filename, dataset, agency_code, month, context, isolated, cancelled)
        sha = hashed.result()
    with store.session() as session:
        same = ledger.find_same_bytes(session, dataset, agency_code, period_label(month), sha)
    return Preview(result, same)


def _validate(  # noqa: PLR0913 (validate's arguments and how to run it)
    content: bytes,
    filename: str,
    dataset: str,
    agency_code: str,
    month: date,
    context: Future[ValidationContext],
    isolated: bool,
    cancelled: Callable[[], bool] | None,
) -> ValidationResult:
    if isolated:
        # The child needs the context whole; the catalog loads while the child's interpreter starts would
        # save little, and the pickled context is small.
        checked = worker.validate_in_worker(
            content, filename, dataset, agency_code, month, context.result(), cancelled=cancelled
        )
        return checked.result
    result = validate(content, filename, dataset, agency_code, month, context.result)
    context.result()  # a broken catalog stops every submission, as when it was loaded first
    return result


def _same_bytes_again(store: Store, same: ledger.Submission) -> IngestOutcome:
    """The same bytes are recorded once. Sent again after a newer file replaced them, they mean "go back
    to this one": the earlier submission becomes the active one again (a restore)."""
    if same.status == ledger.SUPERSEDED:
        with store.session() as session, session.begin():
            previous = ledger.reactivate(session, same.id or 0)
        return IngestOutcome(
            ledger.ACCEPTED, same.id or 0, same.row_count, _stored_problems(store, same), previous, restored=True
        )
    return IngestOutcome(
        "duplicate", same.id or 0, same.row_count, _stored_problems(store, same), duplicate_of_status=same.status
    )


def _stored_problems(store: Store, row: ledger.Submission) -> list[Problem]:
    if not row.report_path:
        return []
    return load_problems(store.settings.archive_dir / row.report_path)


def load_problems(path: Path) -> list[Problem]:
    """The validation report kept in the archive beside a file, as Problems again."""
    rows = json.loads(path.read_bytes())
    return [Problem(**{k: r.get(k) for k in _PROBLEM_FIELDS}) for r in rows]


_PROBLEM_FIELDS = ("row", "column", "value", "rule", "severity", "message_ko", "message_en")


def max_upload_bytes() -> int:
    """The upload limit in bytes, from GOVDASH_MAX_UPLOAD_MB (default 200), read when asked."""
    raw = os.environ.get(MAX_UPLOAD_ENV) or DEFAULT_MAX_UPLOAD_MB
    return int(float(raw) * 1024 * 1024)


def check_size(size: int) -> None:
    limit = max_upload_bytes()
    if size > limit:
        mb, limit_mb = size / 1024 / 1024, limit / 1024 / 1024
        raise FileTooLarge(
            f"파일이 너무 큽니다({mb:,.1f}MB). 한 번에 {limit_mb:,.0f}MB까지 제출할 수 있습니다. "
            f"빈 행·서식을 지우고 CSV로 저장하거나, 관리자에게 한도 조정을 요청하세요 "
            f"(the file is {mb:,.1f} MB; the limit is {limit_mb:,.0f} MB: save it as CSV without empty rows "
            f"and formatting, or ask the administrator to raise {MAX_UPLOAD_ENV})"
        )


def check_may_submit_slot(
    store: Store, actor: Actor, dataset: str, agency_code: str, month: date, now: datetime
) -> None:
    """The one place that decides whether this actor may submit this agency's file for this month now
    (`now` naive UTC). Raises PermissionDenied (or SubmissionRefused) with a message; every write path
    (submit, preview, restore) asks here."""
    try:
        check_may_submit(actor, agency_code)
    except PermissionDenied as exc:  # a refused attempt is audited (etl/governance/audit.py)
        audit.submission_refused(store, actor, dataset, agency_code, period_label(month), exc)
        raise
    locks.assert_open(store, month, actor=actor, dataset=dataset, agency_code=agency_code)  # refused, audited


def _check_request(
    store: Store, content: bytes, dataset: str, agency_code: str, period: str | date, actor: Actor, now: datetime
) -> date:
    check_size(len(content))
    month = check_slot(store, dataset, agency_code, period, now)
    check_may_submit_slot(store, actor, dataset, agency_code, month, now)
    return month


def check_slot(store: Store, dataset: str, agency_code: str, period: str | date, now: datetime) -> date:
    """A known dataset, a known agency and a month that has begun; returns the month's first day."""
    if dataset not in DATASETS:
        names = ", ".join(DATASETS)
        raise SubmissionRefused(
            f"알 수 없는 데이터셋 '{dataset}'입니다. 다음 중 하나: {names} "
            f"(unknown dataset '{dataset}'; use one of {names})"
        )
    if agency_code not in store.agency_codes:
        raise SubmissionRefused(
            f"기관코드 '{agency_code}'은(는) 기관 목록({store.settings.reference_dir / 'agencies.csv'})에 없습니다. "
            f"7자리 행정표준코드를 확인하십시오 (agency code '{agency_code}' is not in the agency list; "
            "check the 7-character code)"
        )
    month = parse_period(period)
    current = month_start(utc_naive_to_kst(now).date())
    if month > current:
        raise SubmissionRefused(
            f"기준월 {period_label(month)}은(는) 아직 시작되지 않았습니다 (month {period_label(month)} has not begun)"
        )
    return month


def _context(store: Store, now: datetime) -> ValidationContext:
    catalog = store.catalog
    ranges = {k.code: (k.value_range or (None, None)) for k in catalog.kpis if k.source == "kpi_progress"}
    return ValidationContext(
        known_agencies=store.agency_codes,
        kpi_ranges=ranges,  # type: ignore[arg-type]
        now=utc_naive_to_kst(now),
        default_deadline_days=dict(catalog.settings.complaints.default_deadline_days),
        agency_lives=agency_lives(store.agencies),
    )


def agency_lives(agencies: pl.DataFrame) -> dict[str, AgencyLife]:
    """The agencies that begin or end (agencies.csv valid_from, valid_to), with their successors and
    predecessors (successor_code), for the refusal of a file for a month in which its agency does not exist."""
    rows = agencies.to_dicts()
    names = {r["agency_code"]: r["name_ko"] for r in rows}
    lives = {}
    for r in rows:
        if r["valid_from"] is None and r["valid_to"] is None:
            continue
        code, successor = r["agency_code"], r["successor_code"]
        lives[code] = AgencyLife(
            name_ko=r["name_ko"],
            valid_from=r["valid_from"],
            valid_to=r["valid_to"],
            successors=((successor, names[successor]),) if successor else (),
            predecessors=tuple((p["agency_code"], p["name_ko"]) for p in rows if p["successor_code"] == code),
        )
    return lives


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _receive(store: Store, content: bytes, slot: Path) -> tuple[str, Path]:
    """The file's SHA-256 and a durable copy of it under a temporary name in its archive folder."""
    sha = _sha256(content)
    return sha, archive.write_temporary(store.settings.archive_dir / slot, ".received.", content)


def _discard(received: Future[tuple[str, Path]]) -> None:
    """Remove the temporary copy of a file whose submission stopped."""
    try:
        _, copy = received.result()
    except Exception:  # the copy was never made; the submission's own error is the one to raise
        return
    copy.unlink(missing_ok=True)


def _archive(store: Store, slot: Path, filename: str, sha: str, copy: Path, result: ValidationResult) -> ArchivedPaths:
    root = store.settings.archive_dir
    suffix = PurePath(filename).suffix.lower()[:10] or ".bin"
    # ".original" keeps the sender's bytes apart from what is derived from them: a file named x.parquet
    # would otherwise be overwritten by its own normalised Parquet, and its hash no longer match.
    original = slot / f"{sha}.original{suffix}"
    archive.put_in_place(copy, root / original)
    parquet = report = None
    if result.ok and result.frame is not None:
        parquet = slot / f"{sha}.parquet"
        archive.write_parquet_atomic(root / parquet, result.frame)
    if result.problems:
        report = slot / f"{sha}.problems.json"
        archive.write_atomic(root / report, _problems_json(result.problems))
    return ArchivedPaths(str(original), _str(parquet), _str(report))


def _str(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _problems_json(problems: list[Problem]) -> bytes:
    rows = [p.__dict__ for p in problems]
    return json.dumps(rows, ensure_ascii=False, indent=1, default=str).encode("utf-8")
