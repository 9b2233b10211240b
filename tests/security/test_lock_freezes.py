"""A lock freezes what was shown: a locked month's figures come from the snapshot published when it was locked,
whatever changes since (holidays, targets); that snapshot, and every exported report's, is never pruned."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, insert
from typer.testing import CliRunner

from etl import ledger
from etl.builder.freeze import FreezeError
from etl.builder.publish import BuildResult, build
from etl.cli.main import app
from etl.governance import period_locks as locks
from etl.governance import targets
from etl.ingest.accept import submit
from etl.ledger.store import Store, open_store
from metrics.settings import Settings
from metrics.snapshot import connect_readonly, current_snapshot
from tests.integration.test_incremental_build import _assert_same_as_a_full_build, _corrected_file
from tests.security.conftest import ACTORS, NOW

LOCKED, CONTROL = "2026-07", "2026-08"
KPI = "S1-T2-K1"  # a KPI with a 2026 target and figures in every month of the fixture
# Not compared, with why: the lock itself appears in the snapshot's list of locks (that is the point of a
# lock); stg_complaints is a view (it holds no rows to freeze) that works out deadlines with today's holidays,
# and no page or report reads it — they read int_complaint_cells and the marts, which are frozen;
# int_recomputed_months says which months a build computed, not a figure.
CHANGES_BY_DESIGN = {"ref_period_locks", "stg_complaints", "int_recomputed_months"}
QUERIES = Path(__file__).resolve().parents[2] / "sql" / "queries"

runner = CliRunner()


def _period_tables(path: Path) -> list[str]:
    """Every table and view of a snapshot that has a `period` column."""
    con = connect_readonly(path)
    try:
        rows = con.sql("select distinct table_name from duckdb_columns() where column_name = 'period'").fetchall()
        return sorted(name for (name,) in rows)
    finally:
        con.close()


def _differs(old: Path, new: Path, month: str, tables: list[str]) -> list[str]:
    """The tables whose rows of `month` are not the same multiset in both snapshots (EXCEPT ALL both ways)."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{old}' as old (read_only)")
        con.execute(f"attach '{new}' as new (read_only)")
        out = []
        for t in tables:
            old_rows = f"select * from old.main.{t} where period = date '{month}-01'"  # noqa: S608
            new_rows = f"select * from new.main.{t} where period = date '{month}-01'"  # noqa: S608
            gone = con.sql(f"select count(*) from ({old_rows} except all {new_rows})").fetchall()[0][0]
            came = con.sql(f"select count(*) from ({new_rows} except all {old_rows})").fetchall()[0][0]
            if gone or came:
                out.append(t)
        return out
    finally:
        con.close()


def _change_holidays_and_a_target(store: Store) -> Store:
    """제헌절 (Friday 2026-07-17) is taken off the holiday list, and KPI's 2026 target is raised by half: both
    would move July's figures (the complaint deadlines count working days; achievement = value ÷ target)."""
    path = store.settings.reference_dir / "holidays.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("2026-07-17,")]
    assert len(kept) == len(lines) - 1  # the reference list has 제헌절 2026
    path.write_text("".join(kept), encoding="utf-8")
    old = targets.effective_catalog(store).kpi(KPI).targets[2026]
    targets.change_target(store, ACTORS["admin"], KPI, 2026, old * 1.5, "목표 상향 (target raised)", now=NOW)
    store.engine.dispose()
    return open_store(store.settings)  # a new Store: the holidays are read once per Store


def _resubmit_a_complaints_file(store: Store, period: str) -> None:
    """A corrected complaints file for `period`: the windows over July (2026-Q3 to date) are computed again."""
    with store.session() as session:
        rows = [r for r in ledger.all_submissions(session) if r.status == ledger.ACCEPTED]
    row = max((r for r in rows if r.dataset == "complaints" and r.period == period), key=lambda r: r.row_count)
    outcome = submit(
        store,
        _corrected_file(store, row),
        filename="corrected.csv",
        dataset="complaints",
        agency_code=row.agency_code,
        period=period,
        actor=ACTORS["admin"],
        now=NOW,
    )
    assert outcome.accepted, outcome


def test_a_locked_month_keeps_every_figure_through_new_holidays_and_targets(store: Store) -> None:
    assert not [q.name for q in QUERIES.glob("*.sql") if "stg_complaints" in q.read_text(encoding="utf-8")]
    shown = current_snapshot(store.settings.snapshot_dir)
    row = locks.lock(store, ACTORS["admin"], LOCKED, "제3차 정부혁신협의회 보고", now=NOW)
    assert row.snapshot_id == shown.stem  # the lock names what was published when it was taken
    store = _change_holidays_and_a_target(store)
    try:
        frozen = build(store, built_at=datetime(2026, 11, 26, 9, 0))
        assert frozen.reused_from is None  # new holidays: a full build
        tables = [t for t in _period_tables(frozen.path) if t not in CHANGES_BY_DESIGN]
        assert {"mart_kpi_national_month", "mart_complaint_windows", "int_complaint_cells"} <= set(tables)
        assert _differs(shown, frozen.path, LOCKED, tables) == []
        # The control: the same changes did move August (the target) — the comparison can fail.
        assert {"int_kpi_targets", "mart_kpi_national_month"} <= set(_differs(shown, frozen.path, CONTROL, tables))

        # A build that starts from that snapshot after a re-submission for September (its quarter to date
        # holds July) still keeps July, and publishes exactly what a full build publishes.
        _resubmit_a_complaints_file(store, "2026-09")
        again = build(store, built_at=datetime(2026, 11, 20, 12, 0))
        assert again.reused_from == frozen.build_id
        assert _differs(shown, again.path, LOCKED, tables) == []
        _assert_same_as_a_full_build(store, again)

        # After an unlock the next build computes July afresh: the holiday and the target both show.
        locks.unlock(store, ACTORS["admin"], LOCKED, "정정 요청", now=NOW + timedelta(hours=1))
        fresh = build(store, built_at=datetime(2026, 11, 27, 9, 0))
        moved = set(_differs(shown, fresh.path, LOCKED, tables))
        assert {"int_kpi_targets", "mart_kpi_national_month"} <= moved  # the target
        assert {"int_complaint_cells", "mart_complaint_windows"} <= moved  # the holiday (deadlines)
        assert fresh.reused_from is not None
        _assert_same_as_a_full_build(store, fresh)
    finally:
        store.engine.dispose()


