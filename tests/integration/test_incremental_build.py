"""A build that starts from the previous snapshot (etl/builder/incremental.py) publishes exactly what a full build of
the same ledger publishes: after a re-submission, after a restore of an older file, after a target change;
and a change to the reference data the deadlines read, or kept rows that do not add up, make it a full build."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from etl import ledger
from etl.access.actors import Actor
from etl.builder.publish import BuildResult, build
from etl.governance import targets
from etl.ingest import submission_history as submissions
from etl.ingest.accept import submit
from etl.ingest.contracts import DATASETS
from etl.ledger.store import Store, open_store
from metrics.settings import Settings
from tests.integration.test_build_publish import table_contents

ADMIN = Actor("admin-1", "admin")
NOW = datetime(2026, 11, 20, 3, 0)  # naive UTC, after the fixture's months
BUILT_AT = datetime(2026, 11, 20, 12, 0)  # naive KST: both builds of a comparison claim the same time
# Every relation a build writes, build_info aside (its build id differs by design), and int_recomputed_months
# (which months the build computed: every month in a full build).
EVERY_RELATION = ("mart_", "int_", "src_", "stg_", "ref_")
WHAT_A_BUILD_DID = {"int_recomputed_months"}


def _build(store: Store, *, full: bool = False, as_of: date | None = None) -> BuildResult:
    return build(store, built_at=BUILT_AT, full=full, as_of=as_of)


def _assert_same_as_a_full_build(store: Store, result: BuildResult) -> None:
    """The snapshot `result` published equals, relation by relation and row by row, a full build's."""
    incremental = table_contents(result.path, EVERY_RELATION)
    full = _build(store, full=True, as_of=result.as_of)
    assert full.reused_from is None
    expected = table_contents(full.path, EVERY_RELATION)
    for name in WHAT_A_BUILD_DID:
        incremental.pop(name)
        expected.pop(name)
    for contents in (incremental, expected):  # a cell's values are a list in no particular order
        contents["int_complaint_cells"] = sorted((_sorted_lists(r) for r in contents["int_complaint_cells"]), key=repr)
    assert sorted(incremental) == sorted(expected)
    for name, rows in expected.items():
        assert incremental[name] == rows, f"{name} differs from a full build's"


def _sorted_lists(row: tuple) -> tuple:
    return tuple(sorted(v) if isinstance(v, list) else v for v in row)


def _largest_complaints(store: Store) -> ledger.Submission:
    """The largest active complaints file of 2025 (well before NOW, so a day later is still in the past)."""
    with store.session() as session:
        rows = ledger.all_submissions(session)
    active = [r for r in rows if r.status == ledger.ACCEPTED and r.dataset == "complaints" and r.period < "2026"]
    return max(active, key=lambda r: (r.row_count, r.id or 0))


def _corrected_file(store: Store, row: ledger.Submission) -> bytes:
    """The agency's file again, corrected: every third complaint dropped, and the resolved ones of the rest
    taking a day longer (new figures: counts, medians, on-time)."""
    frame = pl.read_parquet(store.settings.archive_dir / (row.parquet_path or ""))
    frame = frame.with_row_index("i").filter(pl.col("i") % 3 != 0).drop("i")
    frame = frame.with_columns(
        pl.when(pl.col("resolved_at").is_not_null())
        .then(pl.col("resolved_at") + pl.duration(days=1))
        .otherwise(pl.col("resolved_at"))
        .alias("resolved_at")
    )
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    names = DATASETS["complaints"].column_names
    w.writerow(names)
    for record in frame.select(names).iter_rows():
        w.writerow(["" if v is None else (f"{v:%Y-%m-%d %H:%M:%S}" if isinstance(v, datetime) else v) for v in record])
    return out.getvalue().encode("utf-8-sig")


def _resubmit(store: Store) -> tuple[int, int]:
    """Replace the largest complaints file; (new id, replaced id)."""
    row = _largest_complaints(store)
    outcome = submit(
        store,
        _corrected_file(store, row),
        filename="corrected.csv",
        dataset="complaints",
        agency_code=row.agency_code,
        period=row.period,
        actor=ADMIN,
        now=NOW,
    )
    assert outcome.accepted and outcome.superseded_id == row.id, outcome
    assert outcome.submission_id is not None
    return outcome.submission_id, row.id or 0


