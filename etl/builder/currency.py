"""Is the published snapshot built by this version's SQL?

After an upgrade the published snapshot still holds the tables the old SQL built: a mart may be missing, or
computed by a rule that has since changed. Pages and reports would then fail, or show figures this version
would not compute. `govdash serve` therefore rebuilds before serving when the snapshot's `sql_digest`
(build_info, written by etl/builder/publish.py) is not the digest of the SQL in sql/ now, or is absent (a
snapshot from before the digest was recorded).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.builder.sqlrun import PROJECT_ROOT, sql_digest
from metrics.snapshot import NoSnapshot, connect_readonly, current_snapshot


def built_by_other_sql(snapshot_dir: Path, sql_dir: Path = PROJECT_ROOT / "sql") -> bool:
    """True when a snapshot is published and its tables were built by SQL other than sql_dir's; False when it
    was built by this SQL or nothing is published (there is nothing to rebuild)."""
    try:
        path = current_snapshot(snapshot_dir)
    except NoSnapshot:
        return False
    return snapshot_of_other_sql(path, sql_dir)


def snapshot_of_other_sql(path: Path, sql_dir: Path = PROJECT_ROOT / "sql") -> bool:
    """True when the snapshot file at `path` was built by SQL other than sql_dir's (or before the digest was
    recorded)."""
    con = connect_readonly(path)
    try:
        rows = con.execute("select sql_digest from build_info").fetchall()
    except duckdb.Error:
        return True  # built before the digest was recorded
    finally:
        con.close()
    return not rows or rows[0][0] != sql_digest(sql_dir)
