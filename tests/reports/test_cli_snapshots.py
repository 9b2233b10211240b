"""`govdash export` on (a copy of) the fixture store, and a past report regenerated from a kept snapshot after a
newer one has been published."""

from __future__ import annotations

import shutil
from datetime import datetime

import duckdb
from typer.testing import CliRunner

from etl.builder.publish import build
from etl.cli.main import app
from etl.ledger.store import open_store
from metrics.snapshot import current_snapshot
from reports.export import export
from reports.model import ReportOptions
from reports.snapshots import kept_snapshots

runner = CliRunner()


def test_the_command_writes_the_asked_formats(store_copy, use_store, tmp_path):
    # A copy: an export pins its snapshot (a file in the snapshot folder), and the fixture store is read-only.
    use_store(store_copy)
    result = runner.invoke(
        app,
        ["export", "--month", "2026-10", "--format", "xlsx,csv,hwpx", "--agency", "1741000", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "govdash-report-2026-10-1741000-ko.xlsx" in written
    assert "govdash-report-2026-10-1741000-ko.hwpx" in written
    assert sum(name.endswith(".csv") for name in written) == 11  # no KPIs-by-agency table in an agency report
    assert current_snapshot(store_copy.snapshot_dir).stem in result.output


def test_the_command_refuses_bad_options_clearly(fixture_store, use_store, tmp_path):
    use_store(fixture_store)
    bad_month = runner.invoke(app, ["export", "--month", "2031-01", "--format", "csv", "--out", str(tmp_path)])
    assert bad_month.exit_code == 2 and "2031-01" in bad_month.output and "choose a month" in bad_month.output
    bad_format = runner.invoke(app, ["export", "--month", "2026-10", "--format", "docx", "--out", str(tmp_path)])
    assert bad_format.exit_code == 2 and "docx" in bad_format.output
    assert not list(tmp_path.iterdir())  # nothing written


def test_a_past_report_is_regenerated_from_its_kept_snapshot(store_copy, use_store, tmp_path):
    use_store(store_copy)
    options = ReportOptions.parse("2026-10")
    before = export(options, ["xlsx", "csv"], tmp_path / "before", charts=False)
    old_id = before.report.snapshot_id

    store = open_store(store_copy)
    build(store, built_at=datetime(2026, 11, 26, 9, 0))  # a newer snapshot is published
    store.engine.dispose()
    assert current_snapshot(store_copy.snapshot_dir).stem != old_id
    assert old_id in kept_snapshots(store_copy.snapshot_dir)

    now = export(options, ["xlsx"], tmp_path / "now", charts=False)
    assert now.report.snapshot_id != old_id
    again = export(options, ["xlsx", "csv"], tmp_path / "again", charts=False, snapshot=old_id)
    assert again.report.snapshot_id == old_id
    for path in again.files:
        assert path.read_bytes() == (tmp_path / "before" / path.name).read_bytes(), path.name


def test_a_kept_snapshot_of_an_earlier_version_is_refused_with_what_to_do(store_copy, use_store, tmp_path):
    # An earlier version's snapshot: the published one copied under an older id, without a table the report reads.
    use_store(store_copy)
    published = current_snapshot(store_copy.snapshot_dir)
    old_id = "20260101T090000-0a0b0c"
    old = store_copy.snapshot_dir / f"{old_id}.duckdb"
    shutil.copyfile(published, old)
    con = duckdb.connect(str(old))
    con.execute("drop table mart_overall_scores")
    con.execute("update build_info set sql_digest = 'the SQL of an earlier version'")
    con.close()

    result = runner.invoke(
        app, ["export", "--month", "2026-10", "--format", "xlsx", "--snapshot", old_id, "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert old_id in said and "이전 버전의 govdash" in said and "earlier version of govdash" in said
    assert "mart_overall_scores" in said  # which table, from DuckDB's own message
    assert not (tmp_path / "out").exists()  # nothing written
    assert export(ReportOptions.parse("2026-10"), ["xlsx"], tmp_path / "now", charts=False).files  # the published one
