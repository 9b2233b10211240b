"""A KPI as a card: actual, target, achievement, status (shape and word), its trend against target, and a
link to its detail page. Used by the strategies page and the participation, meetings and rewards pages."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components.annotations import annotation_list, chart_marks
from dashboard.components.badges import status_badge
from dashboard.components.chart_table import chart
from dashboard.components.charts import add_markers, trend_with_target
from dashboard.components.context import queries
from dashboard.components.filters import link_params
from dashboard.i18n import t
from metrics.display import Thresholds, achievement_text, month_label, unit_label, value_with_unit


def kpi_card(k: dict[str, object], trend: pl.DataFrame, lang: str, thresholds: Thresholds) -> None:
    code = str(k["kpi_code"])
    name = str(k[f"name_{lang}"])
    unit = str(k["unit"])
    # the value is rounded against its target, the achievement against the thresholds (display.toward_boundary)
    beside = {"target": k["target"], "direction": k["direction"]}
    with st.container(border=True, key=f"kpi-{code}"):
        st.markdown(f"**{code} · {name}**")
        cols = st.columns(4)
        cols[0].metric(t("strategies.actual", lang), value_with_unit(k["value"], unit, lang, **beside))  # type: ignore[arg-type]
        cols[1].metric(t("strategies.target", lang), value_with_unit(k["target"], unit, lang))  # type: ignore[arg-type]
        shown = achievement_text(k["achievement"], k["achievement_raw"], thresholds, lang)  # type: ignore[arg-type]
        cols[2].metric(t("columns.achievement", lang), shown)
        with cols[3]:
            st.markdown(f"**{t('columns.status', lang)}**")
            status_badge(k["status"], lang)  # type: ignore[arg-type]
            st.caption(t("strategies.reported", lang, reported=k["agencies_reported"], expected=k["agencies_expected"]))
        with st.expander(t("strategies.trend", lang)):
            notes = queries().annotations("kpi", str(code))  # the KPI chart's annotations (§22)
            periods = trend["period"].to_list()
            figure = add_markers(
                trend_with_target(
                    [month_label(p, lang) for p in trend["period"]],
                    trend["value"].to_list(),
                    trend["target"].to_list(),
                    title=t("strategies.trend_title", lang, kpi=name),
                    x_title=t("strategies.month_axis", lang),
                    y_title=t("strategies.value_axis", lang, unit=unit_label(unit, lang)),
                    value_name=t("strategies.actual", lang),
                    target_name=t("strategies.target", lang),
                ),
                chart_marks(notes, periods, lang),
            )
            chart(figure, key=f"trend-{code}", lang=lang)
            annotation_list(notes, periods, lang, key=f"annotations-{code}")
        st.page_link("views/kpi.py", label=f"{t('strategies.open_kpi', lang)} →", query_params=link_params(kpi=code))


def kpi_cards(kpis: pl.DataFrame, trends: pl.DataFrame, lang: str, thresholds: Thresholds) -> None:
    for k in kpis.iter_rows(named=True):
        kpi_card(k, trends.filter(pl.col("kpi_code") == k["kpi_code"]), lang, thresholds)


def kpis_of_tasks_using(kpis: pl.DataFrame, source: str) -> pl.DataFrame:
    """The KPIs of every task that has a KPI computed from `source` (a page about meetings shows the whole
    task it serves, including KPIs the agencies report in their progress files)."""
    tasks = kpis.filter(pl.col("source") == source)["task_code"].unique()
    return kpis.filter(pl.col("task_code").is_in(tasks.implode()))
