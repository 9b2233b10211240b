"""How an agency's figure of a KPI is judged (sql/macros/agency_kpi_figures.sql, read by the KPI detail's agency
table and the agency scorecard). Expected figures by hand:

  S1-T1-K1  sum, not judged (a count):     A 30, B 90 → national 120 → shares A 25 %, B 75 %; no target, no rank
  S1-T1-K2  mean, judged, target 10:       A 8 → 80 % (watch), B 12 → 120 % (on track); the target is each one's
  S1-T1-K3  max, not judged (a level):     A 2, B 3 → national 3; value only (a maximum does not add up)
  S1-T1-K4  sum, not judged, B reports 0 and A nothing: national 0 → no share (not a division by zero);
            A's row is 미제출 (no_data)
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.sqlfixtures import SqlInputs, month

A, B = "1000001", "1000002"
JAN = month(2026, 1)


@pytest.fixture(scope="module")
def db() -> SqlInputs:
    db = SqlInputs(as_of=JAN)
    db.agency(A).agency(B)
    common: dict[str, Any] = {"reporters": [A, B], "targets": {2026: 10.0}}
    db.kpi("S1-T1-K1", "kpi_progress", "reported", "sum", **common)
    db.kpi("S1-T1-K2", "kpi_progress", "reported", "mean", judge_agencies=True, **common)
    db.kpi("S1-T1-K3", "kpi_progress", "reported", "max", **common)
    db.kpi("S1-T1-K4", "kpi_progress", "reported", "sum", **common)
    figures = {A: {"S1-T1-K1": 30, "S1-T1-K2": 8, "S1-T1-K3": 2}, B: {"S1-T1-K1": 90, "S1-T1-K2": 12, "S1-T1-K3": 3}}
    figures[B]["S1-T1-K4"] = 0
    for agency, values in figures.items():
        rows = [{"period": JAN, "kpi_code": k, "value": v} for k, v in values.items()]
        db.submit_records("kpi_progress", agency, JAN, rows)
    db.build()
    return db


def figures(db: SqlInputs, kpi: str) -> dict[str, dict[str, Any]]:
    rows = db.rows("select * from agency_kpi_figures(?, 'month') where kpi_code = ?", [JAN, kpi])
    return {r["agency_code"]: r for r in rows}


def test_a_count_not_judged_per_agency_is_a_share_of_the_national_figure(db: SqlInputs) -> None:
    got = figures(db, "S1-T1-K1")
    assert {a: r["basis"] for a, r in got.items()} == {A: "share", B: "share"}
    assert got[A]["national_value"] == pytest.approx(120.0)
    assert got[A]["share_of_national"] == pytest.approx(25.0)
    assert got[B]["share_of_national"] == pytest.approx(75.0)
    # the national target (10) is not the agency's: no target, achievement or status beside an agency
    assert [(r["target"], r["achievement"], r["status"]) for r in got.values()] == [(None, None, None)] * 2


def test_a_kpi_judged_per_agency_keeps_its_target_and_achievement(db: SqlInputs) -> None:
    got = figures(db, "S1-T1-K2")
    assert got[A]["basis"] == "target" and got[A]["share_of_national"] is None
    assert (got[A]["target"], got[A]["achievement"], got[A]["status"]) == (10.0, pytest.approx(80.0), "watch")
    assert (got[B]["target"], got[B]["achievement"], got[B]["status"]) == (10.0, pytest.approx(120.0), "on_track")


def test_a_level_that_does_not_add_up_is_the_value_alone(db: SqlInputs) -> None:
    got = figures(db, "S1-T1-K3")
    assert {a: (r["basis"], r["value"], r["share_of_national"], r["target"]) for a, r in got.items()} == {
        A: ("value", 2.0, None, None),
        B: ("value", 3.0, None, None),
    }


def test_a_national_zero_gives_no_share_and_a_missing_file_stays_no_data(db: SqlInputs) -> None:
    got = figures(db, "S1-T1-K4")
    assert got[B]["value"] == 0.0 and got[B]["share_of_national"] is None
    assert got[A]["value"] is None and got[A]["status"] == "no_data"


def test_the_pages_queries_rank_only_achievements(db: SqlInputs) -> None:
    from metrics.warehouse import query_text

    params = {"kpi": "S1-T1-K1", "month": JAN, "window": "month", "group": "all"}
    rows = db.con.sql(query_text("kpi_agency_values"), params=params).pl().to_dicts()
    assert [(r["agency_code"], r["group_rank"], r["share_of_national"]) for r in rows] == [
        (B, None, pytest.approx(75.0)),
        (A, None, pytest.approx(25.0)),
    ]
    params["kpi"] = "S1-T1-K2"
    rows = db.con.sql(query_text("kpi_agency_values"), params=params).pl().to_dicts()
    assert [(r["agency_code"], r["group_rank"]) for r in rows] == [(B, 1), (A, 2)]
    card = db.con.sql(query_text("agency_scorecard"), params={"agency": A, "month": JAN, "window": "month"})
    assert [(r[0], r[1]) for r in card.pl().select("kpi_code", "basis").iter_rows()] == [
        ("S1-T1-K1", "share"),
        ("S1-T1-K2", "target"),
        ("S1-T1-K3", "value"),
        ("S1-T1-K4", "share"),
    ]
