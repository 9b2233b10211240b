"""The attention list (sql/queries/attention.sql) on a hand-made store: only watch and off-track tasks and KPIs,
largest gap to target first (gap = on_track 100 − achievement, in pp), with the two months before, the task's
owner, its latest submitted narrative line of the quarter and the committee's latest rating; one agency's own
KPIs when an agency is given. And the period comparison (sql/queries/kpi_comparison.sql) on the same store.

Agency A reports (sum, target 100 a month, thresholds 100/80):
    S1-T1-K1  Jan 70  Feb 85  Mar 90   → Mar 90 watch,       gap 10  (judged per agency)
    S1-T1-K2          Feb 60  Mar 50   → Mar 50 off track,   gap 50
    S2-T1-K1                  Mar 100  → on track (not listed)
    S2-T1-K2                  Mar 130  → 120 (bounded) on track (not listed)
Tasks: S1-T1 Mar (90+50)/2 = 70 off track, gap 30; Feb (85+60)/2 = 72.5; Jan 70 (K1 alone). S2-T1 on track.
"""

from __future__ import annotations

import datetime as dt

import pytest

from metrics.warehouse import query_text
from tests.sqlfixtures import SqlInputs, month

A = "1000001"
JAN, FEB, MAR = month(2026, 1), month(2026, 2), month(2026, 3)
K1, K2 = "S1-T1-K1", "S1-T1-K2"

ASSESSMENTS = """create table ref_task_assessments (task_code varchar, quarter varchar, rating varchar, text varchar,
    author varchar, created_at timestamp)"""


@pytest.fixture(scope="module")
def db() -> SqlInputs:
    db = SqlInputs(as_of=MAR)
    db.agency(A)
    db.kpi(K1, "kpi_progress", "reported", "sum", reporters=[A], judge_agencies=True)
    db.kpi(K2, "kpi_progress", "reported", "sum", reporters=[A])
    db.kpi("S2-T1-K1", "kpi_progress", "reported", "sum", reporters=[A])
    db.kpi("S2-T1-K2", "kpi_progress", "reported", "sum", reporters=[A])
    values = {JAN: {K1: 70}, FEB: {K1: 85, K2: 60}, MAR: {K1: 90, K2: 50, "S2-T1-K1": 100, "S2-T1-K2": 130}}
    for period, figures in values.items():
        rows = [{"period": period, "kpi_code": k, "value": v} for k, v in figures.items()]
        db.submit_records("kpi_progress", A, period, rows)
    db.con.execute("update ref_tasks set owner_code = '1741000', owner_ko = '행정안전부', owner_en = 'MOIS'")
    db.con.execute("update ref_tasks set owner_code = '1352000', owner_ko = '보건복지부' where task_code = 'S2-T1'")
    narratives = [
        # (quarter, version, state, achievements, reasons): the latest submitted of 2026-Q1 is version 2, whose
        # 부진사유 is blank, so its 추진실적 is the line; version 3 is a draft and never shown
        ("2025-Q4", 9, "reviewed", "지난 분기", "지난 분기 사유"),
        ("2026-Q1", 1, "submitted", "", "첫 제출 사유"),
        ("2026-Q1", 2, "reviewed", "=실적 2건 완료", "  "),
        ("2026-Q1", 3, "draft", "", "초안 사유"),
    ]
    for quarter, version, state, achievements, reasons in narratives:
        db.con.execute(
            "insert into ref_task_narratives (task_code, quarter, version, state, achievements, reasons) "
            "values ('S1-T1', ?, ?, ?, ?, ?)",
            [quarter, version, state, achievements, reasons],
        )
    db.con.execute(ASSESSMENTS)
    for rating, author, day in (("poor", "위원가", 1), ("fair", "위원나", 5), ("excellent", "위원다", 4)):
        db.con.execute(
            "insert into ref_task_assessments values ('S1-T1', '2026-Q1', ?, '평가', ?, ?)",
            [rating, author, dt.datetime(2026, 3, day, 9)],
        )
    db.con.execute(
        "insert into ref_task_assessments values ('S1-T1', '2025-Q4', 'very_poor', '', '위원가', ?)",
        [dt.datetime(2026, 3, 30)],
    )
    db.build()
    return db