def test_a_build_after_a_resubmission_and_a_restore_equals_a_full_build(store_copy: Settings) -> None:
    store = open_store(store_copy)
    try:
        first = _build(store, full=True)
        again = _build(store)
        assert again.reused_from == first.build_id  # nothing new: every row kept
        assert table_contents(again.path, ("mart_",)) == table_contents(first.path, ("mart_",))

        new_id, old_id = _resubmit(store)
        after_resubmission = _build(store)
        assert after_resubmission.reused_from == again.build_id
        assert _recomputed_months(after_resubmission.path) == [_month_of(store, new_id)]
        marts_before = table_contents(again.path, ("mart_complaint_windows",))
        assert table_contents(after_resubmission.path, ("mart_complaint_windows",)) != marts_before
        _assert_same_as_a_full_build(store, after_resubmission)

        submissions.restore(store, old_id, actor=ADMIN, now=NOW)
        after_restore = _build(store)
        assert after_restore.reused_from is not None
        _assert_same_as_a_full_build(store, after_restore)
        # The restored file's figures are the original ones again.
        figures = ("mart_complaint_windows", "mart_kpi_", "mart_task_", "mart_strategy_", "mart_overall_")
        assert table_contents(after_restore.path, figures) == table_contents(first.path, figures)
        assert new_id not in _submission_ids(after_restore.path)
    finally:
        store.engine.dispose()


def test_a_target_change_keeps_the_rows_per_submission(store_copy: Settings) -> None:
    store = open_store(store_copy)
    try:
        _build(store, full=True)
        targets.change_target(store, ADMIN, "S1-T3-K1", 2026, 3.5, "목표 조정 (target revised)", now=NOW)
        result = _build(store)
        assert result.reused_from is not None  # targets are not an input of the deadlines
        _assert_same_as_a_full_build(store, result)
    finally:
        store.engine.dispose()


def test_a_change_to_the_reference_data_of_the_deadlines_forces_a_full_build(store_copy: Settings) -> None:
    store = open_store(store_copy)
    try:
        _build(store, full=True)
    finally:
        store.engine.dispose()
    holidays = store_copy.reference_dir / "holidays.csv"
    lines = holidays.read_text(encoding="utf-8").splitlines()
    day = next(d for d in ("2026-03-04", "2026-03-05", "2026-03-06") if not any(line.startswith(d) for line in lines))
    holidays.write_text("\n".join([*lines, f"{day},임시공휴일"]) + "\n", encoding="utf-8")
    store = open_store(store_copy)
    try:
        result = _build(store)
        assert result.reused_from is None  # every deadline is worked out again with the new calendar
        assert _build(store).reused_from == result.build_id
    finally:
        store.engine.dispose()


def test_kept_rows_that_do_not_add_up_to_the_ledger_make_a_full_build(store_copy: Settings) -> None:
    store = open_store(store_copy)
    try:
        published = _build(store, full=True)
        con = duckdb.connect(str(published.path))
        try:  # as if the file had been damaged: one submission's cells lose a row
            con.execute("delete from int_complaint_cells where rowid = (select min(rowid) from int_complaint_cells)")
        finally:
            con.close()
        result = _build(store)
        assert result.reused_from is None  # the rows are read and computed again: the figures are whole
        assert table_contents(result.path, ("mart_",)) == table_contents(published.path, ("mart_",))
    finally:
        store.engine.dispose()


def test_another_month_in_scope_recomputes_every_month_from_the_kept_rows(store_copy: Settings) -> None:
    store = open_store(store_copy)
    try:
        _build(store, full=True)
        earlier = _build(store, as_of=date(2026, 9, 1))  # the months in scope change: every window is recomputed
        assert earlier.reused_from is not None
        assert _recomputed_months(earlier.path)[-1] == date(2026, 9, 1)
        _assert_same_as_a_full_build(store, earlier)
    finally:
        store.engine.dispose()


def _recomputed_months(path: Path) -> list[date]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [p for (p,) in con.execute("select period from int_recomputed_months order by 1").fetchall()]
    finally:
        con.close()


def _month_of(store: Store, submission_id: int) -> date:
    with store.session() as session:
        row = ledger.get(session, submission_id)
    assert row is not None
    return date.fromisoformat(f"{row.period}-01")


def _submission_ids(path: Path) -> set[int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {sid for (sid,) in con.execute("select distinct submission_id from int_complaint_cells").fetchall()}
    finally:
        con.close()
