"""Complaints still pending past their legal deadline at the end of the month received (int_complaint_cells
.overdue → int_complaint_scope_months.pending_overdue → mart_complaint_windows → the complaint page's and the report's
queries), on a few literal rows. 2026 calendar, 한글날 Friday 9 October a holiday; 고충 7 working days, 건의 14
(초일 산입: the day of receipt is the first; the deadline is 24:00 at the end of the last working day).

Agency A, October 2026:
  1 고충 처리중, received Wed 7 Oct 15:00 → 7, 8, (9 holiday, 10–11 weekend), 12, 13, 14, 15, 16
    → deadline 17 Oct 00:00, before 1 Nov 00:00                                      → pending past deadline
  2 고충 처리중, received Fri 23 Oct 10:00 → 23, 26, 27, 28, 29, 30, 2 Nov → 3 Nov 00:00  → pending, not past
  3 건의 처리중, received Thu 1 Oct 09:00 → 1, 2, 5, 6, 7, 8, 12, 13, 14, 15, 16, 19, 20, 21
    → deadline 22 Oct 00:00                                                           → pending past deadline
  4 고충 처리완료, received Wed 7 Oct, resolved Tue 20 Oct (deadline 17 Oct)            → late (judged)
  5 고충 처리완료, received Mon 5 Oct 10:00, resolved Tue 6 Oct                          → on time (judged)
  6 질의 이송, received Thu 1 Oct                                                      → neither
  October: received 6, pending 3, of them past deadline 2; on-time rate 1 ÷ 2 = 50 % (pending left out)
Agency B, September 2026:
  7 고충 처리중, received Tue 1 Sep 09:00 → 1, 2, 3, 4, 7, 8, 9 → 10 Sep 00:00           → pending past deadline
  8 고충 처리중, received Mon 28 Sep 09:00 → 28, 29, 30 Sep, 1, 2, 5, 6 Oct → 7 Oct 00:00
    → not past at the end of September (its month), though past by October            → pending, not past
Windows at October: month / quarter (October alone) A 2; year to date A 2 + B 1 = 3; B alone 1.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from metrics.warehouse import query_text
from tests.sqlfixtures import SqlInputs, month

A, B = "1000001", "1000002"
SEP, OCT = month(2026, 9), month(2026, 10)


def _row(kind: str, status: str, received: datetime, resolved: datetime | None = None) -> dict[str, Any]:
    return {
        "complaint_type": kind,
        "channel": "온라인",
        "received_at": received,
        "resolved_at": resolved,
        "status": status,
    }


@pytest.fixture(scope="module")
def db() -> SqlInputs:
    db = SqlInputs(as_of=OCT, built_at=datetime(2026, 11, 20, 12, 0), holidays={date(2026, 10, 9): "한글날"})
    db.agency(A).agency(B)
    db.kpi("S1-T3-K2", "complaints", "on_time_rate", judge_agencies=True, targets={2026: 99.5})
    db.submit_records(
        "complaints",
        A,
        OCT,
        [
            _row("고충", "처리중", datetime(2026, 10, 7, 15, 0)),
            _row("고충", "처리중", datetime(2026, 10, 23, 10, 0)),
            _row("건의", "처리중", datetime(2026, 10, 1, 9, 0)),
            _row("고충", "처리완료", datetime(2026, 10, 7, 15, 0), datetime(2026, 10, 20, 11, 0)),
            _row("고충", "처리완료", datetime(2026, 10, 5, 10, 0), datetime(2026, 10, 6, 16, 0)),
            _row("질의", "이송", datetime(2026, 10, 1, 9, 0)),
        ],
    )
    db.submit_records(
        "complaints",
        B,
        SEP,
        [
            _row("고충", "처리중", datetime(2026, 9, 1, 9, 0)),
            _row("고충", "처리중", datetime(2026, 9, 28, 9, 0)),
        ],
    )
    db.build()
    return db


def query(db: SqlInputs, name: str, **params: object) -> list[dict[str, Any]]:
    rel = db.con.sql(query_text(name), params=params)
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


def test_each_pending_complaint_is_judged_at_the_end_of_its_month(db: SqlInputs) -> None:
    rows = db.rows("select agency_code, received_at, deadline_at from stg_complaints where status = '처리중'")
    deadlines = {(r["agency_code"], r["received_at"]): r["deadline_at"] for r in rows}
    assert deadlines == {
        (A, datetime(2026, 10, 1, 9, 0)): datetime(2026, 10, 22),  # 건의: the 14th working day is 21 Oct
        (A, datetime(2026, 10, 7, 15, 0)): datetime(2026, 10, 17),
        (A, datetime(2026, 10, 23, 10, 0)): datetime(2026, 11, 3),
        (B, datetime(2026, 9, 1, 9, 0)): datetime(2026, 9, 10),
        (B, datetime(2026, 9, 28, 9, 0)): datetime(2026, 10, 7),
    }
    cells = db.rows(
        "select agency_code, period, status, overdue, sum(complaints) as n from int_complaint_cells "
        "group by all order by all"
    )
    assert [(c["agency_code"], c["status"], c["overdue"], c["n"]) for c in cells] == [
        (A, "이송", None, 1),
        (A, "처리완료", None, 2),  # resolved: not pending, whatever its deadline
        (A, "처리중", False, 1),  # 23 Oct: due 3 Nov
        (A, "처리중", True, 2),  # 1 Oct (건의) and 7 Oct (고충)
        (B, "처리중", False, 1),  # 28 Sep: due 7 Oct, after September's end
        (B, "처리중", True, 1),  # 1 Sep: due 10 Sep
    ]


def test_the_month_units_count_them_per_month(db: SqlInputs) -> None:
    counts = db.rows(
        "select scope as agency_code, period, sum(pending) as pending, sum(pending_overdue) as overdue "
        "from int_complaint_scope_months where filter_set = '' and scope not in ('ALL', 'central', 'local') "
        "group by all order by period"
    )
    assert counts == [
        {"agency_code": B, "period": SEP, "pending": 2, "overdue": 1},
        {"agency_code": A, "period": OCT, "pending": 3, "overdue": 2},
    ]


@pytest.mark.parametrize(("window", "overdue", "pending"), [("month", 2, 3), ("quarter", 2, 3), ("ytd", 3, 5)])
def test_the_complaint_page_shows_them_beside_the_on_time_rate(
    db: SqlInputs, window: str, overdue: int, pending: int
) -> None:
    rows = query(db, "complaint_breakdown", month=OCT, window=window, group="all", agency="all")
    (total,) = [r for r in rows if r["dimension"] == "total"]
    assert (total["pending_overdue"], total["pending"]) == (overdue, pending)
    assert total["on_time_rate"] == pytest.approx(1 / 2 * 100)  # the two resolved; pending left out
    by_agency = {r["key"]: r["pending_overdue"] for r in rows if r["dimension"] == "agency"}
    assert by_agency == ({A: 2, B: 1} if window == "ytd" else {A: 2})
    by_type = {r["key"]: r["pending_overdue"] for r in rows if r["dimension"] == "type"}
    assert by_type["건의"] == 1 and by_type["고충"] == overdue - 1


def test_the_report_query_counts_the_window_nationally_and_per_agency(db: SqlInputs) -> None:
    (ytd,) = query(db, "report_complaints", period=OCT, window="ytd", agency=None)
    assert ytd == {"received": 8, "resolved": 2, "pending": 5, "pending_overdue": 3}
    (month_a,) = query(db, "report_complaints", period=OCT, window="month", agency=A)
    assert month_a == {"received": 6, "resolved": 2, "pending": 3, "pending_overdue": 2}
    (ytd_b,) = query(db, "report_complaints", period=OCT, window="ytd", agency=B)
    assert (ytd_b["pending"], ytd_b["pending_overdue"]) == (2, 1)
