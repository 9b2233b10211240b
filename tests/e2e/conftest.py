"""Browser-test fixtures: `served_store`, a real dashboard server on a copy of the fixture store, one per test
module (shared by the module's tests). The browser itself (`browser`, `browser_page`) is in tests/browser.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from metrics.settings import Settings
from tests.e2e.server import Served, serve
from tests.fixture_store import copy_store


@pytest.fixture(scope="module")
def served_store(fixture_store: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A running `govdash serve` on this module's own copy of the fixture store."""
    home = tmp_path_factory.mktemp("served") / "store"
    settings = copy_store(fixture_store.home, home)
    with serve(settings) as served:
        yield served


def pytest_configure(config: pytest.Config) -> None:
    # Keeps a module's browser tests on one xdist worker (one server per module); registered here too so
    # that the marker is known when the tests run without xdist.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on the same xdist worker")
