"""A file for a month in which its agency does not exist (agencies.csv valid_from / valid_to) is rejected at
ingest, recorded with its problem so the submitter sees why, and names the dates and the agency to submit
as instead: 광주광역시 (6290000) and 전라남도 (6460000) end 2026-06-30, 전남광주통합특별시 (6560000) begins
2026-07-01."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest

from etl import ledger
from etl.access.actors import SYSTEM
from etl.ingest.accept import load_problems, preview, submit
from etl.ledger.store import Store, open_store
from metrics.settings import Settings
from tests.submissions.helpers import MEETING_HEADER, NOW, ledger_rows


def meetings_csv(agency: str, month: str) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(MEETING_HEADER)
    w.writerow(["L-1", agency, f"{month}-03", "정례", 60, 12, "N"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


@pytest.fixture
def store(store_copy: Settings) -> Iterator[Store]:
    store = open_store(store_copy)
    yield store
    store.engine.dispose()


def _submit(store: Store, agency: str, month: str):  # type: ignore[no-untyped-def]
    return submit(
        store,
        meetings_csv(agency, month),
        filename="회의.csv",
        dataset="meetings",
        agency_code=agency,
        period=month,
        actor=SYSTEM,
        now=NOW,
    )


def test_a_file_for_a_closed_agency_is_rejected_naming_its_end_and_its_successor(store: Store) -> None:
    before = len(ledger_rows(store))
    outcome = _submit(store, "6290000", "2026-08")
    assert outcome.status == ledger.REJECTED
    problem = outcome.problems[0]
    assert (problem.rule, problem.severity, problem.row, problem.value) == ("agency_inactive", "error", None, "6290000")
    assert problem.message_ko == (
        "광주광역시(6290000)은(는) 2026-06-30까지 존재한 기관이므로 2026-08 자료를 받을 수 없습니다. "
        "2026-07-01부터는 후속 기관 전남광주통합특별시(6560000)(으)로 제출하십시오."
    )
    assert problem.message_en == (
        "광주광역시(6290000) existed until 2026-06-30, so it has no file for 2026-08. "
        "From 2026-07-01 on, submit as its successor 전남광주통합특별시(6560000)."
    )
    # recorded like any rejected file: a ledger row and the problems kept beside the file, read back
    rows = ledger_rows(store)
    assert len(rows) == before + 1
    row = rows[-1]
    assert (row.status, row.agency_code, row.period, row.error_count) == ("rejected", "6290000", "2026-08", 1)
    assert row.report_path is not None
    kept = load_problems(store.settings.archive_dir / row.report_path)
    assert [p.rule for p in kept] == ["agency_inactive"] and "6560000" in kept[0].message_ko
    # the upload page's preview says the same before anything is recorded
    shown = preview(
        store,
        meetings_csv("6460000", "2026-07"),
        filename="회의.csv",
        dataset="meetings",
        agency_code="6460000",
        period="2026-07",
        actor=SYSTEM,
        now=NOW,
    )
    assert not shown.result.ok and "2026-06-30" in shown.result.errors[0].message_ko
    assert "전라남도(6460000)" in shown.result.errors[0].message_ko


def test_the_successor_before_its_start_is_rejected_naming_its_predecessors(store: Store) -> None:
    outcome = _submit(store, "6560000", "2026-06")
    assert outcome.status == ledger.REJECTED
    assert outcome.problems[0].message_en == (
        "전남광주통합특별시(6560000) exists from 2026-07-01, so it has no file for 2026-06. "
        "Submit earlier months as 광주광역시(6290000), 전라남도(6460000)."
    )


def test_the_last_and_first_months_of_a_merger_are_accepted(store: Store) -> None:
    assert _submit(store, "6290000", "2026-06").status == ledger.ACCEPTED  # ends on 2026-06-30, inside June
    assert _submit(store, "6560000", "2026-07").status == ledger.ACCEPTED  # begins on 2026-07-01
    assert _submit(store, "1741000", "2026-08").status == ledger.ACCEPTED  # an agency with no end
