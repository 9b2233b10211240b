"""The command line as its operator meets it after an accepted file whose build never ran (or was killed):
`govdash status` says which accepted submissions are not published yet, every command is recorded as the
system role under GOVDASH_USER, and text a user typed is printed as typed, never read as rich markup."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

from metrics.settings import PROJECT_ROOT, Settings
from tests.fixture_store import fixture_env, settings_for, write_reference
from tests.integration.test_cli import GOVDASH, ledger
from tests.security.conftest import kpi_progress_csv, read_csv_rows

AGENCY, MONTH = "1352000", "2026-09"  # 보건복지부, a month the fixture store holds
MARKUP = "[/] [bold red]굵게[/bold red] [link=http://evil.example]x[/link] **b** ![i](http://evil.example/x.png)"


def _govdash(home: Path, *args: str, user: str = "kim-ops") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **fixture_env(home), "COLUMNS": "400", "GOVDASH_USER": user}
    return subprocess.run([str(GOVDASH), *args], env=env, capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT)


def _changed_file(settings: Settings, tmp_path: Path) -> Path:
    """The agency's September kpi_progress file with every 비고 replaced: new bytes, the same figures."""
    folder = settings.archive_dir / "kpi_progress" / MONTH / AGENCY
    original = next(p for p in sorted(folder.iterdir()) if p.suffix == ".csv").read_bytes()
    rows = [(r["지표코드"], r["실적값"], "다시 제출") for r in read_csv_rows(original)]
    path = tmp_path / "kpi_202609_재제출.csv"
    path.write_bytes(kpi_progress_csv(AGENCY, MONTH, rows))
    return path


def _status(home: Path) -> dict:
    done = _govdash(home, "status", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_status_names_accepted_submissions_that_wait_for_a_build(store_copy: Settings, tmp_path: Path) -> None:
    home = store_copy.home
    assert _status(home)["awaiting_build"] == {"count": 0, "submission_ids": []}

    # Accepted without a build: the ledger then holds exactly what a build killed after acceptance leaves.
    done = _govdash(home, "ingest", str(_changed_file(store_copy, tmp_path)), "--dataset", "kpi_progress",
                    "--agency", AGENCY, "--month", MONTH, "--no-build")  # fmt: skip
    assert done.returncode == 0, done.stderr
    [(new_id, submitted_by)] = ledger(store_copy, "select id, submitted_by from submissions order by id desc limit 1")
    assert submitted_by == "kim-ops"

    status = _status(home)
    assert status["awaiting_build"] == {"count": 1, "submission_ids": [new_id]}
    # The snapshot still counts the superseded file: one accepted slot in the ledger, one in the snapshot.
    assert status["snapshot"]["active_submissions"] == status["submissions"]["accepted"]
    text = _govdash(home, "status")
    assert f"빌드 대기 (awaiting build): 접수되었으나 게시되지 않은 제출 1건 #{new_id} —" in text.stdout
    assert "(1 accepted submissions not yet published: run govdash build)" in text.stdout

    assert _govdash(home, "build").returncode == 0
    assert _status(home)["awaiting_build"] == {"count": 0, "submission_ids": []}
    assert "빌드 대기" not in _govdash(home, "status").stdout


def test_status_without_any_snapshot_counts_every_accepted_submission_as_waiting(store_copy: Settings) -> None:
    for f in store_copy.snapshot_dir.iterdir():
        f.unlink()
    ids = [i for (i,) in ledger(store_copy, "select id from submissions where status = 'accepted' order by id")]
    status = _status(store_copy.home)
    assert status["awaiting_build"] == {"count": len(ids), "submission_ids": ids} and len(ids) > 1000
    # The plain output lists the first ten and says how many more.
    text = _govdash(store_copy.home, "status").stdout
    first_ten = ", ".join(f"#{i}" for i in ids[:10])
    assert f"제출 {len(ids):,}건 {first_ten} … +{len(ids) - 10:,} —" in text


def _audit_actors(home: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(home / "ledger.sqlite") as db:
        return set(db.execute("select actor_id, actor_role from audit_entries").fetchall())


def test_every_command_acts_as_the_system_role_named_after_its_operator(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "store")
    write_reference(settings.home / "reference")
    home = settings.home
    assert _govdash(home, "lock", "2026-09", "--reason", "보고 완료").returncode == 0
    assert _govdash(home, "users", "add", "kim", "--role", "council").returncode == 0
    assert _govdash(home, "calendar", "add", "2027-06-15", "--name", "임시공휴일", "--reason", "의결").returncode == 0
    refused = _govdash(home, "ingest", str(_tiny_file(tmp_path)), "--dataset", "kpi_progress",
                       "--agency", AGENCY, "--month", MONTH)  # fmt: skip
    assert refused.returncode == 2 and "2026-09" in refused.stderr  # the locked month: refused and audited
    assert _audit_actors(home) == {("kim-ops", "system")}


def _tiny_file(tmp_path: Path) -> Path:
    path = tmp_path / "kpi.csv"
    path.write_bytes(kpi_progress_csv(AGENCY, MONTH, [("S1-T2-K1", "1", "")]))
    return path


def test_typed_text_is_printed_as_typed_not_as_rich_markup(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "store")
    write_reference(settings.home / "reference")
    home = settings.home

    locked = _govdash(home, "lock", "2026-09", "--reason", MARKUP)
    assert locked.returncode == 0, locked.stderr
    assert f"잠금 (locked): 2026-09 — {MARKUP}" in locked.stdout
    again = _govdash(home, "lock", "2026-09", "--reason", "다시")  # refused: the message quotes the reason
    assert again.returncode == 2 and "MarkupError" not in again.stderr and "[/] [bold red]굵게" in again.stderr

    added = _govdash(home, "users", "add", "lee", "--role", "council", "--email", "[/]lee@example.go.kr")
    assert added.returncode == 0, added.stderr
    listed = _govdash(home, "users", "list")
    assert listed.returncode == 0 and "[/]lee@example.go.kr" in listed.stdout, listed.stderr

    for args in (("--month", "[/]x"), ("--month", "2026-09", "--format", "[/]pdf")):
        export = _govdash(home, "export", *args, "--out", str(tmp_path))
        assert export.returncode == 2 and "Traceback" not in export.stderr and "MarkupError" not in export.stderr
        assert args[-1] in export.stderr, export.stderr
