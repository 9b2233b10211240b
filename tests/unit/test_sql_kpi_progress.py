"""Reported KPIs (kpi_progress): carry-forward within max_age_months, cumulative months and year-to-date,
and every national aggregation. Agencies A (weight 1), B (weight 3), C (weight 1); hand-computed values."""

from __future__ import annotations

from datetime import date

import pytest

from tests.sqlfixtures import SqlInputs, month

A, B, C, X = "1000001", "1000002", "1000003", "1000009"
DEC25, JAN, FEB, MAR = month(2025, 12), month(2026, 1), month(2026, 2), month(2026, 3)
ABC = [A, B, C]


@pytest.fixture(scope="module")
def db() -> SqlInputs:
    db = SqlInputs(as_of=MAR)
    db.agency(A, weight=1.0).agency(B, weight=3.0).agency(C, weight=1.0).agency(X)
    db.kpi(
        "S1-T2-K1",
        "kpi_progress",
        "reported",
        "mean",
        max_age_months=1,
        reporters=ABC,
        judge_agencies=True,
        targets={2026: 95.0},
    )
    db.kpi("S1-T2-K3", "kpi_progress", "reported", "sum", max_age_months=0, reporters=ABC)
    db.kpi("S4-T2-K2", "kpi_progress", "reported", "weighted_mean", reporters=ABC)
    db.kpi("S2-T2-K1", "kpi_progress", "reported", "max", reporters=ABC, targets={2026: 3})
    db.kpi("S4-T1-K2", "kpi_progress", "reported", "share_flag", reporters=ABC, targets={2026: 60.0})
    db.kpi("S4-T1-K1", "kpi_progress", "reported", "count_flag", reporters=ABC, targets={2026: 25})
    db.kpi("S1-T2-K2", "kpi_progress", "reported", "sum", cumulative=True, reporters=[A, B], targets={2026: 24})
    db.kpi("S2-T2-K2", "kpi_progress", "reported", "sum", reporters=[A])

    def report(agency: str, period: date, values: dict[str, float]) -> None:
        db.submit_records(
            "kpi_progress",
            agency,
            period,
            [{"period": period, "kpi_code": k, "value": v} for k, v in values.items()],
        )

    report(A, DEC25, {"S1-T2-K1": 50, "S1-T2-K2": 100})
    report(A, JAN, {"S4-T2-K2": 40, "S2-T2-K1": 2, "S4-T1-K2": 1, "S4-T1-K1": 1, "S1-T2-K2": 5})
    report(
        B,
        JAN,
        {
            "S1-T2-K1": 90,
            "S1-T2-K3": 90,
            "S4-T2-K2": 80,
            "S2-T2-K1": 3,
            "S4-T1-K2": 0,
            "S4-T1-K1": 1,
            "S1-T2-K2": 2,
        },
    )
    report(C, JAN, {"S4-T1-K1": 0, "S2-T2-K2": 999})  # C is not a reporter of S2-T2-K2: ignored
    report(A, FEB, {"S1-T2-K1": 70, "S1-T2-K3": 70, "S1-T2-K2": 3})
    report(B, MAR, {"S1-T2-K2": 4})
    db.build()
    return db


def agency(db: SqlInputs, kpi: str, code: str, period: date, window: str = "month") -> dict:
    return db.one(
        "select * from mart_kpi_agency_month where kpi_code = ? and agency_code = ? and period = ? and time_window = ?",
        [kpi, code, period, window],
    )


def national(db: SqlInputs, kpi: str, period: date, window: str = "month") -> dict:
    return db.one(
        "select * from mart_kpi_national_month where kpi_code = ? and period = ? and time_window = ?",
        [kpi, period, window],
    )


def test_a_level_is_carried_forward_within_max_age(db: SqlInputs) -> None:
    # S1-T2-K1 (max age 1): A reported 50 in Dec 2025 and 70 in Feb; B 90 in Jan; C never
    jan = agency(db, "S1-T2-K1", A, JAN)
    assert jan["value"] == 50 and jan["data_period"] == DEC25 and jan["has_data"] is True
    assert agency(db, "S1-T2-K1", B, FEB)["value"] == 90  # January's, one month old
    assert agency(db, "S1-T2-K1", A, MAR)["value"] == 70


def test_a_level_older_than_max_age_is_no_data(db: SqlInputs) -> None:
    b = agency(db, "S1-T2-K1", B, MAR)  # January's 90 is two months old
    assert b["value"] is None and b["has_data"] is False and b["status"] == "no_data"
    c = agency(db, "S1-T2-K1", C, JAN)
    assert c["value"] is None and c["status"] == "no_data"


def test_mean_of_agencies_with_a_value(db: SqlInputs) -> None:
    jan = national(db, "S1-T2-K1", JAN)
    assert jan["value"] == pytest.approx((50 + 90) / 2)
    assert (jan["agencies_reported"], jan["agencies_expected"]) == (2, 3)
    assert national(db, "S1-T2-K1", FEB)["value"] == pytest.approx((70 + 90) / 2)
    mar = national(db, "S1-T2-K1", MAR)
    assert mar["value"] == pytest.approx(70.0) and mar["agencies_reported"] == 1
    assert mar["data_period"] == FEB
    # a level's year-to-date is the level itself
    assert national(db, "S1-T2-K1", FEB, "ytd")["value"] == pytest.approx((70 + 90) / 2)


