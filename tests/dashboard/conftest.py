"""AppTest fixtures: the dashboard run in-process against the (read-only) fixture store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from metrics.settings import PROJECT_ROOT, Settings
from metrics.snapshot import connect_readonly, current_snapshot

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


@pytest.fixture
def app(fixture_store: Settings, use_store) -> Callable[..., AppTest]:  # type: ignore[no-untyped-def]
    """open(page, **query_params) → the app run once on that page with those URL parameters."""
    use_store(fixture_store)

    def open_page(page: str = "overview", **params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        if page != "overview":
            at.switch_page(f"views/{page}.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


@pytest.fixture(scope="session")
def marts(fixture_store: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The fixture snapshot opened directly, to compare what pages show with the marts themselves."""
    con = connect_readonly(current_snapshot(Path(fixture_store.snapshot_dir)))
    yield con
    con.close()
