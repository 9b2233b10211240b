"""The build: ledger + archive + catalog → a new DuckDB snapshot, published atomically.

A build is a pure function of (catalog, reference data, active submissions, as-of month, build time):
delete every snapshot, build again, and every figure comes back identical. Builds are serialised by a
cross-process lock; readers keep the snapshot they hold until they reopen (ARCHITECTURE.md rule 2).
A build starts from a copy of the published snapshot when it can, and then reads and computes only the
submissions that are new since (etl/builder/incremental.py); `full=True` builds everything from the archive.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from etl import ledger
from etl.builder import freeze, incremental, pins, sources
from etl.builder import reference_tables as ref
from etl.builder.build_lock import exclusive
from etl.builder.sqlrun import run_sql_models, sql_digest
from etl.governance import calendar, chart_annotations, comments, targets
from etl.governance import period_locks as locks
from etl.governance.disputes import disputes_frame
from etl.governance.narratives import narratives_frame
from etl.ledger import archive
from etl.ledger.store import Store
from metrics.clock import now_kst
from metrics.kst import add_months, month_start
from metrics.snapshot import OFFLINE_CONFIG, POINTER
from metrics.warehouse import query_text

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildResult:
    build_id: str
    path: Path
    as_of: date
    built_at: datetime
    submissions: int
    relations: list[str]
    reused_from: str | None = None  # the snapshot whose rows per submission were kept (None: a full build)


def build(
    store: Store,
    *,
    as_of: date | None = None,
    built_at: datetime | None = None,
    progress: Progress | None = None,
    full: bool = False,
) -> BuildResult:
    """Build and publish a snapshot. `built_at` is naive Korea time (default: now). `full`: read and compute
    every submission, even when the published snapshot's rows per submission could be kept."""
    report = progress or (lambda _step, _done, _total: None)
    with exclusive(store.settings.lock_path):
        return _build_locked(store, as_of, built_at or now_kst(), report, full)


