"""회의 감축 / Meetings: the KPIs of the meeting-reduction task, and meetings and person-hours by meeting type
and by agency against the same months of the baseline year (2025)."""

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

lang, q = open_page("nav.meetings")
f = sidebar_filters(q, lang, agencies=True)
period = f"{t(f'filters.window_{f.window}', lang)}, {month_label(f.month, lang)}"

st.subheader(t("meetings.kpis", lang))
kpi_cards(
    kpis_of_tasks_using(q.kpi_scores(f.month, f.window), "meetings"),
    q.kpi_trends(f.month, f.window),
    lang,
    q.thresholds(),
)

data = q.meeting_breakdown(f.month, f.window, f.group, f.agency)
total = dimension(data, "total")
if total.is_empty():
    st.info(t("meetings.none", lang))
    st.stop()
row = total.row(0, named=True)
st.subheader(t("meetings.records", lang, period=period))
with st.container(key="meeting-totals"):
    cols = st.columns(4)
    cols[0].metric(t("meetings.meetings", lang), number(row["meetings"]))
    cols[1].metric(t("meetings.person_hours", lang), number(row["person_hours"], 1))
    cols[2].metric(t("meetings.mean_duration", lang), number(row["mean_duration_min"], 1))
    cols[3].metric(t("meetings.reduction", lang), percent(row["reduction"]))
st.caption(t("meetings.rule", lang))


def table(frame: pl.DataFrame, label: str, labels: list[str], key: str) -> None:
    paginated_table(
        {
            label: labels,
            t("meetings.meetings", lang): [number(v) for v in frame["meetings"]],
            t("meetings.person_hours", lang): [number(v, 1) for v in frame["person_hours"]],
            t("meetings.mean_duration", lang): [number(v, 1) for v in frame["mean_duration_min"]],
            t("meetings.paired_hours", lang): [number(v, 1) for v in frame["paired_hours"]],
            t("meetings.base_hours", lang): [number(v, 1) for v in frame["base_person_hours"]],
            t("meetings.reduction", lang): [percent(v) for v in frame["reduction"]],
        },
        key=key,
        lang=lang,
    )


types = dimension(data, "type")
type_names = [category(k, lang) for k in types["key"]]
chart(
    grouped_bars(
        type_names,
        [
            (t("meetings.paired_hours", lang), types["paired_hours"].to_list()),
            (t("meetings.base_hours", lang), types["base_person_hours"].to_list()),
        ],
        title=t("meetings.type_title", lang, period=period),
        x_title=t("meetings.type", lang),
        y_title=t("meetings.hours_axis", lang),
    ),
    key="chart-meeting-types",
    lang=lang,
)
table(types, t("meetings.type", lang), type_names, "by-meeting-type")
st.subheader(t("meetings.by_agency", lang))
agencies = dimension(data, "agency")
table(agencies, t("kpi.agency", lang), agencies[f"agency_name_{lang}"].to_list(), "meetings-agency")
