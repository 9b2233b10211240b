"""Batched submission (etl/ingest/accept_batch.py) records what submitting the same files one by one records: the same
ledger rows, the same audit entries, the same outcomes, and the demo's parallel batched path the same figures as
its sequential one-file-at-a-time path."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from etl.access.actors import Actor
from etl.builder.publish import build
from etl.demo.base import DemoFile
from etl.demo.data import generate
from etl.demo.run import run_demo
from etl.ingest.accept import submit
from etl.ingest.accept_batch import Upload, submit_batch
from etl.ledger.store import Store, open_store
from metrics.kst import kst_naive_to_utc
from metrics.settings import Settings
from metrics.snapshot import connect_readonly
from tests.fixture_store import settings_for, write_reference
from tests.integration.test_build_publish import BUILD_TIME_COLUMNS, OWNERS, TINY_AGENCIES

BUILT_AT = datetime(2026, 11, 25, 9, 0)
LEDGER_COLUMNS = (
    "id, dataset, agency_code, period, filename, sha256, size_bytes, row_count, status, submitted_by, "
    "submitted_at, archive_path, parquet_path, report_path, error_count, warning_count, supersedes_id"
)


def _figures(path: Path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted, without the build-time columns and the ledger's submission ids (which differ
    when agencies are submitted in parallel: each row's slot says which submission it is)."""
    con = connect_readonly(path)
    try:
        names = [n for (n,) in con.sql("select table_name from information_schema.tables").fetchall()]
        out = {}
        for name in sorted(n for n in names if n.startswith("mart_")):
            skip = BUILD_TIME_COLUMNS | {"submission_id"}
            cols = [c for (c, *_) in con.sql(f"describe {name}").fetchall() if c not in skip]
            select = ", ".join(f'"{c}"' for c in cols)
            out[name] = sorted(con.sql(f"select {select} from {name}").fetchall(), key=repr)  # noqa: S608
        return out
    finally:
        con.close()


def _store(home: Path) -> Store:
    write_reference(home / "reference", TINY_AGENCIES + OWNERS)
    return open_store(settings_for(home))


def _ledger(settings: Settings, order: str = "id") -> list[tuple]:
    with sqlite3.connect(settings.database_url.removeprefix("sqlite:///")) as db:
        return db.execute(f"select {LEDGER_COLUMNS} from submissions order by {order}").fetchall()  # noqa: S608


def _audit(settings: Settings) -> list[tuple]:
    with sqlite3.connect(settings.database_url.removeprefix("sqlite:///")) as db:
        return db.execute(
            "select actor_id, action, target, before, after from audit_entries "
            "where action like 'submission.%' order by id"
        ).fetchall()


def _files(store: Store, seed: int) -> list[DemoFile]:
    """The 행정안전부 files of 2026-10: a new seed gives other bytes for the same slots."""
    return list(
        generate(
            store.catalog,
            store.agencies,
            scale=0.002,
            seed=seed,
            first_month=date(2026, 10, 1),
            last_month=date(2026, 10, 1),
            agency_codes=["1741000"],
            national_outreach=False,
        )
    )


def _upload(file: DemoFile, content: bytes | None = None) -> Upload:
    actor = Actor(f"demo-{file.agency_code}", "agency", file.agency_code)
    return Upload(
        content=file.content if content is None else content,
        filename=file.filename,
        dataset=file.dataset,
        agency_code=file.agency_code,
        period=file.period,
        actor=actor,
        now=kst_naive_to_utc(file.submitted_at),
    )


def _sequence(store: Store) -> list[Upload]:
    """Every file of the month, then a second version of each (superseding the first), then the first
    versions again (restoring them), the second version of one file twice (restored, then a duplicate) and a
    broken file (rejected)."""
    first, second = _files(store, 1), _files(store, 2)
    assert len(first) == len(second) >= 4
    broken = _upload(first[0], first[0].content[: len(first[0].content) // 2] + b"\n,,,not a row,,,\n")
    return (
        [_upload(f) for f in first]
        + [_upload(f) for f in second]
        + [_upload(f) for f in first]
        + [_upload(second[1]), _upload(second[1]), broken]
    )


def _summary(outcomes) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(o.status, o.submission_id, o.row_count, o.superseded_id, o.restored, len(o.problems)) for o in outcomes]


def test_a_batch_records_what_one_file_at_a_time_records(tmp_path: Path) -> None:
    one_store, batch_store = _store(tmp_path / "one"), _store(tmp_path / "batch")
    try:
        uploads = _sequence(one_store)
        one = [submit(one_store, **vars(u), isolated=False) for u in uploads]
        batched = submit_batch(batch_store, uploads, isolated=False)
    finally:
        one_store.engine.dispose()
        batch_store.engine.dispose()

    statuses = [o.status for o in one]
    assert statuses.count("duplicate") == 1 and statuses[-1] == "rejected"
    per_round = (len(uploads) - 3) // 3
    assert sum(o.restored for o in one) == per_round + 1 and sum(bool(o.superseded_id) for o in one) > per_round
    assert _summary(batched) == _summary(one)
    assert _ledger(batch_store.settings) == _ledger(one_store.settings)
    assert _audit(batch_store.settings) == _audit(one_store.settings)


def test_the_parallel_batched_demo_gives_the_ledger_and_figures_of_the_sequential_one(tmp_path: Path) -> None:
    options = dict(
        scale=0.002,
        national_outreach=False,
        agency_codes=list(TINY_AGENCIES),
        first_month=date(2026, 7, 1),
        last_month=date(2026, 10, 1),
    )
    stores = {"sequential": _store(tmp_path / "sequential"), "parallel": _store(tmp_path / "parallel")}
    try:
        sequential = run_demo(stores["sequential"], workers=1, batch=1, **options)
        parallel = run_demo(stores["parallel"], workers=2, batch=7, **options)  # several batches per agency
        figures = {name: _figures(build(s, built_at=BUILT_AT).path) for name, s in stores.items()}
    finally:
        for store in stores.values():
            store.engine.dispose()

    assert sequential.files > 30 and sequential.rejected == 0, sequential.first_problem
    assert (parallel.files, parallel.accepted, parallel.rejected) == (sequential.files, sequential.accepted, 0)
    # Agencies interleave in parallel, so the ids differ: the rows compared without them, in slot order.
    by_slot = "dataset, agency_code, period, id"
    rows = {name: [r[1:-1] for r in _ledger(s.settings, by_slot)] for name, s in stores.items()}
    assert len(rows["parallel"]) == sequential.files
    assert rows["parallel"] == rows["sequential"]
    assert figures["parallel"] == figures["sequential"]
    assert figures["parallel"]["mart_kpi_national_month"]
