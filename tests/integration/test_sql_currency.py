"""After an upgrade, the published snapshot may hold what older SQL built. The build records the digest of the
SQL (build_info.sql_digest); `govdash serve` rebuilds first when it differs, so no page or report meets a
missing mart or a figure computed by a rule this version no longer has."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from etl.builder.currency import built_by_other_sql
from etl.builder.sqlrun import PROJECT_ROOT
from etl.cli.main import _rebuild_if_other_sql
from metrics.settings import Settings
from metrics.snapshot import current_snapshot


def _as_built_by_an_older_version(snapshot: Path) -> None:
    con = duckdb.connect(str(snapshot))
    try:
        con.execute("alter table build_info drop column sql_digest")
        con.execute("checkpoint")
    finally:
        con.close()


def test_a_snapshot_knows_the_sql_that_built_it(store_copy: Settings, tmp_path: Path) -> None:
    assert not built_by_other_sql(store_copy.snapshot_dir)
    changed = tmp_path / "sql"
    shutil.copytree(PROJECT_ROOT / "sql", changed)
    mart = changed / "marts" / "mart_task_scores.sql"
    mart.write_text(mart.read_text(encoding="utf-8") + "\n-- a later version\n", encoding="utf-8")
    assert built_by_other_sql(store_copy.snapshot_dir, changed)
    assert not built_by_other_sql(tmp_path / "no-store" / "snapshots")  # nothing published: nothing to rebuild


def test_serve_rebuilds_a_snapshot_of_older_sql_first(store_copy: Settings, use_store) -> None:  # type: ignore[no-untyped-def]
    use_store(store_copy)
    published = current_snapshot(store_copy.snapshot_dir)
    _rebuild_if_other_sql()  # built by this version: nothing to do
    assert current_snapshot(store_copy.snapshot_dir) == published

    _as_built_by_an_older_version(published)
    assert built_by_other_sql(store_copy.snapshot_dir)
    _rebuild_if_other_sql()
    rebuilt = current_snapshot(store_copy.snapshot_dir)
    assert rebuilt != published
    assert not built_by_other_sql(store_copy.snapshot_dir)


def test_a_snapshot_without_build_info_counts_as_older(store_copy: Settings) -> None:
    con = duckdb.connect(str(current_snapshot(store_copy.snapshot_dir)))
    try:
        con.execute("drop table build_info")
        con.execute("checkpoint")
    finally:
        con.close()
    assert built_by_other_sql(store_copy.snapshot_dir)
