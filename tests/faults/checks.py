"""What must hold after any crash: the ledger, the archive and the published snapshot agree."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polars as pl

from etl import ledger
from etl.builder.publish import BuildResult, build
from etl.ingest.contracts import DATASETS
from etl.ledger.store import open_store
from metrics.settings import PROJECT_ROOT, Settings
from metrics.snapshot import connect_readonly, current_snapshot
from tests.fixture_store import fixture_env

KILLED = 9  # SIGKILL


def worker(settings: Settings, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, **fixture_env(settings.home)}
    env.pop("GOVDASH_FAULT_AT", None)
    return subprocess.Popen(  # noqa: S603 (our own module)
        [sys.executable, "-m", "tests.faults.worker", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def start_fork(settings: Settings, folder: Path, jobs: list[dict], go: Path | None = None) -> tuple:
    """Start the forking worker on `jobs`; returns (process, result path, ready file)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, job in enumerate(jobs):
        job.setdefault("out", str(folder / f"job{i}.json"))
    spec, result, ready = folder / "spec.json", folder / "result.json", folder / "ready"
    spec.write_text(json.dumps({"jobs": jobs, "go": go and str(go), "ready": str(ready)}), encoding="utf-8")
    return worker(settings, "fork", str(spec), str(result)), result, ready


def run_fork(settings: Settings, folder: Path, jobs: list[dict], timeout: float = 120) -> list[dict]:
    """Run `jobs` one after another in forked children; each job's exit, ledger and pointer afterwards."""
    process, result, _ = start_fork(settings, folder, jobs)
    _, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return json.loads(result.read_text(encoding="utf-8"))


def job_output(job: dict) -> dict:
    return json.loads(Path(job["out"]).read_text(encoding="utf-8"))


def ledger_rows(settings: Settings) -> list[ledger.Submission]:
    store = open_store(settings)
    try:
        with store.session() as session:
            return ledger.all_submissions(session)
    finally:
        store.engine.dispose()


def published_ids(path: Path) -> dict[int, int]:
    """submission id → rows in the snapshot's source tables."""
    con = connect_readonly(path)
    try:
        found: dict[int, int] = {}
        for dataset in DATASETS:
            sql = f"select submission_id, count(*) from src_{dataset} group by 1"  # noqa: S608 (fixed names)
            found.update(dict(con.sql(sql).fetchall()))
        return found
    finally:
        con.close()


def assert_archive_whole(settings: Settings) -> list[ledger.Submission]:
    """Every file the ledger names is complete; at most one accepted file per slot."""
    rows = ledger_rows(settings)
    accepted = Counter((r.dataset, r.agency_code, r.period) for r in rows if r.status == ledger.ACCEPTED)
    assert max(accepted.values()) == 1
    root = settings.archive_dir
    for r in rows:
        assert hashlib.sha256((root / r.archive_path).read_bytes()).hexdigest() == r.sha256, r.id
        if r.status == ledger.REJECTED:
            assert r.parquet_path is None
            assert json.loads((root / r.report_path).read_bytes())
        else:
            assert pl.read_parquet(root / r.parquet_path).height == r.row_count, r.id
    return rows


def assert_published_snapshot_readable(settings: Settings) -> Path:
    path = current_snapshot(settings.snapshot_dir)
    con = connect_readonly(path)
    try:
        assert con.sql("select count(*) from build_info").fetchall() == [(1,)]
    finally:
        con.close()
    return path


def expected_ids(rows: list[ledger.Submission]) -> dict[int, int]:
    return {r.id: r.row_count for r in rows if r.status == ledger.ACCEPTED and r.row_count > 0}


def assert_agree_after_next_build(settings: Settings) -> BuildResult:
    """The next build succeeds and publishes exactly the accepted submissions, each whole."""
    rows = assert_archive_whole(settings)
    store = open_store(settings)
    try:
        result = build(store)
    finally:
        store.engine.dispose()
    assert current_snapshot(settings.snapshot_dir) == result.path
    assert published_ids(result.path) == expected_ids(rows)
    return result
