"""`govdash demo`: the generated demo files go through the same ingest path a ministry's upload takes.

Safe to repeat: the generator is deterministic, so a second run meets the same bytes and the ledger
recognises every file as already recorded.

Agencies are independent (each owns its own submission slots), so they are submitted by a pool of worker
processes, one agency at a time per worker, each agency's files in upload order. The ledger's unique index
and SQLite's busy timeout make concurrent submissions safe; this is also how several ministries upload at once.

Each agency's files go in batches (etl/ingest/accept_batch.py): every file checked, validated and archived as a single
upload is, the batch's ledger rows and audit entries committed together. `batch=1` submits them one by one
through ingest.submit (the same ledger rows and figures; tests/integration/test_demo_batches.py).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from etl.access.actors import Actor
from etl.demo.base import COMPLAINT_SHARES, DemoFile
from etl.demo.data import count_files, generate
from etl.ingest.accept import submit
from etl.ingest.accept_batch import Upload, submit_batch
from etl.ingest.record import IngestOutcome
from etl.ledger.store import Store, open_store
from metrics import clock
from metrics.kst import add_months, kst_naive_to_utc, month_start, parse_period, period_label
from metrics.settings import Settings

# Demo files are submitted in each agency's name by its demo desk officer.
DEMO_USER_PREFIX = "demo-"


FIRST_MONTH = date(2025, 1, 1)  # the baseline year's January: the demo's history starts there
UPLOADS_SETTLED_DAY = 25  # by the 25th of the following month every demo file of a month has been uploaded
# Files per ledger transaction: enough that the commit's fixed cost is spread thin, few enough that a worker
# holds little in memory (a batch keeps only the files' bytes, not their parsed rows).
DEMO_BATCH = 50
DEMO_BATCH_BYTES = 64 * 1024 * 1024  # at the national scale a complaints file is megabytes: fewer files then


def demo_window(until: str | date | None = None, now: datetime | None = None) -> dict[str, Any]:
    """The demo's last month and its 'today' (files uploaded after it are not yet there), from the clock.

    By default the last month is the last complete month before today, and today is now: the month's files
    that agencies would have uploaded by now are there (before the due date, only the early ones). With
    `until`, the files of that month as they stood on the 25th of the following month, or now if earlier.
    """
    now = now or clock.now_kst()
    last_complete = add_months(month_start(now.date()), -1)
    last = parse_period(until) if until else last_complete
    if not FIRST_MONTH <= last <= last_complete:
        raise ValueError(
            f"데모의 마지막 기준월은 {period_label(FIRST_MONTH)} … {period_label(last_complete)} 사이여야 합니다 "
            f"(the demo's last month must be between {period_label(FIRST_MONTH)} and {period_label(last_complete)}, "
            f"the last complete month before today; got {period_label(last)})"
        )
    settled = datetime.combine(add_months(last, 1).replace(day=UPLOADS_SETTLED_DAY), datetime.min.time())
    return {"first_month": FIRST_MONTH, "last_month": last, "today": min(now, settled.replace(hour=10))}


@dataclass
class DemoSummary:
    files: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    first_problem: str = ""

    def add(self, other: DemoSummary) -> None:
        self.files += other.files
        self.accepted += other.accepted
        self.duplicates += other.duplicates
        self.rejected += other.rejected
        self.first_problem = self.first_problem or other.first_problem


def run_demo(
    store: Store,
    *,
    scale: float = 0.01,
    seed: int = 20251202,
    workers: int | None = None,
    batch: int = DEMO_BATCH,
    progress: Callable[[int, int], None] | None = None,
    **options: Any,
) -> DemoSummary:
    args = dict(scale=scale, seed=seed, **options)
    codes = _agencies_by_size(store, args)
    total = sum(count for _, count in codes)
    # One worker more than the cores: a worker waiting on a file's fsync leaves its core to another.
    workers = workers or min(4, (os.cpu_count() or 1) + 1)
    summary = DemoSummary()
    if workers <= 1:
        for code, _ in codes:
            summary.add(_submit_agency(store, code, args, batch))
            _report(progress, summary, total)
        return summary
    # spawn, not fork: a forked child would share the parent's open ledger and DuckDB handles.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_submit_agency_in_worker, store.settings, code, args, batch) for code, _ in codes]
        for future in as_completed(futures):
            summary.add(future.result())
            _report(progress, summary, total)
    return summary


def _agencies_by_size(store: Store, args: dict[str, Any]) -> list[tuple[str, int]]:
    """Agency codes, largest complaint volume first so the pool ends together, with their file counts."""
    wanted = set(args.get("agency_codes") or store.agencies["agency_code"].to_list())
    codes = [c for c in store.agencies["agency_code"].to_list() if c in wanted]
    counted = []
    for code in codes:
        one = {**args, "agency_codes": [code]}
        n = count_files(store.catalog, store.agencies, **one)
        if n:
            counted.append((code, n))
    return sorted(counted, key=lambda item: -COMPLAINT_SHARES.get(item[0], 0.0))


def _submit_agency_in_worker(settings: Settings, code: str, args: dict[str, Any], batch: int) -> DemoSummary:
    return _submit_agency(open_store(settings), code, args, batch)


def _submit_agency(store: Store, code: str, args: dict[str, Any], batch: int) -> DemoSummary:
    summary = DemoSummary()
    holidays = store.holidays["date"].to_list()  # the administrator's calendar changes too (etl/governance/calendar.py)
    files: list[DemoFile] = []
    for file in generate(store.catalog, store.agencies, holidays=holidays, **{**args, "agency_codes": [code]}):
        files.append(file)
        if len(files) >= batch or sum(len(f.content) for f in files) >= DEMO_BATCH_BYTES:
            _submit_files(store, files, summary)
            files = []
    _submit_files(store, files, summary)
    return summary


def _submit_files(store: Store, files: list[DemoFile], summary: DemoSummary) -> None:
    # Files our own generator wrote: validated in this process, without a bounded child per file
    # (etl.ingest.check_worker costs about a second to start, and the demo submits thousands of files).
    if len(files) == 1:
        outcomes = [submit(store, **_request(files[0]), isolated=False)]
    else:
        outcomes = submit_batch(store, [Upload(**_request(f)) for f in files], isolated=False)
    for file, outcome in zip(files, outcomes, strict=True):
        _count(summary, outcome, file.filename)


def _request(file: DemoFile) -> dict[str, Any]:
    """A demo file as an upload: in its agency's name, by its demo desk officer, at its upload time."""
    return dict(
        content=file.content,
        filename=file.filename,
        dataset=file.dataset,
        agency_code=file.agency_code,
        period=file.period,
        actor=Actor(f"{DEMO_USER_PREFIX}{file.agency_code}", "agency", file.agency_code),
        now=kst_naive_to_utc(file.submitted_at),
    )


def _report(progress: Callable[[int, int], None] | None, summary: DemoSummary, total: int) -> None:
    if progress:
        progress(summary.files, total)


def _count(summary: DemoSummary, outcome: IngestOutcome, filename: str) -> None:
    summary.files += 1
    if outcome.status == "accepted":
        summary.accepted += 1
    elif outcome.status == "duplicate":
        summary.duplicates += 1
    else:
        summary.rejected += 1
        if not summary.first_problem and outcome.problems:
            p = outcome.problems[0]
            summary.first_problem = f"{filename} row {p.row} {p.column}: {p.message_en}"
