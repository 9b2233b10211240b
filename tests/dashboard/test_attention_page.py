"""The attention list on the overview, the owner on the task header, and the period comparison on the KPI detail
and agency pages, read back from Streamlit's AppTest and checked against the marts."""

from __future__ import annotations

import html
import re

from metrics.display import achievement, value_with_unit
from tests.dashboard.test_overview import LATEST, html_elements

LAGGING = (
    "select code, gap from ("
    " select t.task_code as code, s.on_track - t.achievement as gap, g.sort_order as so, r.sort_order as t_o,"
    " 1 as lvl from mart_task_scores t join ref_tasks r using (task_code)"
    " join ref_strategies g on g.strategy_code = r.strategy_code, ref_settings s"
    " where t.period = date '2026-10-01' and t.time_window = ? and t.status in ('watch', 'off_track')"
    " union all"
    " select n.kpi_code, s.on_track - n.achievement, g.sort_order, r.sort_order, 2 from mart_kpi_national_month n"
    " join ref_kpis k using (kpi_code) join ref_tasks r on r.task_code = k.task_code"
    " join ref_strategies g on g.strategy_code = r.strategy_code, ref_settings s"
    " where n.period = date '2026-10-01' and n.time_window = ? and n.status in ('watch', 'off_track'))"
    " order by gap desc, so, t_o, lvl, code"
)


def attention_rows(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [v for v in html_elements(at) if "gd-attention-row" in v]


def test_the_overview_lists_every_lagging_task_and_kpi_by_gap_before_the_cards(app, marts) -> None:
    at = app("overview", month=LATEST, view="month")
    want = [code for code, _ in marts.execute(LAGGING, ["month", "month"]).fetchall()]
    rows = attention_rows(at)
    assert len(want) > 6 and [re.search(r'data-code="([^"]+)"', r).group(1) for r in rows] == want  # type: ignore[union-attr]
    elements = html_elements(at)
    first_card = next(i for i, v in enumerate(elements) if "산정 지표" in v)
    assert elements.index(rows[-1]) < first_card  # the list comes before the task cards
    owners = dict(marts.execute("select task_code, owner_ko from ref_tasks").fetchall())
    for code, row in zip(want, rows, strict=True):
        assert owners[code[:5]] in html.unescape(row)
        assert "제출 없음" in row  # no narrative in the fixture store: said so, not left blank
    subheaders = [s.value for s in at.subheader]
    assert f"주의·미흡 과제와 지표 ({len(want)}건)" in subheaders


def test_a_kpi_row_shows_its_figure_target_and_three_months(app, marts) -> None:
    at = app("overview", month=LATEST, view="month")
    (code, value, target, unit, direction, now) = marts.execute(
        "select n.kpi_code, n.value, n.target, k.unit, k.direction, n.achievement from mart_kpi_national_month n"
        " join ref_kpis k using (kpi_code) where n.period = date '2026-10-01' and n.time_window = 'month'"
        " and n.status = 'watch' order by n.kpi_code limit 1"
    ).fetchall()[0]
    before = dict(
        marts.execute(
            "select period, achievement from mart_kpi_national_month where kpi_code = ? and time_window = 'month'"
            " and period in (date '2026-08-01', date '2026-09-01')",
            [code],
        ).fetchall()
    )
    row = html.unescape(next(r for r in attention_rows(at) if f'data-code="{code}"' in r))
    thresholds = (100.0, 80.0)
    shown = value_with_unit(value, unit, "ko", target=target, direction=direction)
    figure = f"{shown} / {value_with_unit(target, unit, 'ko')}"
    assert figure in row and achievement(now, thresholds) in row
    months = [achievement(v, thresholds).rstrip("%") for v in (*before.values(), now)]
    assert all(m in row for m in months), (months, row)


def test_a_month_without_targets_says_nothing_is_lagging(app) -> None:
    at = app("overview", month="2025-03", view="month")
    assert "주의·미흡 과제가 없습니다" in [c.value for c in at.caption]
    assert attention_rows(at) == []


def test_the_overview_list_in_english(app) -> None:
    at = app("overview", month=LATEST, lang="en")
    assert any(s.value.startswith("Tasks and KPIs on watch or off track") for s in at.subheader)
    assert any("Ministry of the Interior and Safety" in r for r in attention_rows(at))


def test_the_task_header_names_its_owner(app) -> None:
    at = app("strategies", month=LATEST, task="S2-T3")
    assert "주관 부처: 국토교통부 (1613000)" in [c.value for c in at.caption]


def test_the_kpi_detail_compares_this_month_the_month_before_and_a_year_before(app, marts) -> None:
    kpi = "S1-T1-K1"
    at = app("kpi", month=LATEST, view="month", kpi=kpi)
    figures = dict(
        marts.execute(
            "select period, value from mart_kpi_national_month where kpi_code = ? and time_window = 'month'"
            " and period in (date '2026-10-01', date '2026-09-01', date '2025-10-01')",
            [kpi],
        ).fetchall()
    )
    (unit,) = marts.execute("select unit from ref_kpis where kpi_code = ?", [kpi]).fetchone()  # type: ignore[misc]
    now, prev, year = (figures[k] for k in sorted(figures, reverse=True))
    metrics = {m.label: m for m in at.metric}
    assert metrics["이번 달 (2026. 10.)"].value == value_with_unit(now, unit)
    assert metrics["전월 (2026. 9.)"].value == value_with_unit(prev, unit)
    assert metrics["전년 같은 달 (2025. 10.)"].value == value_with_unit(year, unit)
    # the change to this month, in the KPI's unit, with its sign
    change = now - prev
    sign = "+" if change > 0 else "-"
    assert metrics["전월 (2026. 9.)"].proto.delta.startswith(sign + value_with_unit(abs(change), unit))


def test_the_agency_page_compares_the_agencys_own_figures(app) -> None:
    at = app("agencies", month=LATEST, view="month", agency="1741000")
    assert any(s.value.startswith("기간 비교: 행정안전부") for s in at.subheader)
    assert len(at.get("plotly_chart")) == 2  # the heatmap, then the comparison's grouped achievement bars
