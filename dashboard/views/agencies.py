"""기관별 / Agencies: the chosen agency's scorecard first (an officer's own agency chosen by default), then the
rankings within 중앙 and 광역 and the agency × task heatmap, the chosen agency marked in both.
Agency scores use the KPIs judged per agency and the national roll-up rule (weighted means of achievements
bounded to [0, 120 %]); where a KPI's raw ratio was bounded, the scorecard and the heatmap's hover show it. A KPI
not judged per agency shows the agency's value and, for a count, its share of the national figure
(sql/macros/agency_kpi_figures.sql), never the national target."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components.agency_figures import scorecard_columns
from dashboard.components.auth import current_actor
from dashboard.components.charts import heatmap, highlight_row
from dashboard.components.comparison import comparison_chart, comparison_table
from dashboard.components.disputes import marks
from dashboard.components.filters import sidebar_filters
from dashboard.components.page import open_page
from dashboard.components.tables import paginated_table
from dashboard.i18n import t
from metrics.display import (
    STATUS_ICON,
    achievement,
    month_label,
    number,
    raw_achievement,
    status_label,
    toward_boundary,
)

lang, q = open_page("nav.agencies")
actor = current_actor()
f = sidebar_filters(q, lang, agencies=True, agency=actor.agency_code if actor else None)
name = f"name_{lang}"
thresholds = q.thresholds()
chosen = q.agencies(f.month).filter(pl.col("agency_code") == f.agency) if f.agency else None
agency_name = chosen[name][0] if chosen is not None and chosen.height else f.agency

# the chosen agency first: its scorecard and its own figures against earlier months
st.subheader(t("agencies.scorecard", lang) + (f" · {agency_name}" if agency_name else ""))
if f.agency is None:
    st.info(t("agencies.pick_agency", lang))
else:
    card = q.agency_scorecard(f.agency, f.month, f.window)
    disputed = {k for k, a in marks(f.month) if a == f.agency}  # 이의 제기 중, from the ledger
    with st.container(key="scorecard"):
        columns = scorecard_columns(card, disputed=disputed, lang=lang, thresholds=thresholds)
        paginated_table(columns, key="scorecard", lang=lang, size=40)
    compared = q.kpi_comparison(f.month, f.window, agency=f.agency)
    st.subheader(t("cmp.agency_title", lang, agency=agency_name))
    with st.container(key="agency-comparison"):
        comparison_table(compared, lang, thresholds, key="agency-comparison")
        st.plotly_chart(
            comparison_chart(compared, lang, thresholds, t("cmp.chart_title", lang)), key="agency-comparison-chart"
        )

st.caption(t("agencies.rule", lang))
ranking = q.agency_ranking(f.month, f.window, f.group)
st.subheader(t("agencies.ranking", lang))
mine = ranking.filter(pl.col("agency_code") == f.agency) if f.agency else ranking.clear()
if mine.height:
    r = mine.row(0, named=True)
    key = "agency_page.chosen_rank" if r["group_rank"] is not None else "agency_page.chosen_unranked"
    group_word = t(f"filters.group_{r['agency_group']}", lang)
    text = t(
        key,
        lang,
        agency=agency_name,
        group=group_word,
        rank=r["group_rank"],
        score=achievement(r["score"], thresholds),
        status=status_label(r["status"], lang),
    )
    st.markdown(f"**▶ {text}**")  # the agency's name comes from the reference data, not from a user
groups = [g for g in ("central", "local") if f.group in ("all", g)]
for col, group in zip(st.columns(len(groups)), groups, strict=True):
    rows = ranking.filter(pl.col("agency_group") == group)
    with col, st.container(key=f"ranking-{group}"):
        st.markdown(f"**{t(f'filters.group_{group}', lang)}**")
        paginated_table(
            {
                t("kpi.rank", lang): [number(r) for r in rows["group_rank"]],
                t("kpi.agency", lang): [
                    f"▶ {n}" if c == f.agency else n for n, c in zip(rows[name], rows["agency_code"], strict=True)
                ],
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
    every_task = q.task_scores(f.month, f.window)["task_code"].to_list()
    left_out = [tk for tk in every_task if tk not in tasks]
    if left_out:  # why the heatmap has fewer columns than the 12 tasks
        st.caption(t("agency_page.tasks_not_judged", lang, tasks=", ".join(left_out)))
    agencies = scores.select("agency_code", name).unique(maintain_order=True)
    columns_ = ("agency_code", "task_code", "achievement", "status", "bounded_kpis")
    cells = {(a, tk): (v, s, b) for a, tk, v, s, b in scores.select(*columns_).iter_rows()}

    def label(value: float | None, status: str | None) -> str:
        # whole percents, rounded so that a cell never reads 100 for a task below it
        shown = None if value is None else toward_boundary(value, thresholds, 0)
        return "—" if shown is None else f"{STATUS_ICON.get(status or '', '')} {shown:,.0f}"

    def bounded(kpis: list[dict] | None) -> str:
        """The task's KPIs whose raw ratio was bounded: 'S3-T2-K1 -601.1% (하한 적용)'."""
        notes = (raw_achievement(k["achievement"], k["achievement_raw"], lang) for k in kpis or [])
        return "<br>".join(f"{k['kpi_code']} {n}" for k, n in zip(kpis or [], notes, strict=True) if n)

    codes = agencies["agency_code"].to_list()
    pairs = [[cells.get((a, tk), (None, None, None)) for tk in tasks] for a in codes]
    figure = heatmap(
        [f"<b>▶ {n}</b>" if c == f.agency else n for n, c in zip(agencies[name], codes, strict=True)],
        tasks,
        [[v for v, _, _ in row] for row in pairs],
        [[label(v, s) for v, s, _ in row] for row in pairs],
        title=t("agencies.heatmap_title", lang, month=month_label(f.month, lang)),
        x_title=t("columns.task", lang),
        y_title=t("kpi.agency", lang),
        scale_title=t("overview.achievement_axis", lang),
        hover=[[bounded(b) for _, _, b in row] for row in pairs],
    )
    if f.agency in codes:
        highlight_row(figure, codes.index(f.agency), len(tasks))
    st.plotly_chart(figure, key="agency-heatmap")
