"""Annotations on the trend charts (docs/decisions.md §22): a marker per event, target change or lock on
every chart of its scope, and the list under the chart (date, what, text, who) as inert table cells.

A page adds: `marks = chart_marks(frame, periods, lang)` → `add_markers(fig, marks)`, then
`annotation_list(frame, periods, lang)`; `frame` is `q.annotations(scope, code)`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

import polars as pl
import streamlit as st

from dashboard.components.tables import paginated_table
from dashboard.i18n import t
from metrics.display import month_label

SHORT = 16  # characters of an event's text on the chart; the whole text is in the list


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def _label(row: dict, lang: str) -> str:  # type: ignore[type-arg]
    if row["kind"] == "event":
        return _short(row["text"] or "")
    if row["kind"] == "lock":
        return t("annotations.lock", lang, month=row["name"])
    return t("annotations.target", lang)


def _in(frame: pl.DataFrame, periods: Sequence[date]) -> pl.DataFrame:
    if frame.is_empty():
        return frame
    return frame.filter(pl.col("period").is_in(list(periods)))


def chart_marks(frame: pl.DataFrame, periods: Sequence[date], lang: str) -> list[tuple[str, str]]:
    """(the month's label on the x axis, the escaped short label) per month of the chart that has annotations;
    several on one month share its marker."""
    shown = _in(frame, periods)
    by_month: dict[date, list[str]] = {}
    for row in shown.iter_rows(named=True):
        by_month.setdefault(row["period"], []).append(_label(row, lang))
    return [(month_label(p, lang), html.escape(" · ".join(labels))) for p, labels in sorted(by_month.items())]


def mark_positions(frame: pl.DataFrame, periods: Sequence[date]) -> list[int]:
    """The indexes in `periods` that have an annotation (for the overview's sparklines)."""
    months = set(_in(frame, periods)["period"].to_list()) if not frame.is_empty() else set()
    return [i for i, p in enumerate(periods) if p in months]


def annotation_list(frame: pl.DataFrame, periods: Sequence[date], lang: str, key: str) -> None:
    """The chart's annotations under it, as a table people read (dashboard/components/tables.py: HTML, text
    selectable and read by assistive tools; cells escaped, never Markdown or HTML)."""
    shown = _in(frame, periods)
    if shown.is_empty():
        return
    kinds = {k: t(f"annotations.kind_{k}", lang) for k in ("event", "target", "lock")}
    with st.container(key=key):
        st.caption(t("annotations.title", lang))
        paginated_table(
            {
                t("annotations.date", lang): [f"{d:%Y-%m-%d}" for d in shown["on_date"]],
                t("annotations.kind", lang): [kinds.get(k, k) for k in shown["kind"]],
                t("annotations.text", lang): [_text(r, lang) for r in shown.iter_rows(named=True)],
                t("annotations.author", lang): [a or "" for a in shown["author"]],
            },
            key=f"{key}-table",
            lang=lang,
            size=10,
        )


def _text(row: dict, lang: str) -> str:  # type: ignore[type-arg]
    if row["kind"] == "target" and row["new_value"] is not None:
        change = t(
            "annotations.change", lang, name=row["name"], old=f"{row['old_value']:g}", new=f"{row['new_value']:g}"
        )
        return f"{change} — {row['text'] or ''}"
    return row["text"] or ""