def test_a_build_stops_when_the_locked_snapshot_is_gone(store: Store) -> None:
    shown = current_snapshot(store.settings.snapshot_dir)
    locks.lock(store, ACTORS["admin"], LOCKED, "협의회", now=NOW)
    published = build(store, built_at=datetime(2026, 11, 26, 9, 0))
    shown.unlink()  # deleted by hand
    with pytest.raises(FreezeError, match=f"{shown.stem}.*{LOCKED}.*unlock"):
        build(store, built_at=datetime(2026, 11, 27, 9, 0))
    assert current_snapshot(store.settings.snapshot_dir) == published.path  # nothing published


def _builds(store: Store, n: int, day: int) -> list[BuildResult]:
    # Distinct times: snapshots are pruned oldest first by name, which starts with the build time.
    return [build(store, built_at=datetime(2026, 11, day, 9, i)) for i in range(n)]


def _kept(settings: Settings) -> set[str]:
    return {p.stem for p in settings.snapshot_dir.glob("*.duckdb")}


def test_the_snapshots_of_a_lock_and_of_an_exported_report_are_never_pruned(
    store_copy: Settings, use_store, tmp_path: Path
) -> None:
    settings = replace(store_copy, keep_snapshots=2)
    store = open_store(settings)
    use_store(settings)
    try:
        fixture_snapshot = current_snapshot(settings.snapshot_dir).stem
        (locked,) = _builds(store, 1, 26)
        locks.lock(store, ACTORS["admin"], LOCKED, "협의회", now=NOW)
        (exported,) = _builds(store, 1, 27)
        args = ["export", "--month", "2026-10", "--format", "xlsx,csv", "--out", str(tmp_path / "first")]
        assert runner.invoke(app, args).exit_code == 0
        assert (settings.snapshot_dir / f"{exported.build_id}.exported").is_file()
        newest = _builds(store, 3, 28)
        # keep 2: the two newest, plus the lock's and the export's; the fixture's and the 28th's first pruned.
        assert _kept(settings) == {locked.build_id, exported.build_id, newest[1].build_id, newest[2].build_id}
        assert fixture_snapshot not in _kept(settings)

        # The report is exported again from its snapshot, byte for byte.
        args = [*args[:-1], str(tmp_path / "again"), "--snapshot", exported.build_id]
        assert runner.invoke(app, args).exit_code == 0, "the export from the kept snapshot failed"
        for path in (tmp_path / "first").iterdir():
            assert path.read_bytes() == (tmp_path / "again" / path.name).read_bytes(), path.name

        # Unlocked, the lock's snapshot is pruned as any other; the exported one stays.
        locks.unlock(store, ACTORS["admin"], LOCKED, "정정", now=NOW + timedelta(hours=1))
        last = _builds(store, 1, 29)[0]
        assert _kept(settings) == {exported.build_id, newest[2].build_id, last.build_id}
    finally:
        store.engine.dispose()


def _old_period_locks(url: str) -> None:
    """period_locks as ledgers made before locks recorded their snapshot have it, with one active lock."""
    metadata = MetaData()
    table = Table(
        "period_locks",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("period", String(7), index=True),
        Column("reason", String),
        Column("locked_by", String),
        Column("locked_at", DateTime),
        Column("unlocked_by", String),
        Column("unlocked_at", DateTime),
        Column("unlock_reason", String),
    )
    engine = create_engine(url)
    metadata.create_all(engine)
    with engine.begin() as con:
        con.execute(insert(table).values(period="2026-06", reason="협의회", locked_by="admin-lee", locked_at=NOW))
    engine.dispose()


def test_a_ledger_from_before_gets_the_snapshot_column(ledger_settings: Settings) -> None:
    _old_period_locks(ledger_settings.database_url)
    store = open_store(ledger_settings)
    try:
        (old,) = locks.list_locks(store)
        assert (old.period, old.snapshot_id) == ("2026-06", None)  # still locked; its figures not frozen
        assert locks.is_locked(store, "2026-06")
        new = locks.lock(store, ACTORS["admin"], "2026-09", "협의회", now=NOW)
        assert new.snapshot_id is None  # nothing is published in this store
        assert [x.period for x in locks.list_locks(store)] == ["2026-06", "2026-09"]
    finally:
        store.engine.dispose()


def test_locking_with_nothing_published_says_the_figures_are_not_frozen(blank_settings: Settings, use_store) -> None:
    use_store(blank_settings)
    result = runner.invoke(app, ["lock", "2026-09", "--reason", "협의회"])
    assert result.exit_code == 0, result.output
    assert "고정되지 않았습니다" in result.output and "not frozen" in result.output
