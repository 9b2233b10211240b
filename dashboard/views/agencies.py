"""기관별 / Agencies: rankings within 중앙 and 광역, an agency × task heatmap, and one agency's own scorecard.
Agency scores use the KPIs judged per agency and the national roll-up rule (weighted means of achievements
bounded to [0, 120 %]); where a KPI's raw ratio was bounded, the scorecard and the heatmap's hover show it."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components.charts import heatmap
from dashboard.components.comparison import comparison_chart, comparison_table
from dashboard.components.disputes import mark, marks
from dashboard.components.filters import sidebar_filters
from dashboard.components.page import open_page
from dashboard.components.tables import paginated_table
from dashboard.i18n import t
from metrics.display import (
    STATUS_ICON,
    achievement,
    achievement_text,
    month_label,
    number,
    raw_achievement,
    status_label,
    toward_boundary,
    value_with_unit,
)

lang, q = open_page("nav.agencies")
f = sidebar_filters(q, lang, agencies=True)
name = f"name_{lang}"
thresholds = q.thresholds()
st.caption(t("agencies.rule", lang))

ranking = q.agency_ranking(f.month, f.window, f.group)
st.subheader(t("agencies.ranking", lang))
groups = [g for g in ("central", "local") if f.group in ("all", g)]
for col, group in zip(st.columns(len(groups)), groups, strict=True):
    rows = ranking.filter(pl.col("agency_group") == group)
    with col, st.container(key=f"ranking-{group}"):
        st.markdown(f"**{t(f'filters.group_{group}', lang)}**")
        paginated_table(
            {
                t("kpi.rank", lang): [number(r) for r in rows["group_rank"]],
                t("kpi.agency", lang): rows[name].to_list(),
                t("agencies.score", lang): [achievement(v, thresholds) for v in rows["score"]],
                t("columns.status", lang): [status_label(s, lang) for s in rows["status"]],
                t("agencies.kpis", lang): [
                    f"{c}/{j}" for c, j in zip(rows["kpis_counted"], rows["kpis_judged"], strict=True)
                ],
            },
            key=f"ranking-{group}",
            lang=lang,
        )

scores = q.agency_task_scores(f.month, f.window, f.group)
st.subheader(t("agencies.heatmap", lang))
if scores.is_empty():
    st.caption(t("kpi.no_agencies", lang))
else:
    tasks = sorted(scores["task_code"].unique().to_list())
    agencies = scores.select("agency_code", name).unique(maintain_order=True)
    columns = ("agency_code", "task_code", "achievement", "status", "bounded_kpis")
    cells = {(a, tk): (v, s, b) for a, tk, v, s, b in scores.select(*columns).iter_rows()}

    def label(value: float | None, status: str | None) -> str:
        # whole percents, rounded so that a cell never reads 100 for a task below it
        shown = None if value is None else toward_boundary(value, thresholds, 0)
        return "—" if shown is None else f"{STATUS_ICON.get(status or '', '')} {shown:,.0f}"

    def bounded(kpis: list[dict] | None) -> str:
        """The task's KPIs whose raw ratio was bounded: 'S3-T2-K1 -601.1% (하한 적용)'."""
        notes = (raw_achievement(k["achievement"], k["achievement_raw"], lang) for k in kpis or [])
        return "<br>".join(f"{k['kpi_code']} {n}" for k, n in zip(kpis or [], notes, strict=True) if n)

    pairs = [[cells.get((a, tk), (None, None, None)) for tk in tasks] for a in agencies["agency_code"]]
    grid = [[v for v, _, _ in row] for row in pairs]
    st.plotly_chart(
        heatmap(
            agencies[name].to_list(),
            tasks,
            grid,
            [[label(v, s) for v, s, _ in row] for row in pairs],
            title=t("agencies.heatmap_title", lang, month=month_label(f.month, lang)),
            x_title=t("columns.task", lang),
            y_title=t("kpi.agency", lang),
            scale_title=t("overview.achievement_axis", lang),
            hover=[[bounded(b) for _, _, b in row] for row in pairs],
        ),
        key="agency-heatmap",
    )

st.subheader(t("agencies.scorecard", lang))
if f.agency is None:
    st.info(t("agencies.pick_agency", lang))
else:
    card = q.agency_scorecard(f.agency, f.month, f.window)
    disputed = {k for k, a in marks(f.month) if a == f.agency}  # 이의 제기 중, from the ledger
    with st.container(key="scorecard"):
        paginated_table(
            {
                t("strategies.kpi", lang): [f"{c} {n}" for c, n in zip(card["kpi_code"], card[name], strict=True)],
                t("strategies.actual", lang): [
                    value_with_unit(v, u, lang, target=g, direction=d) if j else value_with_unit(v, u, lang)
                    for v, u, g, d, j in zip(
                        card["value"],
                        card["unit"],
                        card["target"],
                        card["direction"],
                        card["judge_agencies"],
                        strict=True,
                    )
                ],
                t("strategies.target", lang): [
                    value_with_unit(v, u, lang) for v, u in zip(card["target"], card["unit"], strict=True)
                ],
                t("columns.achievement", lang): [
                    achievement_text(v, r, thresholds, lang)
                    for v, r in zip(card["achievement"], card["achievement_raw"], strict=True)
                ],
                t("columns.status", lang): [
                    status_label(s, lang) if j else t("agencies.not_judged", lang)
                    for s, j in zip(card["status"], card["judge_agencies"], strict=True)
                ],
                t("disputes.column", lang): [mark(k in disputed, lang) for k in card["kpi_code"]],
            },
            key="scorecard",
            lang=lang,
            size=40,
        )
    # this month against the month before and the same month last year, the agency's own figures
    compared = q.kpi_comparison(f.month, f.window, agency=f.agency)
    chosen = q.agencies(f.month).filter(pl.col("agency_code") == f.agency)
    agency_name = chosen[name][0] if chosen.height else f.agency
    st.subheader(t("cmp.agency_title", lang, agency=agency_name))
    with st.container(key="agency-comparison"):
        comparison_table(compared, lang, thresholds, key="agency-comparison")
        st.plotly_chart(
            comparison_chart(compared, lang, thresholds, t("cmp.chart_title", lang)), key="agency-comparison-chart"
        )
