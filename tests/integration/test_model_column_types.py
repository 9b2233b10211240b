"""The KPI value columns are typed in one place (sql/macros/kpi_value_rows.sql) and passed on as they are: the
models that read them, and the models whose columns come straight from typed reference and staging tables, cast
only what they compute (docs/decisions.md 38). These are the column lists and types the pages, reports and
locked months read; a type that drifts upstream fails here, on the built fixture store."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from metrics.settings import Settings
from metrics.snapshot import connect_readonly, current_snapshot

KPI_KEY = [("kpi_code", "VARCHAR"), ("agency_code", "VARCHAR"), ("period", "DATE"), ("time_window", "VARCHAR")]
RATIO = [("value", "DOUBLE"), ("numerator", "DOUBLE"), ("denominator", "DOUBLE")]
COUNTS = [("agencies_reported", "INTEGER"), ("agencies_expected", "INTEGER"), ("data_period", "DATE")]
KPI_VALUE = [*KPI_KEY, *RATIO, ("records_used", "BIGINT"), ("has_data", "BOOLEAN"), *COUNTS]
JUDGED = [("achievement", "DOUBLE"), ("achievement_raw", "DOUBLE"), ("status", "VARCHAR")]
TARGETS = [("target_annual", "DOUBLE"), ("target", "DOUBLE")]

EXPECTED = {
    "int_kpi_measures": KPI_VALUE,
    "int_kpi_reported": KPI_VALUE,
    "int_kpi_values": KPI_VALUE,
    "int_kpi_status": [*KPI_VALUE, *TARGETS, *JUDGED],
    "mart_kpi_agency_month": [
        *KPI_KEY,
        *RATIO,
        ("target", "DOUBLE"),
        *JUDGED,
        ("has_data", "BOOLEAN"),
        ("data_period", "DATE"),
        ("records_used", "BIGINT"),
    ],
    "mart_kpi_national_month": [
        ("kpi_code", "VARCHAR"),
        ("task_code", "VARCHAR"),
        ("strategy_code", "VARCHAR"),
        ("period", "DATE"),
        ("time_window", "VARCHAR"),
        *RATIO,
        ("records_used", "BIGINT"),
        *TARGETS,
        *JUDGED,
        *COUNTS,
    ],
    "int_kpi_targets": [("kpi_code", "VARCHAR"), ("period", "DATE"), ("time_window", "VARCHAR"), *TARGETS],
    "int_kpi_expected": [
        ("kpi_code", "VARCHAR"),
        ("source", "VARCHAR"),
        ("agency_code", "VARCHAR"),
        ("period", "DATE"),
    ],
    "int_agency_months": [
        ("agency_code", "VARCHAR"),
        ("period", "DATE"),
        ("agency_group", "VARCHAR"),
        ("weight", "DOUBLE"),
    ],
    "int_period_windows": [("period", "DATE"), ("time_window", "VARCHAR"), ("member_period", "DATE")],
    "mart_kpi_notes": [
        ("kpi_code", "VARCHAR"),
        ("task_code", "VARCHAR"),
        ("agency_code", "VARCHAR"),
        ("agency_name_ko", "VARCHAR"),
        ("agency_name_en", "VARCHAR"),
        ("period", "DATE"),
        ("value", "DOUBLE"),
        ("note", "VARCHAR"),
    ],
    "mart_kpi_submissions": [
        ("kpi_code", "VARCHAR"),
        ("agency_code", "VARCHAR"),
        ("agency_name_ko", "VARCHAR"),
        ("agency_name_en", "VARCHAR"),
        ("period", "DATE"),
        ("submission_id", "BIGINT"),
        ("filename", "VARCHAR"),
        ("submitted_at_kst", "TIMESTAMP"),
        ("submitted_by", "VARCHAR"),
        ("row_count", "BIGINT"),
        ("submission_status", "VARCHAR"),
        ("reported_value", "DOUBLE"),
        ("reported_note", "VARCHAR"),
    ],
}


@pytest.fixture(scope="module")
def snapshot(fixture_store: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect_readonly(current_snapshot(fixture_store.snapshot_dir))
    yield con
    con.close()


@pytest.mark.parametrize("model", sorted(EXPECTED))
def test_the_model_has_its_columns_in_order_with_their_types(snapshot: duckdb.DuckDBPyConnection, model: str) -> None:
    columns = snapshot.execute(
        "select column_name, data_type from duckdb_columns() where table_name = ? order by column_index", [model]
    ).fetchall()
    assert columns == EXPECTED[model]
