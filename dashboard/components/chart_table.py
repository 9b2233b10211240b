"""A plotly chart with its text alternative and its figures as a table (KWCAG 2.2: 대체 텍스트, 표로 제공):
the chart is named by its title for screen readers (dashboard/components/a11y.py gives it role=img and that
name), and an expander under it lists every figure the chart draws, read from the figure itself so that the
table can never disagree with the bars (docs/decisions.md §27)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.i18n import t
from metrics.display import number


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return number(value, 0 if value.is_integer() else 2)
    if isinstance(value, int):
        return number(value)
    return str(value)


def _title(fig: go.Figure) -> str:
    """The chart's title as plain text: plotly breaks a long title with <br>, which an expander's label would
    show literally."""
    return re.sub(r"\s*<br\s*/?>\s*", " ", str(fig.layout.title.text or "")).strip()


def _axis_title(axis: object) -> str:
    return str(getattr(getattr(axis, "title", None), "text", None) or "")


def figure_table(fig: go.Figure) -> pd.DataFrame:
    """Every point of every trace: one row per category (the bars' labels, the months), one column per trace."""
    traces = [tr for tr in fig.data if getattr(tr, "type", "") in ("bar", "scatter", "heatmap")]
    heat = next((tr for tr in traces if tr.type == "heatmap"), None)
    if heat is not None:
        columns = [str(c) for c in heat.x]
        rows = [[_cell(v) for v in row] for row in heat.z]
        return pd.DataFrame(rows, columns=columns, index=[str(r) for r in heat.y])
    horizontal = any(getattr(tr, "orientation", None) == "h" for tr in traces)
    category_title = _axis_title(fig.layout.yaxis if horizontal else fig.layout.xaxis) or "—"
    value_title = _axis_title(fig.layout.xaxis if horizontal else fig.layout.yaxis) or "—"
    order: list[str] = []
    columns: dict[str, dict[str, str]] = {}
    for tr in traces:
        cats: Sequence[object] = (tr.y if horizontal else tr.x) or ()
        values: Sequence[object] = (tr.x if horizontal else tr.y) or ()
        texts = tr.text if isinstance(tr.text, (list, tuple)) and len(tr.text) == len(values) else None
        name = str(tr.name or value_title)
        column = columns.setdefault(name, {})
        for i, (cat, value) in enumerate(zip(cats, values, strict=False)):
            key = str(cat)
            if key not in order:
                order.append(key)
            column[key] = str(texts[i]) if texts is not None and texts[i] else _cell(value)
    frame = {category_title: order} | {name: [col.get(k, "—") for k in order] for name, col in columns.items()}
    return pd.DataFrame(frame)


def chart(fig: go.Figure, *, key: str, lang: str) -> None:
    """st.plotly_chart, then the figures in a closed expander named for the chart."""
    st.plotly_chart(fig, key=key)
    with st.expander(t("a11y.chart_table", lang, title=_title(fig) or key)):
        st.table(figure_table(fig))
