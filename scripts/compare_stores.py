"""Compare every table of two published snapshots, row for row (EXCEPT ALL both ways).

Used when the SQL is restructured: build the same store (same seed, same pinned GOVDASH_TODAY) with the old and
the new code, then

    .venv/bin/python scripts/compare_stores.py OLD_HOME NEW_HOME [--ignore build_info] [--only-in-old-ok T ...]

Each argument is a GOVDASH_HOME (its snapshots/CURRENT is read) or a snapshot .duckdb file. Prints one line per
table (rows, rows only in the old, rows only in the new) and exits 1 when any shared table differs or a table is
in one snapshot only (unless named with --only-in-old-ok / --only-in-new-ok: a model removed or added on purpose).
Tables are compared on the columns they share; a column in one side only is reported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from metrics.snapshot import OFFLINE_CONFIG, current_snapshot


def snapshot_file(arg: str) -> Path:
    path = Path(arg)
    return path if path.is_file() else current_snapshot(path / "snapshots")


def tables(con: duckdb.DuckDBPyConnection, db: str) -> dict[str, list[str]]:
    rows = con.execute(
        # Tables only: views (src_*) name archive paths, which differ between two copies of one store.
        "SELECT table_name, column_name FROM duckdb_columns() c WHERE database_name = ? AND schema_name = 'main' "
        "AND EXISTS (SELECT 1 FROM duckdb_tables() t WHERE t.database_name = c.database_name "
        "AND t.schema_name = c.schema_name AND t.table_name = c.table_name) "
        "ORDER BY table_name, column_index",
        [db],
    ).fetchall()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def count(con: duckdb.DuckDBPyConnection, query: str) -> int:
    return int(con.execute(query).fetchone()[0])  # type: ignore[index]


def differences(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> tuple[int, int, int]:
    # Table and column names come from the snapshots' own catalogs, quoted; no user text reaches the SQL.
    cols = ", ".join(f'"{c}"' for c in columns)

    def minus(a: str, b: str) -> str:
        return f'SELECT count(*) FROM (SELECT {cols} FROM {a}."{table}" EXCEPT ALL SELECT {cols} FROM {b}."{table}")'  # noqa: S608

    return (
        count(con, f'SELECT count(*) FROM old."{table}"'),  # noqa: S608
        count(con, minus("old", "new")),
        count(con, minus("new", "old")),
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--ignore", nargs="*", default=[], help="tables not compared (e.g. build_info: build times)")
    p.add_argument("--only-in-old-ok", nargs="*", default=[], help="tables removed on purpose")
    p.add_argument("--only-in-new-ok", nargs="*", default=[], help="tables added on purpose")
    args = p.parse_args(argv)
    con = duckdb.connect(config=dict(OFFLINE_CONFIG))
    con.execute(f"ATTACH '{snapshot_file(args.old)}' AS old (READ_ONLY)")
    con.execute(f"ATTACH '{snapshot_file(args.new)}' AS new (READ_ONLY)")
    old, new = tables(con, "old"), tables(con, "new")
    failed = False
    for table in sorted(set(old) | set(new)):
        if table in args.ignore:
            print(f"{table}: not compared")
            continue
        if table not in new or table not in old:
            side, allowed = ("old", args.only_in_old_ok) if table not in new else ("new", args.only_in_new_ok)
            print(f"{table}: only in the {side} snapshot" + ("" if table in allowed else "  <-- DIFFERS"))
            failed |= table not in allowed
            continue
        shared = [c for c in old[table] if c in new[table]]
        extra = sorted(set(old[table]) ^ set(new[table]))
        rows, only_old, only_new = differences(con, table, shared)
        bad = only_old or only_new or extra
        note = f"  columns in one side only: {', '.join(extra)}" if extra else ""
        print(
            f"{table}: {rows:,} rows, {only_old} only in old, {only_new} only in new{note}"
            + ("  <-- DIFFERS" if bad else "")
        )
        failed |= bool(bad)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
