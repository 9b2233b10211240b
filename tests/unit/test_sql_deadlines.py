"""stg_complaints: legal deadlines (민원처리법 시행령 제19조), resolution time and on-time, by hand.

Calendar of March 2026 used here (working time 09:00–12:00, 13:00–18:00; 8 working hours a day):

    Mon 2  Tue 3  Wed 4  Thu 5  Fri 6  | Sat 7  Sun 8
    Mon 9  Tue 10 [Wed 11 holiday] Thu 12 Fri 13 | Sat 14 Sun 15
    Mon 16 Tue 17 Wed 18 Thu 19 Fri 20

Types: 기타 = 0 days (즉시, 3 working hours), 고충/질의 = 7 days, 건의 = 14 days; 법정 gives its own days.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.sqlfixtures import SqlInputs, month

T = datetime

# (id, type, file deadline_days, received_at, resolved_at, expected mode, expected deadline_at, on_time)
CASES = [
    # 즉시 (3 h) from Mon 10:00: 10–12 = 2 h, 13–14 = 1 h → Mon 14:00; resolved at that very second: on time
    ("h01", "기타", None, T(2026, 3, 2, 10), T(2026, 3, 2, 14), "hours", T(2026, 3, 2, 14), True),
    # … one second later: late
    ("h02", "기타", None, T(2026, 3, 2, 10), T(2026, 3, 2, 14, 0, 1), "hours", T(2026, 3, 2, 14), False),
    # received in the lunch break: counting starts at 13:00 → 16:00
    ("h03", "기타", None, T(2026, 3, 2, 12, 30), T(2026, 3, 2, 16), "hours", T(2026, 3, 2, 16), True),
    # Fri 17:00: 17–18 = 1 h, then Mon 9–11 = 2 h → Mon 11:00; resolved on Saturday (before it): on time
    ("h04", "기타", None, T(2026, 3, 6, 17), T(2026, 3, 7, 10), "hours", T(2026, 3, 9, 11), True),
    ("h05", "기타", None, T(2026, 3, 6, 17), T(2026, 3, 9, 11, 30), "hours", T(2026, 3, 9, 11), False),
    # received Fri 19:00 (after 18:00): counting starts Mon 09:00 → Mon 12:00, exactly then: on time
    ("h06", "기타", None, T(2026, 3, 6, 19), T(2026, 3, 9, 12), "hours", T(2026, 3, 9, 12), True),
    # … resolved in the lunch break after the 12:00 deadline: late (no working time passed, but it is after)
    ("h07", "기타", None, T(2026, 3, 6, 19), T(2026, 3, 9, 12, 30), "hours", T(2026, 3, 9, 12), False),
    # received exactly 18:00 Friday: the same as after hours → Mon 12:00
    ("h08", "기타", None, T(2026, 3, 6, 18), T(2026, 3, 9, 11, 59, 59), "hours", T(2026, 3, 9, 12), True),
    # 1 day (8 h) received Saturday: Mon 09:00 + 8 h → Mon 18:00; resolved 18:00 on time, 18:30 late
    ("h09", "법정", 1, T(2026, 3, 7, 10), T(2026, 3, 9, 18), "hours", T(2026, 3, 9, 18), True),
    ("h10", "법정", 1, T(2026, 3, 7, 10), T(2026, 3, 9, 18, 30), "hours", T(2026, 3, 9, 18), False),
    # 5 days (40 h) from Mon 09:00 → Fri 18:00; resolved Saturday 09:00 after a Friday deadline: late
    ("h11", "법정", 5, T(2026, 3, 2, 9), T(2026, 3, 7, 9), "hours", T(2026, 3, 6, 18), False),
    # 2 days (16 h) from Tue 10 14:00: Tue 4 h, Wed 11 holiday, Thu 8 h (12), Fri 9–12 3 h (15), 13–14 1 h
    ("h12", "법정", 2, T(2026, 3, 10, 14), T(2026, 3, 13, 14), "hours", T(2026, 3, 13, 14), True),
    ("h13", "법정", 2, T(2026, 3, 10, 14), T(2026, 3, 13, 14, 0, 1), "hours", T(2026, 3, 13, 14), False),
    # seconds count: Mon 11:59:30 + 3 h = 30 s before lunch + 2 h 59 min 30 s → 15:59:30
    (
        "h14",
        "기타",
        None,
        T(2026, 3, 2, 11, 59, 30),
        T(2026, 3, 2, 15, 59, 30),
        "hours",
        T(2026, 3, 2, 15, 59, 30),
        True,
    ),
    (
        "h15",
        "기타",
        None,
        T(2026, 3, 2, 11, 59, 30),
        T(2026, 3, 2, 15, 59, 31),
        "hours",
        T(2026, 3, 2, 15, 59, 30),
        False,
    ),
    # a file's deadline_days overrides the type default: 고충 with 3 days → hours mode, 24 h from Mon 09:00
    ("h16", "고충", 3, T(2026, 3, 2, 9), T(2026, 3, 4, 18), "hours", T(2026, 3, 4, 18), True),
    # 7 days (고충) from Mon 2 15:00, first day counted: 2,3,4,5,6,9,10 → 24:00 of Tue 10
    ("d01", "고충", None, T(2026, 3, 2, 15), T(2026, 3, 10, 23, 59), "days", T(2026, 3, 11), True),
    ("d02", "고충", None, T(2026, 3, 2, 15), T(2026, 3, 11, 0, 0, 1), "days", T(2026, 3, 11), False),
    # received Mon 2 at 20:00 (after hours): the receipt day still counts (초일 산입) → Tue 10 24:00
    ("d03", "고충", None, T(2026, 3, 2, 20), T(2026, 3, 10, 12), "days", T(2026, 3, 11), True),
    # 질의 7 days received Saturday 7: first day Mon 9; 9,10,(11 holiday),12,13,16,17,18 → Wed 18 24:00
    ("d04", "질의", None, T(2026, 3, 7, 11), T(2026, 3, 18, 20), "days", T(2026, 3, 19), True),
    ("d05", "질의", None, T(2026, 3, 7, 11), T(2026, 3, 19, 9), "days", T(2026, 3, 19), False),
    # 6 days (the smallest day-counted deadline) from Thu 5: 5,6,9,10,12,13 → Fri 13 24:00; Sat 14: late
    ("d06", "법정", 6, T(2026, 3, 5, 16), T(2026, 3, 14, 10), "days", T(2026, 3, 14), False),
    # 건의 14 days from Mon 2: 2,3,4,5,6,9,10,12,13,16,17,18,19,20 → Fri 20 24:00
    ("d07", "건의", None, T(2026, 3, 2, 9), T(2026, 3, 20, 17), "days", T(2026, 3, 21), True),
]


@pytest.fixture(scope="module")
def complaints() -> dict[str, dict]:
    db = SqlInputs(holidays={date(2026, 3, 11): "시험휴일"})
    db.agency("1000001")
    rows = [
        {
            "complaint_id": cid,
            "complaint_type": ctype,
            "channel": "온라인",
            "received_at": rec,
            "resolved_at": res,
            "deadline_days": days,
            "status": "처리완료",
        }
        for cid, ctype, days, rec, res, *_ in CASES
    ]
    rows += [
        # not resolved: a deadline, but no resolution time and no on-time verdict
        {
            "complaint_id": "p01",
            "complaint_type": "기타",
            "channel": "온라인",
            "received_at": T(2026, 3, 2, 10),
            "resolved_at": None,
            "deadline_days": None,
            "status": "처리중",
        },
        {
            "complaint_id": "p02",
            "complaint_type": "고충",
            "channel": "온라인",
            "received_at": T(2026, 3, 2, 10),
            "resolved_at": T(2026, 3, 3, 10),
            "deadline_days": None,
            "status": "이송",
        },
    ]
    db.submit_records("complaints", "1000001", month(2026, 3), rows)
    # a superseded file's rows never reach the figures
    old = db.submit("complaints", "1000001", month(2026, 3), status="superseded")
    db.records(
        "complaints",
        old,
        [
            {
                "complaint_id": "old",
                "agency_code": "1000001",
                "complaint_type": "기타",
                "channel": "온라인",
                "received_at": T(2026, 3, 2, 10),
                "resolved_at": T(2026, 3, 2, 10, 5),
                "status": "처리완료",
            }
        ],
    )
    db.build()
    return {r["complaint_id"]: r for r in db.rows("select * from stg_complaints")}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_deadline_and_on_time(complaints: dict[str, dict], case: tuple) -> None:
    cid, _type, _days, received, resolved, mode, deadline, on_time = case
    row = complaints[cid]
    assert row["deadline_mode"] == mode
    assert row["deadline_at"] == deadline
    assert row["on_time"] is on_time
    assert row["resolution_days"] == pytest.approx((resolved - received).total_seconds() / 86400, abs=1e-12)
    assert row["period"] == date(received.year, received.month, 1)


def test_effective_deadline_days_come_from_the_file_else_the_type(complaints: dict[str, dict]) -> None:
    assert complaints["h01"]["deadline_days"] == 0 and complaints["h01"]["deadline_days_file"] is None
    assert complaints["d07"]["deadline_days"] == 14
    assert complaints["h16"]["deadline_days"] == 3 and complaints["h16"]["deadline_days_file"] == 3


def test_only_resolved_complaints_get_a_resolution_time_and_a_verdict(complaints: dict[str, dict]) -> None:
    pending, transferred = complaints["p01"], complaints["p02"]
    assert pending["deadline_at"] == T(2026, 3, 2, 14)
    assert pending["resolution_days"] is None and pending["on_time"] is None
    assert transferred["resolution_days"] is None and transferred["on_time"] is None


def test_rows_of_a_superseded_file_are_not_staged(complaints: dict[str, dict]) -> None:
    assert "old" not in complaints
    assert len(complaints) == len(CASES) + 2


def test_resolution_days_are_fractional_calendar_days(complaints: dict[str, dict]) -> None:
    # h04: Fri 17:00 → Sat 10:00 = 17 hours = 17/24 days
    assert complaints["h04"]["resolution_days"] == pytest.approx(17 / 24, abs=1e-12)
