"""Who is using this dashboard session: login state, idle timeout, logout, single sign-on, and which pages
the router shows. The rules themselves are in etl/ (authz, accounts): this only keeps the session's
login and hides what a role cannot do; every service checks the actor again when it is used.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import streamlit as st

from dashboard.components.inert import md_text
from dashboard.i18n import t
from etl.access.actors import Actor, role_name
from etl.governance import account_rules, accounts, sessions
from etl.ledger.store import Store, open_store
from metrics import clock
from metrics.settings import get_settings

_USER, _SEEN, _EXPIRED = "auth_user", "auth_last_seen", "auth_expired"
# The ledger session behind this tab's login (etl/governance/sessions.py), the one-time code the page hands to the
# cookie route, a pending "clear the cookie", and a cookie already refused (not checked again on every run).
_SID, _HANDOFF, _CLEAR, _REFUSED = "auth_sid", "auth_handoff", "auth_clear_cookie", "auth_refused_cookie"
_FAILURES = "auth_failures"  # times (naive UTC) of this browser session's recent failed logins
# The per-session throttle: after this many failed logins within the window, the session waits until the
# oldest of them leaves the window. It never reaches the service, so no account's counter moves.
SESSION_FAILURES = 5
SESSION_WINDOW = timedelta(minutes=5)
ADMIN_PAGES = ("admin",)
SIGNED_IN_PAGES = ("alerts",)  # a person's own inbox and subscriptions (§22)
LOGIN_PAGE = "login"


@st.cache_resource
def _store(database_url: str, home: str) -> Store:
    # Keyed by where the store is, so a test or a second store gets its own engine.
    return open_store(get_settings())


def store() -> Store:
    s = get_settings()
    return _store(s.database_url, str(s.home))


def sign_in(actor: Actor, now: datetime | None = None, *, sid: int | None = None, cookie: bool = True) -> None:
    """Keep the login in this tab; with a ledger session (`sid`, opened here unless given) that the server
    checks on every run, and (`cookie`) a handoff so that the browser gets the session cookie."""
    now = now or clock.now_utc()
    if sid is None:
        opened = sessions.open_session(store(), actor, now=now)
        sid = opened.sid
        if cookie:
            st.session_state[_HANDOFF] = opened.handoff
    st.session_state[_USER] = {"user_id": actor.user_id, "role": actor.role, "agency_code": actor.agency_code}
    st.session_state[_SEEN] = now
    st.session_state[_SID] = sid
    st.session_state.pop(_EXPIRED, None)


def sign_out(*, logout: bool = False) -> None:
    """Forget the tab's login; `logout`: the person asked, so the ledger session ends and the cookie goes."""
    user, sid = st.session_state.get(_USER), st.session_state.get(_SID)
    if logout and user is not None and sid is not None:
        sessions.log_out(store(), Actor(user["user_id"], user["role"], user["agency_code"]), sid)
    if logout:
        st.session_state[_CLEAR] = True
    for key in (_USER, _SEEN, _SID, _HANDOFF):
        st.session_state.pop(key, None)


def log_out_everywhere(actor: Actor) -> int:
    """End every session of this account (every browser, every device), then this tab's."""
    ended = sessions.revoke_all(store(), actor, actor.user_id)
    sign_out(logout=True)
    return ended


def cookie_scripts() -> None:
    """Hand the cookie route this login's one-time code (the route answers with the HttpOnly cookie), or ask
    it to clear the cookie after a logout. A fetch from the page: no reload, no token in the page."""
    if code := st.session_state.pop(_HANDOFF, None):
        call = f'fetch("/_govdash/session", {{method: "POST", body: "{code}", credentials: "same-origin"}})'
    elif st.session_state.pop(_CLEAR, False):
        call = 'fetch("/_govdash/logout", {method: "POST", credentials: "same-origin"})'
    else:
        return
    # The code is token_urlsafe (A-Z a-z 0-9 - _): nothing in it can leave the string.
    st.sidebar.html(f"<script>{call};</script>", unsafe_allow_javascript=True)


class Throttled(Exception):
    """This browser session failed too often: it may try again after `wait`."""

    def __init__(self, wait: timedelta) -> None:
        super().__init__(f"login throttled for {wait}")
        self.wait = wait


