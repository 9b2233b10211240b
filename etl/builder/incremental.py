"""A build that starts from the previous snapshot, so that one re-submission costs one submission's work.

Two kinds of table in a snapshot can be carried over (etl/builder/sqlrun.py explains the SQL headers):

- rows per submission: the source tables loaded as tables (etl/builder/sources.py: src_participation, src_meetings,
  src_rewards, src_kpi_progress, the archived rows as they are) and the tables per submission of sql/
  (int_complaint_cells: each complaint's deadline worked out, its resolution time). A row is a pure function
  of its submission's file and of the reference data the SQL reads.
- rows by month: the tables recomputed by month (int_complaint_scope_hours, int_complaint_scope_months,
  mart_complaint_windows, mart_complaint_distribution, int_measures_complaints). A row of a
  month, or of a window of months, depends on the data of those months only.

When the previous published snapshot was computed from the same inputs as this build would use — the same
`digest` of the SQL of those tables and of everything they read, the columns of the reference tables they
name, the source schemas and DuckDB's version — a build copies that snapshot, deletes the rows of the
submissions no longer active, adds the rows of the new ones, recomputes the rows by month of the months those
submissions are for (int_recomputed_months), and recreates every other relation. Its figures are those of a
full build (tests/integration/test_incremental_build.py). When that cannot be shown — no previous snapshot,
another digest of the rows per submission, a snapshot that cannot be read, kept rows that do not add up to
the ledger's row counts — the build is a full one; when only the digest of the rows by month differs, those
tables are computed in full from the kept rows per submission.

The rows of a month that was locked when the previous snapshot was built are not kept: that snapshot holds the
lock's copy of them (etl/builder/freeze.py), not what the month's data gives now. Their submissions count as new, so
the month and every window over it are computed as a full build would, and the freeze then copies the month's
rows again if it is still locked (or leaves them computed, after an unlock).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from etl import ledger
from etl.builder import sources
from etl.builder.sqlrun import PROJECT_ROOT, RECOMPUTED_MONTHS, add_submission_rows, discover, mentions, models_of
from etl.ingest.contracts import DATASETS, polars_schema
from metrics.kst import parse_period
from metrics.snapshot import OFFLINE_CONFIG, NoSnapshot, connect_readonly, current_snapshot

# Raised when the way rows are loaded or keyed changes, so that no snapshot made before is reused.
FORMAT = 1
# What the reuse is keyed on rather than digested: which submissions are active (ref_submissions; the rows by
# month of their months are recomputed), and the columns that say when and for which month a build ran.
KEYED = {"ref_submissions"}
PER_BUILD_COLUMNS = {"ref_settings": ("as_of_period", "built_at")}
# How many records of a submission's file each table holds, counted against the ledger's row count before
# the kept rows are trusted.
RECORDS = {
    **{f"src_{d}": (d, "count(*)") for d in sources.TABLE_DATASETS},
    "int_complaint_cells": ("complaints", "sum(complaints)"),
}


@dataclass(frozen=True)
class Digests:
    submissions: str  # what the rows per submission depend on besides their submission
    months: str  # what the rows by month depend on besides the months' data


@dataclass(frozen=True)
class Reuse:
    previous: Path  # the published snapshot the build starts from
    build_id: str
    kept: frozenset[int]  # active submissions whose rows are copied
    added: tuple[ledger.Submission, ...]  # active submissions whose rows are computed now
    keep_months: bool  # the rows by month of unchanged months are kept too
    changed_months: frozenset[date]  # months of the submissions added or no longer active


def digests(reference: Mapping[str, pl.DataFrame], sql_dir: Path = PROJECT_ROOT / "sql") -> Digests:
    return Digests(_digest("per_submission", reference, sql_dir), _digest("by_month", reference, sql_dir))


def _digest(kind: str, reference: Mapping[str, pl.DataFrame], sql_dir: Path) -> str:
    """SHA-256 of the SQL of the tables of `kind` and of every model they read, and of the reference columns
    that SQL names (a view reads only what it names)."""
    h = hashlib.sha256(f"format {FORMAT}\nduckdb {duckdb.__version__}\nkind {kind}\n".encode())
    for name in sorted(DATASETS):
        h.update(f"source {name} {polars_schema(name)}\n".encode())
    words: set[str] = set()
    for m in models_of(kind, sql_dir):
        h.update(f"model {m.name}\n{m.sql}\n".encode())
        words |= mentions(m)
    for name in sorted((words & set(reference)) - KEYED):
        frame = reference[name]
        used = [c for c in frame.columns if c in words and c not in PER_BUILD_COLUMNS.get(name, ())]
        h.update(f"reference {name} {used}\n".encode())
        h.update(frame.select(used).write_csv().encode())
    return h.hexdigest()


def plan(snapshot_dir: Path, active: Sequence[ledger.Submission], key: Digests) -> Reuse | None:
    """What the build can take from the published snapshot, or None for a full build."""
    try:
        path = current_snapshot(snapshot_dir)
        con = connect_readonly(path)
    except (NoSnapshot, duckdb.Error):
        return None
    try:
        columns = {c for (c, *_) in con.execute("describe build_info").fetchall()}
        if not {"submission_digest", "month_digest"} <= columns:
            return None
        build_id, submissions, months = con.execute(
            "select build_id, submission_digest, month_digest from build_info"
        ).fetchall()[0]
        if submissions != key.submissions:
            return None
        before = dict(
            con.execute("select submission_id, period from ref_submissions where status = 'accepted'").fetchall()
        )
        # The months locked then: their rows there were copied from a lock's snapshot (etl/builder/freeze.py), not
        # computed, so their submissions are computed again, as new ones, and every window over them too.
        frozen = {p for (p,) in con.execute("select period from ref_period_locks").fetchall()}
    except duckdb.Error:
        return None
    finally:
        con.close()
    now = {s.id: s for s in active if s.id is not None}
    kept = frozenset(sid for sid in now if sid in before and before[sid] not in frozen)
    added = tuple(s for sid, s in now.items() if sid not in kept)
    changed = {p for sid, p in before.items() if sid not in now} | {parse_period(s.period) for s in added}
    return Reuse(path, build_id, kept, added, months == key.months, frozenset(changed))


def start(reuse: Reuse, tmp: Path, active: Sequence[ledger.Submission]) -> duckdb.DuckDBPyConnection | None:
    """Copy the previous snapshot to `tmp`, keep there the rows per submission of the kept submissions (and
    the rows by month, when they can be kept) and drop every other relation: the build recreates them.
    None when the copy cannot be trusted."""
    shutil.copyfile(reuse.previous, tmp)
    con = duckdb.connect(str(tmp), config=dict(OFFLINE_CONFIG))
    try:
        per_submission, with_period = _drop_all_but_kept(con, reuse.keep_months)
        ids = {"ids": sorted(reuse.kept)}
        con.execute("create temp table _kept as select unnest($ids::bigint[]) as submission_id", ids)
        months = {"months": sorted(reuse.changed_months)}
        con.execute("create temp table _changed as select unnest($months::date[]) as period", months)
        for table in per_submission:
            # Table names come from sql/ and etl/builder/sources.py, never from users.
            gone = f"from {table} where submission_id not in (select submission_id from _kept)"  # noqa: S608
            if table in with_period:  # the months the rows of the submissions no longer active were for
                con.execute(f"insert into _changed select distinct period {gone}")
            con.execute(f"delete {gone}")
        if _counts_agree(con, per_submission, [s for s in active if s.id in reuse.kept]):
            con.execute("drop table _kept")
            return con
    except duckdb.Error:
        pass
    con.close()
    tmp.unlink(missing_ok=True)
    return None


def add(con: duckdb.DuckDBPyConnection, archive_dir: Path, reuse: Reuse, sql_dir: Path = PROJECT_ROOT / "sql") -> None:
    """Add the new submissions' rows: read into the source tables, computed into the tables per submission
    (with the viewed sources showing only the new files while they are computed; the build then points the
    views at every active file). Then list the months whose rows by month are recomputed."""
    for dataset in sources.TABLE_DATASETS:
        sources.append(con, dataset, sources.files(reuse.added, dataset, archive_dir))
    for dataset in sources.VIEW_DATASETS:
        sources.create_view(con, dataset, sources.files(reuse.added, dataset, archive_dir))
    add_submission_rows(con, sql_dir)
    if reuse.keep_months:
        ids = {"ids": sorted(s.id for s in reuse.added if s.id is not None)}
        for table in _with_period(con, [m.name for m in discover(sql_dir) if m.per_submission]):
            new = f"from {table} where submission_id in (select unnest($ids::bigint[]))"  # noqa: S608
            con.execute(f"insert into _changed select distinct period {new}", ids)
        listed = "select distinct cast(period as date) as period from _changed"
        con.execute(f"create table {RECOMPUTED_MONTHS} as {listed}")
    con.execute("drop table _changed")


def _drop_all_but_kept(con: duckdb.DuckDBPyConnection, keep_months: bool) -> tuple[list[str], set[str]]:
    """Drop every relation but the tables kept; return the tables per submission kept, and those of them
    whose rows say their month."""
    models = discover(PROJECT_ROOT / "sql")
    per_submission = {f"src_{d}" for d in sources.TABLE_DATASETS} | {m.name for m in models if m.per_submission}
    by_month = {m.name for m in models if m.by_month} if keep_months else set()
    found = con.execute(
        "select table_name, table_type from information_schema.tables where table_schema = 'main'"
    ).fetchall()
    for name, kind in found:
        if kind == "VIEW":
            con.execute(f'drop view "{name}"')
        elif name not in per_submission | by_month:
            con.execute(f'drop table "{name}"')
    present = {name for name, kind in found if kind != "VIEW"}
    if not (per_submission | by_month) <= present:
        raise duckdb.Error(f"the previous snapshot lacks {sorted((per_submission | by_month) - present)}")
    kept = sorted(per_submission)
    return kept, set(_with_period(con, kept))


def _with_period(con: duckdb.DuckDBPyConnection, tables: list[str]) -> list[str]:
    return [t for t in tables if "period" in {c for (c, *_) in con.execute(f"describe {t}").fetchall()}]


def _counts_agree(con: duckdb.DuckDBPyConnection, tables: list[str], kept: list[ledger.Submission]) -> bool:
    """Each kept submission has, in each table that counts records, as many as the ledger says."""
    for table in tables:
        if table not in RECORDS:
            continue
        dataset, records = RECORDS[table]
        expected = {s.id: s.row_count for s in kept if s.dataset == dataset and s.row_count > 0}
        found = dict(con.execute(f"select submission_id, {records} from {table} group by 1").fetchall())  # noqa: S608
        if found != expected:
            return False
    return True
