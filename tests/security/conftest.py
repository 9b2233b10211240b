"""Fixtures for the security tests: a writable copy of the fixture store, one actor per role, a fixed clock, and a
private dashboard server (reading behind a login) for the login and session browser tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from etl.access.actors import SYSTEM, Actor
from etl.governance import accounts
from etl.ledger.store import Store, open_store
from metrics.settings import Settings
from tests.e2e.server import Served, serve
from tests.fixture_store import settings_for, write_reference
from tests.postgres.conftest import ledger_settings, ledger_url, postgres_server_url, postgres_url  # noqa: F401

NOW = datetime(2026, 11, 25, 1, 0)  # naive UTC, after every month of the fixture store
OWN_AGENCY = "1352000"  # 보건복지부
OTHER_AGENCY = "1741000"  # 행정안전부
PASSWORD = "committee-password-2026"  # private_server's one account: jung, a committee member

ACTORS = {
    "admin": Actor("admin-lee", "admin"),
    "agency": Actor("officer-park", "agency", OWN_AGENCY),
    "council": Actor("council-choi", "council"),
    "committee": Actor("committee-jung", "committee"),
    "system": Actor("system", "system"),
}


@pytest.fixture
def store(store_copy: Settings) -> Iterator[Store]:
    """A writable copy of the built fixture store (submissions, archive, snapshot)."""
    s = open_store(store_copy)
    yield s
    s.engine.dispose()


@pytest.fixture
def blank_settings(tmp_path: Path) -> Settings:
    """A new, empty store with the fixture agencies: for tests that need no submissions (much cheaper)."""
    write_reference(tmp_path / "store" / "reference")
    return settings_for(tmp_path / "store")


@pytest.fixture
def blank_store(blank_settings: Settings) -> Iterator[Store]:
    s = open_store(blank_settings)
    yield s
    s.engine.dispose()


@pytest.fixture
def private_server(store_copy: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    """`govdash serve` on a private copy of the fixture store with reading behind a login (GOVDASH_PUBLIC_READ=0)
    and one account, jung (committee), whose password is PASSWORD."""
    store = open_store(store_copy)
    accounts.add_user(store, SYSTEM, "jung", "committee", password=PASSWORD)
    store.engine.dispose()
    monkeypatch.setenv("GOVDASH_PUBLIC_READ", "0")
    with serve(store_copy) as served:
        yield served


def archived_kpi_file(store: Store, agency_code: str, period: str) -> bytes:
    root = store.settings.archive_dir / "kpi_progress" / period / agency_code
    return next(p for p in sorted(root.iterdir()) if p.suffix == ".csv").read_bytes()


def kpi_progress_csv(agency_code: str, period: str, rows: list[tuple[str, str, str]]) -> bytes:
    """A kpi_progress file in the standard layout: (지표코드, 실적값, 비고) rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["기관코드", "기준월", "지표코드", "실적값", "비고"])
    for code, value, note in rows:
        writer.writerow([agency_code, period.replace("-", "."), code, value, note])
    return out.getvalue().encode("utf-8")


def read_csv_rows(content: bytes) -> list[dict[str, str]]:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return list(csv.DictReader(io.StringIO(content.decode(encoding))))
        except UnicodeDecodeError:
            continue
    raise AssertionError("undecodable fixture file")


def files_under(path: Path) -> list[Path]:
    return [p for p in path.rglob("*") if p.is_file()]
