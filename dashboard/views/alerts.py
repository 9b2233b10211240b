"""알림 / Alerts: the signed-in user's inbox (read/unread, a link that reopens each view) and the tasks, KPIs
and agencies they subscribe to (docs/decisions.md §22). Titles are the system's own words; codes come from
the catalog. The services (etl/alerts/inbox.py, etl/alerts/subscriptions.py) allow a user only their own."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components import auth
from dashboard.components.inert import md_text
from dashboard.components.page import current_language
from dashboard.i18n import t
from etl.access.actors import PermissionDenied
from etl.alerts import inbox, subscriptions
from metrics.kst import utc_naive_to_kst

lang = current_language()
st.title(t("nav.alerts", lang))
actor = auth.current_actor()
if actor is None:
    st.info(t("alerts.login_first", lang))
    st.stop()
store = auth.store()

st.subheader(t("alerts.inbox", lang))
rows = inbox.messages(store, actor)
unread = [r.id for r in rows if r.read_at is None]
st.caption(t("alerts.unread", lang, n=len(unread)))
if not rows:
    st.caption(t("alerts.empty", lang))
else:
    st.dataframe(
        pl.DataFrame(
            {
                t("alerts.when", lang): [f"{utc_naive_to_kst(r.created_at):%Y-%m-%d %H:%M}" for r in rows],
                t("alerts.state", lang): [t(f"alerts.state_{'read' if r.read_at else 'unread'}", lang) for r in rows],
                t("alerts.title", lang): [r.title_en if lang == "en" else r.title_ko for r in rows],
                t("alerts.open", lang): [f"/{r.link}" for r in rows],
            }
        ),
        column_config={t("alerts.open", lang): st.column_config.LinkColumn(display_text=t("alerts.open", lang))},
        hide_index=True,
        key="alerts-inbox",
    )
    if unread and st.button(t("alerts.mark_read", lang), key="alerts-mark-read"):
        inbox.mark_read(store, actor, [i for i in unread if i is not None])
        st.rerun()

st.subheader(t("alerts.subscriptions", lang))
st.caption(t("alerts.subscriptions_help", lang))
email = subscriptions.email_of(store, actor.user_id)
st.caption(t("alerts.email", lang, email=md_text(email)) if email else t("alerts.no_email", lang))
following = sorted(subscriptions.subjects(store, actor.user_id, actor.role, actor.agency_code), key=str)
kinds = {k: t(f"alerts.kind_{k}", lang) for k in subscriptions.KINDS}
if following:
    st.dataframe(
        pl.DataFrame(
            {
                t("alerts.kind", lang): [kinds[s.kind] for s in following],
                t("alerts.subject", lang): [s.code for s in following],
            }
        ),
        hide_index=True,
        key="alerts-following",
    )
else:
    st.caption(t("alerts.none", lang))
options = {
    "task": [x.code for x in store.catalog.tasks],
    "kpi": [k.code for k in store.catalog.kpis],
    "agency": sorted(store.agency_codes),
}
left, right = st.columns(2)
kind = left.selectbox(t("alerts.kind", lang), list(kinds), format_func=kinds.__getitem__, key="alerts-kind")
code = right.selectbox(t("alerts.subject", lang), options[kind], key="alerts-code")
subscribe, unsubscribe = st.columns(2)
for column, active, label in ((subscribe, True, "alerts.subscribe"), (unsubscribe, False, "alerts.unsubscribe")):
    if column.button(t(label, lang), key=f"alerts-{label}"):
        try:
            subscriptions.set_subscription(store, actor, actor.user_id, kind, code, active)
            st.rerun()
        except (PermissionDenied, ValueError) as exc:
            st.error(md_text(exc))
