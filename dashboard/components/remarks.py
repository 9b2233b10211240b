"""Agencies' comments beside a KPI's figures, and the committee's assessments beside a task's, with the
forms to add them for those allowed (the services in etl/governance/comments.py check again). Text is shown in data
tables, never as Markdown or HTML.

A page adds one line: `kpi_comments(kpi_code, month, lang)` or `task_assessments(task_code, month, lang)`.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from dashboard.components import auth
from dashboard.components.inert import md_text
from dashboard.i18n import t
from etl.access.actors import PermissionDenied
from etl.governance import accounts, comments
from metrics.kst import period_label, utc_naive_to_kst
from metrics.ratings import RATINGS


def quarter_of(month: date) -> str:
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return f"{utc_naive_to_kst(value):%Y-%m-%d %H:%M}"


def kpi_comments(kpi_code: str, month: date, lang: str) -> None:
    store, actor, period = auth.store(), auth.current_actor(), period_label(month)
    st.markdown(f"**{t('remarks.comments', lang, month=period)}**")
    rows = comments.comments(store, kpi_code=kpi_code, period=period)
    _listed(rows, t("remarks.agency", lang), [r.agency_code for r in rows], lang)
    if actor is None or not accounts.may(actor, "comment", actor.agency_code):
        return
    with st.form(f"comment_{kpi_code}_{period}", clear_on_submit=True):
        text = st.text_area(t("remarks.add_comment", lang, agency=actor.agency_code), max_chars=comments.MAX_TEXT)
        if st.form_submit_button(t("remarks.save", lang)):
            _save(lambda: comments.add_comment(store, actor, kpi_code, actor.agency_code or "", period, text), lang)


def task_assessments(task_code: str, month: date, lang: str) -> None:
    store, actor, quarter = auth.store(), auth.current_actor(), quarter_of(month)
    st.markdown(f"**{t('remarks.assessments', lang, quarter=quarter)}**")
    rows = comments.assessments(store, task_code=task_code, quarter=quarter)
    rating = {code: ko if lang == "ko" else en for code, (ko, en) in RATINGS.items()}
    _listed(rows, t("remarks.rating", lang), [rating.get(r.rating, r.rating) for r in rows], lang)
    if not accounts.may(actor, "assess"):
        return
    with st.form(f"assess_{task_code}_{quarter}", clear_on_submit=True):
        # no default: the committee chooses a rating every time (a default of 우수 was saved unread)
        chosen = st.selectbox(
            t("remarks.rating", lang),
            list(rating),
            index=None,
            placeholder=t("page_details.choose_rating", lang),
            format_func=rating.__getitem__,
        )
        text = st.text_area(t("remarks.add_assessment", lang), max_chars=comments.MAX_TEXT)
        if st.form_submit_button(t("remarks.save", lang)):
            if chosen is None:
                st.error(t("page_details.rating_required", lang))
                return
            _save(lambda: comments.add_assessment(store, actor, task_code, quarter, chosen, text), lang)  # type: ignore[arg-type]


def _listed(rows: list, heading: str, first: list[str], lang: str) -> None:
    """The remarks in a data table (text as data, never Markdown): the column `heading` that tells them apart
    (agency or rating), then text, author and time; or a note that there are none."""
    if not rows:
        st.caption(t("remarks.none", lang))
        return
    columns = {
        heading: first,
        t("remarks.text", lang): [r.text for r in rows],
        t("remarks.author", lang): [r.author for r in rows],
        t("remarks.when", lang): [_when(r.created_at) for r in rows],
    }
    st.dataframe(pl.DataFrame(columns), hide_index=True)


def _save(action, lang: str) -> None:  # type: ignore[no-untyped-def]
    try:
        action()
    except (PermissionDenied, ValueError) as exc:
        st.error(md_text(exc))
    else:
        st.success(t("remarks.saved", lang))
        st.rerun()
