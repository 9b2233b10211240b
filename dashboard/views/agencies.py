"""기관별 / Agencies: rankings within 중앙 and 광역, an agency × task heatmap, and one agency's own scorecard.
Agency scores use the KPIs judged per agency and the national roll-up rule (weighted, capped at 120 %)."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components.charts import heatmap
from dashboard.components.filters import sidebar_filters
from dashboard.components.page import open_page
from dashboard.components.tables import paginated_table
from dashboard.i18n import t
from metrics.display import STATUS_ICON, month_label, number, percent, status_label, value_with_unit

lang, q = open_page("nav.agencies")
f = sidebar_filters(q, lang, agencies=True)
name = f"name_{lang}"
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
                t("agencies.score", lang): [percent(v) for v in rows["score"]],
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
    cells = {
        (a, tk): (v, s)
        for a, tk, v, s in scores.select("agency_code", "task_code", "achievement", "status").iter_rows()
    }

    def label(value: float | None, status: str | None) -> str:
        return "—" if value is None else f"{STATUS_ICON.get(status or '', '')} {value:,.0f}"

    pairs = [[cells.get((a, tk), (None, None)) for tk in tasks] for a in agencies["agency_code"]]
    grid = [[v for v, _ in row] for row in pairs]
    st.plotly_chart(
        heatmap(
            agencies[name].to_list(),
            tasks,
            grid,
            [[label(v, s) for v, s in row] for row in pairs],
            title=t("agencies.heatmap_title", lang, month=month_label(f.month, lang)),
            x_title=t("columns.task", lang),
            y_title=t("kpi.agency", lang),
            scale_title=t("overview.achievement_axis", lang),
        ),
        key="agency-heatmap",
    )

st.subheader(t("agencies.scorecard", lang))
if f.agency is None:
    st.info(t("agencies.pick_agency", lang))
else:
    card = q.agency_scorecard(f.agency, f.month, f.window)
    with st.container(key="scorecard"):
        paginated_table(
            {
                t("strategies.kpi", lang): [f"{c} {n}" for c, n in zip(card["kpi_code"], card[name], strict=True)],
                t("strategies.actual", lang): [
                    value_with_unit(v, u, lang) for v, u in zip(card["value"], card["unit"], strict=True)
                ],
                t("strategies.target", lang): [
                    value_with_unit(v, u, lang) for v, u in zip(card["target"], card["unit"], strict=True)
                ],
                t("columns.achievement", lang): [percent(v) for v in card["achievement"]],
                t("columns.status", lang): [
                    status_label(s, lang) if j else t("agencies.not_judged", lang)
                    for s, j in zip(card["status"], card["judge_agencies"], strict=True)
                ],
            },
            key="scorecard",
            lang=lang,
            size=40,
        )
