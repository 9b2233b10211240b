"""Submission history without loss: the same bytes once, a new file supersedes, an earlier file can be
restored (service and command line), rejected files are kept with their report, the size limit."""

from __future__ import annotations

import os
import subprocess
import sys

import openpyxl
import pytest

from etl import ledger
from etl.access.actors import Actor, PermissionDenied
from etl.builder.publish import build
from etl.ingest.accept import FileTooLarge, submit
from etl.ingest.submission_history import RestoreRefused, list_submissions, original_bytes, restore, show
from metrics.settings import PROJECT_ROOT
from tests.fixture_store import fixture_env
from tests.submissions.helpers import (
    AGENCY,
    MONTH,
    NOW,
    OFFICER,
    active_ids,
    ledger_rows,
    meetings_csv,
    snapshot_rows,
    store_of,
)

MEETING_MINUTES = (
    "select sum(duration_min), count(*) from src_meetings where agency_code = '1741000' and held_on >= '2026-10-01'"
)


def _submit(store, content, name="meetings.csv", actor=OFFICER):
    return submit(
        store, content, filename=name, dataset="meetings", agency_code=AGENCY, period=MONTH, actor=actor, now=NOW
    )


def test_the_same_bytes_twice_are_recorded_once(store_copy):
    store = store_of(store_copy)
    before = len(ledger_rows(store))
    first = _submit(store, meetings_csv([30, 40]))
    again = _submit(store, meetings_csv([30, 40]), name="renamed copy.csv")
    assert first.status == "accepted"
    assert again.status == "duplicate" and again.submission_id == first.submission_id
    assert again.duplicate_of_status == "accepted"
    assert len(ledger_rows(store)) == before + 1


def test_a_new_file_supersedes_the_previous_one_for_every_figure(store_copy):
    store = store_of(store_copy)
    first = _submit(store, meetings_csv([30, 40]))
    second = _submit(store, meetings_csv([90, 60, 15], tag="U"))
    assert second.status == "accepted" and second.superseded_id == first.submission_id
    with store.session() as session:
        assert ledger.get(session, first.submission_id).status == "superseded"
    build(store)
    assert snapshot_rows(store_copy, MEETING_MINUTES) == [(165, 3)]
    cell = snapshot_rows(
        store_copy,
        "select submission_id, superseded_count from mart_submission_status "
        "where agency_code = '1741000' and dataset = 'meetings' and period = '2026-10-01'",
    )
    assert cell == [(second.submission_id, 2)]  # the demo's file and ours were both replaced


def test_an_earlier_file_is_restored_and_its_figures_come_back(store_copy):
    store = store_of(store_copy)
    first = _submit(store, meetings_csv([30, 40]))
    second = _submit(store, meetings_csv([90, 60, 15], tag="U"))
    outcome = restore(store, first.submission_id, actor=OFFICER, now=NOW)
    assert (outcome.restored_id, outcome.superseded_id) == (first.submission_id, second.submission_id)
    build(store)
    assert snapshot_rows(store_copy, MEETING_MINUTES) == [(70, 2)]
    with pytest.raises(RestoreRefused, match="already active"):
        restore(store, first.submission_id, actor=OFFICER, now=NOW)


def test_a_restore_is_in_the_audit_trail_with_who_and_what_it_replaced(store_copy):
    from etl.access.actors import SYSTEM
    from etl.governance import audit

    store = store_of(store_copy)
    first = _submit(store, meetings_csv([30, 40]))
    second = _submit(store, meetings_csv([90], tag="U"))
    restore(store, first.submission_id, actor=OFFICER, now=NOW)
    [entry] = audit.search(store, SYSTEM, action="submission.restored")
    assert entry.actor_id == OFFICER.user_id and entry.target == f"submission:{first.submission_id}"
    assert str(second.submission_id) in entry.before and str(first.submission_id) in entry.after


def test_sending_a_superseded_file_again_restores_it_without_a_second_record(store_copy):
    store = store_of(store_copy)
    first = _submit(store, meetings_csv([30, 40]))
    _submit(store, meetings_csv([90], tag="U"))
    count = len(ledger_rows(store))
    again = _submit(store, meetings_csv([30, 40]))
    assert again.status == "accepted" and again.restored and again.submission_id == first.submission_id
    assert len(ledger_rows(store)) == count
    assert first.submission_id in active_ids(store)


