"""Text cells to typed values: every accepted form, and null for everything else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import polars as pl
import pytest

from etl.ingest.parse_cells import clean, parse_date, parse_datetime, parse_int, parse_month, parse_number, parse_yn


def _parse(parser: Callable[[pl.Expr], pl.Expr], values: list[str | None]) -> list[object]:
    frame = pl.DataFrame({"s": values}, schema={"s": pl.String})
    return frame.select(parser(pl.col("s"))).to_series().to_list()


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-02",
        "20260302",
        "2026/03/02",
        "2026.03.02",
        "2026. 3. 2.",
        "2026. 3. 2",
        "2026-3-2",
        "  2026-03-02 ",
    ],
)
def test_it_reads_every_accepted_date_form(text: str):
    assert _parse(parse_date, [text]) == [date(2026, 3, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2026-13-01",
        "2026-03-02 09:00",
        "2026/03-02",
        "03/02/2026",
        "2026-03-02.",
        "26-03-02",
        "오늘",
        "-",
        "",
        None,
    ],
)
def test_it_gives_null_for_an_unreadable_or_impossible_date(text: str | None):
    assert _parse(parse_date, [text]) == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02 09:05", datetime(2026, 3, 2, 9, 5)),
        ("2026-03-02 09:05:07", datetime(2026, 3, 2, 9, 5, 7)),
        ("2026-03-02T09:05:07", datetime(2026, 3, 2, 9, 5, 7)),
        ("20260302 9:05", datetime(2026, 3, 2, 9, 5)),
        ("2026/03/02 23:59:59", datetime(2026, 3, 2, 23, 59, 59)),
        ("2026.03.02 00:00", datetime(2026, 3, 2, 0, 0)),
        ("2026. 3. 2. 14:05", datetime(2026, 3, 2, 14, 5)),
        ("2026. 3. 2 14:05:30", datetime(2026, 3, 2, 14, 5, 30)),
        ("2026-03-02 09:05:07.250", datetime(2026, 3, 2, 9, 5, 7)),
    ],
)
def test_it_reads_every_accepted_date_time_form_as_naive_time(text: str, expected: datetime):
    assert _parse(parse_datetime, [text]) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-02",
        "2026-03-02 24:00",
        "2026-03-02 09:60",
        "2026-03-02 09:05:60",
        "2026-02-30 09:00",
        "2026-03-02 9시 5분",
        "2026-03-02 09",
        None,
    ],
)
def test_it_gives_null_for_a_date_time_without_a_valid_time(text: str | None):
    assert _parse(parse_datetime, [text]) == [None]


def test_date_times_are_naive_microsecond_datetimes():
    frame = pl.DataFrame({"s": ["2026-03-02 09:05"]})
    assert frame.select(parse_datetime(pl.col("s"))).dtypes == [pl.Datetime("us")]


@pytest.mark.parametrize(
    "text",
    [
        "2026-03",
        "202603",
        "2026.03",
        "2026. 3.",
        "2026/03",
        "2026/3",
        "2026년 3월",
        "2026 년 3 월",
        "2026-03-01",
        "20260301",
    ],
)
def test_it_reads_every_accepted_month_form_as_the_first_day(text: str):
    assert _parse(parse_month, [text]) == [date(2026, 3, 1)]


@pytest.mark.parametrize("text", ["2026-13", "2026", "2026-03-02", "March 2026", "26-03", None])
def test_it_gives_null_for_an_unreadable_month(text: str | None):
    assert _parse(parse_month, [text]) == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("1,234", 1234),
        ("1,234,567", 1234567),
        (" 7 ", 7),
        ("+3", 3),
        ("-2", -2),
        ("12.0", 12),
        ("0", 0),
    ],
)
def test_it_reads_whole_numbers_with_separators(text: str, expected: int):
    assert _parse(parse_int, [text]) == [expected]


@pytest.mark.parametrize("text", ["1.5", "1,2345", "12,34", "1e5", "abc", "12%", "99999999999999999999", "-", ""])
def test_it_refuses_decimals_and_malformed_whole_numbers(text: str):
    assert _parse(parse_int, [text]) == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.5", 12.5),
        ("1,234.5", 1234.5),
        ("85.5%", 85.5),
        ("85.5 %", 85.5),
        (".5", 0.5),
        ("-3", -3.0),
        ("100", 100.0),
    ],
)
def test_it_reads_numbers_and_percentages(text: str, expected: float):
    assert _parse(parse_number, [text]) == [expected]


@pytest.mark.parametrize("text", ["1,2.5", "12.5.1", "%", "1e3", "약 10", "-"])
def test_it_refuses_malformed_numbers(text: str):
    assert _parse(parse_number, [text]) == [None]


def test_it_reads_yes_and_no_in_any_case():
    assert _parse(parse_yn, ["Y", "y", "N", "n", "TRUE", "false", "예", None]) == [
        True,
        True,
        False,
        False,
        True,
        False,
        None,
        None,
    ]


def test_empty_cells_and_a_dash_mean_no_value():
    assert _parse(clean, ["", "-", "  ", " x ", "\u00a0y\u3000", None]) == [None, None, None, "x", "y", None]
