"""The audit trail tab of 관리: readable columns (etl/audit_view.py), filters by actor, action and date range
(in Korea's days), and the export of what is shown as CSV or XLSX (formula-injection safe)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import polars as pl
import streamlit as st

from dashboard.components.inert import md_text
from dashboard.i18n import t
from etl import audit, audit_view
from etl.actors import Actor, PermissionDenied
from metrics.clock import now_kst
from metrics.kst import kst_naive_to_utc

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(store, actor: Actor, lang: str):  # type: ignore[no-untyped-def]
    who_col, action_col, from_col, to_col, text_col = st.columns([2, 2, 1, 1, 2])
    everyone = t("audit_trail.all", lang)
    who = who_col.selectbox(t("audit_trail.actor", lang), [everyone, *audit_view.actor_ids(store, actor)])
    action = action_col.selectbox(
        t("audit_trail.action", lang),
        ["", *audit_view.ACTIONS],
        format_func=lambda a: audit_view.action_name(a, lang) if a else everyone,
    )
    today = now_kst().date()
    since = from_col.date_input(t("audit_trail.since", lang), today - timedelta(days=30))
    until = to_col.date_input(t("audit_trail.until", lang), today)
    text = text_col.text_input(t("audit_trail.search", lang))
    return {
        "actor_id": None if who == everyone else who,
        "action": action or None,
        # The days are Korea's: 00:00 KST of the first day up to 00:00 KST after the last.
        "since": kst_naive_to_utc(datetime.combine(since, time())),
        "until": kst_naive_to_utc(datetime.combine(until + timedelta(days=1), time())),
        "text": text or None,
    }, today


def audit_trail(store, actor: Actor, lang: str) -> None:  # type: ignore[no-untyped-def]
    try:
        chosen, today = _filters(store, actor, lang)
        entries = audit.search(store, actor, **chosen)
    except (PermissionDenied, ValueError) as exc:
        st.error(md_text(exc))
        return
    rows = audit_view.readable(entries, lang)
    st.caption(t("audit_trail.entries", lang, count=f"{len(rows):,}"))
    names = audit_view.headers(lang)
    st.dataframe(
        pl.DataFrame([[str(c) for c in r.cells()] for r in rows], schema=[(n, pl.String) for n in names], orient="row")
        if rows
        else pl.DataFrame(schema=[(n, pl.String) for n in names]),
        hide_index=True,
        column_config={names[0]: st.column_config.TextColumn(width="small")},
    )
    stem = f"audit_{today:%Y%m%d}"
    left, right = st.columns(2)
    left.download_button(
        t("audit_trail.export_csv", lang), audit_view.export_csv(rows, lang), f"{stem}.csv", "text/csv"
    )
    right.download_button(
        t("audit_trail.export_xlsx", lang), audit_view.export_xlsx(rows, lang), f"{stem}.xlsx", XLSX_MIME
    )
