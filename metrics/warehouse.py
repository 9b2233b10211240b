"""Read access to the published snapshot for pages and reports.

One read-only connection per published snapshot, a cursor per query (DuckDB connections are not shared
across threads), the pointer checked on every query so a newly published snapshot shows up without a
restart. Queries are files in sql/queries/; values reach them only as parameters.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

from metrics.settings import PROJECT_ROOT
from metrics.snapshot import connect_readonly, current_snapshot

QUERY_DIR = PROJECT_ROOT / "sql" / "queries"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@cache
def query_text(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


class Warehouse:
    """Thread-safe: sessions share one instance. A connection replaced by a newer snapshot's is closed only when
    the last query running on it ends (DuckDB refuses to close a connection that a cursor is using)."""

    def __init__(self, snapshot_dir: Path) -> None:
        self.snapshot_dir = snapshot_dir
        self._lock = threading.Lock()
        self._path: Path | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._running: dict[int, int] = {}  # id(connection) → queries running on it
        self._retired: dict[int, duckdb.DuckDBPyConnection] = {}  # replaced, waiting for their queries

    def snapshot_path(self) -> Path:
        """The published snapshot now; reconnects when a newer one has been published."""
        for attempt in range(3):
            path = current_snapshot(self.snapshot_dir)
            with self._lock:
                if path == self._path:
                    return path
                try:
                    con = connect_readonly(path)
                except duckdb.IOException:
                    # Pruned between reading CURRENT and opening it: newer snapshots were published
                    # meanwhile, so read the pointer again.
                    if attempt == 2:
                        raise
                    continue
                old, self._con, self._path = self._con, con, path
                if old is not None:
                    self._retire(old)
                return path
        raise AssertionError("unreachable")

    @property
    def snapshot_id(self) -> str:
        return self.snapshot_path().stem

    def query(self, name: str, **params: object) -> pl.DataFrame:
        self.snapshot_path()
        with self._lock:
            con = self._con
            assert con is not None
            cursor = con.cursor()
            self._running[id(con)] = self._running.get(id(con), 0) + 1
        try:
            return cursor.sql(query_text(name), params=params or None).pl()
        finally:
            cursor.close()
            with self._lock:
                self._finished(con)

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._retire(self._con)
            self._con = None
            self._path = None

    # under self._lock ---------------------------------------------------------------------------------

    def _retire(self, con: duckdb.DuckDBPyConnection) -> None:
        if self._running.get(id(con), 0) == 0:
            con.close()
        else:
            self._retired[id(con)] = con

    def _finished(self, con: duckdb.DuckDBPyConnection) -> None:
        left = self._running[id(con)] - 1
        if left:
            self._running[id(con)] = left
            return
        del self._running[id(con)]
        retired = self._retired.pop(id(con), None)
        if retired is not None:
            retired.close()
