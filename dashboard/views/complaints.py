"""민원 처리 / Complaints: volume, median and p90 resolution time, on-time rate — in total and by agency, type
and channel; the resolution-time distribution; the slowest agencies."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components.chart_table import chart
from dashboard.components.charts import bars
from dashboard.components.filters import sidebar_filters
from dashboard.components.page import open_page
from dashboard.components.tables import paginated_table
from dashboard.i18n import category, t
from metrics.display import month_label, number, percent
from metrics.queries import dimension

SLOWEST = 10

lang, q = open_page("nav.complaints")
f = sidebar_filters(q, lang, agencies=True)
breakdown = q.complaint_breakdown(f.month, f.window, f.group, f.agency)
period = f"{t(f'filters.window_{f.window}', lang)}, {month_label(f.month, lang)}"


def days(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}{t('complaints.days_unit', lang)}"


total = dimension(breakdown, "total")
if total.is_empty():
    st.info(t("complaints.none", lang))
    st.stop()
row = total.row(0, named=True)
with st.container(key="complaint-totals"):
    cols = st.columns(5)
    cols[0].metric(t("complaints.received", lang), number(row["received"]))
    cols[1].metric(t("complaints.median", lang), days(row["median_days"]))
    cols[2].metric(t("complaints.p90", lang), days(row["p90_days"]))
    cols[3].metric(t("complaints.on_time", lang), percent(row["on_time_rate"]))
    # beside the rate, what it leaves out: complaints still pending whose deadline had passed
    cols[4].metric(
        t("complaints.pending_overdue", lang),
        t("complaints.pending_overdue_value", lang, n=number(row["pending_overdue"])),
        help=t("complaints.pending_overdue_help", lang, pending=number(row["pending"])),
    )
st.caption(t("complaints.rules", lang))


def table(frame: pl.DataFrame, label: str, key: str) -> None:
    paginated_table(
        {
            label: frame["label"].to_list(),
            t("complaints.received", lang): [number(v) for v in frame["received"]],
            t("complaints.resolved", lang): [number(v) for v in frame["resolved"]],
            t("complaints.median", lang): [days(v) for v in frame["median_days"]],
            t("complaints.p90", lang): [days(v) for v in frame["p90_days"]],
            t("complaints.on_time", lang): [percent(v) for v in frame["on_time_rate"]],
            t("complaints.pending_overdue", lang): [number(v) for v in frame["pending_overdue"]],
        },
        key=key,
        lang=lang,
    )


agencies = dimension(breakdown, "agency").with_columns(label=pl.col(f"agency_name_{lang}"))
slowest = agencies.filter(pl.col("median_days").is_not_null()).sort("median_days", descending=True).head(SLOWEST)
st.subheader(t("complaints.slowest", lang, n=SLOWEST))
chart(
    bars(
        slowest["label"].to_list(),
        slowest["median_days"].to_list(),
        text=[days(v) for v in slowest["median_days"]],
        title=t("complaints.slowest_title", lang, period=period),
        x_title=t("complaints.median_axis", lang),
        y_title=t("kpi.agency", lang),
        horizontal=True,
    ),
    key="chart-slowest",
    lang=lang,
)

distribution = q.complaint_distribution(f.month, f.window, f.group, f.agency)
st.subheader(t("complaints.distribution", lang))
chart(
    bars(
        [f"{d}+" if d == 30 else str(d) for d in distribution["days"]],
        distribution["complaints"].to_list(),
        title=t("complaints.distribution_title", lang, period=period),
        x_title=t("complaints.days_axis", lang),
        y_title=t("complaints.count_axis", lang),
    ),
    key="chart-distribution",
    lang=lang,
)

st.subheader(t("complaints.by_agency", lang))
table(agencies.sort("label"), t("kpi.agency", lang), "complaints-agency")
left, right = st.columns(2)
with left:
    st.subheader(t("complaints.by_type", lang))
    by_type = dimension(breakdown, "type")
    by_type = by_type.with_columns(label=pl.Series([category(k, lang) for k in by_type["key"]], dtype=pl.String))
    table(by_type, t("complaints.type", lang), "by-type")
with right:
    st.subheader(t("complaints.by_channel", lang))
    by_channel = dimension(breakdown, "channel")
    by_channel = by_channel.with_columns(
        label=pl.Series([category(k, lang) for k in by_channel["key"]], dtype=pl.String)
    )
    table(by_channel, t("complaints.channel", lang), "by-channel")
