"""Faults and load with real processes: kill -9 of an ingest and of a build at many points, then the ledger,
the archive and the published snapshot agree and the next build succeeds; 20 submissions from separate
processes at once are all recorded once and published; a reader keeps answering throughout."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from etl import ledger
from etl.builder.publish import build
from etl.ingest.accept import submit
from etl.ledger.store import open_store
from tests.faults.checks import (
    KILLED,
    assert_agree_after_next_build,
    assert_archive_whole,
    assert_published_snapshot_readable,
    job_output,
    ledger_rows,
    published_ids,
    run_fork,
    start_fork,
    worker,
)
from tests.fixture_store import FIXTURE_AGENCIES
from tests.submissions.helpers import AGENCY, MONTH, NOW, OFFICER, meetings_csv

pytestmark = pytest.mark.slow

# Where an ingest can die: after validating, while each archive file exists only under its temporary name,
# after the archive is written, inside the uncommitted ledger transaction, and just after the commit.
ACCEPTED_POINTS = (
    "ingest:validated",
    "archive_tmp:.csv",
    "archive_tmp:.parquet",
    "ingest:archived",
    "ingest:before_commit",
    "ingest:committed",
)
REJECTED_POINTS = ("archive_tmp:.json", "ingest:before_commit", "ingest:committed")
BUILD_STEPS = ("build:reference", "build:sources", "build:models", "build:publish")


def _write(tmp: Path, name: str, content: bytes) -> str:
    path = tmp / name
    path.write_bytes(content)
    return str(path)


def _job(path: str, fault: str | None = None, dataset: str = "meetings", agency: str = AGENCY) -> dict:
    return {"kind": "ingest", "file": path, "dataset": dataset, "agency": agency, "month": MONTH, "fault": fault}


def _submit_here(settings, path: str):
    store = open_store(settings)
    try:
        content = Path(path).read_bytes()
        return submit(
            store,
            content,
            filename=Path(path).name,
            dataset="meetings",
            agency_code=AGENCY,
            period=MONTH,
            actor=OFFICER,
            now=NOW,
        )
    finally:
        store.engine.dispose()


def test_killing_an_ingest_at_any_point_loses_nothing_and_counts_nothing_half_written(store_copy, tmp_path):
    settings = store_copy
    cases = [(p, meetings_csv([30 + i, 45], tag=f"K{i}"), "accepted") for i, p in enumerate(ACCEPTED_POINTS)]
    cases += [(p, meetings_csv([30, 0], tag=f"R{i}"), "rejected") for i, p in enumerate(REJECTED_POINTS)]
    paths = [_write(tmp_path, f"file{i}.csv", content) for i, (_, content, _) in enumerate(cases)]
    before = ledger_rows(settings)
    results = run_fork(
        settings, tmp_path / "kills", [_job(path, point) for path, (point, _, _) in zip(paths, cases, strict=True)]
    )

    known = [(r.id, r.status) for r in before]
    for (point, _, verdict), result in zip(cases, results, strict=True):
        assert result["signal"] == KILLED, (point, result)
        ledger_now = [tuple(r) for r in result["ledger"]]
        if point == "ingest:committed":
            # Whole and counted: one new row; an accepted file replaces the slot's active one.
            assert ledger_now[-1][1] == verdict and len(ledger_now) == len(known) + 1, point
            changed = [(a, b) for a, b in zip(known, ledger_now[:-1], strict=True) if a != b]
            assert changed == ([] if verdict == "rejected" else [(changed[0][0], (changed[0][0][0], "superseded"))])
            assert verdict == "rejected" or changed[0][0][1] == "accepted"
        else:
            assert ledger_now == known, point  # nothing recorded, nothing changed
        known = ledger_now
        assert result["current"] == before_pointer(settings), point
    assert_archive_whole(settings)

    # Sent again after the crash, every file is taken; one whose commit had happened is recognised (and,
    # being the older file of the slot by then, made active again rather than recorded twice).
    for path, (point, _, verdict) in zip(paths, cases, strict=True):
        outcome = _submit_here(settings, path)
        if point != "ingest:committed":
            assert outcome.status == verdict and not outcome.restored, (point, outcome)
        elif verdict == "rejected":
            assert outcome.status == "duplicate", (point, outcome)
        else:
            assert outcome.status == "accepted" and outcome.restored, (point, outcome)
    rows = ledger_rows(settings)
    assert sorted(r.filename for r in rows if r.filename.startswith("file")) == sorted(Path(p).name for p in paths)
    active = [
        r.filename
        for r in rows
        if r.status == ledger.ACCEPTED and r.dataset == "meetings" and r.agency_code == AGENCY and r.period == MONTH
    ]
    assert active == [f"file{ACCEPTED_POINTS.index('ingest:committed')}.csv"]
    assert_agree_after_next_build(settings)


def before_pointer(settings) -> str:
    return (settings.snapshot_dir / "CURRENT").read_text().strip()


def test_killing_a_build_at_any_point_keeps_the_published_snapshot_and_the_next_build_succeeds(store_copy, tmp_path):
    settings = store_copy
    new_id = _submit_here(settings, _write(tmp_path, "new.csv", meetings_csv([95, 15], tag="B"))).submission_id
    published = before_pointer(settings)
    assert new_id not in published_ids(settings.snapshot_dir / published)
    rng = random.Random(20261128)
    jobs = [{"kind": "build", "fault": step} for step in BUILD_STEPS]
    # From outside, at moments the build does not choose.
    jobs += [{"kind": "build", "kill_after": round(rng.uniform(0.1, 1.8), 2)} for _ in range(3)]
    results = run_fork(settings, tmp_path / "builds", jobs)
    for job, result in zip(jobs, results, strict=True):
        if job.get("fault"):
            assert result["signal"] == KILLED and result["current"] == published, (job, result)
        elif result["signal"] != KILLED:
            assert result["code"] == 0, job_output(job)  # it finished before the blow: a whole new snapshot
        if result["current"] != published:
            assert new_id in published_ids(settings.snapshot_dir / result["current"])
    assert assert_published_snapshot_readable(settings)
    # A killed build leaves only dot-named temporary files, which nothing reads; every published file is whole.
    for snapshot in settings.snapshot_dir.glob("[!.]*.duckdb"):
        assert published_ids(snapshot)
    result = assert_agree_after_next_build(settings)
    assert new_id in published_ids(result.path)


def test_eighteen_simultaneous_submissions_are_all_recorded_once_and_published_while_a_reader_answers(
    store_copy, tmp_path
):
    settings = store_copy
    go, stop, answers = tmp_path / "go", tmp_path / "stop", tmp_path / "reader.json"
    # Every fixture agency that exists in October (광주광역시 and 전라남도 closed on 2026-06-30), two datasets each
    existing = [a for a in FIXTURE_AGENCIES if a not in ("6290000", "6460000")]
    slots = [(agency, ds) for agency in existing for ds in ("meetings", "participation")]
    assert len(slots) == 18
    jobs = []
    for i, (agency, dataset) in enumerate(slots):
        content = (
            meetings_csv([20 + i, 40], agency=agency, tag=f"L{i}") if dataset == "meetings" else _visits(agency, i)
        )
        jobs.append(_job(_write(tmp_path, f"load{i}.csv", content), dataset=dataset, agency=agency))
    before = ledger_rows(settings)
    reader = worker(settings, "read", str(stop), str(answers))
    forker, _, ready = start_fork(settings, tmp_path / "load", jobs, go=go)
    _wait_for(Path(str(answers) + ".started"), reader)
    _wait_for(ready, forker)
    go.touch()
    _, err = forker.communicate(timeout=120)
    assert forker.returncode == 0, err
    outcomes = [job_output(job) for job in jobs]
    assert [o.get("status") for o in outcomes] == ["accepted"] * 18, outcomes
    store = open_store(settings)
    build(store)  # while the reader goes on reading
    store.engine.dispose()
    stop.touch()
    reader.communicate(timeout=60)

    rows = ledger_rows(settings)
    new = [r for r in rows if r.filename.startswith("load")]
    assert len(rows) == len(before) + 18 and len(new) == 18
    assert sorted(r.id for r in new) == sorted(o["id"] for o in outcomes)
    published = published_ids(assert_published_snapshot_readable(settings))
    assert all(published.get(r.id) == r.row_count for r in new)
    assert_archive_whole(settings)
    read = json.loads(answers.read_text())
    assert read["failures"] == [] and read["answers"] > 10
    assert len(read["snapshots"]) == 2  # it saw the old snapshot and then the new one


def _wait_for(path: Path, process) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + 120
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)  # polling for a file another process creates


def _visits(agency: str, i: int) -> bytes:
    header = "기관코드,기준월,참여플랫폼,의견제안접수,참여자수,검토완료,정책반영\r\n"
    return (header + f"{agency},2026-10,국민참여플랫폼,{100 + i},250,90,10\r\n").encode("utf-8-sig")
