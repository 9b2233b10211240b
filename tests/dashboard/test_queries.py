"""The query API reproduces the marts: record breakdowns total to the KPI values of the national mart for
every month and window of the fixture store, and the scores read back as the marts hold them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from metrics.queries import WINDOWS, Queries, change, dimension
from metrics.settings import Settings
from metrics.warehouse import Warehouse


@pytest.fixture(scope="module")
def q(fixture_store: Settings) -> Iterator[Queries]:
    wh = Warehouse(fixture_store.snapshot_dir)
    yield Queries(wh.query)
    wh.close()


def national(marts, month: date, window: str) -> dict[str, float | None]:  # type: ignore[no-untyped-def]
    return dict(
        marts.execute(
            "select kpi_code, value from mart_kpi_national_month where period = ? and time_window = ?",
            [month, window],
        ).fetchall()
    )


# the first month, the baseline year's middle and end, a year's first month, the month before and of the
# 광주·전남 merger, the latest month
MONTHS = [
    date(2025, 1, 1),
    date(2025, 6, 1),
    date(2025, 12, 1),
    date(2026, 1, 1),
    date(2026, 6, 1),
    date(2026, 7, 1),
    date(2026, 10, 1),
]


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == pytest.approx(b, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("window", WINDOWS)
def test_record_breakdowns_total_to_the_national_kpis(q: Queries, marts, window: str) -> None:
    for month in MONTHS:
        kpi = national(marts, month, window)
        complaints = q.complaint_breakdown(month, window)
        c = dimension(complaints, "total").row(0, named=True)
        assert close(c["median_days"], kpi["S1-T3-K1"]), month
        assert close(c["on_time_rate"], kpi["S1-T3-K2"]), month
        assert close(c["p90_days"], kpi["S1-T3-K3"]), month
        outreach = dimension(complaints, "channel").filter(key="찾아가는민원")
        assert close(float(outreach["received"].sum()), kpi["S2-T1-K1"]), month
        p = dimension(q.participation_breakdown(month, window), "total").row(0, named=True)
        assert close(float(p["proposals_received"]), kpi["S1-T1-K1"]), month
        assert close(p["adoption_rate"], kpi["S1-T1-K2"]), month
        assert close(float(p["participants"]), kpi["S1-T1-K3"]), month
        m = dimension(q.meeting_breakdown(month, window), "total").row(0, named=True)
        assert close(m["reduction"], kpi["S3-T2-K1"]), month
        assert close(m["mean_duration_min"], kpi["S3-T2-K2"]), month
        r = dimension(q.reward_breakdown(month, window), "type")
        amount = dict(zip(r["key"], r["amount_krw"], strict=True))
        assert close(float(amount.get("특별성과", 0)), kpi["S3-T3-K1"]), month
        assert close(float(r["recipients"].sum()), kpi["S3-T3-K2"]), month
        assert close(float(amount.get("재난대응", 0) + amount.get("민원대응", 0)), kpi["S3-T3-K3"]), month


def test_breakdown_parts_add_up_to_their_total(q: Queries) -> None:
    frame = q.complaint_breakdown(date(2026, 10, 1), "ytd")
    total = dimension(frame, "total")["received"].item()
    for part in ("agency", "type", "channel"):
        assert dimension(frame, part)["received"].sum() == total, part
    distribution = q.complaint_distribution(date(2026, 10, 1), "ytd")
    assert distribution["complaints"].sum() == dimension(frame, "total")["resolved"].item()


# The complaint breakdown's quantiles and counts computed the plain way: every value of the window unnested and
# handed to DuckDB's quantile_cont, the distribution by floor(days). The page's queries count instead.
WINDOW_RECORDS = """
with
agencies as (
    select agency_code from ref_agencies
    where ($group = 'all' or agency_group = $group) and ($agency = 'all' or agency_code = $agency)
),
records as (
    select c.*
    from int_complaint_cells as c
    semi join int_agency_months as am on am.agency_code = c.agency_code and am.period = c.period
    semi join int_period_windows as w on w.member_period = c.period and w.period = $month and w.time_window = $window
    semi join agencies as a on a.agency_code = c.agency_code
)
"""
PLAIN_DISTRIBUTION = (
    WINDOW_RECORDS
    + """
select least(floor(v), 30), count(*) from records, unnest(resolution_days) as u(v) group by 1 order by 1
"""
)
PLAIN_BREAKDOWN = (
    WINDOW_RECORDS.rstrip()
    + """,
