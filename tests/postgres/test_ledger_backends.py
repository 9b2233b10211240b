"""The ledger's rules on SQLite and on a real PostgreSQL: accept, supersede, duplicate, reject, one accepted file
per slot whatever the race, and several processes submitting at once (each case runs on both backends)."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from dataclasses import replace

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from etl import ledger
from etl.access.actors import Actor
from etl.builder.publish import build
from etl.ingest.accept import submit
from etl.ledger.store import Store, open_store
from metrics.settings import Settings
from metrics.snapshot import connect_readonly
from tests.postgres.submit_worker import ACTOR_ID, SUBMITTED_AT, meetings_csv, submit_files

AGENCY, OTHER_AGENCIES = "1741000", ("1721000", "1352000", "1613000", "6110000")
PERIOD = "2026-09"


@pytest.fixture
def store(ledger_settings: Settings):  # type: ignore[no-untyped-def]
    store = open_store(ledger_settings)
    yield store
    store.engine.dispose()


def send(store: Store, content: bytes, filename: str, agency: str = AGENCY, period: str = PERIOD):  # type: ignore[no-untyped-def]
    return submit(
        store,
        content,
        filename=filename,
        dataset="meetings",
        agency_code=agency,
        period=period,
        actor=Actor(ACTOR_ID, "admin"),
        now=SUBMITTED_AT,
    )


def rows(store: Store) -> list[ledger.Submission]:
    with store.session() as session:
        return ledger.all_submissions(session)


def test_backend_is_the_one_asked_for(store: Store, ledger_url: str) -> None:
    assert store.engine.dialect.name == ledger_url.split(":")[0].split("+")[0]


def test_an_accepted_file_is_recorded_with_its_time(store: Store) -> None:
    outcome = send(store, meetings_csv(AGENCY, PERIOD, 5, "a"), "a.csv")
    assert (outcome.status, outcome.row_count) == ("accepted", 5)
    [row] = rows(store)
    assert (row.id, row.status, row.agency_code, row.period, row.row_count) == (
        outcome.submission_id,
        "accepted",
        AGENCY,
        PERIOD,
        5,
    )
    assert row.submitted_at == SUBMITTED_AT and row.submitted_at.tzinfo is None
    assert (store.settings.archive_dir / row.parquet_path).is_file()


def test_a_resubmission_supersedes_and_the_build_reads_only_the_new_file(store: Store) -> None:
    first = send(store, meetings_csv(AGENCY, PERIOD, 5, "a"), "a.csv")
    second = send(store, meetings_csv(AGENCY, PERIOD, 7, "b"), "b.csv")
    assert (second.status, second.superseded_id) == ("accepted", first.submission_id)
    by_id = {r.id: r for r in rows(store)}
    assert by_id[first.submission_id].status == "superseded"
    assert by_id[second.submission_id].status == "accepted"
    assert by_id[second.submission_id].supersedes_id == first.submission_id

    result = build(store)
    con = connect_readonly(result.path)
    try:
        found = con.sql("select submission_id, count(*) from src_meetings group by all").fetchall()
    finally:
        con.close()
    assert found == [(second.submission_id, 7)]


def test_the_same_bytes_again_are_a_duplicate(store: Store) -> None:
    content = meetings_csv(AGENCY, PERIOD, 5, "a")
    first = send(store, content, "a.csv")
    again = send(store, content, "a-again.csv")
    assert (again.status, again.submission_id, again.duplicate_of_status) == (
        "duplicate",
        first.submission_id,
        "accepted",
    )
    assert len(rows(store)) == 1


def test_a_rejected_file_leaves_the_accepted_one(store: Store) -> None:
    good = send(store, meetings_csv(AGENCY, PERIOD, 5, "a"), "a.csv")
    bad_content = meetings_csv(AGENCY, PERIOD, 3, "bad").replace(b",30,", b",-5,", 1)
    bad = send(store, bad_content, "bad.csv")
    assert bad.status == "rejected" and bad.problems
    status = {r.id: r.status for r in rows(store)}
    assert status == {good.submission_id: "accepted", bad.submission_id: "rejected"}


def _row(status: str, sha: str, period: str = PERIOD) -> ledger.Submission:
    return ledger.Submission(
        dataset="meetings",
        agency_code=AGENCY,
        period=period,
        filename=f"{sha}.csv",
        sha256=sha * 8,
        size_bytes=1,
        row_count=1,
        status=status,
        submitted_by=ACTOR_ID,
        submitted_at=SUBMITTED_AT,
        archive_path=f"{sha}.csv",
    )


def test_the_database_refuses_a_second_accepted_file_for_a_slot(store: Store) -> None:
    with Session(store.engine) as session, session.begin():
        # Any number of superseded and rejected files may share the slot with the accepted one.
        session.add_all(
            [_row("accepted", "a"), _row("superseded", "b"), _row("superseded", "c"), _row("rejected", "d")]
        )
    with pytest.raises(IntegrityError), Session(store.engine) as session, session.begin():
        session.add(_row("accepted", "e"))
    with Session(store.engine) as session, session.begin():
        session.add(_row("accepted", "f", period="2026-08"))
    assert Counter(r.status for r in rows(store)) == {"accepted": 2, "superseded": 2, "rejected": 1}


WORKERS = 4


def _run_workers(settings: Settings, jobs_per_worker: list[list[tuple[str, str, bytes, str]]]) -> list[tuple]:
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter each: nothing shared but the ledger
    barrier, results = ctx.Barrier(len(jobs_per_worker)), ctx.Queue()
    procs = [ctx.Process(target=submit_files, args=(settings, jobs, barrier, results)) for jobs in jobs_per_worker]
    for p in procs:
        p.start()
    expected = sum(len(jobs) for jobs in jobs_per_worker)
    out: list[tuple] = []
    while len(out) < expected:
        item = results.get(timeout=600)
        assert item[1] != "error", item
        out.append(item)
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    return out


def test_processes_submitting_at_once_leave_one_accepted_file_per_slot(ledger_settings: Settings) -> None:
    # Every worker sends its own file for the one shared slot, and one file for its own agency.
    jobs = [
        [
            (AGENCY, PERIOD, meetings_csv(AGENCY, PERIOD, 4 + w, f"shared{w}"), f"shared-{w}.csv"),
            (OTHER_AGENCIES[w], PERIOD, meetings_csv(OTHER_AGENCIES[w], PERIOD, 3, f"own{w}"), f"own-{w}.csv"),
        ]
        for w in range(WORKERS)
    ]
    open_store(ledger_settings).engine.dispose()  # the tables exist before the race (as in a running system)
    outcomes = _run_workers(ledger_settings, jobs)
    assert Counter(status for _, status, _, _ in outcomes) == {"accepted": 2 * WORKERS}

    store = open_store(ledger_settings)
    try:
        recorded = rows(store)
    finally:
        store.engine.dispose()
    shared = [r for r in recorded if r.agency_code == AGENCY]
    assert len(shared) == WORKERS
    assert Counter(r.status for r in shared) == {"accepted": 1, "superseded": WORKERS - 1}
    # The files form one chain: each but the first supersedes exactly the file accepted before it.
    superseded_ids = sorted(r.supersedes_id for r in shared if r.supersedes_id is not None)
    assert superseded_ids == sorted(r.id for r in shared if r.status == "superseded")
    first = [r for r in shared if r.supersedes_id is None]
    assert len(first) == 1
    own = {r.agency_code: r.status for r in recorded if r.agency_code != AGENCY}
    assert own == {code: "accepted" for code in OTHER_AGENCIES[:WORKERS]}


def test_settings_choose_the_ledger_by_url(ledger_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from metrics.settings import get_settings

    monkeypatch.setenv("GOVDASH_HOME", str(ledger_settings.home))
    monkeypatch.setenv("GOVDASH_DATABASE_URL", ledger_settings.database_url)
    assert get_settings().database_url == ledger_settings.database_url
    store = open_store(replace(get_settings(), reference_dir=ledger_settings.reference_dir))
    try:
        assert store.engine.url.render_as_string(hide_password=False) == ledger_settings.database_url
    finally:
        store.engine.dispose()
