"""The build and its publication, with real processes and files: a rebuild from nothing gives the same
figures, a reader in another process keeps answering while new snapshots are published, and the demo is
safe to repeat."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from etl.builder.publish import build
from etl.demo.run import run_demo
from etl.ledger.store import open_store
from metrics.settings import PROJECT_ROOT, Settings
from metrics.snapshot import POINTER, connect_readonly, current_snapshot
from tests.fixture_store import fixture_env, settings_for, write_reference

GOVDASH = Path(sys.executable).with_name("govdash")
# Columns that say when or as what a build ran, not what it found: left out of "same figures".
BUILD_TIME_COLUMNS = {"build_id", "built_at", "duckdb_version"}


def run_govdash(home: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **fixture_env(home), **extra_env}
    return subprocess.run([str(GOVDASH), *args], env=env, capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT)


def table_contents(path: Path, prefixes: tuple[str, ...] = ("mart_",)) -> dict[str, list[tuple]]:
    """Every table whose name starts with one of `prefixes`: all rows, sorted, without build-time columns."""
    con = connect_readonly(path)
    try:
        names = [n for (n,) in con.sql("select table_name from information_schema.tables").fetchall()]
        out = {}
        for name in sorted(n for n in names if n.startswith(prefixes)):
            cols = [c for (c, *_) in con.sql(f"describe {name}").fetchall() if c not in BUILD_TIME_COLUMNS]
            select = ", ".join(f'"{c}"' for c in cols)
            out[name] = sorted(con.sql(f"select {select} from {name}").fetchall(), key=repr)  # noqa: S608
        return out
    finally:
        con.close()


def build_info(path: Path) -> dict:
    con = connect_readonly(path)
    try:
        return con.sql("select * from build_info").pl().row(0, named=True)
    finally:
        con.close()


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting for {what}"
        time.sleep(0.02)


# ------------------------------------------------------------------------------------------ rebuild


def publish_with_this_code(settings: Settings) -> Path:
    """Build and publish once in this process, so that what is compared was made by the code under test
    (the shared fixture store may have been built by an earlier run)."""
    store = open_store(settings)
    try:
        return build(store).path
    finally:
        store.engine.dispose()


def test_deleting_every_snapshot_and_building_again_gives_identical_figures(store_copy: Settings) -> None:
    snapshots = store_copy.snapshot_dir
    before_path = publish_with_this_code(store_copy)
    before = table_contents(before_path, ("mart_", "src_"))
    before_info = build_info(before_path)
    assert len([t for t in before if t.startswith("mart_")]) >= 7
    assert all(before[t] for t in before if t.startswith("mart_")), "every mart of the fixture store has rows"

    for f in snapshots.iterdir():
        f.unlink()
    assert not (snapshots / POINTER).exists()

    done = run_govdash(store_copy.home, "build")
    assert done.returncode == 0, done.stderr

    after_path = current_snapshot(snapshots)
    after_info = build_info(after_path)
    assert after_info["build_id"] != before_info["build_id"]
    assert after_info["as_of_period"] == before_info["as_of_period"] == date(2026, 10, 1)
    assert after_info["active_submissions"] == before_info["active_submissions"]
    assert after_info["catalog_digest"] == before_info["catalog_digest"]
    after = table_contents(after_path, ("mart_", "src_"))
    assert sorted(after) == sorted(before)
    for name in before:
        assert len(after[name]) == len(before[name]), name
        differing = [(a, b) for a, b in zip(before[name], after[name], strict=True) if a != b]
        assert not differing, f"{name}: {len(differing)} rows differ, first {differing[0]}"


def test_a_build_killed_before_it_publishes_changes_nothing_and_the_next_one_cleans_up(store_copy: Settings) -> None:
    snapshots = store_copy.snapshot_dir
    published = publish_with_this_code(store_copy)
    figures = table_contents(published)
    files_before = sorted(p.name for p in snapshots.glob("*.duckdb"))

    # Killed (as by power loss) after writing its file, before renaming it into place.
    killed = run_govdash(store_copy.home, "build", GOVDASH_FAULT_AT="build:before_publish")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert current_snapshot(snapshots) == published
    assert sorted(p.name for p in snapshots.glob("*.duckdb")) == files_before
    assert list(snapshots.glob(".*.duckdb.tmp")), "the killed build leaves its temporary file behind"

    # Killed after renaming its file, before replacing CURRENT: the old snapshot stays the published one.
    killed = run_govdash(store_copy.home, "build", GOVDASH_FAULT_AT="build:before_pointer")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert current_snapshot(snapshots) == published
    assert table_contents(current_snapshot(snapshots)) == figures

    done = run_govdash(store_copy.home, "build")
    assert done.returncode == 0, done.stderr
    rebuilt = current_snapshot(snapshots)
    assert rebuilt != published
    assert table_contents(rebuilt) == figures
    assert sorted(p.name for p in snapshots.iterdir() if p.name.startswith(".")) == []  # no orphan is left
    assert stat.S_IMODE((snapshots / POINTER).stat().st_mode) == 0o644  # readable by a dashboard run as another user


# ------------------------------------------------------------------------------ reader during publish

# The reader's query: the mart's every row folded into one digest, with the build that answered.
PROBE_SQL = """
select b.build_id, m.row_count, m.digest
from build_info b,
     (select count(*) as row_count,
             md5(string_agg(t::varchar, chr(10) order by t.kpi_code, t.period, t.time_window)) as digest
      from mart_kpi_national_month t) m
