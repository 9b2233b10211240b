"""The achievement macros (sql/macros/kpi_achievement, bounded_achievement, achievement_status, weighted_mean)
on literal rows, and one roll-up through the real marts and page queries in which a KPI went the wrong way
(raw −601 %) and another over-achieved (raw 150 %). Every expected figure is worked out by hand."""

from __future__ import annotations

import re

import duckdb
import pytest

from etl.sqlrun import PROJECT_ROOT, discover, run_order
from metrics.warehouse import query_text
from tests.sqlfixtures import SqlInputs, month


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    # the macros read the thresholds and the cap from ref_settings: the catalog's 100 / 80 / 120
    c.execute("create table ref_settings as select 100.0 as on_track, 80.0 as watch, 120.0 as rollup_cap")
    for m in run_order(discover(PROJECT_ROOT / "sql")):
        if m.scalar:
            c.execute(m.create_statement())
    return c


def one(con: duckdb.DuckDBPyConnection, expr: str, *params: object) -> object:
    return con.execute(f"select {expr}", list(params)).fetchone()[0]  # type: ignore[index]


@pytest.mark.parametrize(
    ("formula", "value", "target", "expected"),
    [
        ("ratio", 90.0, 100.0, 90.0),  # 90 ÷ 100 × 100
        ("ratio", -601.0, 100.0, -601.0),  # −601 ÷ 100 × 100: a reduction that went the wrong way
        ("ratio", 0.0, 100.0, 0.0),
        ("ratio", 150.0, 100.0, 150.0),  # 150 ÷ 100 × 100, above the cap
        ("ratio", 5.0, 0.0, None),  # target 0: not computable
        ("ratio", None, 100.0, None),
        ("ratio", 5.0, None, None),
        ("inverse_ratio", 5.0, 4.0, 80.0),  # 4 ÷ 5 × 100
        ("inverse_ratio", 2.0, 4.0, 200.0),  # 4 ÷ 2 × 100
        ("inverse_ratio", 0.0, 4.0, None),  # value 0: not computable
        ("inverse_ratio", -1.0, 4.0, None),  # value < 0: not computable
        ("two_minus", 80.1, 10.0, -601.0),  # (2 − 80.1 ÷ 10) × 100 = (2 − 8.01) × 100
        ("two_minus", 20.0, 10.0, 0.0),  # (2 − 2) × 100
        ("two_minus", 5.0, 10.0, 150.0),  # (2 − 0.5) × 100
        ("two_minus", 5.0, 0.0, None),
        ("two_minus", None, 10.0, None),
    ],
)
def test_raw_achievement_by_formula(
    con: duckdb.DuckDBPyConnection, formula: str, value: float | None, target: float | None, expected: float | None
) -> None:
    got = one(con, "kpi_achievement(?, cast(? as double), cast(? as double))", formula, value, target)
    assert got == (None if expected is None else pytest.approx(expected, abs=1e-9))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(-601.0, 0.0), (-0.0, 0.0), (0.0, 0.0), (55.5, 55.5), (120.0, 120.0), (150.0, 120.0), (None, None)],
)
def test_bounded_to_zero_and_the_cap(con: duckdb.DuckDBPyConnection, raw: float | None, expected: float | None) -> None:
    got = one(con, "bounded_achievement(cast(? as double))", raw)
    assert got == expected
    if got is not None:
        assert str(got) != "-0.0"  # a floor of 0 never prints as −0


@pytest.mark.parametrize(
    ("achievement", "expected"),
    [
        (79.999999999, "watch"),  # 80 − 10⁻⁹: within the tolerance of the watch threshold
        (79.9999999989, "off_track"),  # 80 − 1.1 × 10⁻⁹: beyond it
        (79.99999999999999, "watch"),  # the float artefact the tolerance exists for
        (80.0, "watch"),
        (99.96, "watch"),  # below 100, whatever it rounds to
        (100.0, "on_track"),
        (0.0, "off_track"),
        (120.0, "on_track"),
        (None, None),
    ],
)
def test_status_at_the_thresholds(con: duckdb.DuckDBPyConnection, achievement: float | None, expected: str) -> None:
    assert one(con, "achievement_status(cast(? as double))", achievement) == expected


def test_weighted_mean_skips_missing_achievements(con: duckdb.DuckDBPyConnection) -> None:
    rows = "(values (1.0, 0.0, 'a'), (3.0, 120.0, 'b'), (5.0, null, 'c')) as t(w, x, k)"
    # (1 × 0 + 3 × 120) ÷ (1 + 3) = 90; the weight 5 of the missing one is left out
    assert con.execute(f"select weighted_mean(w, x, k) from {rows}").fetchone()[0] == 90.0  # type: ignore[index]
    none = "(values (1.0, cast(null as double), 'a')) as t(w, x, k)"
    assert con.execute(f"select weighted_mean(w, x, k) from {none}").fetchone()[0] is None  # type: ignore[index]


def test_the_status_rule_the_cap_and_the_tolerance_are_written_once() -> None:
    """No other SQL file compares with a threshold, caps at rollup_cap or writes the tolerance."""
    copies = re.compile(r"on_track\s*-|watch\s*-|then\s+'on_track'|rollup_cap|1e-9", re.IGNORECASE)
    owners = {"achievement_status.sql", "bounded_achievement.sql", "status_tolerance.sql"}
    for path in sorted((PROJECT_ROOT / "sql").rglob("*.sql")):
        text = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))  # comments may name the rule
        if path.name not in owners:
            assert not copies.search(text), f"{path.name} repeats the status rule, the cap or the tolerance"


