"""The accessibility tests' server: `govdash serve` on this module's own copy of the fixture store, with an
administrator and an agency officer account, one per test module; and axe-core present (installed by
`make a11y-deps`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from etl.access.actors import SYSTEM
from etl.governance import accounts
from etl.ledger.store import open_store
from metrics.settings import Settings
from tests.a11y.scan import AXE_JS
from tests.e2e.server import Served, serve
from tests.fixture_store import copy_store

ADMIN, ADMIN_PASSWORD = "admin-a11y", "a11y-admin-password-2026"
OFFICER, OFFICER_AGENCY = "demo-a11y-officer", "1741000"  # 행정안전부, the owner of the catalog's tasks
ACCOUNTS = {"admin": (ADMIN, ADMIN_PASSWORD), "officer": (OFFICER, ADMIN_PASSWORD)}


@pytest.fixture(scope="module")
def a11y_server(fixture_store: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    assert AXE_JS.exists(), "axe-core is missing: run `make a11y-deps` (npm ci in tests/a11y)"
    settings = copy_store(fixture_store.home, tmp_path_factory.mktemp("a11y") / "store")
    store = open_store(settings)
    accounts.add_user(store, SYSTEM, ADMIN, "admin", password=ADMIN_PASSWORD)
    accounts.add_user(store, SYSTEM, OFFICER, "agency", agency_code=OFFICER_AGENCY, password=ADMIN_PASSWORD)
    store.engine.dispose()
    with serve(settings) as served:
        yield served
