"""The quantile macros (sql/macros/quantile_*.sql) find quantile_cont's median and p90 by counting: per day,
then per hour, then among one hour's values. Checked against hand-computed values and against DuckDB's own
quantile_cont on generated groups."""

from __future__ import annotations

import random

import duckdb
import pytest

from etl.sqlrun import PROJECT_ROOT, discover, run_order

# The steps as a caller writes them: counts per day, counts per hour of the needed days, values of the
# needed hours. `vals(g, v)` holds each group's values (days of resolution time).
STEPS = """
with
hours as (select g, cast(floor(v * 24) as bigint) as resolution_hour, v from vals),
day_counts as (select g, resolution_hour // 24 as resolution_day, count(*) as complaints from hours group by all),
totals as (select g, sum(complaints) as n from day_counts group by g),
day_ranks as (select * from quantile_days('totals', 'day_counts')),
hour_counts as (
    select h.g, h.resolution_hour, count(*) as complaints
    from hours as h
    semi join day_ranks as d on d.g = h.g and d.resolution_day = h.resolution_hour // 24
    group by all
),
hour_ranks as (select * from quantile_hours('day_ranks', 'hour_counts')),
hour_lists as (
    select h.g, h.resolution_hour, list_sort(list(h.v)) as sorted
    from hours as h
    semi join hour_ranks as r on r.g = h.g and r.resolution_hour = h.resolution_hour
    group by all
)
select g, median_days, p90_days from quantile_values('totals', 'hour_ranks', 'hour_lists') order by g
"""


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    for m in run_order(discover(PROJECT_ROOT / "sql")):
        # the quantile table macros alone: the scalar macros read ref_settings, and other table macros read marts,
        # which are not here
        if m.kind == "macro" and not m.scalar and m.name.startswith("quantile_"):
            c.execute(m.create_statement())
    c.execute("create table vals (g varchar, v double)")
    return c


def quantiles(con: duckdb.DuckDBPyConnection, groups: dict[str, list[float]]) -> dict[tuple[str, str], float]:
    con.executemany("insert into vals values (?, ?)", [(g, v) for g, vs in groups.items() for v in vs])
    rows = con.execute(STEPS).fetchall()
    return {(g, m): v for g, median, p90 in rows for m, v in (("median_days", median), ("p90_days", p90))}


def test_hand_computed_medians_and_p90s(con: duckdb.DuckDBPyConnection) -> None:
    got = quantiles(
        con,
        {
            # n = 6 over four days: median at position 2.5 (1.26 and 2.0), p90 at 4.5 (3.9 and 10.0)
            "spread": [10.0, 0.5, 2.0, 1.26, 3.9, 1.25],
            "single": [7.0],
            # both values in one hour: median halfway, p90 at position 0.9
            "one hour": [1.02, 1.01],
            # ties: median at 1.5 between two 2.0s, p90 at 2.7 between 2.0 and 5.0
            "ties": [2.0, 5.0, 2.0, 2.0],
        },
    )
    assert got[("spread", "median_days")] == pytest.approx(1.26 * 0.5 + 2.0 * 0.5, abs=1e-12)
    assert got[("spread", "p90_days")] == pytest.approx(3.9 * 0.5 + 10.0 * 0.5, abs=1e-12)
    assert got[("single", "median_days")] == 7.0
    assert got[("single", "p90_days")] == 7.0
    assert got[("one hour", "median_days")] == pytest.approx(1.015, abs=1e-12)
    assert got[("one hour", "p90_days")] == pytest.approx(1.01 * 0.1 + 1.02 * 0.9, abs=1e-12)
    assert got[("ties", "median_days")] == 2.0
    assert got[("ties", "p90_days")] == pytest.approx(2.0 * 0.3 + 5.0 * 0.7, abs=1e-12)
    assert len(got) == 8  # a median and a p90 per group, nothing else


def test_equal_to_quantile_cont_on_generated_groups(con: duckdb.DuckDBPyConnection) -> None:
    rng = random.Random(7)
    groups = {}
    for i in range(60):
        n = rng.choice([1, 2, 3, 10, 57, 400])
        # resolution times like the complaints': mostly days, some within the hour, repeated values
        groups[f"g{i}"] = [
            round(rng.expovariate(1 / rng.choice([0.02, 0.5, 4.0, 12.0])), rng.choice([2, 6])) for _ in range(n)
        ]
    got = quantiles(con, groups)
    expected = con.execute("select g, quantile_cont(v, 0.5), quantile_cont(v, 0.9) from vals group by g").fetchall()
    assert len(got) == 2 * len(expected) == 120
    for g, median, p90 in expected:
        assert got[(g, "median_days")] == pytest.approx(median, rel=1e-12, abs=1e-12), g
        assert got[(g, "p90_days")] == pytest.approx(p90, rel=1e-12, abs=1e-12), g
