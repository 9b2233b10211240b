"""The holiday calendar through the real path: a complaints file is submitted (etl/ingest/accept.py), the store is
built (etl/builder/publish.py) and the deadline is read back from the published snapshot. Working time is 09:00–12:00
and 13:00–18:00, 8 hours a day (data/catalog/settings.yaml); a 법정 complaint of N ≤ 5 days has N × 8 working
hours from the moment it was received (sql/staging/stg_complaints.sql)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime

import pytest

from etl.access.actors import SYSTEM, Actor
from etl.builder.publish import CalendarIncomplete, build
from etl.governance import audit, calendar
from etl.ingest.accept import submit
from etl.ingest.contracts import DATASETS
from etl.ledger.store import Store, open_store
from metrics.reference import load_agencies, load_holidays, reference_digest
from metrics.settings import Settings
from metrics.snapshot import POINTER, connect_readonly, current_snapshot

T = datetime
ADMIN = Actor("admin-1", "admin")
AGENCY = "1741000"  # 행정안전부, in the fixture store
BUILT_AT = datetime(2027, 1, 10, 12, 0)  # naive KST


def complaints_csv(rows: list[tuple[str, str, int, datetime, datetime]]) -> bytes:
    """(id, type, deadline days, received, resolved) → a valid complaints file of 행정안전부, all resolved."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([c.header_ko for c in DATASETS["complaints"].columns])
    for cid, kind, days, received, resolved in rows:
        times = [f"{received:%Y-%m-%d %H:%M}", f"{resolved:%Y-%m-%d %H:%M}"]
        w.writerow([cid, AGENCY, kind, "온라인", *times, days, "처리완료"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _submit(store: Store, month: str, rows: list[tuple[str, str, int, datetime, datetime]], now: datetime) -> None:
    outcome = submit(
        store,
        complaints_csv(rows),
        filename=f"complaints-{month}.csv",
        dataset="complaints",
        agency_code=AGENCY,
        period=month,
        actor=SYSTEM,
        now=now,
    )
    assert outcome.status == "accepted", outcome.problems


def _deadline(store: Store, complaint_id: str) -> tuple[datetime, bool]:
    con = connect_readonly(current_snapshot(store.settings.snapshot_dir))
    try:
        sql = "select deadline_at, on_time from stg_complaints where complaint_id = ?"
        [(deadline, on_time)] = con.execute(sql, [complaint_id]).fetchall()
        [(digest,)] = con.execute("select reference_digest from build_info").fetchall()
    finally:
        con.close()
    assert digest == store.reference_digest
    return deadline, on_time


@pytest.fixture
def store(store_copy: Settings) -> Iterator[Store]:
    """The fixture store with two complaints of 행정안전부 whose deadlines cross a holiday (submitted in
    January 2027, when both months are over)."""
    store = open_store(store_copy)
    now = T(2027, 1, 10, 1, 0)  # naive UTC
    # 1 day (8 h) from Thu 07-16 10:00: Thu 10–12 + 13–18 = 7 h; Fri 07-17 제헌절; Mon 07-20 09–10 = 1 h
    # → 07-20 10:00. Resolved 09:30: on time (with no 제헌절 the deadline was Fri 10:00 and it was late).
    _submit(store, "2026-07", [("jh-1", "법정", 1, T(2026, 7, 16, 10), T(2026, 7, 20, 9, 30))], now)
    # 3 days (24 h) from Thu 12-31 10:00: 12-31 7 h; Fri 2027-01-01 신정; Mon 01-04 8 h (15); Tue 01-05 8 h
    # (23); Wed 01-06 09–10 1 h (24) → 01-06 10:00 (with no 2027 holiday it was 01-05 10:00). Resolved
    # 01-06 09:59: on time.
    _submit(store, "2026-12", [("ny-1", "법정", 3, T(2026, 12, 31, 10), T(2027, 1, 6, 9, 59))], now)
    yield store
    store.engine.dispose()


def test_제헌절_and_신정_2027_move_deadlines_through_the_real_build(store: Store) -> None:
    build(store, built_at=BUILT_AT)
    assert _deadline(store, "jh-1") == (T(2026, 7, 20, 10), True)
    assert _deadline(store, "ny-1") == (T(2027, 1, 6, 10), True)


def test_a_holiday_the_administrator_adds_is_audited_and_moves_a_deadline_at_the_next_build(store: Store) -> None:
    first = build(store, built_at=BUILT_AT)
    digest_before = store.reference_digest
    assert _deadline(store, "ny-1") == (T(2027, 1, 6, 10), True)

    calendar.add_holiday(store, ADMIN, "2026-12-31", "임시공휴일", "국무회의 의결", now=T(2027, 1, 10, 2))
    # Thu 12-31 is now a holiday: counting starts Mon 01-04 09:00; 24 h = 01-04, 01-05, 01-06 → 01-06 18:00.
    added = build(store, built_at=BUILT_AT)
    assert added.reused_from is None  # every deadline is worked out again with the new calendar
    assert _deadline(store, "ny-1") == (T(2027, 1, 6, 18), True)
    assert store.reference_digest != digest_before  # two builds with different holidays: different digests

    calendar.remove_holiday(store, ADMIN, "2026-12-31", "의결 취소", now=T(2027, 1, 10, 3))
    build(store, built_at=BUILT_AT)
    assert _deadline(store, "ny-1") == (T(2027, 1, 6, 10), True)
    assert store.reference_digest == digest_before  # the same holidays again: the same digest

    entries = audit.search(store, SYSTEM, action="holiday.")
    assert [(e.action, e.target, e.actor_id) for e in entries] == [
        ("holiday.removed", "holiday:2026-12-31", "admin-1"),
        ("holiday.added", "holiday:2026-12-31", "admin-1"),
    ]
    assert "국무회의 의결" in (entries[1].after or "") and "임시공휴일" in (entries[0].before or "")
    assert first.build_id != added.build_id


def test_the_reference_digest_is_that_of_the_agencies_and_the_holidays(store: Store) -> None:
    build(store, built_at=BUILT_AT)
    directory = store.settings.reference_dir
    expected = reference_digest(load_agencies(directory), load_holidays(directory))
    assert store.reference_digest == expected and len(expected) == 64
    _deadline(store, "jh-1")  # asserts the snapshot's build_info carries it


def test_a_build_that_needs_a_year_without_holidays_is_refused_and_publishes_nothing(store: Store) -> None:
    build(store, built_at=BUILT_AT)
    published = (store.settings.snapshot_dir / POINTER).read_text(encoding="utf-8")
    # 건의 has 14 days, counted in whole working days from the receipt day: from Thu 2027-12-30 they run
    # into January 2028, a year with no holiday recorded.
    _submit(store, "2027-12", [("y28-1", "건의", 14, T(2027, 12, 30, 10), T(2027, 12, 30, 11))], T(2028, 1, 10))
    with pytest.raises(CalendarIncomplete, match=r"2028년 공휴일.*no public holiday is recorded for 2028"):
        build(store, built_at=T(2028, 1, 10, 12))
    assert (store.settings.snapshot_dir / POINTER).read_text(encoding="utf-8") == published
    assert not list(store.settings.snapshot_dir.glob(".*.tmp*"))

    # The administrator records the year's first holiday: the build goes through, and the deadline is read
    # with it. Working days from Thu 12-30: 12-30, 12-31 (2), Mon 01-03 … Fri 01-07 (7), 01-10 … 01-14 (12),
    # Mon 01-17, Tue 01-18 (14) → 24:00 of Tue 2028-01-18 (Sat 2028-01-01 신정 changes no working day).
    calendar.add_holiday(store, ADMIN, "2028-01-01", "신정", "2028년 월력요항", now=T(2028, 1, 10, 2))
    build(store, built_at=T(2028, 1, 10, 12))
    assert _deadline(store, "y28-1") == (T(2028, 1, 19), True)
