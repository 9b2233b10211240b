"""The month every page and the reports page open on: the reporting month, i.e. the latest month that is locked or
whose files were due (the 10th of the next month) before today. A later month holds only early files: it is
offered labelled 잠정 with its coverage, never chosen by default."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from etl import locks
from etl.actors import SYSTEM, Actor
from etl.build import build
from etl.ingest import submit
from etl.store import open_store
from etl.templates import example_csv
from metrics.queries import Queries, reporting_month
from metrics.settings import Settings
from metrics.warehouse import Warehouse

# The fixture store holds 2025-01 … 2026-10 (tests/fixture_store.py).
CASES = [
    # today, reporting month, why (the 10th is still a due day; the month after it is not)
    (date(2026, 11, 25), date(2026, 10, 1), "October was due 11-10"),
    (date(2026, 11, 11), date(2026, 10, 1), "the day after October's due date"),
    (date(2026, 11, 10), date(2026, 9, 1), "October's due day itself: files may still come"),
    (date(2026, 11, 1), date(2026, 9, 1), "the 1st of the month: last month not yet due"),
    (date(2026, 1, 15), date(2025, 12, 1), "January: December 2025 was due 01-10; 2026 is all provisional"),
    (date(2028, 12, 31), date(2026, 10, 1), "long after the data: its last month"),
    (date(2025, 1, 5), date(2025, 1, 1), "before the first month was due: the oldest month, not a blank page"),
]


def months_on(settings: Settings, today: date) -> pl.DataFrame:
    warehouse = Warehouse(settings.snapshot_dir)
    try:
        return Queries(warehouse.query).months(today)
    finally:
        warehouse.close()


@pytest.mark.parametrize(("today", "expected", "why"), CASES, ids=[c[0].isoformat() for c in CASES])
def test_the_reporting_month_on_any_day(fixture_store: Settings, today: date, expected: date, why: str):
    months = months_on(fixture_store, today)
    assert reporting_month(months) == expected, why
    later = months.filter(pl.col("period") > expected)
    if today >= date(2025, 2, 11):  # once some month is due, exactly the later months are provisional
        assert later["provisional"].all() and not months.filter(pl.col("period") <= expected)["provisional"].any()


def test_due_dates_and_coverage_of_a_settled_month(fixture_store: Settings):
    october = months_on(fixture_store, date(2026, 11, 25)).row(0, named=True)
    assert october["period"] == date(2026, 10, 1) and october["due_date"] == date(2026, 11, 10)
    # 11 fixture agencies less 광주광역시 and 전라남도 (merged on 2026-07-01) owe October's files
    assert october["agencies_expected"] == 9
    assert 0 < october["agencies_submitted"] <= 9


def test_one_early_file_does_not_move_the_dashboard(store_copy: Settings):
    store = open_store(store_copy)
    officer = Actor("officer-1741000", "agency", "1741000")
    early = example_csv("participation", "1741000", date(2026, 11, 1))
    outcome = submit(
        store, early, filename="참여_11월.csv", dataset="participation", agency_code="1741000",
        period="2026-11", actor=officer,
    )  # fmt: skip
    assert outcome.status == "accepted", outcome.problems
    build(store)
    months = months_on(store_copy, date(2026, 11, 25))
    november = months.row(0, named=True)
    # November is there, with 1 of the 9 agencies that owe it, and provisional: the default stays October.
    assert (november["period"], november["provisional"]) == (date(2026, 11, 1), True)
    assert (november["agencies_submitted"], november["agencies_expected"]) == (1, 9)
    assert reporting_month(months) == date(2026, 10, 1)
    store.engine.dispose()


def test_a_locked_month_is_the_reporting_month_before_its_due_date(store_copy: Settings):
    store = open_store(store_copy)
    assert reporting_month(months_on(store_copy, date(2026, 11, 5))) == date(2026, 9, 1)
    locks.lock(store, SYSTEM, "2026-10", "10월 실적 확정 (October closed early)")
    build(store)
    months = months_on(store_copy, date(2026, 11, 5))
    assert reporting_month(months) == date(2026, 10, 1)
    assert months.row(0, named=True)["locked"] is True
    store.engine.dispose()
