"""Filters kept in the URL so that a link reproduces the view.

A value is read from the URL first, then from this session (moving to another page of the app clears the
URL's query string, so the session keeps the choice), then the default. Invalid values fall back to the
default rather than failing: a link may be old or hand-edited.

Browser history (docs/decisions.md §32): one entry per page the user opens. Streamlit's front end adds an entry
(history.pushState) for each write to st.query_params, about six per page visit; `one_entry_per_page` makes a
write that changes only the query string replace the current entry instead, so that a filter change updates
the entry of the page it was made on and Back goes to the previous page as it was left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import streamlit as st

_SESSION = "url_state"
_INSTALLED = "url_state_history_script"  # the history script was sent in an earlier run of this session
_WRITES = "url_state_writes"  # this run may write to the URL

# Installed once per browser tab (the flag survives reruns, the tab's reload starts afresh). Streamlit's only
# pushState calls are a page change (another path) and a query-string write (the same path): the latter
# becomes a replaceState. Streamlit itself already replaces while Back or Forward re-runs a page.
_ONE_ENTRY_PER_PAGE = """<script>
(() => {
  const h = window.history;
  if (h.govdashOneEntryPerPage) return;
  h.govdashOneEntryPerPage = true;
  const push = h.pushState.bind(h);
  h.pushState = (state, title, url) => {
    const next = url == null ? null : new URL(url, window.location.href);
    if (next === null || next.pathname === window.location.pathname) h.replaceState(state, title, url);
    else push(state, title, url);
  };
})();
</script>"""


def _kept() -> dict[str, str]:
    return st.session_state.setdefault(_SESSION, {})


@overload
def recall(name: str, options: Sequence[str], default: str) -> str: ...
@overload
def recall(name: str, options: Sequence[str], default: None) -> str | None: ...
def recall(name: str, options: Sequence[str], default: str | None) -> str | None:
    for candidate in (st.query_params.get(name), _kept().get(name)):
        if candidate is not None and candidate in options:
            return candidate
    return default


def remember(name: str, value: str, default: str | None = None) -> None:
    """Keep `value` for `name` in the session and in the URL."""
    _kept()[name] = value
    if st.session_state.get(_WRITES, True) and st.query_params.get(name) != value:
        st.query_params[name] = value


def forget(name: str) -> None:
    _kept().pop(name, None)
    if st.session_state.get(_WRITES, True) and name in st.query_params:
        del st.query_params[name]


def current_params(*names: str) -> dict[str, str]:
    """The kept values of `names` (for links to another page that should open the same view)."""
    kept = _kept()
    return {n: kept[n] for n in names if n in kept}


def one_entry_per_page() -> None:
    """Browser history with one entry per page opened, a filter change replacing its page's entry (§32).
    In the sidebar: an element there takes no room from the page's own layout.

    The script runs only once the browser has drawn it, after this run's writes to the URL: in a session's
    first run (a new tab, a reload, a link opened) those writes would each still add an entry, so that run
    leaves the URL as it was opened (its values are the link's or the defaults) and keeps them in the session;
    the URL gets them from the next run on."""
    st.sidebar.html(_ONE_ENTRY_PER_PAGE, unsafe_allow_javascript=True)
    st.session_state[_WRITES] = _INSTALLED in st.session_state
    st.session_state[_INSTALLED] = True