def _build_locked(store: Store, as_of: date | None, built_at: datetime, report: Progress, full: bool) -> BuildResult:
    targets.apply_to_store(
        store
    )  # the administrator's target/threshold changes take effect here (etl/governance/targets.py)
    calendar.apply_to_store(store)  # … and the holiday changes (etl/governance/calendar.py)
    with store.session() as session:
        rows = ledger.all_submissions(session)
    as_of = month_start(as_of) if as_of else (ref.latest_period(rows) or add_months(built_at.date(), -1))
    build_id = f"{built_at:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
    snapshot_dir = store.settings.snapshot_dir
    snapshot_dir.mkdir(parents=True, exist_ok=True)
    tmp = snapshot_dir / f".{build_id}.duckdb.tmp"
    final = snapshot_dir / f"{build_id}.duckdb"
    steps = 4
    active = [r for r in rows if r.status == ledger.ACCEPTED]
    try:
        report("reference", 0, steps)
        reference = _reference_frames(store, rows, as_of, built_at)
        key = incremental.digests(reference)
        reuse = None if full else incremental.plan(snapshot_dir, active, key)
        con = incremental.start(reuse, tmp, active) if reuse else None
        if con is None:
            reuse = None
            con = duckdb.connect(str(tmp), config=dict(OFFLINE_CONFIG))
        try:
            for name, frame in reference.items():
                _create(con, name, frame)
            report("sources", 1, steps)
            if reuse:
                incremental.add(con, store.settings.archive_dir, reuse)
            else:
                for dataset in sources.TABLE_DATASETS:
                    sources.create_table(con, dataset, sources.files(active, dataset, store.settings.archive_dir))
            for dataset in sources.VIEW_DATASETS:
                sources.create_view(con, dataset, sources.files(active, dataset, store.settings.archive_dir))
            report("models", 2, steps)
            relations = run_sql_models(
                con, keep_submission_tables=reuse is not None, recompute_by_month=bool(reuse and reuse.keep_months)
            )
            _check_calendar(con)  # nothing is published with a deadline counted in a year without holidays
            freeze.apply(con, store)  # locked months keep the figures of their lock's snapshot (etl/builder/freeze.py)
            _write_build_info(con, build_id, built_at, as_of, store, active, key)
            con.execute("checkpoint")
        finally:
            con.close()
        archive.crash_point("build:before_publish")
        report("publish", 3, steps)
        _publish(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    _prune(snapshot_dir, keep=store.settings.keep_snapshots, pinned=pins.pinned(store))
    report("done", steps, steps)
    return BuildResult(build_id, final, as_of, built_at, len(active), relations, reuse.build_id if reuse else None)


def _create(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    # `name` comes from the fixed lists in this module, never from users.
    con.register("_frame", frame)
    try:
        con.execute(f"create table {name} as select * from _frame")  # noqa: S608
    finally:
        con.unregister("_frame")


def _reference_frames(
    store: Store,
    rows: list[ledger.Submission],
    as_of: date,
    built_at: datetime,
) -> dict[str, pl.DataFrame]:
    """The ref_* tables: the catalog, agencies and calendar, the ledger as the build saw it, and the ledger
    facts a report prints (the lock of its month, comments, assessments), copied in so that the same snapshot
    always gives the same report."""
    catalog, agencies = store.catalog, store.agencies
    return {
        "ref_settings": ref.settings_frame(catalog, as_of, built_at),
        "ref_work_periods": ref.work_periods_frame(catalog),
        "ref_calendar": ref.calendar_frame(store.holidays),
        "ref_deadline_defaults": ref.deadline_defaults_frame(catalog),
        "ref_agencies": agencies,
        "ref_strategies": ref.strategies_frame(catalog),
        "ref_tasks": ref.tasks_frame(catalog, agencies),
        "ref_kpis": ref.kpis_frame(catalog),
        "ref_kpi_targets": ref.kpi_targets_frame(catalog),
        "ref_kpi_profile": ref.kpi_profile_frame(catalog),
        "ref_kpi_filters": ref.kpi_filters_frame(catalog),
        "ref_kpi_reporters": ref.kpi_reporters_frame(catalog, agencies),
        "ref_periods": ref.periods_frame(catalog, as_of),
        "ref_submissions": ref.submissions_frame(rows),
        "ref_target_changes": targets.changes_frame(store),  # for the KPI chart's marker
        "ref_period_locks": locks.locks_frame(store),
        "ref_kpi_comments": comments.comments_frame(store),
        "ref_task_assessments": comments.assessments_frame(store),
        "ref_annotations": chart_annotations.annotations_frame(store),  # the trend charts' events (§22)
        "ref_task_narratives": narratives_frame(store),  # submitted and reviewed versions
        "ref_kpi_disputes": disputes_frame(store),
    }


class CalendarIncomplete(ValueError):
    """A complaint's legal deadline needs a year in which no public holiday is recorded."""


def _check_calendar(con: duckdb.DuckDBPyConnection) -> None:
    years = [y for (y,) in con.execute(query_text("calendar_gaps")).fetchall()]
    if years:
        listed = ", ".join(str(y) for y in years)
        raise CalendarIncomplete(
            f"{listed}년 공휴일이 기록되어 있지 않아 민원 처리기한을 계산할 수 없습니다. 월력요항을 확인해 "
            f"'govdash calendar add 날짜 --name 이름 --reason 사유'로 공휴일을 등록한 뒤 다시 빌드하십시오. "
            f"게시된 스냅샷은 그대로입니다 (no public holiday is recorded for {listed}, which complaint deadlines "
            f"need: add that year's holidays with 'govdash calendar add DATE --name NAME --reason REASON' "
            f"and build again; nothing was published)"
        )


def _write_build_info(
    con: duckdb.DuckDBPyConnection,
    build_id: str,
    built_at: datetime,
    as_of: date,
    store: Store,
    active: list[ledger.Submission],
    key: incremental.Digests,
) -> None:
    info = pl.DataFrame(
        {
            "build_id": [build_id],
            "built_at": [built_at],
            "as_of_period": [as_of],
            "catalog_version": [store.catalog.settings.version],
            "catalog_digest": [store.catalog.digest],
            "reference_digest": [store.reference_digest],  # agencies + effective holidays (metrics/reference.py)
            "active_submissions": [len(active)],
            "duckdb_version": [duckdb.__version__],
            "submission_digest": [key.submissions],
            "month_digest": [key.months],
            "sql_digest": [sql_digest()],  # the SQL that built it (etl/builder/currency.py)
        },
        schema_overrides={"built_at": pl.Datetime("us")},
    )
    _create(con, "build_info", info)


def _publish(tmp: Path, final: Path) -> None:
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)
    archive.fsync_dir(final.parent)
    archive.crash_point("build:before_pointer")
    _write_pointer(final.parent / POINTER, final.name)


def _write_pointer(pointer: Path, name: str) -> None:
    """Replace CURRENT atomically. Readable by all (0644, like the snapshot files): the dashboard may run as
    another user than the build, and a temporary file is created owner-only."""
    fd, tmp = tempfile.mkstemp(dir=pointer.parent, prefix=f".{pointer.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o644)
            f.write(name.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, pointer)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    archive.fsync_dir(pointer.parent)


def _prune(snapshot_dir: Path, keep: int, pinned: Collection[str] = ()) -> None:
    """Delete all but the newest `keep` snapshots, the published one and the `pinned` ones (etl/builder/pins.py: an
    active lock's, an exported report's)."""
    published = sorted(snapshot_dir.glob("*.duckdb"), key=lambda p: p.name)
    current = (snapshot_dir / POINTER).read_text(encoding="utf-8").strip()
    for old in published[:-keep] if keep > 0 else []:
        if old.name != current and old.stem not in pinned:
            old.unlink(missing_ok=True)
    # Builds hold the lock while they run, so a temporary file found now is left over from a build that was
    # killed (power loss, kill -9) before its cleanup ran.
    for orphan in [*snapshot_dir.glob(".*.duckdb.tmp*"), *snapshot_dir.glob(f".{POINTER}.*.tmp")]:
        orphan.unlink(missing_ok=True)
