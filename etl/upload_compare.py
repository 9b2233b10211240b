"""What a checked file would replace, said before 제출 확정: the slot's active submission (its id, when and by whom)
and the figures the file changes, before → after.

The figures are one query per dataset (sql/queries/upload_compare_<dataset>.sql) over two relations: the
active submission's archived rows and the checked file's rows, both in the contract's columns. Python only
finds the two sets of rows; what a figure is and whether it changed is the query's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import polars as pl

from etl import ledger
from etl.actors import Actor, check_may_submit
from etl.contracts import polars_schema
from etl.store import Store
from metrics.kst import parse_period, period_label
from metrics.warehouse import query_text


@dataclass(frozen=True)
class Replaced:
    """The active submission of the slot, which confirming the checked file would supersede."""

    submission_id: int
    submitted_at: datetime  # naive UTC, as the ledger keeps it
    submitted_by: str
    filename: str
    row_count: int


@dataclass(frozen=True)
class Comparison:
    replaces: Replaced | None  # None: the slot has no accepted file yet
    figures: pl.DataFrame  # figure, unit, before, after, changed (the query's rows, in display order)

    @property
    def changes_anything(self) -> bool:
        return bool(self.figures["changed"].any())


def _active(store: Store, dataset: str, agency_code: str, month: date) -> ledger.Submission | None:
    with store.session() as session:
        return ledger.active_submission(session, dataset, agency_code, period_label(month))


def _rows(store: Store, dataset: str, row: ledger.Submission | None) -> pl.DataFrame:
    schema = polars_schema(dataset)
    if row is None or not row.parquet_path or row.row_count == 0:
        return pl.DataFrame(schema=schema)
    return pl.read_parquet(store.settings.archive_dir / row.parquet_path).select(list(schema))


def compare(
    store: Store, actor: Actor, dataset: str, agency_code: str, period: str | date, staged: pl.DataFrame
) -> Comparison:
    """The before/after of the figures for the checked rows `staged` (a preview's frame) against the slot's
    active submission. Only someone who may submit for the agency may see it (the figures are not yet
    published)."""
    check_may_submit(actor, agency_code)
    month = parse_period(period)
    active = _active(store, dataset, agency_code, month)
    columns = list(polars_schema(dataset))
    con = duckdb.connect()
    try:
        con.register("active_rows", _rows(store, dataset, active))
        con.register("staged_rows", staged.select(columns))
        figures = con.sql(query_text(f"upload_compare_{dataset}")).pl()
    finally:
        con.close()
    replaced = None
    if active is not None:
        replaced = Replaced(active.id or 0, active.submitted_at, active.submitted_by, active.filename, active.row_count)
    return Comparison(replaced, figures)
