"""The attention list (주의·미흡) at the top of the overview: every task and KPI on watch or off track in the
chosen month and view (sql/queries/attention.sql, largest gap to target first), one compact row each.

The list sits in a container of bounded height so that it stays above the fold on a 1440×900 screen however
many rows it has; the rows scroll inside it. Each row's name is a page link (the session, and with it a login,
is kept) to the KPI's detail page or the task's place on the 전략·과제 page, carrying the URL's language, month
and view. The narrative line is an agency's own text: it is HTML-escaped inside st.html, so the browser shows
it as text (never markup), as inert.py does for Markdown.
"""

from __future__ import annotations

import html

import polars as pl
import streamlit as st

from dashboard.components.badges import status_html
from dashboard.components.filters import link_params
from dashboard.i18n import t
from metrics.display import Thresholds, achievement, achievement_figure, number, value_with_unit
from metrics.ratings import RATINGS

ROW_PX = 46  # one row's height with its page link; the container shows about six, then scrolls
MAX_PX = 300
WIDTHS = [1.0, 3.2, 6.4]  # status | name (the link) | figures, trend, owner, narrative, rating
# the details cell's own columns (a CSS grid, so every row lines up with the header)
GRID = "display:grid;grid-template-columns:2.3fr 1.7fr 1.3fr 3.2fr 0.8fr;gap:0.5rem;align-items:center"
NARRATIVE_CHARS = 60


def attention_list(frame: pl.DataFrame, lang: str, thresholds: Thresholds) -> None:
    st.subheader(t("attention.title", lang, n=frame.height), help=t("attention.help", lang))
    if frame.is_empty():
        st.caption(t("attention.none", lang))
        return
    _header(lang)
    with st.container(height=min(ROW_PX * frame.height + 16, MAX_PX), key="attention-list", border=True):
        for row in frame.iter_rows(named=True):
            _row(row, lang, thresholds)


DETAIL_KEYS = ("col_figure", "col_trend", "col_owner", "col_narrative", "col_rating")


def _header(lang: str) -> None:
    # keyed, so that a phone's layout (page.LAYOUT_CSS) can hide it: there each cell names itself instead
    with st.container(key="attention-head"):
        status, name, details = st.columns(WIDTHS, vertical_alignment="bottom")
    status.html(_muted(t("attention.col_status", lang)))
    name.html(_muted(t("attention.col_name", lang)))
    details.html(f'<div style="{GRID}">' + "".join(_muted(t(f"attention.{k}", lang)) for k in DETAIL_KEYS) + "</div>")


def _row(row: dict, lang: str, thresholds: Thresholds) -> None:
    code = row["code"]
    status, name, details = st.columns(WIDTHS, vertical_alignment="center")
    status.html(f'<div class="gd-attention-status">{status_html(row["status"], lang)}</div>')
    label = f"{code} {row[f'name_{lang}'] or row['name_ko']}"
    if row["level"] == "kpi":
        name.page_link("views/kpi.py", label=label, query_params=link_params(kpi=code))
    else:
        name.page_link("views/strategies.py", label=label, query_params=link_params(task=code))
    cells = [
        _figure(row, lang, thresholds),
        _trend(row, thresholds),
        html.escape(row[f"owner_{lang}"] or row["owner_ko"] or row["owner_code"] or "—"),
        _narrative(row["narrative"], lang),
        html.escape(_rating(row["rating"], lang)),
    ]
    # each cell carries its column's name: on a phone the row is a stack of labelled lines (page.LAYOUT_CSS)
    labels = [html.escape(t(f"attention.{k}", lang), quote=True) for k in DETAIL_KEYS]
    details.html(
        f'<div class="gd-attention-row" data-code="{html.escape(code)}" style="{GRID};font-size:0.85rem">'
        + "".join(f'<div data-label="{label}">{c}</div>' for label, c in zip(labels, cells, strict=True))
        + "</div>"
    )


def _muted(text: str) -> str:
    return f'<div style="font-size:0.8rem;color:#5C5B59">{html.escape(text)}</div>'


def _figure(row: dict, lang: str, thresholds: Thresholds) -> str:
    shown = achievement(row["achievement"], thresholds)
    if row["level"] == "task" or row["value"] is None:
        return html.escape(t("attention.task_figure", lang, achievement=shown))
    unit = row["unit"] or ""
    value = value_with_unit(row["value"], unit, lang, target=row["target"], direction=row["direction"])
    target = value_with_unit(row["target"], unit, lang)
    return html.escape(t("attention.kpi_figure", lang, value=value, target=target, achievement=shown))


def _trend(row: dict, thresholds: Thresholds) -> str:
    """Two months before → last month → this month, with an arrow for each move: '78.0 ↗ 81.2 ↘ 79.9'."""
    values = [achievement_figure(row[k], thresholds) for k in ("achievement_2m_ago", "achievement_1m_ago")]
    values.append(achievement_figure(row["achievement"], thresholds))
    text = number(values[0], 1) if values[0] is not None else "—"
    for before, now in zip(values, values[1:], strict=False):
        arrow = "→" if before is None or now is None or now == before else ("↗" if now > before else "↘")
        text += f" {arrow} " + (number(now, 1) if now is not None else "—")
    return html.escape(text)


def _narrative(text: str | None, lang: str) -> str:
    if not text:
        return f'<span style="color:#5C5B59">{html.escape(t("attention.no_narrative", lang))}</span>'
    line = text.strip().splitlines()[0]
    short = line if len(line) <= NARRATIVE_CHARS else line[: NARRATIVE_CHARS - 1] + "…"
    return f'<span class="gd-narrative" title="{html.escape(text, quote=True)}">{html.escape(short)}</span>'


def _rating(rating: str | None, lang: str) -> str:
    if not rating:
        return t("attention.no_rating", lang)
    words = RATINGS.get(rating)
    return (words[0] if lang == "ko" else words[1]) if words else rating
