"""Charts drawn as small inline SVG and HTML, for the overview: they arrive with the page's own text, where a
plotly or Vega chart makes the browser load and run megabytes of JavaScript before the page is complete
(docs/decisions.md §13). Each chart carries its figures as text too: a sparkline names its points in its
alternative text and tooltip, and each bar prints its status icon, figure and word (never colour alone)."""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence

from metrics.display import STATUS_COLOR, Thresholds, achievement, status_label

TREND_COLOR = "#0072B2"  # the colour-blind-safe blue the plotly charts use for actuals
TARGET_COLOR = "#0072B2"
TRACK_COLOR = "rgba(151, 166, 195, 0.15)"


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def sparkline_svg(
    values: Sequence[float],
    label: str,
    *,
    width: int = 160,
    height: int = 32,
    marks: Sequence[int] = (),
    scale: tuple[str, str] | None = None,
) -> str:
    """A line through `values` (oldest first) scaled to its own range, the latest point marked: an SVG image
    whose alternative text and tooltip are `label`, which should name every figure the line draws. (An image,
    because st.html keeps HTML only and removes inline SVG.) `scale` (the highest and lowest figure, as
    shown) labels the line's top and bottom beside it, a small axis; the image shrinks to its card's width."""
    if not values:
        return ""
    pad = 3.0
    low, high = min(values), max(values)
    span = high - low or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def y(v: float) -> float:
        # a flat series is drawn across the middle
        return height / 2 if high == low else pad + (high - v) / span * (height - 2 * pad)

    points = [(pad + i * step if len(values) > 1 else width / 2, y(v)) for i, v in enumerate(values)]
    line = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in points)
    last_x, last_y = points[-1]
    # a dotted vertical line at each annotated point (docs/decisions.md §22; the list is under the chart)
    ticks = "".join(
        f'<line x1="{points[i][0]:.1f}" x2="{points[i][0]:.1f}" y1="0" y2="{height}" stroke="#555555" '
        'stroke-width="1" stroke-dasharray="2,2"/>'
        for i in marks
        if 0 <= i < len(points)
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<polyline points="{line}" fill="none" stroke="{TREND_COLOR}" stroke-width="1.6" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
        f'{ticks}<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.6" fill="{TREND_COLOR}"/></svg>'
    )
    data = base64.b64encode(svg.encode()).decode()
    image = (
        f'<img class="gd-spark" src="data:image/svg+xml;base64,{data}" alt="{_attr(label)}" title="{_attr(label)}" '
        f'width="{width}" height="{height}" style="display:block;min-width:0;max-width:100%;height:{height}px">'
    )
    if scale is None:
        return image
    high, low = (html.escape(s) for s in scale)
    # the axis labels are read with the image's alternative text, which already names every figure
    return (
        '<div class="gd-spark-box" style="display:flex;align-items:stretch;gap:4px;max-width:100%">'
        f"{image}"
        f'<div class="gd-spark-scale" aria-hidden="true" style="display:flex;flex-direction:column;'
        f'justify-content:space-between;font-size:0.7rem;line-height:1;opacity:0.75;white-space:nowrap">'
        f"<span>{high}</span><span>{low}</span></div></div>"
    )


def spark_scale(values: Sequence[float], thresholds: Thresholds) -> tuple[str, str]:
    """The highest and lowest achievement of a sparkline, as the page shows achievements."""
    return achievement(max(values), thresholds), achievement(min(values), thresholds)


def trend_label(prefix: str, values: Sequence[float], thresholds: Thresholds) -> str:
    """'<prefix>: 71.2% · 75.0% · … · 95.3%' (every achievement, oldest first, rounded against the thresholds)."""
    return f"{prefix}: " + " · ".join(achievement(v, thresholds) for v in values)


def achievement_bars_html(
    labels: Sequence[str],
    values: Sequence[float | None],
    statuses: Sequence[str | None],
    lang: str,
    *,
    title: str,
    x_title: str,
    y_title: str,
    target_label: str,
    thresholds: Thresholds,
) -> str:
    """Horizontal achievement bars, one row per label, with a dashed line at the 100 % target; beside each
    bar its figure and status (icon and word). A missing figure shows '—' and no bar."""
    top = max([120.0, *(v * 1.05 for v in values if v is not None)])

    def pos(v: float) -> str:
        return f"{max(0.0, min(v, top)) / top * 100:.2f}%"

    target = pos(100.0)
    target_line = (
        f'<div style="position:absolute;left:{target};top:0;bottom:0;border-left:2px dashed {TARGET_COLOR}"></div>'
    )
    small = "font-size:0.8rem;opacity:0.8"
    # classes for a phone's layout (page.LAYOUT_CSS): there the label spans its own line above the bar and the
    # empty leading cells ("gd-bars-lead") go
    cells = [
        f'<div class="gd-bars-ytitle" style="text-align:right;{small}">{html.escape(y_title)}</div>'
        f'<div style="position:relative;height:1.2rem;{small}">'
        f'<span style="position:absolute;left:{target};transform:translateX(-50%);white-space:nowrap">'
        f"{html.escape(target_label)}</span></div><div></div>"
    ]
    for label, value, status in zip(labels, values, statuses, strict=True):
        bar = (
            f'<div style="position:absolute;left:0;top:3px;bottom:3px;width:{pos(value)};'
            f'background:{STATUS_COLOR.get(status or "", "#BBBBBB")}"></div>'
            if value is not None
            else ""
        )
        cells.append(
            f'<div class="gd-bar-label" style="text-align:right">{html.escape(label)}</div>'
            f'<div class="gd-bar" data-status="{_attr(status or "")}" style="position:relative;height:1.6rem;'
            f'background:{TRACK_COLOR}">{bar}{target_line}</div>'
            f'<div class="gd-bar-text" style="white-space:nowrap">{html.escape(achievement(value, thresholds))} '
            f"{html.escape(status_label(status, lang))}</div>"
        )
    ticks = "".join(
        f'<span style="position:absolute;left:{pos(v)};transform:translateX(-50%)">{v}</span>'
        for v in range(0, int(top) + 1, 20)
    )
    lead = '<div class="gd-bars-lead"></div>'
    cells.append(f'{lead}<div style="position:relative;height:1.2rem;{small}">{ticks}</div><div></div>')
    cells.append(f'{lead}<div style="text-align:center;{small}">{html.escape(x_title)}</div><div></div>')
    return (
        f'<figure class="gd-bars" role="group" aria-label="{_attr(title)}" style="margin:0">'
        f'<figcaption style="font-weight:600;margin-bottom:0.5rem">{html.escape(title)}</figcaption>'
        '<div class="gd-bars-grid" style="display:grid;grid-template-columns:minmax(8rem,max-content) 1fr max-content;'
        'gap:4px 10px;align-items:center;font-size:0.875rem">' + "".join(cells) + "</div></figure>"
    )
