"""The corpus under tests/corpus/: every bad file is rejected for the exact rule, row and column in its
manifest and changes no figure; every awkward-but-valid file is accepted with the right values in the
archived Parquet. Regenerate the files with `python -m tests.corpus.make_corpus`."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from etl import ledger
from etl.builder.publish import build
from etl.ingest.accept import submit
from tests.fixture_store import FIXTURE_BUILT_AT, copy_store
from tests.submissions.helpers import AGENCY, MONTH, NOW, OFFICER, active_ids, published_name, store_of

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BAD = json.loads((CORPUS / "bad" / "manifest.json").read_text(encoding="utf-8"))
GOOD = json.loads((CORPUS / "good" / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_store(fixture_store, tmp_path_factory):
    """One writable store for the module: every bad file is submitted into it, one after another."""
    return copy_store(fixture_store.home, tmp_path_factory.mktemp("corpus") / "store")


def _submit(store, folder: str, case: dict):
    content = (CORPUS / folder / case["file"]).read_bytes()
    return submit(
        store,
        content,
        filename=case["file"],
        dataset=case["dataset"],
        agency_code=AGENCY,
        period=MONTH,
        actor=OFFICER,
        now=NOW,
    )


def test_the_corpus_has_at_least_forty_bad_files():
    assert len(BAD) >= 40
    assert {c["file"] for c in BAD} == {p.name for p in (CORPUS / "bad").iterdir()} - {"manifest.json"}


@pytest.mark.parametrize("case", BAD, ids=[c["file"] for c in BAD])
def test_a_bad_file_is_rejected_for_the_exact_rule_row_and_column(corpus_store, case):
    store = store_of(corpus_store)
    active, published = active_ids(store), published_name(corpus_store)
    outcome = _submit(store, "bad", case)
    assert outcome.status == "rejected"
    errors = [(p.rule, p.row, p.column) for p in outcome.problems if p.is_error]
    assert (case["rule"], case["row"], case["column"]) in errors
    assert len(errors) == case["errors"]
    assert all(p.message_ko and p.message_en for p in outcome.problems)
    # No figure changed: the same accepted files count, and nothing was published.
    assert active_ids(store) == active
    assert published_name(corpus_store) == published
    with store.session() as session:
        row = ledger.get(session, outcome.submission_id)
    assert row.status == "rejected" and row.parquet_path is None
    assert (corpus_store.archive_dir / row.report_path).exists()


def _figures(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[tuple]]:
    tables = [
        r[0]
        for r in con.sql(
            f"select table_name from information_schema.tables where table_catalog = '{schema}' "  # noqa: S608
            "and (table_name like 'mart_%' or table_name like 'src_%') order by 1"
        ).fetchall()
    ]
    figures = {}
    for t in tables:
        # How many files were rejected is history, not a figure: every other column must be identical.
        cols = "* exclude (rejected_count)" if t == "mart_submission_status" else "*"
        figures[t] = sorted(con.sql(f"select {cols} from {schema}.{t}").fetchall(), key=repr)  # noqa: S608
    return figures


def test_after_every_bad_file_a_rebuild_yields_the_same_figures(fixture_store, tmp_path):
    settings = copy_store(fixture_store.home, tmp_path / "store")
    store = store_of(settings)
    before_path = settings.snapshot_dir / published_name(settings)
    for case in BAD:
        assert _submit(store, "bad", case).status == "rejected"
    result = build(store, built_at=FIXTURE_BUILT_AT)
    con = duckdb.connect()
    con.execute(f"attach '{before_path}' as before (read_only)")
    con.execute(f"attach '{result.path}' as after (read_only)")
    before, after = _figures(con, "before"), _figures(con, "after")
    assert before.keys() == after.keys() and len(before) > 10
    for table in before:
        assert after[table] == before[table], table


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if isinstance(value, date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("case", GOOD, ids=[c["file"] for c in GOOD])
def test_an_awkward_but_valid_file_is_accepted_with_the_right_values(store_copy, case):
    store = store_of(store_copy)
    outcome = _submit(store, "good", case)
    assert outcome.status == "accepted", [p.message_en for p in outcome.problems]
    assert outcome.row_count == len(case["expected"])
    with store.session() as session:
        row = ledger.get(session, outcome.submission_id)
    frame = pl.read_parquet(store_copy.archive_dir / row.parquet_path)
    assert frame.height == len(case["expected"])
    assert set(frame["agency_code"].to_list()) <= {AGENCY}
    for got, want in zip(frame.iter_rows(named=True), case["expected"], strict=True):
        assert {k: _plain(got[k]) for k in want} == want
