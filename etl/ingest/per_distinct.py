"""A function of a cell's text, computed once per distinct text of a long column.

Trimming a cell, parsing a date or canonicalising a choice is a pure function of the cell's text. A month of
complaints has a million rows but a handful of types, channels and statuses and a few thousand distinct
times (to the minute), so computing the function on the distinct texts and giving each row the result of
its own text yields the same column many times faster.

The distinct texts come from a Categorical with categories of its own (one hash per row, no global string
cache shared with other frames); each row then takes its result by its category's code (a gather). Columns
whose texts are mostly distinct (complaint numbers, notes) gain nothing from this and are left to the
function row by row: the caller decides, from the contract, which columns are repetitive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

TextFunction = Callable[[pl.Expr], pl.Expr]


def apply(column: pl.Series, function: TextFunction) -> pl.Series:
    """`function` over every row of a String column, row by row. The result keeps the column's name."""
    return pl.select(function(pl.lit(column)).alias(column.name)).to_series()


def apply_by_distinct(column: pl.Series, function: TextFunction) -> pl.Series:
    """The same result as apply(column, function), computed once per distinct text.

    `function` must be elementwise (each row's result depends on that row's text alone) and map null to
    null; every cleaner and parser in etl.ingest.parse_cells is.
    """
    return apply_all_by_distinct(column, [function])[0]


def apply_all_by_distinct(column: pl.Series, functions: Sequence[TextFunction]) -> list[pl.Series]:
    """apply_by_distinct(column, f) for each of `functions`, finding the distinct texts once."""
    distinct = _Distinct(column)
    results = []
    for f in functions:
        on_texts = apply(distinct.texts, f)
        # A function that leaves every text as it is (trimming a clean column, a choice already spelt
        # as the contract spells it) leaves the column as it is: no need to build it again.
        same = on_texts.dtype == column.dtype and on_texts.equals(distinct.texts)
        results.append(column if same else distinct.spread(on_texts))
    return results


def map_distinct(column: pl.Series, compute: Callable[[pl.Series], pl.Series]) -> pl.Series:
    """Each row of a String column given the result that `compute` returns for its text.

    `compute` receives the distinct texts (no null) and returns one result for each, in the same order;
    a null row stays null.
    """
    distinct = _Distinct(column)
    return distinct.spread(compute(distinct.texts))


class _Distinct:
    """A column's distinct texts, and for each row the code of its text."""

    def __init__(self, column: pl.Series) -> None:
        self.name = column.name
        # Categories of its own: the process-wide ones would keep every text ever seen.
        categorical = column.cast(pl.Categorical(pl.Categories.random()))
        self.row_codes = categorical.to_physical()
        distinct = categorical.unique().drop_nulls()
        self.texts = distinct.cast(pl.String).alias(column.name)
        self.codes = distinct.to_physical()

    def spread(self, results: pl.Series) -> pl.Series:
        """One result per distinct text (in the order of `texts`) → one per row; a null row stays null."""
        # A table indexed by code, whatever numbering the categories use; a null cell has a null code.
        top = self.codes.max()
        size = top + 1 if isinstance(top, int) else 0
        table = pl.Series(self.name, [None] * size, dtype=results.dtype).scatter(self.codes, results)
        return table.gather(self.row_codes)
