"""The 'quarter' window (quarter to date: the first month of the month's quarter … the month), end to end on a
hand-written store of 2025-12 … 2026-05. Agencies A and B; every expected figure is worked out below.

A window counts an agency only when every month of it came (docs/decisions.md 16): an agency with a month
missing is 미제출 for that window and has no value; the nation aggregates the agencies whose window is whole.
Cumulative reported KPI S1-T2-K2 (sum of agencies, annual target 160, profile weights 1 1 2 | 2 2 2 | 1 …:
cum_share 1/16, 2/16, 4/16, 6/16, 8/16, …):
  A: 2025-12 100 (another year), Jan 5, Feb 3, Mar 4, Apr 6, May 8;  B: Mar 10, Apr 9 (no May report)
  quarter May  = A (6 + 8) = 14 (B lacks May: left out);  target 160 × (8/16 − 4/16) = 40  → 35 %
  quarter Apr  = A 6 + B 9 = 15 (March is another quarter); target 160 × (6/16 − 4/16) = 20 → 75 %
  quarter Jan  = A 5 (December 2025 is another year);       target 160 × 1/16 = 10           → 50 %
  quarter Mar  = ytd Mar = A 5 + 3 + 4 = 12 (B lacks January and February)
  month May    = A 8;  target 160 × (8/16 − 6/16) = 20;   ytd May = A 26 (B lacks Jan, Feb, May), target 80
Level reported KPI S1-T2-K1 (mean, max age 1 month, target 95): A Mar 80, May 90; B Apr 70
  May, every window: A 90, B 70 (one month old) → 80;  A's April quarter is March's 80, carried forward
Complaints (resolution days of 처리완료 rows, received in the month):
  A: 2025-12 30; Jan 3; Mar 0.5, 0.5, 0.5; Apr 1, 2; May 6, 8, 10      B: Apr 5 (no May submission)
  A median: month May [6 8 10] 8; quarter May [1 2 6 8 10] 6; quarter Apr [1 2] 1.5; quarter Jan [3] 3;
            A has no February file: its year to date (Feb … May) and February's quarter are 미제출, no value
  nation quarter May [1 2 5 6 8 10] (5 + 6) / 2 = 5.5 (pooled records: B's April is in the pool although
            B's own quarter lacks May, see decisions 16);  B quarter May: 미제출, no value
  complaint_count (cumulative, target 1200, flat): quarter May 2 + 3 + 1 = 6, target 1200 × 2/12 = 200
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from metrics.warehouse import query_text
from tests.sqlfixtures import SqlInputs, month

A, B = "1000001", "1000002"
OCT25, NOV25, DEC25 = month(2025, 10), month(2025, 11), month(2025, 12)
JAN, FEB, MAR, APR, MAY = (month(2026, m) for m in range(1, 6))
WEIGHTS = [1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]  # Σ 16
PROFILE = [sum(WEIGHTS[:m]) / 16 for m in range(1, 13)]


def _complaint(period: date, days: float) -> dict[str, Any]:
    received = datetime(period.year, period.month, 2, 9)
    return {
        "complaint_type": "고충",
        "channel": "온라인",
        "received_at": received,
        "resolved_at": received + timedelta(days=days),
        "status": "처리완료",
    }


@pytest.fixture(scope="module")
def db() -> SqlInputs:
    db = SqlInputs(as_of=MAY, built_at=datetime(2026, 6, 20, 12, 0))
    db.agency(A).agency(B)
    db.kpi(
        "S1-T2-K2",
        "kpi_progress",
        "reported",
        "sum",
        cumulative=True,
        reporters=[A, B],
        targets={2026: 160},
        profile=PROFILE,
    )
    db.kpi(
        "S1-T2-K1",
        "kpi_progress",
        "reported",
        "mean",
        max_age_months=1,
        reporters=[A, B],
        judge_agencies=True,
        targets={2026: 95},
    )
    db.kpi("S1-T3-K1", "complaints", "median_days", formula="inverse_ratio", judge_agencies=True, targets={2026: 4.0})
    db.kpi("S1-T3-K3", "complaints", "p90_days", formula="inverse_ratio", judge_agencies=True, targets={2026: 9.0})
    db.kpi("S2-T1-K1", "complaints", "complaint_count", cumulative=True, targets={2026: 1200})

    reports = {
        (A, DEC25): {"S1-T2-K2": 100},
        (A, JAN): {"S1-T2-K2": 5},
        (A, FEB): {"S1-T2-K2": 3},
        (A, MAR): {"S1-T2-K2": 4, "S1-T2-K1": 80},
        (A, APR): {"S1-T2-K2": 6},
        (A, MAY): {"S1-T2-K2": 8, "S1-T2-K1": 90},
        (B, MAR): {"S1-T2-K2": 10},
        (B, APR): {"S1-T2-K2": 9, "S1-T2-K1": 70},
    }
    for (agency, period), values in reports.items():
        rows = [{"period": period, "kpi_code": k, "value": v} for k, v in values.items()]
        db.submit_records("kpi_progress", agency, period, rows)

    complaints = {
        (A, DEC25): [30],
        (A, JAN): [3],
        (A, MAR): [0.5, 0.5, 0.5],
        (A, APR): [1, 2],
        (A, MAY): [6, 8, 10],
        (B, APR): [5],
    }
    for (agency, period), days in complaints.items():
        db.submit_records("complaints", agency, period, [_complaint(period, d) for d in days])
    db.build()
    return db


def agency(db: SqlInputs, kpi: str, code: str, period: date, window: str) -> dict[str, Any]:
    return db.one(
        "select * from mart_kpi_agency_month where kpi_code = ? and agency_code = ? and period = ? and time_window = ?",
        [kpi, code, period, window],
    )


def national(db: SqlInputs, kpi: str, period: date, window: str) -> dict[str, Any]:
    return db.one(
        "select * from mart_kpi_national_month where kpi_code = ? and period = ? and time_window = ?",
        [kpi, period, window],
    )


def query(db: SqlInputs, name: str, **params: object) -> list[dict[str, Any]]:
    """A page query file (sql/queries) run on the test store, as the dashboard runs it."""
    rel = db.con.sql(query_text(name), params=params)
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


# the window itself ---------------------------------------------------------------------------------


def test_a_quarter_covers_its_first_month_to_the_month(db: SqlInputs) -> None:
    def members(period: date) -> list[date]:
        rows = db.rows(
            "select member_period from int_period_windows where period = ? and time_window = 'quarter' order by 1",
            [period],
        )
        return [r["member_period"] for r in rows]

    assert members(MAY) == [APR, MAY]
    assert members(APR) == [APR]
    assert members(MAR) == [JAN, FEB, MAR]
    assert members(JAN) == [JAN]  # a year's first quarter never reaches back into December
    assert members(DEC25) == [OCT25, NOV25, DEC25]
    windows = db.rows("select distinct time_window from mart_kpi_national_month order by 1")
    assert [w["time_window"] for w in windows] == ["month", "quarter", "ytd"]


# reported KPIs ---------------------------------------------------------------------------------------


def test_a_cumulative_kpi_sums_the_quarter_and_is_judged_against_the_quarter_share(db: SqlInputs) -> None:
    q = national(db, "S1-T2-K2", MAY, "quarter")
    assert q["value"] == 6 + 8  # B reported April but not May: its quarter is not whole, so not summed
    assert q["target_annual"] == 160
    assert q["target"] == pytest.approx(160 * (8 / 16 - 4 / 16))
    assert q["achievement"] == pytest.approx(14 / 40 * 100) and q["status"] == "off_track"
    assert (q["agencies_reported"], q["agencies_expected"]) == (1, 2)  # B has not reported May
    assert q["records_used"] == 2 and q["data_period"] == MAY
    # the other windows of the same month, for contrast
    m = national(db, "S1-T2-K2", MAY, "month")
    assert m["value"] == 8 and m["target"] == pytest.approx(160 * (8 / 16 - 6 / 16))
    y = national(db, "S1-T2-K2", MAY, "ytd")
    assert y["value"] == 5 + 3 + 4 + 6 + 8 and y["target"] == pytest.approx(160 * 8 / 16)  # A alone


def test_a_quarter_starting_in_the_middle_of_the_data_leaves_the_earlier_months_out(db: SqlInputs) -> None:
    q = national(db, "S1-T2-K2", APR, "quarter")
    assert q["value"] == 6 + 9  # March's 4 and 10 belong to the first quarter
    assert q["target"] == pytest.approx(160 * (6 / 16 - 4 / 16))
    assert q["achievement"] == pytest.approx(15 / 20 * 100) and q["status"] == "off_track"
    m = national(db, "S1-T2-K2", APR, "month")  # a quarter's first month: the quarter is the month
    assert (m["value"], m["target"], m["achievement"]) == (q["value"], q["target"], q["achievement"])


def test_the_first_quarter_of_a_year_starts_in_january(db: SqlInputs) -> None:
    jan = national(db, "S1-T2-K2", JAN, "quarter")
    assert jan["value"] == 5  # December 2025's 100 belongs to another year
    assert jan["target"] == pytest.approx(160 * 1 / 16)
    assert jan["achievement"] == pytest.approx(50.0)
    mar = national(db, "S1-T2-K2", MAR, "quarter")
    ytd = national(db, "S1-T2-K2", MAR, "ytd")
    assert mar["value"] == 5 + 3 + 4 and mar["target"] == pytest.approx(160 * 4 / 16)  # B lacks Jan, Feb
    assert (mar["value"], mar["target"]) == (ytd["value"], ytd["target"])
    # the baseline year has no target: a month there is shown but not judged
    dec = national(db, "S1-T2-K2", DEC25, "month")
    assert dec["value"] == 100 and dec["target"] is None and dec["status"] is None
    # its quarter (Oct … Dec 2025) lacks A's October and November: no value, and still not judged
    dec_q = national(db, "S1-T2-K2", DEC25, "quarter")
    assert dec_q["value"] is None and dec_q["status"] is None


def test_an_agency_missing_this_month_has_no_quarter_figure_and_is_no_data(db: SqlInputs) -> None:
    b = agency(db, "S1-T2-K2", B, MAY, "quarter")  # April's 9 alone would be blended with a two-month target
    assert b["value"] is None and b["has_data"] is False and b["data_period"] == APR
    assert b["status"] == "no_data" and b["records_used"] == 0
    a = agency(db, "S1-T2-K2", A, MAY, "quarter")
    assert a["value"] == 6 + 8 and a["has_data"] is True and a["records_used"] == 2
    assert a["status"] is None  # reported, but a cumulative total is not judged per agency


def test_a_level_kpi_in_the_quarter_is_its_latest_report(db: SqlInputs) -> None:
    for window in ("month", "quarter", "ytd"):
        n = national(db, "S1-T2-K1", MAY, window)
        assert n["value"] == pytest.approx((90 + 70) / 2), window
        assert n["target"] == 95 and n["achievement"] == pytest.approx(80 / 95 * 100), window
    a = agency(db, "S1-T2-K1", A, APR, "quarter")  # March's report, one month old, carried into the quarter
    assert a["value"] == 80 and a["data_period"] == MAR and a["has_data"] is True
    assert a["achievement"] == pytest.approx(80 / 95 * 100) and a["status"] == "watch"


# computed KPIs -------------------------------------------------------------------------------------


def test_a_complaint_median_over_the_quarter_is_over_its_records(db: SqlInputs) -> None:
    assert agency(db, "S1-T3-K1", A, MAY, "month")["value"] == pytest.approx(8.0)
    q = agency(db, "S1-T3-K1", A, MAY, "quarter")
    assert q["value"] == pytest.approx(6.0) and q["records_used"] == 5
    assert q["achievement"] == pytest.approx(4 / 6 * 100) and q["status"] == "off_track"
    ytd = agency(db, "S1-T3-K1", A, MAY, "ytd")  # no February file: the year to date is not whole
    assert ytd["value"] is None and ytd["achievement"] is None and ytd["status"] == "no_data"
    # p90 of 1, 2, 6, 8, 10: position 0.9 × 4 = 3.6
    assert agency(db, "S1-T3-K3", A, MAY, "quarter")["value"] == pytest.approx(8 + 0.6 * (10 - 8))
    n = national(db, "S1-T3-K1", MAY, "quarter")
    assert n["value"] == pytest.approx((5 + 6) / 2) and n["records_used"] == 6
    assert (n["agencies_reported"], n["agencies_expected"]) == (1, 2)


def test_complaint_quarters_at_the_data_start_and_the_year_start(db: SqlInputs) -> None:
    assert agency(db, "S1-T3-K1", A, APR, "quarter")["value"] == pytest.approx(1.5)  # not March's
    assert agency(db, "S1-T3-K1", A, APR, "ytd")["value"] is None  # February missing
    assert agency(db, "S1-T3-K1", A, JAN, "quarter")["value"] == pytest.approx(3.0)  # not December's 30
    # February: nothing submitted, January submitted in the quarter: 미제출, no value (not January's 3)
    feb = agency(db, "S1-T3-K1", A, FEB, "quarter")
    assert feb["value"] is None and feb["has_data"] is False and feb["status"] == "no_data"


def test_an_agency_without_this_months_complaints_has_no_quarter_figure(db: SqlInputs) -> None:
    b = agency(db, "S1-T3-K1", B, MAY, "quarter")
    assert b["value"] is None and b["data_period"] == APR
    assert b["has_data"] is False and b["status"] == "no_data"


def test_a_cumulative_count_over_the_quarter(db: SqlInputs) -> None:
    n = national(db, "S2-T1-K1", MAY, "quarter")
    assert n["value"] == 2 + 3 + 1
    assert n["target"] == pytest.approx(1200 * (5 / 12 - 3 / 12))
    assert n["achievement"] == pytest.approx(6 / 200 * 100)


# roll-ups and page queries ---------------------------------------------------------------------------


def test_the_task_rolls_up_its_kpis_quarter_achievements(db: SqlInputs) -> None:
    task = db.one(
        "select * from mart_task_scores where task_code = 'S1-T2' and period = ? and time_window = 'quarter'", [MAY]
    )
    assert task["achievement"] == pytest.approx((80 / 95 * 100 + 14 / 40 * 100) / 2)
    assert (task["children_counted"], task["children_total"]) == (2, 2)


def test_change_since_last_month_compares_the_quarter_view_a_month_earlier(db: SqlInputs) -> None:
    (row,) = query(db, "overall_scores", month=MAY, window="quarter")
    overall = {
        r["period"]: r["achievement"]
        for r in db.rows("select period, achievement from mart_overall_scores where time_window = 'quarter'")
    }
    assert row["achievement"] == overall[MAY] and row["prev_achievement"] == overall[APR]
    (task,) = [t for t in query(db, "task_scores", month=MAY, window="quarter") if t["task_code"] == "S1-T2"]
    s1_t2 = db.one(
        "select achievement from mart_task_scores where task_code = 'S1-T2' and period = ? and time_window = 'quarter'",
        [APR],
    )
    assert task["prev_achievement"] == s1_t2["achievement"]


def test_the_complaint_page_breakdown_covers_the_quarters_records(db: SqlInputs) -> None:
    rows = query(db, "complaint_breakdown", month=MAY, window="quarter", group="all", agency="all")
    (total,) = [r for r in rows if r["dimension"] == "total"]
    assert total["received"] == 6 and total["median_days"] == pytest.approx(5.5)
    by_agency = {r["key"]: r["median_days"] for r in rows if r["dimension"] == "agency"}
    assert by_agency == {A: pytest.approx(6.0), B: pytest.approx(5.0)}
    subs = query(db, "kpi_submissions", kpi="S1-T3-K1", month=MAY, window="quarter", agency="all")
    assert sorted((s["agency_code"], s["period"], s["submission_id"] is not None) for s in subs) == [
        (A, APR, True),
        (A, MAY, True),
        (B, APR, True),
        (B, MAY, False),
    ]
