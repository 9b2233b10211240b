"""The lineage pictures of docs/data-model.md are what etl/builder/lineage.py makes of the files now, and one KPI
(S1-T3-K1, median complaint resolution time) can be followed in them from the catalog to its page and report."""

from __future__ import annotations

import ast
from pathlib import Path

from etl.builder.lineage import DOC, direct_reads, doc_block, generate, graph, sql_files

# S1-T3-K1 from the catalog's row (ref_kpis) and the complaint files to the KPI page and the report builder.
S1_T3_K1 = [
    ("ref_kpis", "int_kpi_filter_sets"),
    ("int_kpi_filter_sets", "int_complaint_filters"),
    ("src_complaints", "stg_complaints"),
    ("stg_complaints", "int_complaint_cells"),
    ("int_complaint_cells", "recomputed_cells"),
    ("recomputed_cells", "int_complaint_scope_hours"),
    ("int_complaint_filters", "int_complaint_scope_hours"),
    ("int_complaint_scope_hours", "mart_complaint_windows"),
    ("quantile_values", "mart_complaint_windows"),
    ("mart_complaint_windows", "int_measures_complaints"),
    ("int_measures_complaints", "int_kpi_measures"),
    ("int_kpi_measures", "int_kpi_values"),
    ("int_kpi_values", "int_kpi_status"),
    ("ref_kpi_targets", "int_kpi_targets"),
    ("int_kpi_targets", "int_kpi_status"),
    ("int_kpi_status", "mart_kpi_national_month"),
    ("int_kpi_status", "mart_kpi_agency_month"),
    ("mart_kpi_national_month", "q_kpi_scores"),
    ("mart_kpi_national_month", "q_score_trend"),
    ("mart_kpi_agency_month", "agency_kpi_figures"),
    ("agency_kpi_figures", "q_kpi_agency_values"),
    ("q_kpi_scores", "py_dashboard_views_kpi"),
    ("q_score_trend", "py_dashboard_views_kpi"),
    ("q_kpi_agency_values", "py_dashboard_views_kpi"),
    ("mart_kpi_national_month", "mart_scores"),
    ("mart_kpi_agency_month", "mart_scores"),
    ("mart_scores", "q_report_kpis"),
    ("q_report_kpis", "py_reports_model"),
]


def test_the_doc_shows_what_the_files_give_now() -> None:
    assert doc_block(DOC.read_text(encoding="utf-8")) == generate(), (
        "docs/data-model.md's lineage pictures are out of date: run `make lineage` (python -m etl.builder.lineage)"
    )


def test_s1_t3_k1_can_be_followed_from_catalog_to_page_and_report() -> None:
    g = graph()
    text = DOC.read_text(encoding="utf-8")
    for source, reader in S1_T3_K1:
        assert source in g.reads[reader], f"{reader} does not read {source}"
        assert f"  {source} --> {reader}\n" in text, f"no picture draws {source} --> {reader}"


def test_every_model_is_drawn_and_every_page_query_has_a_reader() -> None:
    g = graph()
    text = DOC.read_text(encoding="utf-8")
    for node, kind in g.kind.items():
        if kind in ("stg", "int", "mart"):
            assert f"    {node}\n" in text, f"{node} is in no picture"
    unread = [n for n, kind in g.kind.items() if kind == "query" and not any(n in r for r in g.reads.values())]
    assert unread == [], f"queries no module reads (a new function that runs query files? see READERS): {unread}"


def test_a_name_in_a_comment_or_a_string_is_not_a_read(tmp_path: Path) -> None:
    for folder in ("macros", "staging", "marts", "queries"):
        (tmp_path / folder).mkdir()
    (tmp_path / "staging" / "stg_a.sql").write_text("select * from src_a", encoding="utf-8")
    (tmp_path / "marts" / "mart_b.sql").write_text("-- not stg_x\nselect 'stg_a' as s from stg_a", encoding="utf-8")
    (tmp_path / "queries" / "b.sql").write_text("select * from mart_b, ref_k -- int_q", encoding="utf-8")
    reads = {f.name: set(f.reads) for f in sql_files(tmp_path)}
    assert reads == {"stg_a": {"src_a"}, "mart_b": {"stg_a"}, "b": {"mart_b", "ref_k"}}


def test_a_query_is_read_where_its_name_goes_to_a_function_that_runs_query_files() -> None:
    tree = ast.parse(
        "wh.query('kpi_trend')\nquery_text(f'upload_compare_{d}')\nt('attention')\n"
        "_create(con, 'build_info', info)\nself._run('periods', today=x)"
    )
    queries = {"kpi_trend", "attention", "build_info", "periods", "upload_compare_meetings", "upload_compare_rewards"}
    found = direct_reads(tree, queries)
    assert found == {"kpi_trend", "periods", "upload_compare_meetings", "upload_compare_rewards"}
