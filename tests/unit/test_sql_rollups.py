"""Task, strategy and overall roll-ups: weighted means, the 120 % cap on KPIs, KPIs without data left out
(and counted as such), thresholds at their exact boundary. Every expected figure is worked out by hand below.

  S1-T1  K1 = 150 % → capped 120 (weight 1), K2 = 60 % (weight 3)      → (120·1 + 60·3) / 4 = 75.0   off track
  S1-T2  K1 = 90 % (weight 1), K2 not reported (no data, left out)      → 90.0                        watch
  S1     tasks S1-T1 (weight 1), S1-T2 (weight 3)                       → (75·1 + 90·3) / 4 = 86.25   watch
  S2-T1  K1 = 100 % (↑, 100 of 100), K2 = 80 % (↓: target 4 ÷ actual 5) → (100 + 80) / 2 = 90.0       watch
  S2     one task                                                        → 90.0                        watch
  overall  strategies S1, S2 (weight 1 each)                             → (86.25 + 90) / 2 = 88.125   watch

mart_scores puts tasks and KPIs on one scale, gap = on_track − achievement in points (on_track 100 unless set):
  S1-T1 100 − 75 = 25;  S1-T1-K1 100 − 120 = −20 (the bounded achievement: 20 points above, not 50);
  S1-T1-K2 100 − 60 = 40;  S2-T1-K2 100 − 80 = 20;  S1-T2-K2 no achievement → no gap.  With on_track 110: +10 each.
"""

from __future__ import annotations

import pytest

from tests.sqlfixtures import SqlInputs, month

A = "1000001"
DEC25, JAN = month(2025, 12), month(2026, 1)


@pytest.fixture(scope="module")
def db() -> SqlInputs:
    return _inputs()


def _inputs(**settings: float) -> SqlInputs:
    db = SqlInputs(as_of=JAN)
    db.settings(**settings)
    db.agency(A)
    db.task("S1-T1", weight=1.0).task("S1-T2", weight=3.0).task("S2-T1")

    def level(code: str, target: float, weight: float = 1.0, formula: str = "ratio") -> None:
        db.kpi(
            code,
            "kpi_progress",
            "reported",
            "max",
            reporters=[A],
            targets={2026: target},
            weight=weight,
            formula=formula,
        )

    level("S1-T1-K1", 100, weight=1)
    level("S1-T1-K2", 100, weight=3)
    level("S1-T2-K1", 100)
    level("S1-T2-K2", 100)
    level("S2-T1-K1", 100)
    level("S2-T1-K2", 4, formula="inverse_ratio")
    values = {"S1-T1-K1": 150, "S1-T1-K2": 60, "S1-T2-K1": 90, "S2-T1-K1": 100, "S2-T1-K2": 5}
    rows = [{"period": JAN, "kpi_code": k, "value": v} for k, v in values.items()]
    db.submit_records("kpi_progress", A, JAN, rows)
    db.build()
    return db


def _task(db: SqlInputs, code: str, period=JAN) -> dict:
    sql = "select * from mart_task_scores where task_code = ? and period = ? and time_window = 'month'"
    return db.one(sql, [code, period])


def _strategy(db: SqlInputs, code: str) -> dict:
    sql = "select * from mart_strategy_scores where strategy_code = ? and period = ? and time_window = 'month'"
    return db.one(sql, [code, JAN])


def test_kpi_achievement_up_and_down(db: SqlInputs) -> None:
    sql = (
        "select kpi_code, achievement, achievement_raw, status from mart_kpi_national_month"
        " where period = ? and time_window = 'month'"
    )
    rows = db.rows(sql, [JAN])
    got = {r["kpi_code"]: (r["achievement"], r["status"]) for r in rows}
    raw = {r["kpi_code"]: r["achievement_raw"] for r in rows}
    # the KPI's judged achievement is bounded: 150 → 120; its plain ratio stays beside it
    assert got["S1-T1-K1"] == (120.0, "on_track") and raw["S1-T1-K1"] == pytest.approx(150.0)
    assert got["S2-T1-K2"] == (pytest.approx(80.0), "watch")  # exactly the watch threshold
    assert got["S1-T2-K2"][0] is None and got["S1-T2-K2"][1] == "no_data"


