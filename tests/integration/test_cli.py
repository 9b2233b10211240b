"""The `govdash` command as a user runs it: status (text and JSON) agrees with the ledger and the published
snapshot, build shows its progress, and what it prints is Korean first with English beside it."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from metrics.catalog import load_catalog
from metrics.reference import load_agencies, load_holidays, reference_digest
from metrics.settings import PROJECT_ROOT, Settings
from metrics.snapshot import POINTER, NoSnapshot, connect_readonly, current_snapshot
from metrics.warehouse import Warehouse
from tests.fixture_store import fixture_env

GOVDASH = Path(sys.executable).with_name("govdash")
DATASETS = ("complaints", "participation", "meetings", "rewards", "kpi_progress")
HANGUL = re.compile(r"[가-힣]")


def run_govdash(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **fixture_env(home), "COLUMNS": "200"}
    return subprocess.run([str(GOVDASH), *args], env=env, capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT)


def ledger(settings: Settings, sql: str) -> list[tuple]:
    with sqlite3.connect(settings.database_url.removeprefix("sqlite:///")) as db:
        return db.execute(sql).fetchall()


def test_status_in_json_and_text_agrees_with_the_ledger_and_the_published_snapshot(store_copy: Settings) -> None:
    done = run_govdash(store_copy.home, "status", "--json")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)

    assert status["home"] == str(store_copy.home)
    assert status["submissions"] == dict(ledger(store_copy, "select status, count(*) from submissions group by 1"))
    accepted = status["submissions"]["accepted"]
    assert accepted > 1000

    assert status["snapshot_error"] is None
    snap = status["snapshot"]
    path = current_snapshot(store_copy.snapshot_dir)
    assert snap["path"] == str(path)
    assert (store_copy.snapshot_dir / POINTER).read_text(encoding="utf-8").strip() == path.name
    assert snap["build_id"] == path.stem
    con = connect_readonly(path)
    try:
        build_id, built_at, as_of, version, active = con.sql(
            "select build_id, built_at, as_of_period, catalog_version, active_submissions from build_info"
        ).fetchall()[0]
        src_rows = {d: con.sql(f"select count(*) from src_{d}").fetchall()[0][0] for d in DATASETS}  # noqa: S608
    finally:
        con.close()
    assert (snap["build_id"], snap["built_at"], snap["as_of_period"]) == (build_id, "2026-11-25T09:00:00", "2026-10")
    assert str(built_at) == "2026-11-25 09:00:00" and str(as_of) == "2026-10-01"
    assert snap["catalog_version"] == version
    # what the figures were drawn with: the catalog's digest and the reference data's (agencies, holidays)
    reference = reference_digest(load_agencies(store_copy.reference_dir), load_holidays(store_copy.reference_dir))
    assert snap["reference_digest"] == reference and len(reference) == 64
    assert snap["catalog_digest"] == load_catalog(store_copy.catalog_dir).digest
    assert snap["active_submissions"] == active == accepted
    # The rows the snapshot holds are exactly the rows of the accepted files the ledger lists.
    ledger_rows = dict(
        ledger(store_copy, "select dataset, sum(row_count) from submissions where status='accepted' group by 1")
    )
    assert snap["rows"] == src_rows == {d: ledger_rows.get(d, 0) for d in DATASETS}
    assert all(snap["rows"][d] > 0 for d in DATASETS)

    # The same facts for a person: Korean labels first, English beside them, counts with thousands separators.
    text = run_govdash(store_copy.home, "status")
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert "{" not in out and "'" not in out, f"raw Python values printed:\n{out}"
    assert all(HANGUL.search(line.split(":")[0]) for line in out.splitlines()), out
    assert snap["build_id"] in out and "기준월 (as of) 2026-10" in out
    assert f"접수 accepted {accepted:,}" in out
    assert f"기준정보 SHA-256 (reference digest: agencies, holidays): {reference}" in out
    assert all(f"{d} {n:,}" in out for d, n in snap["rows"].items())


def test_status_before_any_build_says_there_is_no_snapshot(store_copy: Settings) -> None:
    for f in store_copy.snapshot_dir.iterdir():
        f.unlink()
    as_json = run_govdash(store_copy.home, "status", "--json")
    assert as_json.returncode == 0, as_json.stderr
    status = json.loads(as_json.stdout)
    assert status["snapshot"] is None
    assert status["submissions"]["accepted"] > 1000

    text = run_govdash(store_copy.home, "status")
    assert text.returncode == 0, text.stderr
    assert "스냅샷 없음" in text.stdout and "no snapshot yet" in text.stdout and "govdash build" in text.stdout


def test_a_pointer_to_a_missing_snapshot_is_reported_not_a_traceback(store_copy: Settings) -> None:
    gone = current_snapshot(store_copy.snapshot_dir)
    gone.unlink()  # deleted by hand, or a store restored in part

    as_json = run_govdash(store_copy.home, "status", "--json")
    assert as_json.returncode == 1, as_json.stderr
    status = json.loads(as_json.stdout)
    assert status["snapshot"] is None
    assert gone.name in status["snapshot_error"] and "govdash build" in status["snapshot_error"]
    assert "스냅샷 파일" in status["snapshot_error"] and "does not exist" in status["snapshot_error"]
    text = run_govdash(store_copy.home, "status")
    assert text.returncode == 1 and "Traceback" not in text.stdout + text.stderr
    assert "스냅샷 오류 (snapshot error): " in text.stdout and gone.name in text.stdout

    warehouse = Warehouse(store_copy.snapshot_dir)  # what pages use: a "no snapshot" they already handle
    with pytest.raises(NoSnapshot, match=gone.name):
        warehouse.snapshot_path()

    repaired = run_govdash(store_copy.home, "build")
    assert repaired.returncode == 0, repaired.stderr
    assert warehouse.snapshot_path() == current_snapshot(store_copy.snapshot_dir)
    warehouse.close()
    assert json.loads(run_govdash(store_copy.home, "status", "--json").stdout)["snapshot_error"] is None


def test_build_shows_its_progress_and_says_what_it_published(store_copy: Settings) -> None:
    done = run_govdash(store_copy.home, "build")
    assert done.returncode == 0, done.stderr
    path = current_snapshot(store_copy.snapshot_dir)
    err = done.stderr
    assert "빌드 (build)" in err and "4/4" in err
    assert f"게시됨 (published): {path.stem}" in err
    accepted = ledger(store_copy, "select count(*) from submissions where status='accepted'")[0][0]
    assert f"{accepted:,}" in err and "2026-10" in err


def test_build_with_a_bad_month_says_how_to_write_it(store_copy: Settings) -> None:
    before = (store_copy.snapshot_dir / POINTER).read_text(encoding="utf-8")
    done = run_govdash(store_copy.home, "build", "--as-of", "October")
    assert done.returncode == 2
    said = " ".join(done.stderr.split())
    assert "기준월 'October'" in said and "must look like 2026-10" in said
    assert "Traceback" not in said
    assert (store_copy.snapshot_dir / POINTER).read_text(encoding="utf-8") == before


def test_catalog_and_help_speak_korean_and_english(store_copy: Settings) -> None:
    done = run_govdash(store_copy.home, "catalog")
    assert done.returncode == 0, done.stderr
    assert "4 strategies, 12 tasks, 29 KPIs" in done.stdout
    assert "전략 4, 과제 12, 지표 29" in done.stdout

    help_text = run_govdash(store_copy.home, "--help").stdout
    for command in ("demo", "build", "status", "ingest", "serve", "catalog"):
        line = next(ln for ln in help_text.splitlines() if re.search(rf"\b{command}\b", ln))
        assert HANGUL.search(line) and re.search(r"\([a-z]", line), line
