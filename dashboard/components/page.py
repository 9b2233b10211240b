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
# Below 640 px (where Streamlit stacks columns) the attention list's rows become stacks of labelled lines
# (its header hidden), the overview's cards stand two a row, its bars put each task's name on its own line above
# the bar, and a long table scrolls in a box of at most 70 % of the screen's height.
PHONE_CSS = (
    "@media (max-width:640px){"
    ".st-key-attention-head{display:none}"
    ".gd-attention-row{display:block!important}"
    ".gd-attention-row>div{display:flex;gap:0.5rem;word-break:keep-all}"
    ".gd-attention-row>div::before{content:attr(data-label);flex:0 0 4.5rem;opacity:0.65}"
    ".st-key-strategy-cards [data-testid='stColumn'],.st-key-task-cards [data-testid='stColumn']"
    "{min-width:calc(50% - 0.5rem)!important;max-width:calc(50% - 0.5rem)!important;"
    "flex:1 1 calc(50% - 0.5rem)!important}"
    "[data-testid='stMetricValue']{font-size:1.75rem!important}"
    # a long table (the scorecard, the period comparison) scrolls in its own box rather than running for screens
    "[data-testid='stTable']{max-height:70vh;overflow:auto!important}"
    # the agency page's wide tables keep readable columns and scroll sideways instead of squeezing them
    ".st-key-scorecard table,.st-key-agency-comparison table{min-width:40rem}"
    ".gd-bars-grid{grid-template-columns:minmax(0,1fr) max-content!important}"
    ".gd-bars-lead{display:none}"
    ".gd-bar-label,.gd-bars-ytitle{grid-column:1/-1;text-align:left!important;word-break:keep-all}"
    "}"
)
LAYOUT_CSS = (
    "<style>[data-testid='stTable'] th,[data-testid='stTable'] td{word-break:keep-all!important;"
    "overflow-wrap:normal!important;min-width:3.5em}[data-testid='stTable']{overflow-x:auto}"
    ".gd-status{white-space:nowrap!important}"
    # a card's title (a metric's label) wraps rather than being cut off with an ellipsis
    "[data-testid='stMetricLabel'],[data-testid='stMetricLabel'] *{white-space:normal!important;"
    "overflow:visible!important;text-overflow:clip!important;word-break:keep-all;height:auto!important}"
    + PHONE_CSS
    + "</style>"
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
