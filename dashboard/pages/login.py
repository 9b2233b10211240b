"""로그인 / Login: name and password (or single sign-on when configured), logout, and why a login ended.

accounts.authenticate decides; this page only asks and shows its answer.
"""

from __future__ import annotations

import streamlit as st

from dashboard.components import auth
from dashboard.components.page import current_language, ensure_router
from dashboard.i18n import t
from etl import accounts
from etl.actors import role_name

ensure_router()
lang = current_language()
st.title(t("login.title", lang))
actor = auth.current_actor()
if auth.take_expired_notice():
    st.warning(t("login.expired", lang, minutes=accounts.idle_minutes()))
if sso_error := st.session_state.pop("auth_sso_error", None):
    st.error(sso_error)

if actor is not None:
    st.success(t("login.signed_in", lang, user=actor.user_id, role=role_name(actor.role, lang)))
    if st.button(t("auth.logout", lang), key="login_logout"):
        auth.sign_out()
        st.rerun()
    st.stop()

if auth.login_required():
    st.info(t("login.required", lang))
with st.form("login_form"):
    username = st.text_input(t("login.username", lang), key="login_username")
    password = st.text_input(t("login.password", lang), type="password", key="login_password")
    submitted = st.form_submit_button(t("login.submit", lang), type="primary")
if submitted:
    try:
        auth.login(username, password)
    except accounts.LoginFailed as exc:
        st.error(str(exc))
    else:
        st.rerun()
if auth.sso_configured():
    st.divider()
    if st.button(t("login.sso", lang), key="login_sso"):
        st.login()
st.caption(t("login.help", lang, minutes=accounts.idle_minutes()))
