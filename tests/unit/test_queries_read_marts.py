"""Every figure a page or report shows comes from a mart: no file in sql/queries reads a source (src_), staging
(stg_) or intermediate (int_) relation, except the few listed below with why."""

from __future__ import annotations

import re
from pathlib import Path

from etl.builder.sqlrun import PROJECT_ROOT

QUERIES = PROJECT_ROOT / "sql" / "queries"
# Comments and string literals say nothing about what a query reads.
_NOISE = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.DOTALL)
_BELOW_MARTS = re.compile(r"\b(?:src|stg|int)_[a-z0-9_]+\b")

EXCEPTIONS = {
    # A build's check before it publishes, not a page or report figure: the years the complaint deadlines
    # need (int_complaint_cells.last_deadline_at) that have no holiday recorded (etl/builder/publish.py).
    "calendar_gaps": {"int_complaint_cells"},
    # The months a window covers: the window's definition, written once (int_period_windows), not a figure;
    # the submissions themselves come from mart_kpi_submissions.
    "kpi_submissions": {"int_period_windows"},
}


def below_marts(path: Path) -> set[str]:
    return set(_BELOW_MARTS.findall(_NOISE.sub(" ", path.read_text(encoding="utf-8"))))


def test_page_and_report_queries_read_marts_only() -> None:
    found = {p.stem: below_marts(p) for p in sorted(QUERIES.glob("*.sql"))}
    unlisted = {name: tables - EXCEPTIONS.get(name, set()) for name, tables in found.items()}
    assert {name: tables for name, tables in unlisted.items() if tables} == {}


def test_the_check_sees_a_table_below_the_marts(tmp_path: Path) -> None:
    query = tmp_path / "q.sql"
    query.write_text("-- reads int_a only in a comment\nselect 'stg_b' as x from int_complaint_cells", encoding="utf-8")
    assert below_marts(query) == {"int_complaint_cells"}
