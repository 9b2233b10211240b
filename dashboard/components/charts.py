"""Plotly figures the pages share. Every chart has a title and axis titles with units; status colours come
with the status word in the bar text or hover, never alone."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from metrics.display import STATUS_COLOR, STATUS_ICON, Thresholds, achievement

FONT = "NanumGothic, 'Noto Sans KR', sans-serif"


# A legend in one row at the very bottom of the figure, below the axis's labels and title however tall those are
# (a legend at a fixed fraction below the plot met the month labels once they stood on end on a phone); the
# bottom margin leaves it room.
BOTTOM_LEGEND = {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0, "xanchor": "left"}
LEGEND_ROOM = 40


def wrap(title: str, width: int = 30) -> str:
    """A chart title broken into lines of about `width` characters at spaces (plotly never wraps a title, and on
    a phone a long one runs off the chart)."""
    lines: list[str] = []
    for word in title.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 380) -> go.Figure:
    wrapped = wrap(title)
    fig.update_layout(
        title={"text": wrapped},
        xaxis_title=x_title,
        yaxis_title=y_title,
        height=height,
        margin={"l": 60, "r": 20, "t": 60 + 20 * wrapped.count("<br>"), "b": 60},
        font={"family": FONT},
        showlegend=False,
    )
    return fig


def achievement_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    statuses: Sequence[str | None],
    status_words: Sequence[str],
    *,
    title: str,
    x_title: str,
    y_title: str,
    target_label: str,
    thresholds: Thresholds,
    horizontal: bool = False,
    notes: Sequence[str] | None = None,
) -> go.Figure:
    """Achievement bars (judged, bounded) with a dashed 100 % target line; each bar's text shows its icon and
    figure, rounded against the thresholds; `notes` (e.g. the raw ratio where one was bounded) join the hover."""
    ys = [v if v is not None else 0 for v in values]
    text = [
        f"{STATUS_ICON.get(s or '', '')} {achievement(v, thresholds)}" if v is not None else "—"
        for v, s in zip(values, statuses, strict=True)
    ]
    words = [f"{w} · {n}" if n else w for w, n in zip(status_words, notes or [""] * len(status_words), strict=True)]
    colors = [STATUS_COLOR.get(s or "", "#BBBBBB") for s in statuses]
    bar = go.Bar(
        x=ys if horizontal else list(labels),
        y=list(labels) if horizontal else ys,
        orientation="h" if horizontal else "v",
        text=text,
        textposition="outside",
        marker_color=colors,
        customdata=words,
        hovertemplate="%{" + ("y" if horizontal else "x") + "}<br>%{text} %{customdata}<extra></extra>",
    )
    fig = go.Figure(bar)
    line = {"line_dash": "dash", "line_color": "#0072B2", "annotation_text": target_label}
    top = max([120.0, *(v * 1.15 for v in ys)])  # room for the bar text beyond the target line
    if horizontal:
        fig.add_vline(x=100, annotation_position="top", **line)
        fig.update_yaxes(autorange="reversed")
        fig.update_xaxes(range=[0, top])
    else:
        fig.add_hline(y=100, annotation_position="top left", **line)
        fig.update_yaxes(range=[0, top])
    return _layout(fig, title, x_title, y_title, height=max(380, 28 * len(labels)) if horizontal else 420)


def trend_with_target(
    periods: Sequence[str],
    values: Sequence[float | None],
    targets: Sequence[float | None],
    *,
    title: str,
    x_title: str,
    y_title: str,
    value_name: str,
    target_name: str,
    last_year: Sequence[float | None] | None = None,
    last_year_name: str = "",
) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(x=list(periods), y=list(values), mode="lines+markers", name=value_name, line_color="#0072B2")
    if last_year is not None:  # the same months a year before: the period comparison's second trace
        fig.add_scatter(
            x=list(periods),
            y=list(last_year),
            mode="lines+markers",
            name=last_year_name,
            line={"dash": "dot", "color": "#999999"},
            marker={"symbol": "diamond-open"},
        )
    fig.add_scatter(
        x=list(periods),
        y=list(targets),
        mode="lines",
        name=target_name,
        line={"dash": "dash", "color": "#D55E00"},
    )
    fig = _layout(fig, title, x_title, y_title)
    fig.update_layout(showlegend=True, legend=BOTTOM_LEGEND, margin_b=60 + LEGEND_ROOM)
    fig.update_xaxes(nticks=8)  # fewer month labels: on a phone twelve of them stand on end and crowd the legend
    return fig


def bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    x_title: str,
    y_title: str,
    horizontal: bool = False,
    text: Sequence[str] | None = None,
    color: str = "#0072B2",
    colors: Sequence[str] | None = None,
) -> go.Figure:
    """Plain bars; `colors`, one per bar, marks some (the chosen agency) beside the label's own mark."""
    ys = [v if v is not None else 0 for v in values]
    fig = go.Figure(
        go.Bar(
            x=ys if horizontal else list(labels),
            y=list(labels) if horizontal else ys,
            orientation="h" if horizontal else "v",
            text=list(text) if text is not None else None,
            textposition="outside",
            cliponaxis=False,
            marker_color=list(colors) if colors is not None else color,
        )
    )
    if text is not None and ys and min(ys) >= 0 and not horizontal:
        # Room above the tallest bar for its label: plotly's autorange ignores outside text, which was cut
        # ("5.90 d" for "5.90 days"). Horizontal bars get their room below.
        fig.update_yaxes(range=[0, (max(ys) or 1) * 1.25])
    if horizontal:
        fig.update_yaxes(autorange="reversed")
        # room for the bar text beside the longest bar, on a phone too
        fig.update_xaxes(range=[0, max([1.0, *ys]) * (2.0 if text is not None else 1.2)])
    return _layout(fig, title, x_title, y_title, height=max(380, 28 * len(labels)) if horizontal else 400)


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    text: Sequence[Sequence[str]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    scale_title: str,
    hover: Sequence[Sequence[str]] | None = None,
) -> go.Figure:
    """A heatmap whose cells also print their figure and status icon (the colour is never the only cue);
    cividis reads the same for colour-blind readers. `hover`, per cell, adds a line to its hover text."""
    fig = go.Figure(
        go.Heatmap(
            z=[list(r) for r in values],
            x=list(columns),
            y=list(rows),
            text=[list(r) for r in text],
            texttemplate="%{text}",
            colorscale="Cividis",
            zmin=0,
            zmax=120,
            colorbar={"title": {"text": scale_title}},
            hoverongaps=False,
            customdata=[list(r) for r in hover] if hover is not None else None,
            hovertemplate="%{y} · %{x}<br>%{text}"
            + ("<br>%{customdata}" if hover is not None else "")
            + "<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, x_title, y_title, height=max(380, 34 * len(rows) + 140))


def grouped_bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    x_title: str,
    y_title: str,
) -> go.Figure:
    palette = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
    fig = go.Figure()
    for (name, values), color in zip(series, palette, strict=False):
        fig.add_bar(x=list(labels), y=[v if v is not None else 0 for v in values], name=name, marker_color=color)
    fig = _layout(fig, title, x_title, y_title)
    fig.update_layout(showlegend=True, barmode="group", legend=BOTTOM_LEGEND, margin_b=60 + LEGEND_ROOM)
    return fig


def add_markers(fig: go.Figure, markers: Sequence[tuple[str, str]]) -> go.Figure:
    """A dotted vertical line at each (x category, short label), the label above the plot. Plotly reads a few
    HTML tags in annotation text (<a href>, <b>…): the caller passes the label escaped (html.escape)."""
    for i, (x, text) in enumerate(markers):
        fig.add_shape(
            type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="paper", line={"dash": "dot", "color": "#555555"}
        )
        # staggered heights, so labels on neighbouring months do not overlap
        fig.add_annotation(
            x=x, y=1.02 + 0.06 * (i % 2), xref="x", yref="paper", text=text, showarrow=False, font={"size": 11}
        )
    return fig


def highlight_row(fig: go.Figure, row: int, columns: int) -> go.Figure:
    """A thick outline around one row of a heatmap (the chosen agency), besides the mark in its label."""
    fig.add_shape(
        type="rect",
        x0=-0.5,
        x1=columns - 0.5,
        y0=row - 0.5,
        y1=row + 0.5,
        xref="x",
        yref="y",
        line={"color": "#CC79A7", "width": 3},
        fillcolor="rgba(0,0,0,0)",
    )
    return fig
