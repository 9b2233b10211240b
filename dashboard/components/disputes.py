"""Disputes (이의 제기) on pages: the "이의 제기 중" mark beside a disputed figure, the form an agency officer
files one with (for their own agency's figure), their agency's disputes with the answers, and the
administrator's answer forms. The marks are read from the ledger, so they appear and clear at once; each open
and answer also starts the background rebuild the upload page uses, so the next snapshot (what reports read)
agrees (docs/decisions.md §21). Every write goes through etl/governance/disputes.py, which checks the actor again.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from dashboard.components import auth
from dashboard.components.file_input import file_input
from dashboard.components.inert import md_text
from dashboard.i18n import t
from etl.access.actors import Actor, PermissionDenied
from etl.builder import background as rebuild
from etl.governance import accounts, disputes, evidence
from etl.ledger.tables import KpiDispute
from metrics.kst import period_label, utc_naive_to_kst
from metrics.settings import get_settings


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return f"{utc_naive_to_kst(value):%Y-%m-%d %H:%M}" if value else "—"


def marks(month: date, kpi_code: str | None = None) -> set[tuple[str, str]]:
    """(kpi_code, agency_code) of the month's figures under an open dispute."""
    found = disputes.open_marks(auth.store(), period=period_label(month), kpi_code=kpi_code)
    return {(kpi, agency) for kpi, agency, _ in found}


def mark(disputed: bool, lang: str) -> str:
    return t("disputes.mark", lang) if disputed else ""


def trend_note(kpi_code: str, month: date, names: dict[str, str], lang: str) -> None:
    """Under a KPI's chart: which agencies' figure of the month is under dispute."""
    agencies = sorted(agency for _, agency in marks(month, kpi_code))
    if agencies:
        listed = ", ".join(names.get(a, a) for a in agencies)
        st.warning(md_text(t("disputes.trend_note", lang, agencies=listed)))


def _flash() -> None:
    message = st.session_state.pop("dispute_flash", None)
    if message:
        st.success(message)


def _done(message: str) -> None:
    st.session_state["dispute_flash"] = message
    st.session_state["rebuild_job"] = rebuild.start(get_settings())  # reports read the next snapshot
    st.rerun()


def officer_panel(kpi_code: str, month: date, lang: str) -> None:
    """On the KPI detail page, for an agency officer: file a dispute of their agency's figure of the month,
    and their agency's disputes with the answers."""
    actor = auth.current_actor()
    if actor is None or actor.role != "agency" or not accounts.may(actor, "dispute", actor.agency_code):
        return
    _flash()
    store, agency = auth.store(), actor.agency_code or ""
    with st.expander(t("disputes.open_title", lang, agency=agency)), st.form(f"dispute_{kpi_code}_{month}"):
        reason = st.text_area(t("disputes.reason", lang), max_chars=4000)
        mb = f"{evidence.max_bytes() / 1048576:,.0f}"
        file = file_input(
            t("disputes.evidence", lang, mb=mb), types=["pdf", "hwpx", "xlsx"], max_bytes=evidence.max_bytes()
        )
        if st.form_submit_button(t("disputes.open_button", lang)):
            attached = (file.name, file.getvalue()) if file is not None else None
            try:
                disputes.open_dispute(
                    store, actor, kpi_code, agency, period_label(month), reason, evidence_file=attached
                )
            except (PermissionDenied, ValueError) as exc:
                st.error(md_text(exc))
            else:
                _done(t("disputes.opened", lang))
    rows = disputes.listing(store, actor)
    st.markdown(f"**{t('disputes.mine', lang)}**")
    _table(rows, lang) if rows else st.caption(t("disputes.none", lang))


def _table(rows: list[KpiDispute], lang: str) -> None:
    outcome = {k: t(f"disputes.outcome_{k}", lang) for k in disputes.OUTCOMES}
    st.dataframe(
        pl.DataFrame(
            {
                t("disputes.kpi", lang): [d.kpi_code for d in rows],
                t("disputes.agency", lang): [d.agency_code for d in rows],
                t("disputes.month", lang): [d.period for d in rows],
                t("disputes.state", lang): [t(f"disputes.state_{d.state}", lang) for d in rows],
                t("disputes.reason", lang): [d.reason for d in rows],
                t("disputes.opened_by", lang): [d.opened_by for d in rows],
                t("disputes.opened_at", lang): [_when(d.opened_at) for d in rows],
                t("disputes.outcome", lang): [outcome.get(d.outcome or "", "") for d in rows],
                t("disputes.answer", lang): [d.answer or "" for d in rows],
                t("disputes.answered_at", lang): [_when(d.answered_at) for d in rows],
            }
        ),
        hide_index=True,
    )


def admin_panel(store, actor: Actor, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The administration page's tab: each open dispute with its answer form, then the answered ones."""
    _flash()
    rows = disputes.listing(store, actor)
    waiting = [d for d in rows if d.state == disputes.OPEN]
    st.markdown(f"**{t('disputes.admin_open', lang, count=len(waiting))}**")
    for d in waiting:
        with st.container(border=True, key=f"dispute-{d.id}"):
            st.markdown(md_text(f"#{d.id} · {d.kpi_code} · {d.agency_code} · {d.period} · {d.opened_by}"))
            st.text(d.reason)  # plain text: never Markdown
            if d.evidence_path:
                st.download_button(
                    t("disputes.download_evidence", lang, name=d.evidence_name),
                    disputes.evidence_bytes(store, actor, d),
                    file_name=d.evidence_name,
                    key=f"evidence-{d.id}",
                )
            _answer_form(store, actor, d, lang)
    answered = [d for d in rows if d.state != disputes.OPEN]
    if answered:
        st.markdown(f"**{t('disputes.history', lang)}**")
        _table(answered, lang)


def _answer_form(store, actor: Actor, d: KpiDispute, lang: str) -> None:  # type: ignore[no-untyped-def]
    with st.form(f"answer_{d.id}"):
        decision = st.radio(
            t("disputes.decision", lang),
            ["accept", "reject"],
            format_func=lambda k: t(f"disputes.{k}", lang),
            horizontal=True,
            key=f"decision-{d.id}",
        )
        outcome = st.selectbox(
            t("disputes.outcome", lang),
            list(disputes.OUTCOMES),
            format_func=lambda k: t(f"disputes.outcome_{k}", lang),
            key=f"outcome-{d.id}",
        )
        text = st.text_area(t("disputes.answer_text", lang), max_chars=4000, key=f"answer-{d.id}")
        if st.form_submit_button(t("disputes.answer_button", lang)):
            accepted = decision == "accept"
            try:
                disputes.answer_dispute(
                    store, actor, d.id or 0, accepted=accepted, outcome=outcome if accepted else None, answer=text
                )
            except (PermissionDenied, ValueError) as exc:
                st.error(md_text(exc))
            else:
                _done(t("disputes.answered", lang))
