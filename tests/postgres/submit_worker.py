"""Submissions from another process, started together (a barrier), as agencies uploading at the same moment."""

from __future__ import annotations

from datetime import date, datetime

from metrics.settings import Settings

ACTOR_ID = "ledger-test"
SUBMITTED_AT = datetime(2026, 11, 2, 1, 0)  # naive UTC: 2026-11-02 10:00 Korea time
HEADER = "회의번호,기관코드,회의일자,회의구분,소요시간분,참석인원,비대면여부\n"


def meetings_csv(agency_code: str, period: str, count: int, tag: str) -> bytes:
    """A valid meetings file of `count` rows; `tag` makes the bytes (and so the file) different."""
    year, month = (int(p) for p in period.split("-"))
    rows = [
        f"M-{tag}-{i:04d},{agency_code},{date(year, month, 1 + i % 28):%Y.%m.%d},정례,{30 + i % 60},{5 + i % 20},N\n"
        for i in range(count)
    ]
    return (HEADER + "".join(rows)).encode("utf-8")


def submit_files(settings: Settings, jobs: list[tuple[str, str, bytes, str]], barrier, results) -> None:  # type: ignore[no-untyped-def]
    """Open the store, wait for every other worker, then submit each (agency, period, content, filename)."""
    store = None
    try:
        from etl.access.actors import Actor
        from etl.ingest.accept import submit
        from etl.ledger.store import open_store

        store = open_store(settings)
        actor = Actor(ACTOR_ID, "admin")
        barrier.wait(timeout=600)  # generous: starting interpreters on a busy machine is slow
        for agency_code, period, content, filename in jobs:
            outcome = submit(
                store,
                content,
                filename=filename,
                dataset="meetings",
                agency_code=agency_code,
                period=period,
                actor=actor,
                now=SUBMITTED_AT,
            )
            results.put((filename, outcome.status, outcome.submission_id, None))
    except BaseException as exc:  # reported to the test, which fails with it
        results.put(("", "error", 0, repr(exc)))
    finally:
        if store is not None:
            store.engine.dispose()
