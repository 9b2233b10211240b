"""The opening every page shares: the language chosen in the router, the query API, and a clear message
instead of a traceback when nothing has been published yet."""

from __future__ import annotations

import streamlit as st

from dashboard.components.context import queries
from dashboard.components.url_state import recall
from dashboard.i18n import LANGUAGES, t
from metrics.queries import Queries
from metrics.snapshot import NoSnapshot


def current_language() -> str:
    return recall("lang", LANGUAGES, "ko")


def ensure_router() -> None:
    """Make the router (app.py's st.navigation) govern, even on a server's very first request.

    Streamlit treats a folder named `pages/` beside the entry file as an old-style multipage app until
    st.navigation has run once in the process: a first request for /overview would run the page file alone,
    without the router (no language switch, file names in the menu). Switching that mode off and rerunning
    sends the request through app.py instead.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def open_page(title_key: str) -> tuple[str, Queries]:
    ensure_router()
    lang = current_language()
    st.title(t(title_key, lang))
    q = queries()
    try:
        q.build_info()
    except NoSnapshot:
        st.info(t("app.no_snapshot", lang))
        st.stop()
    return lang, q
