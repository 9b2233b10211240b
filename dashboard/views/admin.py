"""관리 / Administration: accounts, period locks, targets and thresholds, and the audit trail.

Only for those the authorisation matrix allows; every action goes through the etl/ services, which check
the actor again and write the audit trail. Free text is shown in tables and code blocks, never as markup.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import polars as pl
import streamlit as st

from dashboard.components import auth
from dashboard.components.annotation_admin import annotations_admin
from dashboard.components.disputes import admin_panel as dispute_admin
from dashboard.components.inert import md_text
from dashboard.components.page import current_language
from dashboard.i18n import t
from etl import accounts, audit, locks, targets
from etl.actors import PERSON_ROLES, Actor, PermissionDenied, role_name
from metrics.clock import now_kst
from metrics.kst import kst_naive_to_utc, utc_naive_to_kst


def _run(action, lang: str):  # type: ignore[no-untyped-def]
    """Call a service; show its refusal as a message (nothing was changed)."""
    try:
        return action()
    except (PermissionDenied, ValueError) as exc:
        st.error(md_text(exc))  # the refusal may quote the typed month, name or reason
        return None


def _accounts(store, actor: Actor, lang: str) -> None:  # type: ignore[no-untyped-def]
    users = accounts.list_users(store, actor)
    st.dataframe(
        pl.DataFrame(
            {
                t("admin.user", lang): [a.username for a in users],
                t("admin.role", lang): [role_name(a.role, lang) for a in users],
                t("admin.agency", lang): [a.agency_code or "" for a in users],
                t("admin.email", lang): [a.email or "" for a in users],
                t("admin.disabled", lang): [a.disabled for a in users],
                t("admin.locked_until", lang): [
                    f"{utc_naive_to_kst(a.locked_until):%Y-%m-%d %H:%M}" if a.locked_until else "" for a in users
                ],
            }
        ),
        hide_index=True,
    )
    with st.form("admin_add_user", clear_on_submit=True):
        st.subheader(t("admin.add_user", lang))
        username = st.text_input(t("admin.user", lang))
        role = st.selectbox(t("admin.role", lang), PERSON_ROLES, format_func=lambda r: role_name(r, lang))
        agency = st.selectbox(t("admin.agency", lang), ["", *sorted(store.agency_codes)])
        email = st.text_input(t("admin.email", lang))
        if st.form_submit_button(t("admin.add", lang)):
            issued = _run(
                lambda: accounts.add_user(
                    store, actor, username, role, agency_code=agency or None, email=email or None
                ),
                lang,
            )
            if issued:
                st.success(t("admin.added", lang, user=md_text(issued.account.username)))
                st.code(issued.password or "", language=None)
                st.caption(t("admin.password_once", lang))
    names = [a.username for a in users]
    if not names:
        return
    col_user, col_action = st.columns([2, 3])
    chosen = col_user.selectbox(t("admin.user", lang), names, key="admin_user_pick")
    left, middle, right = col_action.columns(3)
    if left.button(t("admin.disable", lang)) and _run(lambda: accounts.set_disabled(store, actor, chosen), lang):
        st.rerun()
    if middle.button(t("admin.enable", lang)) and _run(
        lambda: accounts.set_disabled(store, actor, chosen, False), lang
    ):
        st.rerun()
    if right.button(t("admin.reset", lang)):
        issued = _run(lambda: accounts.reset_password(store, actor, chosen), lang)
        if issued:
            st.code(issued.password or "", language=None)
            st.caption(t("admin.password_once", lang))


def _locks(store, actor: Actor, lang: str) -> None:  # type: ignore[no-untyped-def]
    rows = locks.list_locks(store)
    st.dataframe(
        pl.DataFrame(
            {
                t("admin.month", lang): [r.period for r in rows],
                t("admin.locked_by", lang): [r.locked_by for r in rows],
                t("admin.reason", lang): [r.reason for r in rows],
                t("admin.unlocked_by", lang): [r.unlocked_by or "" for r in rows],
                t("admin.unlock_reason", lang): [r.unlock_reason or "" for r in rows],
                # The snapshot whose figures of the month every build keeps; none when nothing was published.
                t("admin.frozen_snapshot", lang): [r.snapshot_id or t("admin.not_frozen", lang) for r in rows],
            },
            schema={
                t(f"admin.{k}", lang): pl.String
                for k in ("month", "locked_by", "reason", "unlocked_by", "unlock_reason", "frozen_snapshot")
            },
        ),
        hide_index=True,
    )
    with st.form("admin_lock"):
        month = st.text_input(t("admin.month", lang), placeholder="2026-09")
        reason = st.text_area(t("admin.reason", lang))
        lock_col, unlock_col = st.columns(2)
        if lock_col.form_submit_button(t("admin.lock", lang)) and _run(
            lambda: locks.lock(store, actor, month, reason), lang
        ):
            st.rerun()
        if unlock_col.form_submit_button(t("admin.unlock", lang)) and _run(
            lambda: locks.unlock(store, actor, month, reason), lang
        ):
            st.rerun()


def _targets(store, actor: Actor, lang: str) -> None:  # type: ignore[no-untyped-def]
    st.caption(t("admin.targets_help", lang))
    catalog = targets.effective_catalog(store)
    with st.form("admin_target"):
        kpi = st.selectbox(t("admin.kpi", lang), [k.code for k in catalog.kpis])
        year = st.number_input(
            t("admin.year", lang),
            catalog.settings.baseline_year,
            catalog.settings.target_year,
            catalog.settings.target_year,
        )
        value = st.number_input(t("admin.value", lang), value=0.0, format="%.4f")
        reason = st.text_area(t("admin.reason", lang), key="target_reason")
        if st.form_submit_button(t("admin.change_target", lang)) and _run(
            lambda: targets.change_target(store, actor, kpi, int(year), value, reason), lang
        ):
            st.success(t("admin.changed", lang))
    with st.form("admin_threshold"):
        name = st.selectbox(t("admin.threshold", lang), targets.THRESHOLDS)
        value = st.number_input(t("admin.value", lang), value=80.0, key="threshold_value")
        reason = st.text_area(t("admin.reason", lang), key="threshold_reason")
        if st.form_submit_button(t("admin.change_threshold", lang)) and _run(
            lambda: targets.change_threshold(store, actor, name, value, reason), lang
        ):
            st.success(t("admin.changed", lang))
    changes = targets.list_changes(store)
    if changes:
        st.dataframe(
            pl.DataFrame(
                {
                    t("admin.kpi", lang): [c.kpi_code or "" for c in changes],
                    t("admin.item", lang): [c.name for c in changes],
                    t("admin.old", lang): [c.old_value for c in changes],
                    t("admin.new", lang): [c.new_value for c in changes],
                    t("admin.reason", lang): [c.reason for c in changes],
                    t("admin.by", lang): [c.changed_by for c in changes],
                }
            ),
            hide_index=True,
        )


def _audit(store, actor: Actor, lang: str) -> None:  # type: ignore[no-untyped-def]
    text_col, action_col, from_col, to_col = st.columns(4)
    text = text_col.text_input(t("admin.search", lang))
    action = action_col.text_input(t("admin.action", lang), placeholder="submission.")
    today = now_kst().date()
    since = from_col.date_input(t("admin.since", lang), today - timedelta(days=30))
    until = to_col.date_input(t("admin.until", lang), today)
    entries = _run(
        lambda: audit.search(
            store,
            actor,
            text=text or None,
            action=action or None,
            since=kst_naive_to_utc(datetime.combine(since, time())),
            until=kst_naive_to_utc(datetime.combine(until + timedelta(days=1), time())),
        ),
        lang,
    )
    if entries is None:
        return
    frame = pl.DataFrame(
        [{c: getattr(e, c) for c in audit.COLUMNS} for e in entries],
        schema={c: (pl.Int64 if c == "id" else pl.Datetime("us") if c == "at" else pl.String) for c in audit.COLUMNS},
        orient="row",
    )
    st.caption(t("admin.entries", lang, count=len(entries)))
    st.dataframe(frame, hide_index=True)
    st.download_button(
        t("admin.export", lang), audit.export_csv(entries), file_name=f"audit_{today:%Y%m%d}.csv", mime="text/csv"
    )


lang = current_language()
st.title(t("admin.title", lang))
actor = auth.current_actor()
if not accounts.may(actor, "manage_users"):
    st.warning(t("admin.only_admins", lang))
    st.stop()
store = auth.store()
tab_users, tab_locks, tab_targets, tab_audit, tab_notes, tab_disputes = st.tabs(
    [
        t("admin.tab_users", lang),
        t("admin.tab_locks", lang),
        t("admin.tab_targets", lang),
        t("admin.tab_audit", lang),
        t("annotations.admin_tab", lang),
        t("disputes.admin_tab", lang),
    ]
)
with tab_users:
    _accounts(store, actor, lang)  # type: ignore[arg-type]
with tab_locks:
    _locks(store, actor, lang)  # type: ignore[arg-type]
with tab_targets:
    _targets(store, actor, lang)  # type: ignore[arg-type]
with tab_audit:
    _audit(store, actor, lang)  # type: ignore[arg-type]
with tab_notes:
    annotations_admin(store, actor, lang)  # type: ignore[arg-type]  # chart annotations (§22)
with tab_disputes:
    dispute_admin(store, actor, lang)  # type: ignore[arg-type]
