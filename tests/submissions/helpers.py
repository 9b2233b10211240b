"""Small helpers shared by the submission tests: files to submit, actors, and what a store holds."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from etl import ledger
from etl.access.actors import Actor
from etl.ledger.store import Store, open_store
from metrics.settings import Settings
from metrics.snapshot import connect_readonly, current_snapshot

AGENCY = "1741000"  # 행정안전부, in the fixture store
MONTH = "2026-10"
# After the fixture's months, before any real clock: every date in the files is in the past.
NOW = datetime(2026, 11, 20, 3, 0)  # naive UTC
OFFICER = Actor("officer-1741000", "agency", AGENCY)

MEETING_HEADER = ["회의번호", "기관코드", "회의일자", "회의구분", "소요시간분", "참석인원", "비대면여부"]


def meetings_csv(durations: list[int], *, agency: str = AGENCY, tag: str = "T", encoding: str = "utf-8-sig") -> bytes:
    """A valid meetings file for October 2026: one meeting per duration (minutes)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(MEETING_HEADER)
    for i, minutes in enumerate(durations, start=1):
        w.writerow([f"{tag}-{i}", agency, f"2026-10-{i:02d}", "정례", minutes, 10 + i, "N"])
    return out.getvalue().encode(encoding)


def store_of(settings: Settings) -> Store:
    return open_store(settings)


def active_ids(store: Store) -> list[int]:
    with store.session() as session:
        return sorted(r.id or 0 for r in ledger.all_submissions(session) if r.status == ledger.ACCEPTED)


def ledger_rows(store: Store) -> list[ledger.Submission]:
    with store.session() as session:
        return ledger.all_submissions(session)


def snapshot_rows(settings: Settings, sql: str) -> list[tuple]:
    con = connect_readonly(current_snapshot(settings.snapshot_dir))
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def published_name(settings: Settings) -> str:
    return Path(current_snapshot(settings.snapshot_dir)).name
