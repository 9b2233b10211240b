"""`govdash demo`: the generated demo files go through the same ingest path a ministry's upload takes.

Safe to repeat: the generator is deterministic, so a second run meets the same bytes and the ledger
recognises every file as already recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from etl.actors import Actor
from etl.demo_data import count_files, generate
from etl.ingest import submit
from etl.store import Store
from metrics.kst import kst_naive_to_utc

# Demo files are submitted in each agency's name by its demo desk officer.
DEMO_USER_PREFIX = "demo-"


@dataclass
class DemoSummary:
    files: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    first_problem: str = ""


def run_demo(store: Store, *, scale: float = 0.01, seed: int = 20251202,
             progress: Callable[[int, int], None] | None = None, **options: object) -> DemoSummary:
    args = dict(scale=scale, seed=seed, **options)
    total = count_files(store.catalog, store.agencies, **args)  # type: ignore[arg-type]
    summary = DemoSummary()
    for file in generate(store.catalog, store.agencies, **args):  # type: ignore[arg-type]
        actor = Actor(f"{DEMO_USER_PREFIX}{file.agency_code}", "agency", file.agency_code)
        outcome = submit(store, file.content, filename=file.filename, dataset=file.dataset,
                         agency_code=file.agency_code, period=file.period, actor=actor,
                         now=kst_naive_to_utc(file.submitted_at))
        _count(summary, outcome, file.filename)
        if progress:
            progress(summary.files, total)
    return summary


def _count(summary: DemoSummary, outcome, filename: str) -> None:  # type: ignore[no-untyped-def]
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
