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


# On a narrow screen (390 px) a table squeezes its columns until Korean words break one letter per line and
# months and times are cut: words stay whole (a wide table scrolls sideways in its own box instead), and a
# status word never breaks.
LAYOUT_CSS = (
    "<style>[data-testid='stTable'] th,[data-testid='stTable'] td{word-break:keep-all!important;"
    "overflow-wrap:normal!important;min-width:3.5em}[data-testid='stTable']{overflow-x:auto}"
    ".gd-status{white-space:nowrap!important}</style>"
)


def open_page(title_key: str) -> tuple[str, Queries]:
    lang = current_language()
    st.title(t(title_key, lang))
    st.html(LAYOUT_CSS)
    q = queries()
    try:
        q.build_info()
    except NoSnapshot:
        st.info(t("app.no_snapshot", lang))
        st.stop()
    return lang, q
