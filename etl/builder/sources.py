"""The rows of the active submissions in a snapshot: the `src_<dataset>` relations.

Each row carries the `submission_id` of the file it comes from, read from the archive's normalised Parquet
(etl/ledger/archive.py). The complaints, about 26 million rows at the national volume, stay in the archive: their
`src_complaints` is a view over the active files (absolute paths), so a snapshot does not carry a second copy
of them and a build does not rewrite them; the marts read int_complaint_facts, computed once per submission
(etl/builder/incremental.py). The other datasets, a few hundred thousand rows in all, are tables in the snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import polars as pl

from etl import ledger
from etl.ingest.contracts import DATASETS, polars_schema

VIEW_DATASETS = ("complaints",)
TABLE_DATASETS = tuple(d for d in DATASETS if d not in VIEW_DATASETS)

# DuckDB's name for each polars type of the contracts, for a view over no file at all.
_DUCKDB_TYPES = {
    pl.String: "varchar",
    pl.Int64: "bigint",
    pl.Float64: "double",
    pl.Boolean: "boolean",
    pl.Date: "date",
    pl.Datetime("us"): "timestamp",
}

File = tuple[int, str]  # (submission id, absolute path of its Parquet)


def files(submissions: Iterable[ledger.Submission], dataset: str, archive_dir: Path) -> list[File]:
    """The Parquet of each submission of `dataset` that has rows."""
    root = archive_dir.resolve()
    return [
        (s.id, str(root / s.parquet_path))
        for s in submissions
        if s.dataset == dataset and s.parquet_path and s.row_count > 0 and s.id is not None
    ]


def create_view(con: duckdb.DuckDBPyConnection, dataset: str, found: list[File]) -> None:
    """(Re)define src_<dataset> as a view over these files."""
    con.execute(f"create or replace view src_{dataset} as\n{_select(dataset, found)}")


def create_table(con: duckdb.DuckDBPyConnection, dataset: str, found: list[File]) -> None:
    con.execute(f"create table src_{dataset} as\n{_select(dataset, found)}")


def append(con: duckdb.DuckDBPyConnection, dataset: str, found: list[File]) -> None:
    if found:
        con.execute(f"insert into src_{dataset} by name\n{_select(dataset, found)}")


def _select(dataset: str, found: list[File]) -> str:
    """The rows of the files, each with its submission id. Dataset names and column names come from the
    contracts, ids are integers and paths are the archive's own (content hashes), so the text is safe."""
    schema = polars_schema(dataset)
    if not found:
        columns = ["cast(null as bigint) as submission_id"]
        columns += [f"cast(null as {_DUCKDB_TYPES[t]}) as {name}" for name, t in schema.items()]
        return f"select {', '.join(columns)} where false"
    paths = ", ".join(_literal(path) for _, path in found)
    mapping = ", ".join(f"({sid}, {_literal(path)})" for sid, path in found)
    names = ", ".join(f"p.{name}" for name in schema)
    return (
        f"select cast(f.submission_id as bigint) as submission_id, {names}\n"
        f"from read_parquet([{paths}], filename = true) as p\n"
        f"inner join (values {mapping}) as f(submission_id, path) on p.filename = f.path"
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
