"""The report's remark tables: agencies' comments on KPIs, the committee's assessments of tasks, and both as one
list of remarks."""

from __future__ import annotations

from reports.model import Report
from reports.table_cells import Column, Table, _rating


def comment_table(r: Report) -> Table:
    """The agencies' comments for the report month, the off-track KPIs' first (beside the off-track section);
    the text exactly as written, shown as text."""
    status = {k["kpi_code"]: k["status"] for k in r.kpi_rows(r.period)}
    rows = [
        {
            "code": c["kpi_code"],
            "name": c[f"kpi_name_{r.lang}"] or c["kpi_name_ko"],
            "status": status.get(c["kpi_code"]),
            "agency": c[f"agency_name_{r.lang}"] or c["agency_name_ko"] or c["agency_code"],
            "text": c["text"],
            "author": c["author"],
            "written": c["created_at"],
        }
        for c in r.comments.to_dicts()
    ]
    rows.sort(key=lambda x: x["status"] != "off_track")  # stable: catalog order within each group
    cols = [
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_kpi"), width=22),
        Column("status", r.t("c_status"), "status", 8),
        Column("agency", r.t("c_agency"), width=14),
        Column("text", r.t("c_text"), width=40),
        Column("author", r.t("c_author"), width=10),
        Column("written", r.t("c_written"), "datetime", 14),
    ]
    return Table("comments", r.t("comments"), cols, rows)


def assessment_table(r: Report) -> Table:
    rows = [
        {
            "code": a["task_code"],
            "name": a[f"task_name_{r.lang}"] or a["task_name_ko"],
            "rating": _rating(a["rating"], r.lang),
            "text": a["text"],
            "author": a["author"],
            "written": a["created_at"],
        }
        for a in r.assessments.to_dicts()
    ]
    cols = [
        Column("code", r.t("c_code"), width=8),
        Column("name", r.t("c_task"), width=28),
        Column("rating", r.t("c_rating"), width=10),
        Column("text", r.t("c_text"), width=44),
        Column("author", r.t("c_author"), width=10),
        Column("written", r.t("c_written"), "datetime", 14),
    ]
    return Table("assessments", r.t("assessments", quarter=r.quarter_label), cols, rows)


def remarks_table(r: Report) -> Table:
    """Comments (the report month) and assessments (its quarter) in one table, for the XLSX sheet and CSV."""
    comments, assessments = comment_table(r), assessment_table(r)
    rows = [{"kind": r.t("kind_comment"), "period": f"{r.period:%Y-%m}", "rating": None} | x for x in comments.rows] + [
        {"kind": r.t("kind_assessment"), "period": r.quarter_label, "status": None} | x for x in assessments.rows
    ]
    cols = [
        Column("kind", r.t("c_kind"), width=12),
        Column("period", r.t("c_period"), width=9),
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_name"), width=28),
        Column("status", r.t("c_status"), "status", 8),
        Column("agency", r.t("c_agency"), width=16),
        Column("rating", r.t("c_rating"), width=10),
        Column("text", r.t("c_text"), width=50),
        Column("author", r.t("c_author"), width=12),
        Column("written", r.t("c_written"), "datetime", 16),
    ]
    return Table("remarks", r.t("remarks"), cols, rows)
