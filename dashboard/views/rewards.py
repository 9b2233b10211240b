"""포상금 / Rewards: the KPIs of the reward task, and payouts, recipients and amounts by reward type and by
agency, totals in 원 with 억/만 units."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components.chart_table import chart
from dashboard.components.charts import bars
from dashboard.components.filters import sidebar_filters
from dashboard.components.kpi_cards import kpi_cards, kpis_of_tasks_using
from dashboard.components.page import open_page
from dashboard.components.tables import paginated_table
from dashboard.i18n import category, t
from metrics.display import month_label, number, won
from metrics.queries import dimension

lang, q = open_page("nav.rewards")
f = sidebar_filters(q, lang, agencies=True)
period = f"{t(f'filters.window_{f.window}', lang)}, {month_label(f.month, lang)}"

st.subheader(t("rewards.kpis", lang))
kpi_cards(
    kpis_of_tasks_using(q.kpi_scores(f.month, f.window), "rewards"),
    q.kpi_trends(f.month, f.window),
    lang,
    q.thresholds(),
)

data = q.reward_breakdown(f.month, f.window, f.group, f.agency)
total = dimension(data, "total")
st.subheader(t("rewards.records", lang, period=period))
if total.is_empty():
    st.info(t("rewards.none", lang))
    st.stop()
row = total.row(0, named=True)
with st.container(key="reward-totals"):
    cols = st.columns(3)
    cols[0].metric(t("rewards.amount", lang), won(row["amount_krw"], lang))
    cols[1].metric(t("rewards.recipients", lang), number(row["recipients"]))
    cols[2].metric(t("rewards.payouts", lang), number(row["payouts"]))


def table(frame: pl.DataFrame, label: str, labels: list[str], key: str) -> None:
    paginated_table(
        {
            label: labels,
            t("rewards.amount", lang): [won(v, lang) for v in frame["amount_krw"]],
            t("rewards.amount_exact", lang): [number(v) for v in frame["amount_krw"]],
            t("rewards.recipients", lang): [number(v) for v in frame["recipients"]],
            t("rewards.payouts", lang): [number(v) for v in frame["payouts"]],
        },
        key=key,
        lang=lang,
    )


types = dimension(data, "type")
type_names = [category(k, lang) for k in types["key"]]
chart(
    bars(
        type_names,
        [v / 1e6 for v in types["amount_krw"]],
        text=[won(v, lang) for v in types["amount_krw"]],
        title=t("rewards.type_title", lang, period=period),
        x_title=t("rewards.type", lang),
        y_title=t("rewards.amount_axis", lang),
    ),
    key="chart-reward-types",
    lang=lang,
)
table(types, t("rewards.type", lang), type_names, "by-reward-type")
st.subheader(t("rewards.by_agency", lang))
agencies = dimension(data, "agency")
table(agencies, t("kpi.agency", lang), agencies[f"agency_name_{lang}"].to_list(), "rewards-agency")
