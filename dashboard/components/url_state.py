"""Filters kept in the URL so that a link reproduces the view.

A value is read from the URL first, then from this session (moving to another page of the app clears the
URL's query string, so the session keeps the choice), then the default. Invalid values fall back to the
default rather than failing: a link may be old or hand-edited.

Browser history (docs/decisions.md §32): Streamlit's front end adds an entry (history.pushState) for each write
to st.query_params, about six per page visit. The page `govdash serve` sends carries dashboard/history.js,
which runs before the front end does and turns a push that changes only the query string into a replace: the
writes here update the entry of the page they are made on, from a session's first run on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import streamlit as st

_SESSION = "url_state"


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
    if st.query_params.get(name) != value:
        st.query_params[name] = value


def forget(name: str) -> None:
    _kept().pop(name, None)
    if name in st.query_params:
        del st.query_params[name]


def current_params(*names: str) -> dict[str, str]:
    """The kept values of `names` (for links to another page that should open the same view)."""
    kept = _kept()
    return {n: kept[n] for n in names if n in kept}