def test_the_roll_up_is_written_once_and_queries_apply_no_rule() -> None:
    """weighted_mean runs in score_rollup only; page and report queries call no rule macro (they select)."""
    rules = re.compile(
        r"\b(weighted_mean|achievement_status|score_status|score_rollup|bounded_achievement|kpi_achievement)\s*\("
    )
    for path in sorted((PROJECT_ROOT / "sql").rglob("*.sql")):
        text = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
        if path.name not in {"weighted_mean.sql", "score_rollup.sql"}:
            assert "weighted_mean(" not in text, f"{path.name} rolls up scores outside score_rollup"
        if path.parent.name == "queries":
            assert not rules.search(text), f"{path.name} applies a rule: it belongs in a mart"


# --- one roll-up through the marts and the page queries ----------------------------------------------------

A = "1000001"
JAN = month(2026, 1)
# S9-T1-K1 (two_minus, target 10, weight 1): value 80.1 → raw (2 − 8.01) × 100 = −601 % → bounded 0
# S9-T1-K2 (ratio, target 100, weight 3):    value 150  → raw 150 %                 → bounded 120
# task S9-T1 = (1 × 0 + 3 × 120) ÷ (1 + 3) = 360 ÷ 4 = 90.0 → watch
# (the old rule, capped without a floor: (1 × −601 + 3 × 120) ÷ 4 = −60.25 → off track)
TASK = 90.0


@pytest.fixture(scope="module")
def db() -> SqlInputs:
    db = SqlInputs(as_of=JAN)
    db.agency(A)
    db.task("S9-T1")
    common = {"reporters": [A], "judge_agencies": True}
    db.kpi("S9-T1-K1", "kpi_progress", "reported", "max", targets={2026: 10.0}, formula="two_minus", **common)
    db.kpi("S9-T1-K2", "kpi_progress", "reported", "max", targets={2026: 100.0}, weight=3.0, **common)
    rows = [
        {"period": JAN, "kpi_code": "S9-T1-K1", "value": 80.1},
        {"period": JAN, "kpi_code": "S9-T1-K2", "value": 150},
    ]
    db.submit_records("kpi_progress", A, JAN, rows)
    db.build()
    return db


def _query(db: SqlInputs, name: str, **params: object) -> list[dict]:
    return db.con.sql(query_text(name), params=params).pl().to_dicts()


def test_the_kpis_keep_their_raw_ratio_beside_the_bounded_one(db: SqlInputs) -> None:
    sql = "select * from mart_kpi_agency_month where agency_code = ? and period = ? and time_window = 'month'"
    got = {r["kpi_code"]: r for r in db.rows(sql, [A, JAN])}
    k1, k2 = got["S9-T1-K1"], got["S9-T1-K2"]
    assert k1["achievement_raw"] == pytest.approx(-601.0) and k1["achievement"] == 0.0
    assert k1["status"] == "off_track"
    assert k2["achievement_raw"] == pytest.approx(150.0) and k2["achievement"] == 120.0
    assert k2["status"] == "on_track"


def test_task_mart_rolls_up_the_bounded_achievements(db: SqlInputs) -> None:
    sql = "select * from mart_task_scores where task_code = 'S9-T1' and period = ? and time_window = 'month'"
    row = db.one(sql, [JAN])
    assert row["achievement"] == pytest.approx(TASK) and row["status"] == "watch"
    # one task in S9, one strategy: the strategy and the overall score are the task's 90.0
    strategy = db.one("select * from mart_strategy_scores where period = ? and time_window = 'month'", [JAN])
    overall = db.one("select * from mart_overall_scores where period = ? and time_window = 'month'", [JAN])
    assert strategy["achievement"] == pytest.approx(TASK) and overall["achievement"] == pytest.approx(TASK)


def test_agency_task_scores_and_ranking_roll_up_the_same(db: SqlInputs) -> None:
    params = {"month": JAN, "window": "month", "group": "all"}
    (task,) = _query(db, "agency_task_scores", **params)
    assert task["achievement"] == pytest.approx(TASK) and task["status"] == "watch"
    assert (task["kpis_counted"], task["kpis_judged"]) == (2, 2)
    # the hover text's source: both KPIs were bounded, with their raw ratios
    bounded = {b["kpi_code"]: (b["achievement_raw"], b["achievement"]) for b in task["bounded_kpis"]}
    assert bounded == {"S9-T1-K1": (pytest.approx(-601.0), 0.0), "S9-T1-K2": (pytest.approx(150.0), 120.0)}
    (ranked,) = _query(db, "agency_ranking", **params)
    assert ranked["score"] == pytest.approx(TASK) and ranked["status"] == "watch" and ranked["group_rank"] == 1


def test_report_scores_roll_up_the_same_for_the_agency_and_the_nation(db: SqlInputs) -> None:
    for agency in (A, None):
        rows = _query(db, "report_scores", window="month", agency=agency, **{"from": JAN, "to": JAN})
        got = {(r["level"], r["code"]): (r["achievement"], r["status"]) for r in rows}
        for key in (("task", "S9-T1"), ("strategy", "S9"), ("overall", "ALL")):
            assert got[key] == (pytest.approx(TASK), "watch"), (agency, key)
