"""Status shown as shape, word and colour together (never colour alone), and changes in percentage points."""

from __future__ import annotations

import html

import streamlit as st

from metrics.display import STATUS_TEXT_COLOR, status_label


def status_html(status: str | None, lang: str) -> str:
    color = STATUS_TEXT_COLOR.get(status or "", "#555555")  # dark enough for 4.5:1 (§27)
    text = html.escape(status_label(status, lang))
    return f'<span class="gd-status" data-status="{status or ""}" style="color:{color};font-weight:600">{text}</span>'


def caption_html(text: str) -> str:
    """Small, muted text like st.caption's, for a line inside a larger HTML element."""
    style = "font-size:0.875rem;color:#5C5B59;margin-top:0.25rem"  # 6.8:1 on white (§27)
    return f'<div class="gd-caption" style="{style}">{html.escape(text)}</div>'


def status_badge(status: str | None, lang: str) -> None:
    st.markdown(status_html(status, lang), unsafe_allow_html=True)


def points(delta: float | None) -> str | None:
    """+1.2%p / -0.4%p (None when there is nothing to compare)."""
    if delta is None:
        return None
    return f"{delta:+,.1f}%p"