def throttle_wait(now: datetime) -> timedelta | None:
    """How long this session must wait before its next login attempt; None when it may try now.
    A success does not clear the count, so one's own account cannot be used to reset it."""
    recent = [t for t in st.session_state.get(_FAILURES, []) if now - t < SESSION_WINDOW]
    st.session_state[_FAILURES] = recent
    if len(recent) < SESSION_FAILURES:
        return None
    return recent[-SESSION_FAILURES] + SESSION_WINDOW - now


def login(username: str, password: str, now: datetime | None = None) -> Actor:
    """Check the password (accounts.authenticate raises LoginFailed with a message) and keep the login;
    Throttled, without asking the service, while this session has failed too often."""
    now = now or clock.now_utc()
    if wait := throttle_wait(now):
        raise Throttled(wait)
    try:
        actor = accounts.authenticate(store(), username, password, now=now)
    except account_rules.LoginFailed:
        st.session_state[_FAILURES] = [*st.session_state[_FAILURES], now]
        raise
    sign_in(actor, now)
    return actor


def current_actor(now: datetime | None = None) -> Actor | None:
    """The logged-in actor, or None. The tab's login, else the browser's session cookie; a login with a
    ledger session is checked there on every run (revoked, expired, idle, account disabled → ended). A login
    idle for GOVDASH_IDLE_MINUTES ends here (and says so once)."""
    now = now or clock.now_utc()
    user = st.session_state.get(_USER)
    if user is None:
        return _cookie_actor(now) or _sso_actor(now)
    if account_rules.is_idle(st.session_state.get(_SEEN, now), now):
        return _ended("idle")
    if (sid := st.session_state.get(_SID)) is not None:
        checked = sessions.check(store(), sid=sid, now=now)
        if checked.actor is None:
            return _ended(checked.reason)
        user = st.session_state[_USER] = {
            "user_id": checked.actor.user_id,
            "role": checked.actor.role,  # a role changed meanwhile applies from the next run
            "agency_code": checked.actor.agency_code,
        }
    st.session_state[_SEEN] = now
    return Actor(user["user_id"], user["role"], user["agency_code"])


def _ended(reason: str | None) -> None:
    sign_out()
    if reason in ("idle", "expired"):
        st.session_state[_EXPIRED] = True
    return None


def _cookie_actor(now: datetime) -> Actor | None:
    """A reload, a new tab or a pasted link: the login comes back from the session cookie."""
    cookie = st.context.cookies.get(sessions.COOKIE)
    # Only a real request has cookies (AppTest gives a stand-in object): anything but text is no cookie.
    if not isinstance(cookie, str) or not cookie or st.session_state.get(_REFUSED) == cookie:
        return None
    checked = sessions.check(store(), cookie=cookie, now=now)
    if checked.actor is None:
        st.session_state[_REFUSED] = cookie  # the page's cookies stay those of its first request
        if checked.reason in ("idle", "expired"):
            st.session_state[_EXPIRED] = True
        return None
    sign_in(checked.actor, now, sid=checked.sid)
    return checked.actor


def take_expired_notice() -> bool:
    return bool(st.session_state.pop(_EXPIRED, False))


def sso_configured() -> bool:
    """st.login needs an [auth] section in .streamlit/secrets.toml (see docs/security.md)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _sso_actor(now: datetime) -> Actor | None:
    if not sso_configured() or not st.user.is_logged_in:
        return None
    try:
        actor = accounts.actor_for_email(store(), str(st.user.get("email") or ""), now=now)
    except account_rules.LoginFailed as exc:
        st.session_state["auth_sso_error"] = str(exc)
        return None
    sign_in(actor, now, cookie=False)  # single sign-on keeps its own cookie (Streamlit's)
    return actor


def login_required() -> bool:
    return not account_rules.public_read()


def visible_pages(pages: list[st.Page], actor: Actor | None) -> list[st.Page]:
    """The router's pages for this actor: the administration page only for those allowed to use it."""
    return [
        p
        for p in pages
        if (p.url_path not in ADMIN_PAGES or accounts.may(actor, "manage_users"))
        and (p.url_path not in SIGNED_IN_PAGES or actor is not None)
    ]


