"""관리 / Administration: accounts, period locks, targets and thresholds, and the audit trail.

Safe defaults: a new account's role and a new target's value start empty and must be chosen (the services
refuse them missing); the audit trail is readable columns (dashboard/components/audit_trail.py).

Only for those the authorisation matrix allows; every action goes through the etl/ services, which check
the actor again and write the audit trail. Free text is shown in tables and code blocks, never as markup.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components import auth
from dashboard.components.annotation_admin import annotations_admin
from dashboard.components.audit_trail import audit_trail
from dashboard.components.cells import yes_no
from dashboard.components.disputes import admin_panel as dispute_admin
from dashboard.components.inert import md_text
from dashboard.components.page import current_language
from dashboard.i18n import t
from etl.access.actors import PERSON_ROLES, Actor, PermissionDenied, role_name
from etl.governance import accounts, targets
from etl.governance import period_locks as locks
from metrics.kst import utc_naive_to_kst


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
                t("admin.disabled", lang): [yes_no(a.disabled, lang) for a in users],
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
        # No default role (least privilege): the choice is explicit, and the service refuses none.
        role = st.selectbox(
            t("admin.role", lang),
            PERSON_ROLES,
            index=None,
            placeholder=t("admin_defaults.role_placeholder", lang),
            format_func=lambda r: role_name(r, lang),
            help=t("admin_defaults.role_help", lang),
        )
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
        # Empty until typed: a 0 offered as the default would be saved by a hurried click.
        value = st.number_input(
            t("admin.value", lang),
            value=None,
            format="%.4f",
            placeholder=t("admin_defaults.target_placeholder", lang),
        )
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
    audit_trail(store, actor, lang)  # type: ignore[arg-type]
with tab_notes:
    annotations_admin(store, actor, lang)  # type: ignore[arg-type]  # chart annotations (§22)
with tab_disputes:
    dispute_admin(store, actor, lang)  # type: ignore[arg-type]
