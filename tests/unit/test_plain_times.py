"""A column of times all written in one plain form is read whole, with exactly parse_datetime's values."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import polars as pl
import pytest

from etl.ingest.check_rules import ValidationContext
from etl.ingest.contracts import DATASETS
from etl.ingest.parse_cells import parse_datetime, parse_plain_datetimes
from etl.ingest.per_distinct import apply
from etl.ingest.read_table import BY_DISTINCT_FROM_ROWS
from etl.ingest.validate import validate

# Each in the plain form of its separator and precision: valid, leap day, no such day, no such hour, month 0/13.
DAYS = ["2026-03-02", "2024-02-29", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "0000-01-01"]
TIMES = ["09:00:00", "23:59:59", "24:00:00", "00:00:00", "99:10:05"]


def _cells(separator: str, seconds: bool) -> list[str | None]:
    cells: list[str | None] = []
    for day in DAYS:
        for time in TIMES:
            cells.append(f"{day.replace('-', separator)} {time if seconds else time[:5]}")
    return [*cells, None]


@pytest.mark.parametrize("separator", ["-", "/"])
@pytest.mark.parametrize("seconds", [True, False])
def test_plain_times_read_whole_are_what_parse_datetime_reads(separator: str, seconds: bool):
    column = pl.Series("t", _cells(separator, seconds), dtype=pl.String)
    whole = parse_plain_datetimes(column)
    assert whole is not None
    expected = apply(column, parse_datetime)
    assert whole.dtype == expected.dtype == pl.Datetime("us")
    # Compared as microseconds: year 0 is a date to polars but not to Python.
    assert whole.to_physical().to_list() == expected.to_physical().to_list()
    assert whole.drop_nulls().len() == 9  # 3 real days (2026-03-02, 2024-02-29, 0000-01-01) × 3 real times


@pytest.mark.parametrize(
    "odd",
    [
        "2026-03-02 09:00",  # another precision than the first cell's
        "2026/03/02 09:00:00",  # another separator
        "2026-03-02 09:60:00",  # a minute no form accepts
        "2026-03-02 09:00:60",  # a leap second
        "2026-3-2 09:00:00",  # unpadded: parse_datetime reads it, the plain form does not
        "2026-03-02T09:00:00",
        "2026-03-02 09:00:00.5",
        "+2026-03-02 09:00:00",
    ],
)
def test_one_cell_in_another_form_leaves_the_column_to_parse_datetime(odd: str):
    column = pl.Series("t", ["2026-03-01 08:00:00", None, odd], dtype=pl.String)
    assert parse_plain_datetimes(column) is None


def test_a_column_without_a_time_is_not_read_whole():
    assert parse_plain_datetimes(pl.Series("t", [None, None], dtype=pl.String)) is None
    assert parse_plain_datetimes(pl.Series("t", [], dtype=pl.String)) is None


def _large_file(bad_at: int | None) -> bytes:
    """Complaints of a large file (read per column, not per distinct text), each received a minute after the last."""
    header = ",".join(c.header_ko for c in DATASETS["complaints"].columns)
    lines = [header]
    for i in range(BY_DISTINCT_FROM_ROWS + 1_000):
        at = datetime(2026, 3, 1) + timedelta(minutes=i)
        received = "2026-03-31 24:00:00" if i == bad_at else f"{at:%Y-%m-%d %H:%M:%S}"
        lines.append(f"C-{i},1310000,고충,온라인,{received},{at + timedelta(hours=5):%Y-%m-%d %H:%M:%S},,처리완료")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def _validate(content: bytes):
    ctx = ValidationContext({"1310000"}, {}, datetime(2026, 4, 5, 12, 0), {"고충": 7})
    return validate(content, "complaints.csv", "complaints", "1310000", date(2026, 3, 1), ctx)


def test_a_large_file_of_distinct_plain_times_gets_every_time():
    result = _validate(_large_file(None))
    assert result.problems == [] and result.frame is not None
    received = result.frame["received_at"]
    assert received.n_unique() == received.len() and received.null_count() == 0
    assert str(received[10_500]) == "2026-03-08 07:00:00"  # 10,500 minutes after 2026-03-01 00:00


def test_an_impossible_plain_time_in_a_large_file_is_reported_at_its_row():
    result = _validate(_large_file(10_200))
    assert result.frame is None
    assert [(p.rule, p.row, p.value) for p in result.problems] == [("date_format", 10_202, "2026-03-31 24:00:00")]
