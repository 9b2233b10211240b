"""stg_working_time: the calendar and the working clock as lists that stg_complaints reads by position, by hand;
and deadlines at the calendar's edges, where a position outside a list must read nothing.

Calendar of 2 … 20 March 2026 (working time 09:00–12:00, 13:00–18:00; 8 working hours a day):

    Mon 2  Tue 3  Wed 4  Thu 5  Fri 6  | Sat 7  Sun 8
    Mon 9  Tue 10 [Wed 11 holiday] Thu 12 Fri 13 | Sat 14 Sun 15
    Mon 16 Tue 17 Wed 18 Thu 19 Fri 20
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.sqlfixtures import SqlInputs, month

T = datetime
MINUTE = 60_000_000  # microseconds
EPOCH = datetime(1970, 1, 1)


def _us(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


@pytest.fixture(scope="module")
def db() -> SqlInputs:
    db = SqlInputs(calendar=(date(2026, 3, 2), date(2026, 3, 20)), holidays={date(2026, 3, 11): "시험휴일"})
    db.agency("1000001")
    rows = [
        # (id, type, file days, received_at, resolved_at)
        # received the day before the calendar's first: no place in it, so no deadline
        ("before", "고충", None, T(2026, 3, 1, 10), T(2026, 3, 3, 10)),
        ("before_hours", "기타", None, T(2026, 3, 1, 10), T(2026, 3, 2, 10)),
        # 14 working days from Mon 16: the calendar ends after five of them, so no deadline
        ("beyond", "건의", None, T(2026, 3, 16, 9), T(2026, 3, 18, 9)),
        # 3 working hours from Fri 20 17:00: one hour that day, the rest after the calendar ends
        ("beyond_hours", "기타", None, T(2026, 3, 20, 17), T(2026, 3, 20, 17, 30)),
        # the calendar's last working day still holds a deadline: Fri 20 15:00 + 3 h → 18:00 that day
        ("last_hours", "기타", None, T(2026, 3, 20, 15), T(2026, 3, 20, 18)),
        # and its first: Mon 2 09:00 + 5 days (40 h) → Fri 6 18:00; 6 days (2, 3, 4, 5, 6, 9) → 24:00 of Mon 9
        ("first_hours", "법정", 5, T(2026, 3, 2, 9), T(2026, 3, 6, 18)),
        ("first_days", "법정", 6, T(2026, 3, 2, 9), T(2026, 3, 9, 23)),
    ]
    db.submit_records(
        "complaints",
        "1000001",
        month(2026, 3),
        [
            {
                "complaint_id": cid,
                "complaint_type": ctype,
                "channel": "온라인",
                "received_at": received,
                "resolved_at": resolved,
                "deadline_days": days,
                "status": "처리완료",
            }
            for cid, ctype, days, received, resolved in rows
        ],
    )
    db.build()
    return db


@pytest.fixture(scope="module")
def lists(db: SqlInputs) -> dict:
    (row,) = db.rows("select * from stg_working_time")
    return row


def test_the_first_day_and_each_days_working_days_before_it(lists: dict) -> None:
    assert lists["first_day"] == date(2026, 3, 2)
    # 2 … 20 March: Sat 7 and Sun 8 follow five working days; the holiday (11) is not one
    assert lists["day_working_days_before"] == [0, 1, 2, 3, 4, 5, 5, 5, 6, 7, 7, 8, 9, 9, 9, 10, 11, 12, 13]
    working = [True] * 5 + [False, False] + [True, True, False, True, True] + [False, False] + [True] * 5
    assert lists["day_is_working"] == working
    assert lists["day_period"] == [date(2026, 3, 1)] * 19


def test_working_days_are_listed_by_their_number(lists: dict) -> None:
    days = [2, 3, 4, 5, 6, 9, 10, 12, 13, 16, 17, 18, 19, 20]
    assert lists["working_day_start_us"] == [_us(T(2026, 3, d)) for d in days]


def test_the_clock_by_minute_of_the_day(lists: dict) -> None:
    before, working = lists["minute_working_before_us"], lists["minute_is_working"]
    assert len(before) == len(working) == 1440
    # minute of the day → working minutes of the day before that minute starts
    expected = {0: 0, 540: 0, 541: 1, 720: 180, 750: 180, 780: 180, 1079: 479, 1080: 480}
    assert {m: before[m] // MINUTE for m in expected} == expected
    assert [m for m in expected if working[m]] == [540, 541, 780, 1079]  # 09:00, 09:01, 13:00, 17:59
    assert before[1439] == 480 * MINUTE and not working[1439]


def test_working_minutes_are_listed_by_their_number_within_the_day(lists: dict) -> None:
    starts = lists["working_minute_start_us"]
    assert len(starts) == 480
    # the 1st is 09:00, the 180th 11:59, the 181st 13:00 (after lunch), the 480th 17:59
    assert [starts[i - 1] // MINUTE for i in (1, 180, 181, 480)] == [540, 719, 780, 1079]
    assert lists["day_us"] == 480 * MINUTE


@pytest.mark.parametrize(
    ("cid", "mode", "deadline", "on_time"),
    [
        ("before", "days", None, None),
        ("before_hours", "hours", None, None),
        ("beyond", "days", None, None),
        ("beyond_hours", "hours", None, None),
        ("last_hours", "hours", T(2026, 3, 20, 18), True),
        ("first_hours", "hours", T(2026, 3, 6, 18), True),
        ("first_days", "days", T(2026, 3, 10), True),
    ],
)
def test_deadlines_at_the_calendars_edges(
    db: SqlInputs, cid: str, mode: str, deadline: datetime | None, on_time: bool | None
) -> None:
    (row,) = db.rows("select * from stg_complaints where complaint_id = ?", [cid])
    assert row["deadline_mode"] == mode
    assert row["deadline_at"] == deadline
    assert row["on_time"] is on_time
    # the month and the resolution time do not depend on the calendar
    assert row["period"] == date(2026, 3, 1)
    assert row["resolution_days"] is not None
