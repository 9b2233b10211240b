"""Shared fixtures. `fixture_store` is built once per test run (shared by the xdist workers under a lock) and
is read-only; `store_copy` gives a test its own writable copy of it."""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from metrics.settings import Settings
from tests.fixture_store import copy_store, fixture_env, make_fixture_store, settings_for

# One pinned clock (metrics/clock.py) for every test and every process a test starts (they inherit the
# environment): no test and no figure depends on the day the suite runs. Tests about dates pin their own.
PINNED_TODAY = "2026-11-25T10:00"
os.environ["GOVDASH_TODAY"] = PINNED_TODAY

# The real-browser fixtures, one Playwright per test process for every browser test.
pytest_plugins = ["tests.browser"]


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The built fixture store (read-only: do not submit or build into it)."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's basetemp is popen-gwN inside this run's folder: share that folder.
    # Without xdist, basetemp is this run's folder itself (its parent is shared by every past run).
    shared = base.parent if base.name.startswith("popen-gw") else base
    home = shared / "fixture-store"
    with open(shared / "fixture-store.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker builds; the others wait, then reuse it
        if not (home / "snapshots" / "CURRENT").exists():
            if home.exists():
                import shutil

                shutil.rmtree(home)  # a half-built store from an interrupted run
            make_fixture_store(home)
    return settings_for(home)


@pytest.fixture
def store_copy(fixture_store: Settings, tmp_path: Path) -> Settings:
    """A private, writable copy of the fixture store."""
    return copy_store(fixture_store.home, tmp_path / "store")


@pytest.fixture
def use_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point get_settings() at a store for code that reads the environment: use_store(settings)."""

    def point(settings: Settings) -> None:
        for key, value in fixture_env(settings.home).items():
            monkeypatch.setenv(key, value)

    yield point  # type: ignore[misc]


@pytest.fixture(autouse=True)
def _keep_main_module() -> Iterator[None]:
    """Streamlit's script runner (AppTest) installs the page as sys.modules["__main__"]; a later test that
    starts processes with multiprocessing's "spawn" would then re-run dashboard/app.py in every child. Put the
    real __main__ back after each test."""
    main = sys.modules.get("__main__")
    yield
    if main is not None and sys.modules.get("__main__") is not main:
        sys.modules["__main__"] = main