keyed as (
    select d.dimension,
        case d.dimension when 'agency' then agency_code when 'type' then complaint_type
            when 'channel' then channel else '' end as key,
        r.*
    from records as r
    cross join (values ('total'), ('agency'), ('type'), ('channel')) as d(dimension)
),
counts as (
    select dimension, key, sum(complaints) as received, sum(complaints) filter (where status = '처리완료') as resolved
    from keyed group by all
),
values_ as (
    select dimension, key, quantile_cont(v, 0.5) as median_days, quantile_cont(v, 0.9) as p90_days
    from keyed, unnest(resolution_days) as u(v) group by all
)
select c.dimension, c.key, c.received, coalesce(c.resolved, 0), v.median_days, v.p90_days
from counts as c left join values_ as v using (dimension, key)
"""
)


@pytest.mark.parametrize("window", WINDOWS)
def test_complaint_breakdown_equals_quantile_cont_over_every_value(q: Queries, marts, window: str) -> None:
    for month in (date(2025, 3, 1), date(2026, 7, 1), date(2026, 10, 1)):
        for group, agency in (("all", "all"), ("local", "all"), ("all", "1741000")):
            params = {"month": month, "window": window, "group": group, "agency": agency}
            plain = {(d, k): rest for d, k, *rest in marts.execute(PLAIN_BREAKDOWN, params).fetchall()}
            shown = q.complaint_breakdown(month, window, group, None if agency == "all" else agency)
            assert shown.height == len(plain) > 0, params
            for row in shown.iter_rows(named=True):
                received, resolved, median, p90 = plain[(row["dimension"], row["key"])]
                assert (row["received"], row["resolved"]) == (received, resolved), (params, row)
                assert close(row["median_days"], median) and close(row["p90_days"], p90), (params, row)
            days = marts.execute(PLAIN_DISTRIBUTION, params).fetchall()
            distribution = q.complaint_distribution(month, window, group, None if agency == "all" else agency)
            assert [(float(d), n) for d, n in days] == [(float(d), n) for d, n in distribution.iter_rows()], params


def test_a_group_or_an_agency_narrows_every_breakdown(q: Queries, marts) -> None:
    month = date(2026, 10, 1)
    central = {
        r[0] for r in marts.execute("select agency_code from ref_agencies where agency_group = 'central'").fetchall()
    }
    shown = set(dimension(q.complaint_breakdown(month, "month", "central"), "agency")["key"])
    assert shown and shown <= central
    one = q.reward_breakdown(month, "ytd", agency="1741000")
    assert set(dimension(one, "agency")["key"]) <= {"1741000"}


def test_scores_and_change_since_last_month_read_back_as_the_marts_hold_them(q: Queries, marts) -> None:
    rows = dict(
        marts.execute(
            "select period, achievement from mart_overall_scores where time_window = 'ytd' "
            "and period in (date '2026-09-01', date '2026-10-01')"
        ).fetchall()
    )
    overall = q.overall_scores(date(2026, 10, 1), "ytd")
    assert overall is not None
    assert overall["achievement"] == rows[date(2026, 10, 1)]
    assert change(overall["achievement"], overall["prev_achievement"]) == pytest.approx(  # type: ignore[arg-type]
        rows[date(2026, 10, 1)] - rows[date(2026, 9, 1)]
    )
    tasks = q.task_scores(date(2026, 10, 1), "month")
    assert tasks.height == 12 and tasks["task_code"].n_unique() == 12
    assert q.strategy_scores(date(2026, 10, 1), "month").height == 4
    trends = q.task_trends(date(2026, 10, 1), "month")
    assert set(trends) == set(tasks["task_code"]) and all(len(v) == 12 for v in trends.values())


def test_agencies_follow_the_merger(q: Queries) -> None:
    before = set(q.agencies(date(2026, 6, 1), "local")["agency_code"])
    after = set(q.agencies(date(2026, 7, 1), "local")["agency_code"])
    assert {"6290000", "6460000"} <= before and "6560000" not in before
    assert "6560000" in after and not ({"6290000", "6460000"} & after)


def test_the_submissions_behind_a_ytd_figure_cover_every_expected_agency_month(q: Queries, marts) -> None:
    subs = q.kpi_submissions("S1-T3-K1", date(2026, 3, 1), "ytd")
    (expected,) = marts.execute(
        "select count(*) from int_kpi_expected where kpi_code = 'S1-T3-K1' "
        "and period between date '2026-01-01' and date '2026-03-01'"
    ).fetchall()[0]
    assert subs.height == expected
    assert set(subs["period"]) == {date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)}


def test_the_submissions_behind_a_quarter_figure_cover_the_quarters_agency_months(q: Queries, marts) -> None:
    subs = q.kpi_submissions("S1-T3-K1", date(2026, 8, 1), "quarter")
    (expected,) = marts.execute(
        "select count(*) from int_kpi_expected where kpi_code = 'S1-T3-K1' "
        "and period between date '2026-07-01' and date '2026-08-01'"
    ).fetchall()[0]
    assert subs.height == expected
    assert set(subs["period"]) == {date(2026, 7, 1), date(2026, 8, 1)}
