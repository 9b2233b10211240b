"""The report's charts as PNG images (for the PDF), drawn with plotly and rendered by kaleido.

One export job keeps one browser: `chart_session()` starts kaleido's sync server once (about 0.5 s a chart
instead of about 2 s for each cold start) and stops it at the end. XLSX and PPTX draw native charts instead.
"""

from __future__ import annotations

import os
import textwrap
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import plotly.graph_objects as go

from metrics import display
from metrics.display import STATUS_COLOR
from reports import fonts
from reports.model import Report
from reports.table_cells import shown_achievement

SCALE = 2  # twice the CSS size: sharp on paper at the PDF's width
LEGEND_WIDTH = 48  # characters a legend entry holds on one line before it wraps (never cut)


@contextmanager
def chart_session() -> Iterator[None]:
    import kaleido

    # Chromium finds fonts through fontconfig: make the packaged Korean font known to it where needed.
    os.environ.update(fonts.fontconfig_env())
    kaleido.start_sync_server(silence_warnings=True)
    try:
        yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def png(fig: go.Figure, width: int = 900, height: int = 420) -> bytes:
    fig.update_layout(
        font={"family": fonts.chart_family(), "size": 14},
        width=width,
        height=height,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    with warnings.catch_warnings():
        # plotly warns that browser options are ignored when the job's shared kaleido server is running.
        warnings.simplefilter("ignore", UserWarning)
        return fig.to_image(format="png", scale=SCALE)


def _wrap(text: str, width: int = 14) -> str:
    """Axis labels and legend entries broken into lines at spaces (plotly wraps nothing by itself)."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def strategy_chart(r: Report) -> go.Figure:
    rows = r.score_rows("strategy", r.period)
    shown = [shown_achievement(r, x["achievement"]) for x in rows]
    fig = go.Figure(
        go.Bar(
            x=[_wrap(f"{x['code']} {r.name(x)}") for x in rows],
            y=shown,
            marker_color=[STATUS_COLOR.get(x["status"] or "na", "#BBBBBB") for x in rows],
            text=[display.number(v, 1) for v in shown],
            textposition="outside",
        )
    )
    fig.add_hline(y=100, line_dash="dash", line_color="#555555")
    fig.update_layout(title=r.t("chart_strategies"), yaxis={"rangemode": "tozero", "gridcolor": "#DDDDDD"})
    return fig


def key_kpis(r: Report) -> list[dict]:
    """The first KPI of each strategy in catalog order that has an achievement in the report's months (an
    agency's report has none for the KPIs that do not judge agencies): the trend chart's lines."""
    drawn = set(r.kpis.filter(r.kpis["achievement"].is_not_null())["kpi_code"].to_list())
    seen: dict[str, dict] = {}
    for k in r.kpi_rows(r.period):
        if k["kpi_code"] in drawn:
            seen.setdefault(k["strategy_code"], k)
    return list(seen.values())


def trend_chart(r: Report) -> go.Figure:
    """Achievement of the key KPIs by month against the 100% target line."""
    fig = go.Figure()
    for k in key_kpis(r):
        rows = r.kpis.filter(r.kpis["kpi_code"] == k["kpi_code"]).to_dicts()
        fig.add_trace(
            go.Scatter(
                x=[x["period"] for x in rows],
                y=[x["achievement"] for x in rows],
                mode="lines+markers",
                name=_wrap(f"{k['kpi_code']} {r.name(k)}", LEGEND_WIDTH),
            )
        )
    fig.add_hline(y=100, line_dash="dash", line_color="#555555", annotation_text=r.t("target_line"))
    fig.update_layout(
        title=r.t("chart_trends") + " (%)",
        legend={"orientation": "h", "y": -0.2},
        xaxis={"tickformat": "%Y-%m", "gridcolor": "#EEEEEE"},
        yaxis={"gridcolor": "#DDDDDD"},
    )
    return fig


def complaint_chart(r: Report) -> go.Figure:
    """Complaint resolution time by month: the complaint KPIs measured in days, with their targets."""
    fig = go.Figure()
    kpis = r.kpis.filter((r.kpis["source"] == "complaints") & (r.kpis["unit"] == "일"))
    for code in kpis["kpi_code"].unique(maintain_order=True).to_list():
        rows = kpis.filter(kpis["kpi_code"] == code).to_dicts()
        name = _wrap(f"{code} {r.name(rows[0])}", LEGEND_WIDTH)
        fig.add_trace(go.Scatter(x=[x["period"] for x in rows], y=[x["value"] for x in rows], name=name))
        fig.add_trace(
            go.Scatter(
                x=[x["period"] for x in rows],
                y=[x["target"] for x in rows],
                name=f"{code} {r.t('target_line')}",
                line={"dash": "dot"},
            )
        )
    fig.update_layout(
        title=r.t("chart_complaints"),
        legend={"orientation": "h", "y": -0.2},
        xaxis={"tickformat": "%Y-%m", "gridcolor": "#EEEEEE"},
        yaxis={"rangemode": "tozero", "gridcolor": "#DDDDDD"},
    )
    return fig


def report_charts(r: Report) -> dict[str, bytes]:
    """The PDF's charts as PNG bytes, by name. Call inside chart_session() to share one browser. A chart with
    nothing to draw is left out (the PDF says why for the trends; a report without complaint KPIs in days
    has no complaint chart)."""
    charts = {"strategies": png(strategy_chart(r), height=360)}
    if key_kpis(r):
        charts["trends"] = png(trend_chart(r), height=420)
    complaints = complaint_chart(r)
    if complaints.data:
        charts["complaints"] = png(complaints, height=380)
    return charts