def test_task_is_the_weighted_mean_of_capped_kpis(db: SqlInputs) -> None:
    row = _task(db, "S1-T1")
    assert row["achievement"] == pytest.approx(75.0)
    assert row["status"] == "off_track"
    assert (row["children_counted"], row["children_total"]) == (2, 2)


def test_a_kpi_without_data_is_left_out_and_counted_as_missing(db: SqlInputs) -> None:
    row = _task(db, "S1-T2")
    assert row["achievement"] == pytest.approx(90.0)
    assert row["status"] == "watch"
    assert (row["children_counted"], row["children_total"]) == (1, 2)


def test_task_mixing_up_and_down_kpis(db: SqlInputs) -> None:
    assert _task(db, "S2-T1")["achievement"] == pytest.approx(90.0)


def test_strategy_is_the_weighted_mean_of_its_tasks(db: SqlInputs) -> None:
    s1 = _strategy(db, "S1")
    assert s1["achievement"] == pytest.approx(86.25)
    assert s1["status"] == "watch"
    assert (s1["children_counted"], s1["children_total"]) == (2, 2)
    assert _strategy(db, "S2")["achievement"] == pytest.approx(90.0)


def test_overall_is_the_mean_of_strategies(db: SqlInputs) -> None:
    row = db.one("select * from mart_overall_scores where period = ? and time_window = 'month'", [JAN])
    assert row["achievement"] == pytest.approx(88.125)
    assert row["status"] == "watch"


def test_the_baseline_year_has_no_target_and_no_status(db: SqlInputs) -> None:
    row = _task(db, "S1-T1", DEC25)
    assert row["achievement"] is None and row["status"] is None


def _gaps(db: SqlInputs) -> dict[tuple[str, str, str], tuple]:
    sql = "select * from mart_scores where period = ? and time_window = 'month'"
    return {(r["level"], r["agency_code"], r["code"]): (r["achievement"], r["gap"]) for r in db.rows(sql, [JAN])}


def test_scores_put_tasks_and_kpis_on_one_scale_of_points_below_target(db: SqlInputs) -> None:
    gaps = _gaps(db)
    assert gaps[("task", "ALL", "S1-T1")] == (pytest.approx(75.0), pytest.approx(25.0))
    assert gaps[("kpi", "ALL", "S1-T1-K1")] == (120.0, pytest.approx(-20.0))  # above target: negative, bounded
    assert gaps[("kpi", "ALL", "S1-T1-K2")] == (pytest.approx(60.0), pytest.approx(40.0))
    assert gaps[("kpi", "ALL", "S2-T1-K2")] == (pytest.approx(80.0), pytest.approx(20.0))
    assert gaps[("kpi", "ALL", "S1-T2-K2")] == (None, None)  # no data: no achievement, no gap
    # An agency's row of a KPI not judged per agency: its value and whether it reported, no achievement or gap.
    sql = "select * from mart_scores where agency_code = ? and code = ? and period = ? and time_window = 'month'"
    reported, missing = (db.one(sql, [A, code, JAN]) for code in ("S1-T1-K1", "S1-T2-K2"))
    assert reported["value"] == pytest.approx(150.0) and reported["gap"] is None and reported["has_data"] is True
    assert (reported["agencies_reported"], reported["agencies_expected"]) == (1, 1)
    assert missing["has_data"] is False and (missing["agencies_reported"], missing["agencies_expected"]) == (0, 1)


def test_the_gap_is_measured_from_the_on_track_threshold_in_force() -> None:
    gaps = _gaps(_inputs(on_track=110.0))
    assert gaps[("task", "ALL", "S1-T1")][1] == pytest.approx(35.0)
    assert gaps[("kpi", "ALL", "S1-T1-K1")][1] == pytest.approx(-10.0)
