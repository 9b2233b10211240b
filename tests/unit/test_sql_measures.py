"""Computed KPIs (complaints, participation, meetings, rewards) per agency and nationally, both windows.

Three agencies: A and B submit, C never does (it still counts as expected). D exists from 2026-02-01.
Every expected figure below is worked out by hand from the rows written here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.sqlfixtures import SqlInputs, month

A, B, C, D = "1000001", "1000002", "1000003", "1000004"
JAN, FEB, MAR = month(2026, 1), month(2026, 2), month(2026, 3)
JAN25, FEB25 = month(2025, 1), month(2025, 2)
MON_JAN5 = datetime(2026, 1, 5, 9)  # a Monday; 고충 (7 days) from it is due at 24:00 of Tue 1/13
MON_FEB2 = datetime(2026, 2, 2, 9)


def _complaint(
    received: datetime,
    days: float | None,
    status: str = "처리완료",
    channel: str = "온라인",
    ctype: str = "고충",
) -> dict:
    resolved = received + timedelta(days=days) if days is not None else None
    return {
        "complaint_type": ctype,
        "channel": channel,
        "received_at": received,
        "resolved_at": resolved,
        "status": status,
    }


def _meeting(held_on: date, minutes: int, attendees: int, kind: str = "정례") -> dict:
    return {"held_on": held_on, "meeting_type": kind, "duration_min": minutes, "attendees": attendees}


def _platform(platform: str, received: int, participants: int, reviewed: int, adopted: int) -> dict:
    return {
        "period": None,
        "platform": platform,
        "proposals_received": received,
        "participants": participants,
        "proposals_reviewed": reviewed,
        "proposals_adopted": adopted,
    }


def _payout(paid_on: date, kind: str, recipients: int, amount: int) -> dict:
    return {"paid_on": paid_on, "reward_type": kind, "recipients": recipients, "amount_krw": amount}


@pytest.fixture(scope="module")
def db() -> SqlInputs:
    db = SqlInputs(as_of=MAR)
    for code in (A, B, C):
        db.agency(code)
    db.agency(D, valid_from=date(2026, 2, 1))

    db.kpi(
        "S1-T3-K1",
        "complaints",
        "median_days",
        formula="inverse_ratio",
        judge_agencies=True,
        targets={2026: 4.0},
    )
    db.kpi("S1-T3-K2", "complaints", "on_time_rate", judge_agencies=True, targets={2026: 99.5})
    db.kpi(
        "S1-T3-K3",
        "complaints",
        "p90_days",
        formula="inverse_ratio",
        judge_agencies=True,
        targets={2026: 9.0},
    )
    db.kpi(
        "S2-T1-K1",
        "complaints",
        "complaint_count",
        cumulative=True,
        targets={2026: 180000},
        filters={"channel": ["찾아가는민원"]},
    )
    db.kpi(
        "S2-T1-K3",
        "complaints",
        "complaint_count",
        filters={"channel": ["찾아가는민원"], "status": ["처리완료"]},
    )
    db.kpi("S2-T1-K4", "complaints", "complaint_count", filters={"complaint_type": ["고충", "건의"]})
    db.kpi("S2-T1-K5", "complaints", "complaint_count", filters={"platform": ["오프라인"]})
    db.kpi("S1-T1-K1", "participation", "proposals_received", cumulative=True, targets={2026: 1300000})
    db.kpi("S1-T1-K2", "participation", "adoption_rate", judge_agencies=True, targets={2026: 10.0})
    db.kpi("S1-T1-K3", "participation", "participants", cumulative=True, targets={2026: 1000000})
    db.kpi("S1-T1-K4", "participation", "proposals_received", filters={"platform": ["오프라인"]})
    db.kpi("S3-T2-K1", "meetings", "person_hours_reduction", judge_agencies=True, targets={2026: 30.0})
    db.kpi(
        "S3-T2-K2",
        "meetings",
        "mean_duration_min",
        formula="inverse_ratio",
        judge_agencies=True,
        targets={2026: 30.0},
    )
    db.kpi(
        "S3-T2-K4",
        "meetings",
        "mean_duration_min",
        formula="inverse_ratio",
        judge_agencies=True,
        targets={2026: 30.0},
        filters={"meeting_type": ["정례"]},
    )
    db.kpi(
        "S3-T3-K1",
        "rewards",
        "amount_krw",
        cumulative=True,
        targets={2026: 4e9},
        filters={"reward_type": ["특별성과"]},
    )
    db.kpi("S3-T3-K2", "rewards", "recipients", cumulative=True, targets={2026: 1500})
    db.kpi(
        "S3-T3-K3",
        "rewards",
        "amount_krw",
        cumulative=True,
        targets={2026: 2e9},
        filters={"reward_type": ["재난대응", "민원대응"]},
    )

    # complaints ------------------------------------------------------------------------------
    db.submit_records(
        "complaints",
        A,
        JAN,
        [
            _complaint(MON_JAN5, 1, channel="찾아가는민원"),  # 1 day, on time, outreach
            _complaint(MON_JAN5, 2),  # 2, on time
            _complaint(MON_JAN5, 3, ctype="건의"),  # 3, on time
            _complaint(MON_JAN5, 4, channel="방문", ctype="질의"),  # 4, on time
            _complaint(MON_JAN5, 10),  # 10 (Thu 1/15): late
            _complaint(MON_JAN5, None, status="처리중", channel="찾아가는민원"),
            _complaint(MON_JAN5, 1 / 24, status="이송", channel="전화", ctype="기타"),
        ],
    )
    db.submit_records(
        "complaints",
        B,
        JAN,
        [
            _complaint(MON_JAN5, 2, channel="찾아가는민원"),  # on time
            _complaint(MON_JAN5, 6),  # on time (Sun 1/11)
            _complaint(MON_JAN5, 9),  # Wed 1/14 09:00: late
        ],
    )
    db.submit_records(
        "complaints",
        A,
        FEB,
        [
            _complaint(MON_FEB2, 0.5),  # 12 hours, on time
            _complaint(MON_FEB2, 2.5),  # 60 hours, on time
        ],
    )

    # participation ---------------------------------------------------------------------------
    def part(agency: str, period: date, rows: list[dict]) -> None:
        db.submit_records("participation", agency, period, [{**r, "period": period} for r in rows])

    part(A, JAN, [_platform("국민참여플랫폼", 100, 80, 50, 5), _platform("오프라인", 20, 20, 10, 3)])
    part(B, JAN, [_platform("국민참여플랫폼", 30, 25, 0, 0)])
    part(A, FEB, [_platform("국민참여플랫폼", 40, 35, 20, 1)])

    # meetings: person-minutes in brackets ----------------------------------------------------
    db.submit_records(
        "meetings",
        A,
        JAN25,
        [
            _meeting(date(2025, 1, 8), 60, 10),  # [600]
            _meeting(date(2025, 1, 9), 30, 4, "수시"),
        ],
    )  # [120]
    db.submit_records("meetings", A, JAN, [_meeting(date(2026, 1, 7), 30, 10)])  # [300]
    db.submit_records("meetings", A, FEB25, [_meeting(date(2025, 2, 5), 60, 6)])  # [360]
    db.submit_records("meetings", A, FEB, [_meeting(date(2026, 2, 4), 45, 8, "수시")])  # [360]
    db.submit_records("meetings", B, JAN25, [_meeting(date(2025, 1, 15), 120, 5)])  # [600]
    db.submit_records("meetings", B, FEB, [_meeting(date(2026, 2, 11), 60, 5)])  # [300], no 2025-02

    # rewards ---------------------------------------------------------------------------------
    db.submit_records(
        "rewards",
        A,
        JAN,
        [
            _payout(date(2026, 1, 20), "특별성과", 3, 9_000_000),
            _payout(date(2026, 1, 20), "재난대응", 2, 1_000_000),
            _payout(date(2026, 1, 21), "민원대응", 1, 500_000),
            _payout(date(2026, 1, 22), "제안", 1, 100_000),
        ],
    )
    db.submit("rewards", B, JAN)  # a header-only file: "no payouts this month"
    db.submit_records("rewards", A, FEB, [_payout(date(2026, 2, 3), "특별성과", 1, 2_000_000)])
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


# complaints --------------------------------------------------------------------------------------


def test_median_p90_on_time_of_one_agency_month(db: SqlInputs) -> None:
    # A, January: resolved in 1, 2, 3, 4, 10 days (처리중 and 이송 rows do not count)
    median, p90, rate = (agency(db, k, A, JAN) for k in ("S1-T3-K1", "S1-T3-K3", "S1-T3-K2"))
    assert median["value"] == pytest.approx(3.0)
    assert p90["value"] == pytest.approx(4 + 0.6 * (10 - 4))  # position 0.9 × 4 = 3.6
    assert rate["value"] == pytest.approx(4 / 5 * 100)
    assert (rate["numerator"], rate["denominator"]) == (4, 5)
    assert median["records_used"] == 5
    assert median["has_data"] is True and median["data_period"] == JAN


def test_median_p90_on_time_nationally(db: SqlInputs) -> None:
    # A's 1, 2, 3, 4, 10 and B's 2, 6, 9 → 1, 2, 2, 3, 4, 6, 9, 10
    median, p90, rate = (national(db, k, JAN) for k in ("S1-T3-K1", "S1-T3-K3", "S1-T3-K2"))
    assert median["value"] == pytest.approx((3 + 4) / 2)
    assert p90["value"] == pytest.approx(9 + 0.3 * (10 - 9))  # position 0.9 × 7 = 6.3
    assert rate["value"] == pytest.approx(6 / 8 * 100)
    assert (median["agencies_reported"], median["agencies_expected"]) == (2, 3)  # D does not exist yet


def test_ytd_quantiles_are_over_all_records_not_an_average_of_months(db: SqlInputs) -> None:
    # A, Jan–Feb: 0.5, 1, 2, 2.5, 3, 4, 10
    assert agency(db, "S1-T3-K1", A, FEB, "ytd")["value"] == pytest.approx(2.5)
    assert agency(db, "S1-T3-K3", A, FEB, "ytd")["value"] == pytest.approx(4 + 0.4 * (10 - 4))  # pos 5.4
    assert agency(db, "S1-T3-K2", A, FEB, "ytd")["value"] == pytest.approx(6 / 7 * 100)
    # A, February alone: 0.5, 2.5
    assert agency(db, "S1-T3-K1", A, FEB)["value"] == pytest.approx(1.5)
    assert agency(db, "S1-T3-K3", A, FEB)["value"] == pytest.approx(0.5 + 0.9 * 2)
    # nation, Jan–Feb: 0.5, 1, 2, 2, 2.5, 3, 4, 6, 9, 10
    assert national(db, "S1-T3-K1", FEB, "ytd")["value"] == pytest.approx((2.5 + 3) / 2)
    assert national(db, "S1-T3-K3", FEB, "ytd")["value"] == pytest.approx(9 + 0.1 * (10 - 9))  # pos 8.1
    assert national(db, "S1-T3-K2", FEB, "ytd")["value"] == pytest.approx(8 / 10 * 100)


def test_agency_achievement_and_status_for_judged_kpis(db: SqlInputs) -> None:
    a, b = agency(db, "S1-T3-K1", A, JAN), agency(db, "S1-T3-K1", B, JAN)
    assert a["target"] == 4.0
    # raw 4 ÷ 3 × 100 = 133.3 %, judged at the cap 120
    assert a["achievement_raw"] == pytest.approx(4 / 3 * 100)
    assert a["achievement"] == 120.0 and a["status"] == "on_track"
    assert b["value"] == pytest.approx(6.0)
    assert b["achievement"] == pytest.approx(4 / 6 * 100) and b["status"] == "off_track"
    rate = agency(db, "S1-T3-K2", A, JAN)
    assert rate["achievement"] == pytest.approx(80 / 99.5 * 100) and rate["status"] == "watch"


def test_an_agency_that_did_not_submit_is_no_data(db: SqlInputs) -> None:
    c = agency(db, "S1-T3-K1", C, JAN)
    assert c["value"] is None and c["has_data"] is False and c["status"] == "no_data"
    assert c["achievement"] is None and c["data_period"] is None
    # B submitted January only: its February year to date is 미제출 with no figure (not January's 6.0,
    # which would be a month's figure under a two-month window); data_period still says what came
    b = agency(db, "S1-T3-K1", B, FEB, "ytd")
    assert b["value"] is None and b["achievement"] is None and b["data_period"] == JAN
    assert b["has_data"] is False and b["status"] == "no_data"


def test_nobody_reporting_makes_the_national_month_no_data(db: SqlInputs) -> None:
    m = national(db, "S1-T3-K1", MAR)
    assert m["value"] is None and m["status"] == "no_data" and m["agencies_reported"] == 0
    assert m["agencies_expected"] == 4  # A, B, C and D
    # nobody submitted March, so no agency's Jan–Mar is whole: the year to date is 미제출 with no figure
    # (it was the Jan–Feb median, (2.5 + 3) / 2, judged as if it were the quarter's)
    ytd = national(db, "S1-T3-K1", MAR, "ytd")
    assert ytd["value"] is None and ytd["achievement"] is None and ytd["status"] == "no_data"
    assert ytd["agencies_reported"] == 0


def test_outreach_count_filter_zero_and_cumulative_target(db: SqlInputs) -> None:
    assert agency(db, "S2-T1-K1", A, JAN)["value"] == 2  # the 처리완료 and the 처리중 outreach rows
    assert agency(db, "S2-T1-K1", B, JAN)["value"] == 1
    assert agency(db, "S2-T1-K1", A, FEB)["value"] == 0  # submitted, no outreach: 0, not missing
    n = national(db, "S2-T1-K1", JAN)
    assert n["value"] == 3
    assert n["target"] == pytest.approx(180000 * (1 / 12 - 0))
    assert n["achievement"] == pytest.approx(3 / (180000 * (1 / 12)) * 100)
    assert n["status"] == "off_track"
    ytd = national(db, "S2-T1-K1", FEB, "ytd")
    assert ytd["value"] == 3 and ytd["target"] == pytest.approx(180000 * 2 / 12)
    # not judged per agency: no achievement or status for an agency that has data
    a = agency(db, "S2-T1-K1", A, JAN)
    assert a["achievement"] is None and a["status"] is None and a["target"] == pytest.approx(180000 / 12)


def test_filters_on_two_columns_on_two_values_and_on_an_unknown_column(db: SqlInputs) -> None:
    assert agency(db, "S2-T1-K3", A, JAN)["value"] == 1  # outreach AND 처리완료
    assert agency(db, "S2-T1-K4", A, JAN)["value"] == 5  # 고충 or 건의: 4 고충 + 1 건의 (not 질의, 기타)
    assert agency(db, "S2-T1-K5", A, JAN)["value"] == 0  # a column complaints lack keeps nothing
    assert national(db, "S2-T1-K4", JAN)["value"] == 5 + 3


# participation -----------------------------------------------------------------------------------


def test_participation_sums_and_adoption_rate(db: SqlInputs) -> None:
    assert agency(db, "S1-T1-K1", A, JAN)["value"] == 100 + 20
    assert agency(db, "S1-T1-K3", A, JAN)["value"] == 80 + 20
    assert national(db, "S1-T1-K1", JAN)["value"] == 100 + 20 + 30
    assert national(db, "S1-T1-K3", JAN)["value"] == 80 + 20 + 25
    assert national(db, "S1-T1-K1", FEB, "ytd")["value"] == 100 + 20 + 30 + 40
    assert agency(db, "S1-T1-K1", A, FEB, "ytd")["value"] == 100 + 20 + 40
    a = agency(db, "S1-T1-K2", A, JAN)
    assert a["value"] == pytest.approx((5 + 3) / (50 + 10) * 100)
    assert (a["numerator"], a["denominator"]) == (8, 60)
    # raw (8 ÷ 60 × 100) ÷ 10 × 100 = 133.3 %, judged at the cap 120
    assert a["achievement_raw"] == pytest.approx((8 / 60 * 100) / 10 * 100)
    assert a["achievement"] == 120.0 and a["status"] == "on_track"
    assert national(db, "S1-T1-K2", JAN)["value"] == pytest.approx(8 / 60 * 100)  # B reviewed 0
    assert agency(db, "S1-T1-K2", A, FEB, "ytd")["value"] == pytest.approx((8 + 1) / (60 + 20) * 100)
    assert national(db, "S1-T1-K2", FEB, "ytd")["value"] == pytest.approx(9 / 80 * 100)


def test_adoption_rate_with_nothing_reviewed_is_null_and_na(db: SqlInputs) -> None:
    b = agency(db, "S1-T1-K2", B, JAN)
    assert b["value"] is None and b["has_data"] is True and b["status"] == "na"


def test_participation_platform_filter(db: SqlInputs) -> None:
    assert agency(db, "S1-T1-K4", A, JAN)["value"] == 20
    assert agency(db, "S1-T1-K4", B, JAN)["value"] == 0
    assert national(db, "S1-T1-K4", JAN)["value"] == 20


def test_cumulative_national_achievement_against_the_pro_rated_target(db: SqlInputs) -> None:
    n = national(db, "S1-T1-K1", FEB, "ytd")
    assert n["target_annual"] == 1300000
    assert n["target"] == pytest.approx(1300000 * (2 / 12))
    assert n["achievement"] == pytest.approx(190 / (1300000 * 2 / 12) * 100)
    m = national(db, "S1-T1-K1", FEB)
    assert m["target"] == pytest.approx(1300000 * (2 / 12 - 1 / 12))
    assert m["value"] == 40


# meetings ----------------------------------------------------------------------------------------


def test_meeting_reduction_per_agency(db: SqlInputs) -> None:
    # A: Jan 2025 600 + 120 = 720 person-minutes, Jan 2026 300; Feb 360 both years
    jan = agency(db, "S3-T2-K1", A, JAN)
    assert jan["value"] == pytest.approx((1 - 300 / 720) * 100)
    assert (jan["numerator"], jan["denominator"]) == (pytest.approx(5.0), pytest.approx(12.0))  # person-hours
    # raw 58.33 ÷ 30 × 100 = 194.4 %, judged at the cap 120
    assert jan["achievement_raw"] == pytest.approx((1 - 300 / 720) * 100 / 30 * 100)
    assert jan["achievement"] == 120.0
    assert agency(db, "S3-T2-K1", A, FEB)["value"] == pytest.approx(0.0)
    assert agency(db, "S3-T2-K1", A, FEB, "ytd")["value"] == pytest.approx((1 - (300 + 360) / (720 + 360)) * 100)


def test_meeting_reduction_nationally_uses_matched_pairs_only(db: SqlInputs) -> None:
    # B met in Jan 2025 (600) but sent nothing for Jan 2026: not a 100 % reduction, and not in the sum
    jan = national(db, "S3-T2-K1", JAN)
    assert jan["value"] == pytest.approx((1 - 300 / 720) * 100)
    assert jan["value"] != pytest.approx((1 - 300 / (720 + 600)) * 100)
    # B's Feb 2026 has no Feb 2025 to compare with: only A's pair (360 vs 360) counts
    assert national(db, "S3-T2-K1", FEB)["value"] == pytest.approx(0.0)
    assert national(db, "S3-T2-K1", FEB, "ytd")["value"] == pytest.approx((1 - 660 / 1080) * 100)
    b = agency(db, "S3-T2-K1", B, FEB)
    assert b["value"] is None and b["has_data"] is True and b["status"] == "na"
    assert agency(db, "S3-T2-K1", B, JAN)["status"] == "no_data"


def test_meeting_reduction_in_the_baseline_year_is_zero_without_a_target(db: SqlInputs) -> None:
    base = national(db, "S3-T2-K1", JAN25)
    assert base["value"] == pytest.approx(0.0)
    assert base["target"] is None and base["achievement"] is None and base["status"] is None


def test_mean_meeting_length(db: SqlInputs) -> None:
    assert agency(db, "S3-T2-K2", A, JAN)["value"] == pytest.approx(30.0)
    assert agency(db, "S3-T2-K2", A, JAN25)["value"] == pytest.approx((60 + 30) / 2)
    assert agency(db, "S3-T2-K2", A, FEB, "ytd")["value"] == pytest.approx((30 + 45) / 2)
    n = national(db, "S3-T2-K2", FEB)
    assert n["value"] == pytest.approx((45 + 60) / 2)
    assert n["achievement"] == pytest.approx(30 / 52.5 * 100) and n["status"] == "off_track"
    # only 정례 meetings: A held none in February (value null → na), B's 60
    assert agency(db, "S3-T2-K4", A, FEB)["status"] == "na"
    assert national(db, "S3-T2-K4", FEB)["value"] == pytest.approx(60.0)


# rewards -----------------------------------------------------------------------------------------


def test_reward_amounts_and_recipients(db: SqlInputs) -> None:
    assert agency(db, "S3-T3-K1", A, JAN)["value"] == 9_000_000
    assert agency(db, "S3-T3-K3", A, JAN)["value"] == 1_000_000 + 500_000
    assert agency(db, "S3-T3-K2", A, JAN)["value"] == 3 + 2 + 1 + 1
    assert agency(db, "S3-T3-K1", A, FEB, "ytd")["value"] == 9_000_000 + 2_000_000
    assert national(db, "S3-T3-K2", FEB, "ytd")["value"] == 7 + 1
    assert national(db, "S3-T3-K1", JAN)["records_used"] == 1


def test_a_header_only_rewards_file_means_zero_not_missing(db: SqlInputs) -> None:
    b = agency(db, "S3-T3-K1", B, JAN)
    assert b["value"] == 0 and b["has_data"] is True and b["records_used"] == 0
    n = national(db, "S3-T3-K1", JAN)
    assert n["value"] == 9_000_000 and n["agencies_reported"] == 2


# who is expected ---------------------------------------------------------------------------------


def test_an_agency_is_expected_only_in_months_it_exists(db: SqlInputs) -> None:
    rows = db.rows("select distinct period from mart_kpi_agency_month where agency_code = ? order by period", [D])
    assert [r["period"] for r in rows] == [FEB, MAR]
