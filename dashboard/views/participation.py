"""국민 참여 / Participation: the KPIs of the participation task, and proposals, participants and adoption by
platform and by agency, from the agencies' participation files."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components.chart_table import chart
from dashboard.components.charts import grouped_bars
from dashboard.components.filters import sidebar_filters
from dashboard.components.kpi_cards import kpi_cards, kpis_of_tasks_using
from dashboard.components.page import open_page
from dashboard.components.tables import paginated_table
from dashboard.i18n import category, t
from metrics.display import month_label, number, percent
from metrics.queries import dimension

lang, q = open_page("nav.participation")
f = sidebar_filters(q, lang, agencies=True)
period = f"{t(f'filters.window_{f.window}', lang)}, {month_label(f.month, lang)}"

st.subheader(t("participation.kpis", lang))
kpi_cards(
    kpis_of_tasks_using(q.kpi_scores(f.month, f.window), "participation"),
    q.kpi_trends(f.month, f.window),
    lang,
    q.thresholds(),
)

data = q.participation_breakdown(f.month, f.window, f.group, f.agency)
total = dimension(data, "total")
if total.is_empty():
    st.info(t("participation.none", lang))
    st.stop()
row = total.row(0, named=True)
st.subheader(t("participation.records", lang, period=period))
with st.container(key="participation-totals"):
    cols = st.columns(4)
    cols[0].metric(t("participation.received", lang), number(row["proposals_received"]))
    cols[1].metric(t("participation.participants", lang), number(row["participants"]))
    cols[2].metric(t("participation.adopted", lang), number(row["proposals_adopted"]))
    cols[3].metric(t("participation.adoption_rate", lang), percent(row["adoption_rate"]))


def table(frame: pl.DataFrame, label: str, labels: list[str], key: str) -> None:
    paginated_table(
        {
            label: labels,
            t("participation.received", lang): [number(v) for v in frame["proposals_received"]],
            t("participation.participants", lang): [number(v) for v in frame["participants"]],
            t("participation.reviewed", lang): [number(v) for v in frame["proposals_reviewed"]],
            t("participation.adopted", lang): [number(v) for v in frame["proposals_adopted"]],
            t("participation.adoption_rate", lang): [percent(v) for v in frame["adoption_rate"]],
        },
        key=key,
        lang=lang,
    )


platforms = dimension(data, "platform")
platform_names = [category(k, lang) for k in platforms["key"]]
chart(
    grouped_bars(
        platform_names,
        [
            (t("participation.received", lang), platforms["proposals_received"].to_list()),
            (t("participation.participants", lang), platforms["participants"].to_list()),
        ],
        title=t("participation.platform_title", lang, period=period),
        x_title=t("participation.platform", lang),
        y_title=t("participation.count_axis", lang),
    ),
    key="chart-platforms",
    lang=lang,
)
table(platforms, t("participation.platform", lang), platform_names, "by-platform")
st.subheader(t("participation.by_agency", lang))
agencies = dimension(data, "agency")
table(agencies, t("kpi.agency", lang), agencies[f"agency_name_{lang}"].to_list(), "participation-agency")