def attention(db: SqlInputs, agency: str | None = None) -> list[dict]:
    return db.rows(query_text("attention"), {"month": MAR, "window": "month", "agency": agency})  # type: ignore[arg-type]


def test_only_watch_and_off_track_by_gap_largest_first(db: SqlInputs) -> None:
    rows = attention(db)
    assert [(r["level"], r["code"], r["status"]) for r in rows] == [
        ("kpi", K2, "off_track"),
        ("task", "S1-T1", "off_track"),
        ("kpi", K1, "watch"),
    ]
    assert [r["gap"] for r in rows] == pytest.approx([50.0, 30.0, 10.0])
    assert [r["achievement"] for r in rows] == pytest.approx([50.0, 70.0, 90.0])


def test_figures_and_the_two_months_before(db: SqlInputs) -> None:
    k2, task, k1 = attention(db)
    assert (k1["value"], k1["target"], k1["achievement_2m_ago"], k1["achievement_1m_ago"]) == pytest.approx(
        (90.0, 100.0, 70.0, 85.0)
    )
    assert (k2["achievement_2m_ago"], k2["achievement_1m_ago"]) == (None, pytest.approx(60.0))
    assert (task["value"], task["target"]) == (None, None)
    assert (task["achievement_2m_ago"], task["achievement_1m_ago"]) == pytest.approx((70.0, 72.5))
    assert k1["task_code"] == k2["task_code"] == task["task_code"] == "S1-T1"


def test_owner_narrative_line_and_latest_rating_are_the_tasks(db: SqlInputs) -> None:
    for row in attention(db):
        assert (row["owner_code"], row["owner_ko"]) == ("1741000", "행정안전부")
        assert row["narrative"] == "=실적 2건 완료"  # verbatim: the report's safe writer neutralises it
        assert row["narrative_state"] == "reviewed"
        assert row["rating"] == "fair"  # the latest of the quarter's assessments, whoever wrote it


def test_one_agency_lists_its_own_judged_kpis(db: SqlInputs) -> None:
    rows = attention(db, A)
    assert [(r["level"], r["code"], r["status"]) for r in rows] == [("kpi", K1, "watch")]
    assert rows[0]["gap"] == pytest.approx(10.0)


def test_a_month_with_nothing_lagging_is_empty(db: SqlInputs) -> None:
    rows = db.rows(query_text("attention"), {"month": JAN, "window": "month", "agency": "9999999"})  # type: ignore[arg-type]
    assert rows == []


def test_the_period_comparison_of_a_kpi(db: SqlInputs) -> None:
    # March against February and against March 2025 (no figure: the changes are null)
    params = {"month": MAR, "window": "month", "kpi": K1, "agency": None}
    (row,) = db.rows(query_text("kpi_comparison"), params)  # type: ignore[arg-type]
    assert (row["value"], row["prev_value"], row["prev_value_change"]) == pytest.approx((90.0, 85.0, 5.0))
    assert row["prev_achievement_change"] == pytest.approx(5.0)
    assert (row["prev_period"], row["year_period"]) == (FEB, month(2025, 3))
    assert (row["year_value"], row["year_value_change"], row["year_achievement_change"]) == (None, None, None)
    every = db.rows(query_text("kpi_comparison"), {**params, "kpi": None})  # type: ignore[arg-type]
    assert [r["kpi_code"] for r in every] == [K1, K2, "S2-T1-K1", "S2-T1-K2"]
    k2 = every[1]
    assert k2["prev_value_change"] == pytest.approx(-10.0)
    assert k2["prev_achievement_change"] == pytest.approx(-10.0)
