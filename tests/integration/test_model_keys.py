"""Every SQL model declares its key on its first line (etl/builder/model_keys.py), and the built fixture store honours
every key: the key's columns exist, are unique together and are not null (those marked `?` may be NULL), as
dbt's and sqlmesh's unique / not_null audits check. One query per model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from etl.builder.model_keys import KeyColumn, audit, audit_query, keyed_models, main, model_key
from etl.builder.sqlrun import SqlModel, SqlModelError, discover
from metrics.settings import Settings
from metrics.snapshot import connect_readonly, current_snapshot

MODELS = keyed_models()


@pytest.fixture(scope="module")
def snapshot(fixture_store: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect_readonly(current_snapshot(fixture_store.snapshot_dir))
    yield con
    con.close()


def test_every_staging_and_mart_model_is_keyed() -> None:
    names = {m.name for m, _ in MODELS}
    assert {"stg_complaints", "int_kpi_status", "mart_kpi_national_month"} <= names
    assert len(MODELS) == len([m for m in discover(MODELS[0][0].path.parent.parent) if m.kind != "macro"])


@pytest.mark.parametrize(("model", "key"), MODELS, ids=[m.name for m, _ in MODELS])
def test_the_fixture_store_honours_the_key(
    snapshot: duckdb.DuckDBPyConnection, model: SqlModel, key: tuple[KeyColumn, ...]
) -> None:
    columns = {c for (c,) in snapshot.execute(f"select name from pragma_table_info('{model.name}')").fetchall()}
    missing = [c.name for c in key if c.name not in columns]
    assert not missing, f"{model.path}: key columns not in the relation: {missing}"
    result = audit(snapshot, model, key)
    assert result.problems == [], f"{model.path}: {result.problems}"


def test_a_model_without_a_key_line_fails_naming_its_file(tmp_path: Path) -> None:
    (tmp_path / "marts").mkdir(parents=True)
    (tmp_path / "marts" / "mart_x.sql").write_text("-- one row per x\nselect 1 as x", encoding="utf-8")
    with pytest.raises(SqlModelError, match=r"mart_x\.sql: the first line must declare the model's key"):
        keyed_models(tmp_path)


@pytest.mark.parametrize("line", ["-- key:", "-- key: a,, b", "-- key: A", "-- key: a, a"])
def test_a_malformed_key_line_fails_naming_its_file(tmp_path: Path, line: str) -> None:
    path = tmp_path / "mart_x.sql"
    path.write_text(f"{line}\n-- one row per x\nselect 1 as a", encoding="utf-8")
    with pytest.raises(SqlModelError, match=r"mart_x\.sql"):
        model_key(SqlModel("mart_x", "table", path, path.read_text()))


def test_the_audit_finds_duplicates_and_nulls_and_lets_a_marked_column_be_null() -> None:
    con = duckdb.connect()
    # (1, a) twice: one duplicate; (2, NULL) twice: a duplicate when NULL is a value, and two NULL rows.
    con.execute("create table t as select * from (values (1, 'a'), (1, 'a'), (2, null), (2, null), (3, 'c')) v(k, s)")
    model = SqlModel("t", "table", Path("sql/marts/t.sql"), "")
    strict = audit(con, model, (KeyColumn("k"), KeyColumn("s")))
    assert (strict.rows, strict.distinct, strict.null_rows) == (5, 3, 2)
    assert strict.problems == ["2 duplicate key(s) in 5 rows", "2 row(s) with a NULL key column"]
    loose = audit(con, model, (KeyColumn("k"), KeyColumn("s", nullable=True)))
    assert (loose.distinct, loose.null_rows) == (3, 0)
    con.execute("delete from t where rowid in (0, 2)")
    assert audit(con, model, (KeyColumn("k"), KeyColumn("s", nullable=True))).problems == []
    expected = "select count(*), count(distinct row(k)), count(*) filter (where k is null) from t"
    assert audit_query("t", (KeyColumn("k"),)) == expected


def test_the_command_checks_a_snapshot_and_says_what_breaks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.duckdb"
    con = duckdb.connect(str(path))
    for model, key in MODELS:
        con.execute(f"create table {model.name} as select {', '.join(f'1 as {c.name}' for c in key)}")
    twice = MODELS[-1][0]
    con.execute(f"insert into {twice.name} select * from {twice.name}")
    con.close()
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{len(MODELS)} models, 1 breaking their key" in out
    assert f"sql/marts/{twice.name}.sql: 1 duplicate key(s) in 2 rows" in out
