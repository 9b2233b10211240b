"""What every page shares: the language switch, the warehouse connection, cached queries."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import streamlit as st

from dashboard.components.url_state import recall, remember
from dashboard.components.warmup import RecentCalls, Warmer
from dashboard.i18n import LANGUAGES, t
from metrics.queries import Queries
from metrics.settings import get_settings
from metrics.warehouse import Warehouse


@st.cache_resource
def warehouse(snapshot_dir: str) -> Warehouse:
    return Warehouse(Path(snapshot_dir))


def current_warehouse() -> Warehouse:
    snapshot_dir = str(get_settings().snapshot_dir)
    _warmer(snapshot_dir)  # the watcher of new snapshots, started once per process and store
    return warehouse(snapshot_dir)


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(snapshot_id: str, name: str, params: tuple[tuple[str, object], ...]) -> pl.DataFrame:
    # snapshot_id is part of the key: a new snapshot means new answers; old entries age out.
    return current_warehouse().query(name, **dict(params))


# The queries of the views opened lately in this process, replayed on each newly published snapshot.
RECENT = RecentCalls()
WARM_INTERVAL_S = 2.0


@st.cache_resource
def _warmer(snapshot_dir: str) -> Warmer:
    warmer = Warmer(warehouse(snapshot_dir), RECENT, _cached)
    warmer.start(WARM_INTERVAL_S)
    return warmer


def query(name: str, **params: object) -> pl.DataFrame:
    wh = current_warehouse()
    call = tuple(sorted(params.items()))
    RECENT.record((name, call))
    return _cached(wh.snapshot_id, name, call)


def queries() -> Queries:
    """The query API over this session's cache of the published snapshot."""
    return Queries(query)


def language() -> str:
    """Korean by default; `?lang=en` (kept in the URL) or the sidebar switch for English."""
    current = recall("lang", LANGUAGES, "ko")
    # In the run a click on the switch starts, the click's language is already in the session: the switch's
    # own label speaks it too, not the language the page was in before.
    shown = st.session_state.get("lang_switch", current)
    choice = st.sidebar.radio(
        t("app.language", shown),
        LANGUAGES,
        index=LANGUAGES.index(current),
        format_func=lambda code: {"ko": "한국어", "en": "English"}[code],
        horizontal=True,
        key="lang_switch",
    )
    remember("lang", choice, default="ko")
    return choice
