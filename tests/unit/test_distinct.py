"""Computing a cell function once per distinct text gives exactly the row-by-row result."""

from __future__ import annotations

import polars as pl
import pytest

from etl.ingest.parse_cells import PARSERS, clean
from etl.ingest.per_distinct import apply, apply_by_distinct

TEXTS = [
    "2026-03-02 09:00",
    " 2026. 3. 2. 09:00 ",
    None,
    "2026-03-02 09:00",
    "-",
    "",
    "2026-02-30",
    "202603",
    "2026년 3월",
    "1,234",
    "12.0",
    "85.5%",
    "y",
    "FALSE",
    "2026-03-02 09:00",
    None,
    "찾아가는 민원",
    "1,234",
]


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_every_parser_gives_the_same_column_once_per_distinct_text(kind: str):
    column = pl.Series("cell", TEXTS * 3, dtype=pl.String)
    by_row, by_text = apply(column, PARSERS[kind]), apply_by_distinct(column, PARSERS[kind])
    assert by_text.dtype == by_row.dtype and by_text.name == "cell"
    assert by_text.to_list() == by_row.to_list()


def test_cleaning_gives_the_same_column_once_per_distinct_text():
    column = pl.Series("cell", TEXTS, dtype=pl.String)
    assert apply_by_distinct(column, clean).to_list() == apply(column, clean).to_list()


@pytest.mark.parametrize("values", [[], [None, None]])
def test_an_empty_or_all_null_column_keeps_its_length_and_type(values: list):
    column = pl.Series("cell", values, dtype=pl.String)
    result = apply_by_distinct(column, PARSERS["datetime"])
    assert result.to_list() == values
    assert result.dtype == pl.Datetime("us")