def test_max_age_zero_takes_only_the_month_itself(db: SqlInputs) -> None:
    assert national(db, "S1-T2-K3", JAN)["value"] == 90
    assert national(db, "S1-T2-K3", FEB)["value"] == 70
    mar = national(db, "S1-T2-K3", MAR)
    assert mar["value"] is None and mar["status"] == "no_data" and mar["agencies_reported"] == 0


def test_weighted_mean_uses_agency_weights(db: SqlInputs) -> None:
    n = national(db, "S4-T2-K2", JAN)
    assert n["value"] == pytest.approx((1 * 40 + 3 * 80) / (1 + 3))
    assert (n["numerator"], n["denominator"]) == (pytest.approx(280.0), pytest.approx(4.0))


def test_max(db: SqlInputs) -> None:
    n = national(db, "S2-T2-K1", JAN)
    assert n["value"] == 3 and n["achievement"] == pytest.approx(3 / 3 * 100) and n["status"] == "on_track"


def test_share_flag_counts_missing_agencies_in_the_denominator(db: SqlInputs) -> None:
    # A says 1, B says 0, C says nothing: 1 of 3 expected
    n = national(db, "S4-T1-K2", JAN)
    assert n["value"] == pytest.approx(1 / 3 * 100)
    assert (n["numerator"], n["denominator"]) == (1, 3)
    assert n["achievement"] == pytest.approx((1 / 3 * 100) / 60 * 100) and n["status"] == "off_track"


def test_count_flag(db: SqlInputs) -> None:
    assert national(db, "S4-T1-K1", JAN)["value"] == 2  # A 1, B 1, C 0


def test_cumulative_month_and_ytd(db: SqlInputs) -> None:
    # A: Dec 2025 100 (another year), Jan 5, Feb 3; B: Jan 2, Mar 4
    assert national(db, "S1-T2-K2", JAN)["value"] == 5 + 2
    assert national(db, "S1-T2-K2", FEB)["value"] == 3
    assert national(db, "S1-T2-K2", MAR)["value"] == 4
    jan_ytd = national(db, "S1-T2-K2", JAN, "ytd")
    assert jan_ytd["value"] == 7 and jan_ytd["target"] == pytest.approx(24 * 1 / 12)
    # raw 7 ÷ 2 × 100 = 350 %, judged at the cap: min(350, 120) = 120
    assert jan_ytd["achievement_raw"] == pytest.approx(7 / 2 * 100)
    assert jan_ytd["achievement"] == 120.0 and jan_ytd["status"] == "on_track"
    # a year to date counts an agency only when every month of it was reported (docs/decisions.md 16):
    # February: A 5 + 3 = 8; B did not report February, so it is left out (1 of 2 agencies)
    feb_ytd = national(db, "S1-T2-K2", FEB, "ytd")
    assert feb_ytd["value"] == 5 + 3 and feb_ytd["agencies_reported"] == 1
    # March: A lacks March and B February: nobody's year to date is whole, so 미제출 and no achievement
    ytd = national(db, "S1-T2-K2", MAR, "ytd")
    assert ytd["value"] is None and ytd["achievement"] is None and ytd["status"] == "no_data"
    assert ytd["target"] == pytest.approx(24 * 3 / 12) and ytd["agencies_reported"] == 0
    feb = national(db, "S1-T2-K2", FEB)
    assert feb["target"] == pytest.approx(24 * (2 / 12 - 1 / 12))
    assert feb["achievement_raw"] == pytest.approx(3 / 2 * 100) and feb["achievement"] == 120.0  # 150 % capped
    assert agency(db, "S1-T2-K2", A, JAN, "ytd")["value"] == 5  # December 2025 is not in 2026's total


def test_cumulative_agency_missing_this_month(db: SqlInputs) -> None:
    m = agency(db, "S1-T2-K2", A, MAR)
    assert m["value"] is None and m["status"] == "no_data"
    ytd = agency(db, "S1-T2-K2", A, MAR, "ytd")
    assert ytd["value"] is None and ytd["has_data"] is False and ytd["status"] == "no_data"
    assert ytd["data_period"] == FEB
    assert agency(db, "S1-T2-K2", B, FEB)["status"] == "no_data"
    # reported, but a cumulative KPI is not judged per agency: no status
    assert agency(db, "S1-T2-K2", B, MAR)["status"] is None


def test_a_report_from_an_agency_not_expected_is_ignored(db: SqlInputs) -> None:
    assert national(db, "S2-T2-K2", JAN)["value"] is None
    rows = db.rows(
        "select agency_code from mart_kpi_agency_month where kpi_code = 'S2-T2-K2' and period = ? "
        "and time_window = 'month'",
        [JAN],
    )
    assert rows == [{"agency_code": A}]


def test_only_listed_reporters_are_expected(db: SqlInputs) -> None:
    rows = db.rows("select distinct agency_code from mart_kpi_agency_month where kpi_code = 'S1-T2-K2' order by 1")
    assert [r["agency_code"] for r in rows] == [A, B]
    assert national(db, "S1-T2-K2", JAN)["agencies_expected"] == 2
