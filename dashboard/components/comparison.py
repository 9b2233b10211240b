"""Period comparison (sql/queries/kpi_comparison.sql): this month against the month before and the same month a
year before, as figures (value, achievement, the changes in the KPI's unit and in percentage points) on the KPI
detail and the agency pages, and as a chart on the agency page. The changes are the query's; this module only
writes them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard.components.badges import points
from dashboard.components.charts import wrap
from dashboard.components.tables import paginated_table
from dashboard.i18n import t
from metrics.display import Thresholds, achievement, achievement_figure, month_label, value_with_unit
from metrics.kst import add_months

SIDES = (("", "cmp.this_month"), ("prev_", "cmp.prev_month"), ("year_", "cmp.last_year"))


def signed_value(change: float | None, unit: str, lang: str) -> str | None:
    """A change in the KPI's own unit with its sign: '+1.25 일', '-3.0%p' for a share (None: nothing to compare)."""
    if change is None:
        return None
    if unit == "%":
        return points(change)
    text = value_with_unit(abs(change), unit, lang)
    return ("+" if change > 0 else "-" if change < 0 else "±") + text


def comparison_metrics(row: dict, lang: str, thresholds: Thresholds) -> None:
    """Three figures side by side: this month, the month before, the same month last year, each with its value
    and achievement, the earlier two with the change to this month."""
    unit = row["unit"]
    st.markdown(f"**{t('cmp.title', lang)}**")
    for col, (prefix, key) in zip(st.columns(3), SIDES, strict=True):
        value = row[f"{prefix}value"] if prefix else row["value"]
        got = row[f"{prefix}achievement"] if prefix else row["achievement"]
        label = t(key, lang, month=month_label(row[f"{prefix}period"], lang))
        delta = None
        if prefix:
            # the change *to* this month from that month, so read as "this month is … higher/lower"
            parts = [signed_value(row[f"{prefix}value_change"], unit, lang), points(row[f"{prefix}achievement_change"])]
            delta = " · ".join(p for p in parts if p) or None
        col.metric(
            label,
            value_with_unit(value, unit, lang),
            delta=delta,
            delta_color="off",  # up is good for some KPIs and bad for others: the sign says the direction
            border=True,
        )
        col.caption(t("cmp.achievement", lang, achievement=achievement(got, thresholds)))


def comparison_table(frame: pl.DataFrame, lang: str, thresholds: Thresholds, key: str) -> None:
    name = f"name_{lang}"
    rows = frame.to_dicts()
    columns: dict[str, list[object]] = {t("strategies.kpi", lang): [f"{r['kpi_code']} {r[name]}" for r in rows]}
    for prefix, label in SIDES:
        period = month_label(rows[0][f"{prefix}period"], lang) if rows else ""
        head = t(label, lang, month=period)
        columns[f"{head} · {t('strategies.actual', lang)}"] = [
            value_with_unit(r[f"{prefix}value"], r["unit"], lang) for r in rows
        ]
        columns[f"{head} · {t('columns.achievement', lang)}"] = [
            achievement(r[f"{prefix}achievement"], thresholds) for r in rows
        ]
        if prefix:
            columns[f"{t('cmp.change_from', lang, month=period)} ({t('cmp.unit', lang)})"] = [
                signed_value(r[f"{prefix}value_change"], r["unit"], lang) or "—" for r in rows
            ]
            columns[f"{t('cmp.change_from', lang, month=period)} (%p)"] = [
                points(r[f"{prefix}achievement_change"]) or "—" for r in rows
            ]
    paginated_table(columns, key=key, lang=lang, size=40)


def comparison_chart(frame: pl.DataFrame, lang: str, thresholds: Thresholds, title: str) -> go.Figure:
    """Achievement per KPI, this month beside the month before and the same month last year (grouped bars)."""
    codes = frame["kpi_code"].to_list()
    fig = go.Figure()
    styles: Sequence[tuple[str, str, str]] = (
        ("prev_", "#9ecae1", ""),
        ("year_", "#bbbbbb", "/"),
        ("", "#0072B2", ""),
    )
    for prefix, color, pattern in styles:
        label = dict(SIDES)[prefix]
        month = frame[f"{prefix}period"][0] if frame.height else None
        values = [achievement_figure(v, thresholds) for v in frame[f"{prefix}achievement"]]
        fig.add_bar(
            x=codes,
            y=values,
            name=t(label, lang, month=month_label(month, lang)),
            marker={"color": color, "pattern": {"shape": pattern}},
        )
    fig.update_layout(
        title=wrap(title),
        barmode="group",
        yaxis_title=t("overview.achievement_axis", lang),
        legend={"orientation": "h", "y": -0.25},
        margin={"l": 40, "r": 10, "t": 50, "b": 40},
        height=360,
    )
    return fig


def year_before(periods: Sequence[date], values: Sequence[float | None]) -> list[float | None]:
    """For each month of a trend, the value of the same month a year before (None where the trend has none):
    the last-year trace drawn beside the KPI's trend."""
    by_month = dict(zip(periods, values, strict=True))
    return [by_month.get(add_months(p, -12)) for p in periods]