def test_another_agency_may_not_restore(store_copy):
    store = store_of(store_copy)
    first = _submit(store, meetings_csv([30, 40]))
    _submit(store, meetings_csv([90], tag="U"))
    with pytest.raises(PermissionDenied):
        restore(store, first.submission_id, actor=Actor("seoul", "agency", "6110000"), now=NOW)


def test_a_rejected_file_is_kept_with_its_report_and_counts_for_nothing(store_copy):
    store = store_of(store_copy)
    active = active_ids(store)
    bad = meetings_csv([30, 0])  # 0 minutes: out of range on row 3
    outcome = _submit(store, bad)
    assert outcome.status == "rejected"
    assert active_ids(store) == active
    detail = show(store, outcome.submission_id)
    assert detail.submission.status == "rejected"
    assert [(p.rule, p.row, p.column) for p in detail.problems] == [("range", 3, "소요시간분")]
    assert original_bytes(store, detail.submission) == bad
    with pytest.raises(RestoreRefused, match="rejected"):
        restore(store, outcome.submission_id, actor=OFFICER, now=NOW)
    listed = list_submissions(store, agency_code=AGENCY, period=MONTH, status="rejected")
    assert [r.id for r in listed] == [outcome.submission_id]


def test_a_file_above_the_size_limit_is_refused_with_a_clear_message(store_copy, monkeypatch):
    store = store_of(store_copy)
    monkeypatch.setenv("GOVDASH_MAX_UPLOAD_MB", "0.001")  # about 1 KB
    count = len(ledger_rows(store))
    with pytest.raises(FileTooLarge) as refused:
        _submit(store, meetings_csv(list(range(1, 29)) * 2))
    assert "MB까지 제출할 수 있습니다" in str(refused.value) and "the limit is" in str(refused.value)
    assert len(ledger_rows(store)) == count


def _govdash(settings, *args):
    env = {**os.environ, **fixture_env(settings.home), "GOVDASH_USER": "ops"}
    return subprocess.run(
        [sys.executable, "-m", "etl.cli.main", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_lists_shows_and_restores(store_copy, tmp_path):
    store = store_of(store_copy)
    first = _submit(store, meetings_csv([30, 40]))
    second = _submit(store, meetings_csv([90], tag="U"))
    listed = _govdash(store_copy, "submissions", "list", "--agency", AGENCY, "--dataset", "meetings", "--month", MONTH)
    assert listed.returncode == 0, listed.stderr
    assert f"#{second.submission_id}\t" in listed.stdout and "superseded" in listed.stdout
    shown = _govdash(store_copy, "submissions", "show", str(first.submission_id))
    assert shown.returncode == 0 and "superseded" in shown.stdout and f"#{second.submission_id}" in shown.stdout
    restored = _govdash(store_copy, "submissions", "restore", str(first.submission_id))
    assert restored.returncode == 0, restored.stderr
    assert f"#{second.submission_id} superseded" in restored.stdout
    assert snapshot_rows(store_copy, MEETING_MINUTES) == [(70, 2)]
    bad = _submit(store, meetings_csv([30, 0], tag="X"))
    report = tmp_path / "report.xlsx"
    written = _govdash(store_copy, "submissions", "show", str(bad.submission_id), "--report", str(report))
    assert written.returncode == 0, written.stderr
    book = openpyxl.load_workbook(report)
    assert book["검증 결과"]["A2"].value == 3 and book["검증 결과"]["D2"].value == "range"
    assert book["제출 자료 (표시)"]["E3"].comment is not None
    refused = _govdash(store_copy, "submissions", "restore", "999999")
    assert refused.returncode == 2 and "no submission #999999" in refused.stderr


def test_the_command_line_lists_the_months_missing_files(store_copy):
    out = _govdash(store_copy, "submissions", "--month", MONTH, "--missing")
    assert out.returncode == 0, out.stderr
    expected = snapshot_rows(
        store_copy,
        "select agency_code, dataset from mart_submission_status where period = '2026-10-01' and status = 'missing' "
        "order by agency_code, dataset",
    )
    lines = [line.split("\t") for line in out.stdout.splitlines() if "\t" in line]
    assert [(c[0], c[2]) for c in lines] == [tuple(r) for r in expected]
    assert all(c[3] == "missing" for c in lines)
