"""The ledger on each backend: `ledger_settings` is a fresh, empty store whose ledger is SQLite or PostgreSQL.

PostgreSQL comes from GOVDASH_TEST_POSTGRES_URL (set by `.ci/run` and `make test-postgres`); when that is
unset, scripts/postgres.sh is asked to start its throwaway server (it never installs anything from here). If no
server can be had, the PostgreSQL cases skip and say why, except in CI (CI=1), where they fail.
Each test gets its own PostgreSQL database, dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from metrics.settings import PROJECT_ROOT, Settings
from tests.fixture_store import write_reference

BACKENDS = ("sqlite", "postgresql")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def _no_server(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"PostgreSQL is required in CI: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason} (run `make test-postgres`, or set GOVDASH_TEST_POSTGRES_URL)")


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = os.environ.get("GOVDASH_TEST_POSTGRES_URL", "").strip()
    if url:
        return url
    if _in_ci():
        _no_server("GOVDASH_TEST_POSTGRES_URL is not set (.ci/run sets it from scripts/postgres.sh)")
    script = PROJECT_ROOT / "scripts" / "postgres.sh"
    env = {**os.environ, "GOVDASH_PG_NO_INSTALL": "1"}
    done = subprocess.run(["bash", str(script)], capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0 or not done.stdout.strip():
        _no_server(f"scripts/postgres.sh could not start one: {done.stderr.strip()[-300:]}")
    return done.stdout.strip()


def _admin(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database, autocommit=True
    )


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh, empty database on the PostgreSQL server, dropped after the test."""
    name = f"govdash_test_{secrets.token_hex(4)}"
    try:
        admin = _admin(postgres_server_url)
    except Exception as exc:  # the server is named but does not answer
        _no_server(f"{make_url(postgres_server_url).render_as_string()} does not answer: {exc}")
    with admin:
        admin.execute(f'create database "{name}"')
    yield make_url(postgres_server_url).set(database=name).render_as_string(hide_password=False)
    with _admin(postgres_server_url) as admin:
        admin.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture(params=BACKENDS)
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def ledger_settings(ledger_url: str, tmp_path: Path) -> Settings:
    """An empty store (archive, snapshots) on the chosen ledger, with a small agency list."""
    home = tmp_path / "store"
    write_reference(home / "reference")
    return Settings(
        home=home,
        database_url=ledger_url,
        catalog_dir=PROJECT_ROOT / "data" / "catalog",
        reference_dir=home / "reference",
        keep_snapshots=10,
    )
