"""etl.sqlrun: model files are discovered, ordered by the relations they mention, and created."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.sqlrun import PROJECT_ROOT, SqlModelError, run_sql_models


def _write(root: Path, layer: str, name: str, sql: str) -> None:
    folder = root / layer
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.sql").write_text(sql, encoding="utf-8")


def _kind(con: duckdb.DuckDBPyConnection, name: str) -> str:
    rows = con.sql("select table_type from information_schema.tables where table_name = ?", params=[name]).fetchall()
    return rows[0][0]


def test_it_runs_models_after_the_relations_they_mention(tmp_path: Path) -> None:
    _write(tmp_path, "marts", "mart_b", "select n * 2 as n from int_a")
    _write(tmp_path, "marts", "int_a", "select n + 1 as n from stg_x;")
    _write(tmp_path, "staging", "stg_x", "-- one row\nselect 1 as n")
    con = duckdb.connect()
    order = run_sql_models(con, tmp_path)
    assert order == ["stg_x", "int_a", "mart_b"]
    assert con.sql("select n from mart_b").fetchall() == [(4,)]
    assert _kind(con, "stg_x") == "VIEW"
    assert _kind(con, "int_a") == "BASE TABLE"
    assert _kind(con, "mart_b") == "BASE TABLE"


def test_a_name_in_a_comment_or_a_string_is_not_a_dependency(tmp_path: Path) -> None:
    # mart_a mentions mart_b only in a comment and a literal; mart_b really reads mart_a: no cycle.
    _write(tmp_path, "marts", "mart_a", "-- feeds mart_b\nselect 'mart_b' as label /* mart_b */")
    _write(tmp_path, "marts", "mart_b", "select label from mart_a")
    assert run_sql_models(duckdb.connect(), tmp_path) == ["mart_a", "mart_b"]


def test_a_longer_name_that_contains_a_relation_name_is_not_a_mention(tmp_path: Path) -> None:
    _write(tmp_path, "marts", "int_a", "select 1 as int_a_count")
    _write(tmp_path, "marts", "int_b", "select 2 as int_b_total, 'x' as int_a_x")
    # int_b does not mention int_a as a whole word, so both are independent and run in name order.
    assert run_sql_models(duckdb.connect(), tmp_path) == ["int_a", "int_b"]


def test_a_macro_runs_before_the_models_that_call_it_and_stays_in_the_database(tmp_path: Path) -> None:
    _write(tmp_path, "macros", "doubled", "-- parameters: rel\nselect n * 2 as n from query_table(rel)")
    _write(tmp_path, "marts", "int_a", "select 1 as n union all select 5")
    _write(tmp_path, "marts", "mart_b", "select sum(n) as n from doubled('int_a')")
    con = duckdb.connect()
    assert run_sql_models(con, tmp_path) == ["doubled", "int_a", "mart_b"]
    assert con.sql("select n from mart_b").fetchall() == [(12,)]
    # a page query can call it later, on the same database
    assert con.sql("select count(*) from doubled('mart_b')").fetchall() == [(1,)]


def test_a_scalar_macro_is_an_expression_and_may_take_no_parameters(tmp_path: Path) -> None:
    _write(tmp_path, "macros", "step", "-- kind: scalar\n-- parameters:\n0.5")
    _write(tmp_path, "macros", "halved", "-- kind: scalar\n-- parameters: x\nx * step()")
    _write(tmp_path, "marts", "mart_a", "select halved(9) as n")
    con = duckdb.connect()
    # halved mentions step, so step is created first (name order alone would put halved first)
    assert run_sql_models(con, tmp_path) == ["step", "halved", "mart_a"]
    assert con.sql("select n from mart_a").fetchall() == [(4.5,)]


def test_a_table_macro_needs_a_parameter(tmp_path: Path) -> None:
    _write(tmp_path, "macros", "fixed", "-- parameters:\nselect 1 as n")
    with pytest.raises(SqlModelError, match="parameters"):
        run_sql_models(duckdb.connect(), tmp_path)


def test_a_macro_without_its_parameters_line_is_an_error_naming_the_file(tmp_path: Path) -> None:
    _write(tmp_path, "macros", "doubled", "select n * 2 as n from query_table(rel)")
    with pytest.raises(SqlModelError, match="parameters") as err:
        run_sql_models(duckdb.connect(), tmp_path)
    assert "doubled.sql" in str(err.value)


def test_a_cycle_is_an_error_naming_the_files(tmp_path: Path) -> None:
    _write(tmp_path, "marts", "int_a", "select * from int_b")
    _write(tmp_path, "marts", "int_b", "select * from int_a")
    _write(tmp_path, "marts", "int_c", "select 1 as n")
    with pytest.raises(SqlModelError, match="cycle") as err:
        run_sql_models(duckdb.connect(), tmp_path)
    assert "int_a.sql" in str(err.value) and "int_b.sql" in str(err.value)
    assert "int_c.sql" not in str(err.value)


@pytest.mark.parametrize("name", ["Mart_x", "1mart", "mart-x", "mart x", "_mart"])
def test_it_rejects_a_file_name_that_is_not_a_plain_relation_name(tmp_path: Path, name: str) -> None:
    _write(tmp_path, "marts", name, "select 1 as n")
    with pytest.raises(SqlModelError, match="file name"):
        run_sql_models(duckdb.connect(), tmp_path)


def test_it_rejects_the_same_relation_in_staging_and_marts(tmp_path: Path) -> None:
    _write(tmp_path, "staging", "stg_x", "select 1 as n")
    _write(tmp_path, "marts", "stg_x", "select 2 as n")
    with pytest.raises(SqlModelError, match="already built"):
        run_sql_models(duckdb.connect(), tmp_path)


def test_a_failing_model_names_its_file(tmp_path: Path) -> None:
    _write(tmp_path, "marts", "mart_bad", "select * from no_such_table")
    with pytest.raises(SqlModelError, match="mart_bad.sql"):
        run_sql_models(duckdb.connect(), tmp_path)


def test_every_project_model_has_the_house_shape() -> None:
    """STYLE.md: first line a grain comment (after the model's `-- key:` line), import CTEs, `select * from final`."""
    files = sorted((PROJECT_ROOT / "sql").glob("staging/*.sql")) + sorted((PROJECT_ROOT / "sql").glob("marts/*.sql"))
    assert files, "no sql models found"
    for path in files:
        text = path.read_text(encoding="utf-8")
        text = text.split("\n", 1)[1] if text.startswith("-- key: ") else text
        assert text.startswith("-- one row per "), f"{path.name}: first line must state the grain"
        assert text.rstrip().endswith("select * from final"), f"{path.name}: must end with select * from final"
        assert "\nwith\n" in text, f"{path.name}: must use CTEs"


def test_every_page_query_says_what_a_row_is() -> None:
    """Queries (sql/queries/) may end with an order by, but each opens by saying what one row of it is."""
    for path in sorted((PROJECT_ROOT / "sql" / "queries").glob("*.sql")):
        head = "\n".join(path.read_text(encoding="utf-8").splitlines()[:3])
        assert head.startswith("-- ") and "one row" in head, f"{path.name}: say what one row is in the first lines"


def test_a_staging_model_may_ask_to_be_a_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import duckdb

    from etl.sqlrun import run_sql_models

    (tmp_path / "staging").mkdir()
    (tmp_path / "marts").mkdir()
    (tmp_path / "staging" / "stg_a.sql").write_text("-- one row per x\n-- materialized: table\nselect 1 as x")
    (tmp_path / "staging" / "stg_b.sql").write_text("-- one row per x\nselect * from stg_a")
    con = duckdb.connect()
    run_sql_models(con, tmp_path)
    kinds = dict(con.sql("select table_name, table_type from information_schema.tables").fetchall())
    assert kinds == {"stg_a": "BASE TABLE", "stg_b": "VIEW"}