def navigate(sections: dict[str, list[st.Page]], actor: Actor | None) -> None:
    """Run the page asked for. While reading needs a login (GOVDASH_PUBLIC_READ=0) and nobody has logged
    in, every address shows the login form instead (Streamlit runs only the page st.navigation returns, so
    each address is given the login view); after the login the same address shows its own page.
    The menu lists the sections this actor may open, always expanded (no "View n more")."""
    if actor is None and login_required():
        pages = [p for section in sections.values() for p in section]
        gated = [
            st.Page(login_view, title=p.title, url_path=p.url_path or "home", default=i == 0)
            for i, p in enumerate(pages)
        ]
        st.navigation(gated, position="hidden").run()
        return
    # A page this actor may not open stays in its section, hidden, and answers its address with a message in
    # the page's language instead of Streamlit's English "Page not found" dialog (docs/decisions.md §27).
    shown: dict[str, list[st.Page]] = {}
    for name, section in sections.items():
        kept = visible_pages(section, actor)
        open_paths = {p.url_path for p in kept}
        refused = [
            st.Page(refused_view, title=p.title, url_path=p.url_path, visibility="hidden")
            for p in section
            if p.url_path not in open_paths
        ]
        if kept:
            shown[name] = kept + refused
        elif refused:
            shown.setdefault("", []).extend(refused)
    st.navigation(shown, expanded=True).run()


def refused_view() -> None:
    from dashboard.components.page import current_language

    lang = current_language()
    st.title(t("a11y.refused_title", lang))
    st.info(t("a11y.refused", lang))
    st.page_link(f"views/{LOGIN_PAGE}.py", label=t("nav.login", lang), icon=":material/login:")


def login_view() -> None:
    """The login page: name and password (or single sign-on when configured), logout, and why a login
    ended. accounts.authenticate decides; this only asks and shows its answer."""
    from dashboard.components.page import current_language

    lang = current_language()
    st.title(t("login.title", lang))
    actor = current_actor()
    if take_expired_notice():
        st.warning(t("login.expired", lang, minutes=account_rules.idle_minutes()))
    if sso_error := st.session_state.pop("auth_sso_error", None):
        st.error(md_text(sso_error))  # may quote the identity's e-mail
    if actor is not None:
        st.success(t("login.signed_in", lang, user=md_text(actor.user_id), role=role_name(actor.role, lang)))
        if st.button(t("auth.logout", lang), key="login_logout"):
            sign_out(logout=True)
            st.rerun()
        if st.button(t("sessions.logout_everywhere", lang), key="login_logout_everywhere"):
            log_out_everywhere(actor)
            st.rerun()
        st.caption(t("sessions.help", lang, hours=sessions.session_hours(), minutes=account_rules.idle_minutes()))
        return
    if login_required():
        st.info(t("login.required", lang))
    with st.form("login_form"):
        username = st.text_input(t("login.username", lang), key="login_username")
        password = st.text_input(t("login.password", lang), type="password", key="login_password")
        submitted = st.form_submit_button(t("login.submit", lang), type="primary")
    if submitted:
        try:
            login(username, password)
        except account_rules.LoginFailed as exc:
            st.error(str(exc))  # one message for every reason: see account_rules.LOGIN_FAILED
        except Throttled as exc:
            st.error(t("login.throttled", lang, failures=SESSION_FAILURES, minutes=_minutes(exc.wait)))
        else:
            st.rerun()
    if sso_configured():
        st.divider()
        if st.button(t("login.sso", lang), key="login_sso"):
            st.login()
    st.caption(t("login.help", lang, minutes=account_rules.idle_minutes()))


def _minutes(wait: timedelta) -> int:
    return max(1, -(-int(wait.total_seconds()) // 60))  # rounded up: never "0 minutes"


def sidebar(actor: Actor | None, lang: str) -> None:
    """Who is logged in, and a logout button."""
    if actor is None:
        # Reading needs a login on a private server: "read only" would promise what nobody can do there.
        st.sidebar.caption(t("a11y.not_signed_in_private" if login_required() else "auth.not_signed_in", lang))
        return
    where = f" · {actor.agency_code}" if actor.agency_code else ""
    user = md_text(actor.user_id)  # a name such as "__x__" would be set in bold
    st.sidebar.caption(t("auth.signed_in_as", lang, user=user, role=role_name(actor.role, lang)) + where)
    if st.sidebar.button(t("auth.logout", lang), key="auth_logout"):
        sign_out(logout=True)
        if sso_configured() and st.user.is_logged_in:
            st.logout()
        st.rerun()