"""

# A second process: one Warehouse shared by two threads (as a Streamlit server shares it between sessions),
# each querying in a loop and writing every answer or error as one JSON line until the stop file appears.
READER = """
import json, os, sys, threading, time, traceback
from pathlib import Path
import metrics.warehouse as wh

out_path, stop_path, query_dir = (Path(a) for a in sys.argv[1:4])
wh.QUERY_DIR = query_dir
warehouse = wh.Warehouse(Path(os.environ["GOVDASH_HOME"]) / "snapshots")
write_lock = threading.Lock()
out = open(out_path, "a", encoding="utf-8")

def record(**fields):
    with write_lock:
        out.write(json.dumps({"t": time.monotonic(), **fields}) + "\\n")
        out.flush()

def loop(thread):
    while not stop_path.exists():
        try:
            frame = warehouse.query("reader_probe")
            row = frame.row(0, named=True) if frame.height == 1 else {}
            record(thread=thread, rows=frame.height, **row)
        except Exception:
            record(thread=thread, error=traceback.format_exc())

threads = [threading.Thread(target=loop, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
warehouse.close()
"""


def _answers(path: Path) -> list[dict]:
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    complete = text[: text.rfind("\n") + 1]  # the last line may still be being written
    return [json.loads(line) for line in complete.splitlines()]


def _sees(out: Path, build_id: str) -> Callable[[], bool]:
    return lambda: any(a.get("build_id") == build_id for a in _answers(out))


def test_a_reader_in_another_process_keeps_answering_while_builds_publish(store_copy: Settings, tmp_path: Path) -> None:
    # Keep one snapshot: every publish deletes the file the reader holds open, the hardest case.
    settings = replace(store_copy, keep_snapshots=1)
    store = open_store(settings)
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "reader_probe.sql").write_text(PROBE_SQL, encoding="utf-8")
    first = current_snapshot(settings.snapshot_dir)
    con = connect_readonly(first)
    try:
        first_id, expected_rows, expected_digest = con.sql(PROBE_SQL).fetchall()[0]
    finally:
        con.close()
    assert expected_rows > 1000

    out, stop = tmp_path / "answers.jsonl", tmp_path / "stop"
    env = {**os.environ, **fixture_env(settings.home), "PYTHONPATH": str(PROJECT_ROOT)}
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(out), str(stop), str(queries)], env=env, cwd=PROJECT_ROOT
    )
    try:
        wait_for(_sees(out, first_id), 60, "the reader's first answer")
        builds: list[tuple[str, float, float]] = []
        for _ in range(3):
            started = time.monotonic()
            result = build(store)
            builds.append((result.build_id, started, time.monotonic()))
            wait_for(_sees(out, result.build_id), 60, f"the reader to see {result.build_id}")
        stop.touch()
        assert reader.wait(timeout=60) == 0
    finally:
        stop.touch()
        if reader.poll() is None:
            reader.kill()
        store.engine.dispose()

    answers = _answers(out)
    errors = [a["error"] for a in answers if "error" in a]
    assert not errors, f"{len(errors)} of {len(answers)} queries failed; first:\n{errors[0]}"
    assert all(a["rows"] == 1 for a in answers)
    assert {(a["row_count"], a["digest"]) for a in answers} == {(expected_rows, expected_digest)}
    seen = {a["build_id"] for a in answers}
    assert seen >= {first_id} | {b for b, _, _ in builds}
    assert {a["thread"] for a in answers} == {0, 1}
    for build_id, started, ended in builds:
        during = [a for a in answers if started <= a["t"] <= ended]
        assert during, f"no query ran while {build_id} was built and published"
    assert sorted(p.name for p in settings.snapshot_dir.glob("*.duckdb")) == [f"{builds[-1][0]}.duckdb"]


# ------------------------------------------------------------------------------------- demo repeat

TINY_AGENCIES = ("1741000", "6110000")  # 행정안전부 and 서울특별시: a central and a local agency
OWNERS = ("1352000", "1613000", "1721000")  # the other tasks' owners: the catalog names them, so the file holds them


def _ledger_rows(settings: Settings) -> int:
    with sqlite3.connect(settings.database_url.removeprefix("sqlite:///")) as db:
        return db.execute("select count(*) from submissions").fetchone()[0]


def test_running_the_demo_again_records_no_new_file_and_publishes_the_same_figures(tmp_path: Path) -> None:
    home = tmp_path / "tiny"
    write_reference(home / "reference", TINY_AGENCIES + OWNERS)
    settings = settings_for(home)
    store = open_store(settings)
    options = dict(
        scale=0.002,
        workers=1,
        national_outreach=False,
        agency_codes=list(TINY_AGENCIES),
        first_month=date(2026, 8, 1),
        last_month=date(2026, 10, 1),
    )
    try:
        first = run_demo(store, **options)
        assert first.files > 10 and first.rejected == 0, first.first_problem
        assert first.accepted + first.duplicates == first.files
        rows_after_first = _ledger_rows(settings)
        figures_first = table_contents(build(store).path)

        second = run_demo(store, **options)
        assert (second.files, second.accepted, second.rejected) == (first.files, 0, 0)
        assert second.duplicates == first.files
        assert _ledger_rows(settings) == rows_after_first
        figures_second = table_contents(build(store).path)
    finally:
        store.engine.dispose()

    assert figures_second == figures_first
    national = figures_first["mart_kpi_national_month"]
    assert {r[3] for r in national} >= {date(2026, 8, 1), date(2026, 10, 1)}


# ------------------------------------------------------------------------------------- data model doc


def test_the_data_model_documents_every_relation_and_every_mart_column(store_copy: Settings) -> None:
    doc = (PROJECT_ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    con = connect_readonly(publish_with_this_code(store_copy))
    try:
        relations = [n for (n,) in con.sql("select table_name from information_schema.tables").fetchall()]
        columns = {
            n: [c for (c, *_) in con.sql(f"describe {n}").fetchall()]
            for n in relations
            if n.startswith("mart_") or n == "build_info"
        }
    finally:
        con.close()
    undocumented = [n for n in relations if n not in doc]
    assert not undocumented, f"docs/data-model.md does not mention {undocumented}"
    for name, cols in columns.items():
        section = doc.split(f"### {name}\n", 1)[-1].split("\n### ", 1)[0] if f"### {name}\n" in doc else doc
        section = doc.split(f"## {name}\n", 1)[-1].split("\n## ", 1)[0] if name == "build_info" else section
        missing = [c for c in cols if c not in section]
        assert not missing, f"{name}: columns {missing} are not described in docs/data-model.md"


def test_build_full_computes_every_submission_anew_and_publishes_the_same_marts(store_copy: Settings) -> None:
    published = publish_with_this_code(store_copy)
    before = table_contents(published, ("mart_",))

    kept = run_govdash(store_copy.home, "build")
    assert kept.returncode == 0, kept.stderr
    assert "rows per submission kept from" in kept.stdout + kept.stderr
    full = run_govdash(store_copy.home, "build", "--full")
    assert full.returncode == 0, full.stderr
    said = full.stdout + full.stderr
    assert "full build" in said and "kept from" not in said

    after = table_contents(current_snapshot(store_copy.snapshot_dir), ("mart_",))
    assert sorted(after) == sorted(before)
    for name in before:
        assert after[name] == before[name], name
