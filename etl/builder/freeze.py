"""A lock freezes what was shown: every build takes a locked month's figures from the lock's snapshot.

After the SQL models have run, for each active lock that recorded a snapshot (etl/governance/period_locks.py), every row
of the month — the rows whose `period` is the locked month, in every time window (month, quarter to date, year
to date) — of every table the SQL models build is deleted and copied from that snapshot instead. So a
change of holidays, of a target or of the SQL cannot move a month the council was shown, and an unlock lets
the next build compute the month afresh.

Frozen: the tables of sql/ (int_*, mart_*), the figures and the rows pages and reports read. Not frozen:

- `ref_*`: the ledger and reference data as this build saw them (the lock itself, in ref_period_locks; the
  comments and assessments written since; the submissions). Copying them would hide what is true now.
- `src_*` and the views (`stg_*`): the submitted rows and the ledger facts. A locked month refuses
  submissions, so they do not change; they stay as the ledger has them, which the next build's reuse of
  rows per submission checks (etl/builder/incremental.py). A view holds no rows to copy: `stg_complaints` works
  out deadlines with the holidays of now, but no page or report reads it (they read int_complaint_cells
  and the marts, frozen; tests/security/test_lock_freezes.py checks that no query names it).
- `int_recomputed_months` (which months this build computed) and `build_info`: about the build, not the month.

A later month's quarter or year to date that contains the locked month is computed from the month's current
data, as before: the lock freezes the rows of the locked month, not every window its data feeds.

A table added to sql/ after the lock was taken is not in the lock's snapshot. Its locked month is then derived
again, in run order, from the frozen tables it reads (`_derive_month`), so it agrees with them: the agency score
marts of a month locked before they existed roll up the frozen KPI rows, not the current ones.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from etl.builder.sqlrun import PROJECT_ROOT, RECOMPUTED_MONTHS, SqlModel, discover, run_order
from etl.governance import period_locks as locks
from metrics.kst import parse_period

ALIAS = "frozen_snapshot"
NOT_FROZEN = {RECOMPUTED_MONTHS}


class FreezeError(RuntimeError):
    """A lock's snapshot cannot be read: the build stops rather than publish unfrozen figures."""


def apply(con: duckdb.DuckDBPyConnection, store, sql_dir: Path = PROJECT_ROOT / "sql") -> dict[date, str]:  # type: ignore[no-untyped-def]
    """Copy the locked months' rows from their locks' snapshots into the build's tables (and derive the tables
    a snapshot does not hold from the copied ones); return the months frozen and the snapshot each came from."""
    frozen = {
        parse_period(x.period): x.snapshot_id
        for x in locks.list_locks(store)
        if x.unlocked_at is None and x.snapshot_id
    }
    if not frozen:
        return {}
    tables = frozen_tables(con, sql_dir)
    models = [m for m in run_order(discover(sql_dir)) if m.name in tables]
    for month, snapshot_id in sorted(frozen.items()):
        path = _snapshot_file(store.settings.snapshot_dir, snapshot_id, month)
        con.execute(f"attach '{_quoted(path)}' as {ALIAS} (read_only)")
        try:
            held = set(_tables_with_period(con, ALIAS))
            for table in tables:
                if table in held:
                    _copy_month(con, table, month)
        finally:
            con.execute(f"detach {ALIAS}")
        _derive_month(con, [m for m in models if m.name not in held], month)
    return frozen


def _derive_month(con: duckdb.DuckDBPyConnection, models: list[SqlModel], month: date) -> None:
    """Compute the month's rows of tables the lock's snapshot lacks again, in run order, now that the tables
    they read hold the frozen rows. A model recomputed by month computes only the months listed in
    int_recomputed_months, so the month is listed while they run (and the list left as the build wrote it)."""
    if not models:
        return
    at = f"date '{month.isoformat()}'"  # a date this module parsed, never user text
    listed = con.execute(f"select count(*) from {RECOMPUTED_MONTHS} where period = {at}").fetchall()[0][0]  # noqa: S608
    if not listed:
        con.execute(f"insert into {RECOMPUTED_MONTHS} (period) values ({at})")  # noqa: S608
    try:
        for m in models:
            # Model names and SQL come from sql/, never from users.
            con.execute(f"delete from {m.name} where period = {at}")  # noqa: S608
            con.execute(f"insert into {m.name} by name select * from (\n{m.sql}\n) as n where n.period = {at}")  # noqa: S608
    finally:
        if not listed:
            con.execute(f"delete from {RECOMPUTED_MONTHS} where period = {at}")  # noqa: S608


def frozen_tables(con: duckdb.DuckDBPyConnection, sql_dir: Path = PROJECT_ROOT / "sql") -> list[str]:
    """The tables of sql/ in this build that have a `period` column, but the build's own bookkeeping."""
    built = {m.name for m in discover(sql_dir) if m.kind == "table"} - NOT_FROZEN
    return [t for t in _tables_with_period(con, _database(con)) if t in built]


def _database(con: duckdb.DuckDBPyConnection) -> str:
    return str(con.execute("select current_database()").fetchall()[0][0])


def _tables_with_period(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    rows = con.execute(
        "select table_name from duckdb_columns() where database_name = $db and schema_name = 'main' "
        "and column_name = 'period' and table_name in (select table_name from duckdb_tables() "
        "where database_name = $db and schema_name = 'main') order by table_name",
        {"db": database},
    ).fetchall()
    return [name for (name,) in rows]


def _columns(con: duckdb.DuckDBPyConnection, database: str, table: str) -> list[str]:
    rows = con.execute(
        "select column_name from duckdb_columns() where database_name = $db and schema_name = 'main' "
        "and table_name = $t order by column_index",
        {"db": database, "t": table},
    ).fetchall()
    return [name for (name,) in rows]


def _copy_month(con: duckdb.DuckDBPyConnection, table: str, month: date) -> None:
    """Replace the month's rows of `table` by the lock snapshot's. A table the snapshot does not have showed
    nothing then and keeps its computed rows; a column it does not have (added since) is left empty."""
    old = set(_columns(con, ALIAS, table))
    if "period" not in old:
        return
    common = ", ".join(f'"{c}"' for c in _columns(con, _database(con), table) if c in old)
    # Table and column names come from sql/ and the snapshots this code built, never from users.
    con.execute(f"delete from {table} where period = $m", {"m": month})  # noqa: S608
    con.execute(
        f"insert into {table} ({common}) select {common} from {ALIAS}.main.{table} where period = $m",  # noqa: S608
        {"m": month},
    )


def _snapshot_file(snapshot_dir: Path, snapshot_id: str, month: date) -> Path:
    path = snapshot_dir / f"{snapshot_id}.duckdb"
    if not path.is_file():
        label = f"{month:%Y-%m}"
        raise FreezeError(
            f"잠긴 {label}의 수치를 고정한 스냅샷 {snapshot_id}이(가) {snapshot_dir}에 없어 빌드를 멈췄습니다. "
            f"백업에서 그 파일을 복원하거나, 'govdash unlock {label}' 후 다시 잠그십시오 "
            f"(the snapshot {snapshot_id} that holds the locked figures of {label} is not in {snapshot_dir}, so "
            f"the build stopped: restore that file from a backup, or unlock {label} and lock it again)"
        )
    return path


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
