"""Helpers for the report tests."""

from __future__ import annotations

import duckdb


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    """All rows of a query on the marts (drained, so the connection is free for the next one)."""
    return con.execute(sql, list(params)).fetchall()
