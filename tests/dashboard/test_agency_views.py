"""The KPI detail's agency table and the agency scorecard judge a count KPI as a share of the national figure,
never against the national target (sql/macros/agency_kpi_figures.sql); an agency's rank only where it has an
achievement. Shares are worked out here from the marts' values: agency value ÷ national value × 100."""

from __future__ import annotations

from dashboard.components.inert import as_shown
from metrics.display import percent, value_with_unit

MONTH = "2026-10"
COUNT_KPI = "S1-T1-K1"  # 국민 의견·제안 접수 건수: records of a cumulative count, no per-agency target


def tables(at):  # type: ignore[no-untyped-def]
    return [tb.value.map(lambda v: as_shown(v) if isinstance(v, str) else v) for tb in at.table]


def test_a_count_kpi_shows_each_agencys_share_of_the_national_figure(app, marts) -> None:
    at = app("kpi", kpi=COUNT_KPI, month=MONTH, view="month", group="all")
    (national,) = marts.execute(
        "select value from mart_kpi_national_month where kpi_code = ? and period = date '2026-10-01' "
        "and time_window = 'month'",
        [COUNT_KPI],
    ).fetchone()
    rows = marts.execute(
        "select a.name_ko, m.value from mart_kpi_agency_month m join ref_agencies a using (agency_code) "
        "where m.kpi_code = ? and m.period = date '2026-10-01' and m.time_window = 'month' and m.value is not null",
        [COUNT_KPI],
    ).fetchall()
    table = next(tb for tb in tables(at) if "전국 대비 비중" in tb.columns)
    assert "목표" not in table.columns and "구분 내 순위" not in table.columns and "달성률" not in table.columns
    shown = {r["기관"]: (r["실적"], r["전국 대비 비중"]) for _, r in table.iterrows() if r["실적"] != "—"}
    assert shown == {n: (value_with_unit(v, "건"), percent(v / national * 100)) for n, v in rows}
    assert abs(sum(v for _, v in rows) - national) < 1e-6  # the shares add up to 100 %
    assert any("전국 목표는 기관 목표가 아니므로" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 2  # the trend and the agencies' shares, not an empty axis


def test_a_kpi_judged_per_agency_keeps_target_and_rank(app) -> None:
    at = app("kpi", kpi="S1-T3-K2", month=MONTH, view="month", group="all")
    table = next(tb for tb in tables(at) if "구분 내 순위" in tb.columns)
    assert "목표" in table.columns and "전국 대비 비중" not in table.columns
    ranked = [r for r in table["구분 내 순위"] if r != "—"]
    assert ranked and "1" in ranked


def test_the_scorecard_never_puts_the_national_target_beside_an_agency(app, marts) -> None:
    at = app("agencies", month=MONTH, view="month", agency="1741000")
    card = next(tb for tb in tables(at) if "전국 대비 비중" in tb.columns)
    rows = {r["지표"].split(" ")[0]: r for _, r in card.iterrows()}
    judged = dict(marts.execute("select kpi_code, judge_agencies from ref_kpis").fetchall())
    assert rows[COUNT_KPI]["목표"] == "기관 목표 없음"
    assert all((r["목표"] == "기관 목표 없음") != judged[k] for k, r in rows.items())
    # the scorecard comes before the rankings and the heatmap
    heads = [s.value for s in at.subheader]
    assert heads[0].startswith("기관 성적표 · 행정안전부")
    assert heads.index("중앙·광역 기관 순위") > 0
    assert any(m.value.startswith("**▶ 행정안전부") for m in at.markdown)
