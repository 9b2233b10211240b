"""The administration page's annotations tab: add an event to the trend charts (date, text, scope), list the
current ones (inert cells) and withdraw one. The service (etl/chart_annotations.py) checks the role again."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components.inert import md_text
from dashboard.i18n import t
from etl import chart_annotations as annotations
from etl import rebuild
from etl.actors import Actor, PermissionDenied
from metrics.clock import today
from metrics.settings import get_settings


def _run(action, lang: str):  # type: ignore[no-untyped-def]
    try:
        return action()
    except (PermissionDenied, ValueError) as exc:
        st.error(md_text(exc))  # the refusal may quote what was typed
        return None


def annotations_admin(store, actor: Actor, lang: str) -> None:  # type: ignore[no-untyped-def]
    st.caption(t("annotations.admin_help", lang))
    scopes = {s: t(f"annotations.scope_{s}", lang) for s in annotations.SCOPES}
    codes = {
        "all": [""],
        "task": [x.code for x in store.catalog.tasks],
        "kpi": [k.code for k in store.catalog.kpis],
    }
    scope = st.selectbox(t("annotations.scope", lang), list(scopes), format_func=scopes.__getitem__, key="note_scope")
    with st.form("admin_add_annotation", clear_on_submit=True):
        on = st.date_input(t("annotations.date", lang), value=today(), key="note_date")
        code = st.selectbox(t("annotations.code", lang), codes[scope], key="note_code", disabled=scope == "all")
        text = st.text_input(t("annotations.text", lang), max_chars=annotations.MAX_TEXT, key="note_text")
        if st.form_submit_button(t("annotations.add", lang)):
            added = _run(lambda: annotations.add(store, actor, on, text, scope, code or None), lang)
            if added:
                # the charts read the snapshot: the same background rebuild the upload page starts draws it there
                st.session_state["rebuild_job"] = rebuild.start(get_settings())
                st.success(t("annotations.added", lang))
    rows = annotations.current(store)
    if not rows:
        st.caption(t("annotations.none", lang))
        return
    st.dataframe(
        pl.DataFrame(
            {
                "#": [r.id for r in rows],
                t("annotations.date", lang): [f"{r.date:%Y-%m-%d}" for r in rows],
                t("annotations.scope", lang): [f"{scopes[r.scope]} {r.scope_code or ''}".strip() for r in rows],
                t("annotations.text", lang): [r.text for r in rows],
                t("annotations.author", lang): [r.author for r in rows],
            }
        ),
        hide_index=True,
    )
    chosen = st.selectbox(t("annotations.pick", lang), [r.id for r in rows], key="note_pick")
    if st.button(t("annotations.withdraw", lang)) and _run(lambda: annotations.withdraw(store, actor, chosen), lang):
        st.session_state["rebuild_job"] = rebuild.start(get_settings())
        st.rerun()
