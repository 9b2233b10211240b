"""The report's table of task narratives (과제 추진 경과), per task for the report month's quarter.

It comes from the snapshot (Report.narratives: sql/queries/report_narratives.sql), so a report shows the
narratives as they stood when its snapshot was built. Drafts never reach it. The text is exactly as written;
each format writes it as text (XLSX and CSV through metrics/safe.py).
"""

from __future__ import annotations

from reports.model import Report
from reports.table_cells import Column, Table

STATES = ("submitted", "reviewed")


def narrative_table(r: Report) -> Table:
    """Per task, the latest submitted or reviewed narrative of the report month's quarter (catalog order)."""
    rows = [
        {
            "code": n["task_code"],
            "name": n[f"task_name_{r.lang}"] or n["task_name_ko"],
            "state": r.t(f"state_{n['state']}") if n["state"] in STATES else n["state"],
            "achievements": n["achievements"] or None,
            "reasons": n["reasons"] or None,
            "plans": n["plans"] or None,
            "requests": n["requests"] or None,
            "author": n["author"],
            "submitted": n["submitted_at"],
            "reviewer": n["reviewer"],
        }
        for n in r.narratives.to_dicts()
    ]
    cols = [
        Column("code", r.t("c_code"), width=7),
        Column("name", r.t("c_task"), width=18),
        Column("state", r.t("c_state"), width=8),
        Column("achievements", r.t("c_achievements"), width=34),
        Column("reasons", r.t("c_reasons"), width=28),
        Column("plans", r.t("c_plans"), width=28),
        Column("requests", r.t("c_requests"), width=20),
        Column("author", r.t("c_author"), width=10),
        Column("submitted", r.t("c_submitted"), "datetime", 13),
        Column("reviewer", r.t("c_reviewer"), width=10),
    ]
    return Table("narratives", r.t("narratives", quarter=r.quarter_label), cols, rows)


def dispute_table(r: Report) -> Table:
    """The report month's KPI figures under an open dispute when the snapshot was built, with the reason as
    written: the formats that print no per-agency table (PDF, slides) show the mark here."""
    kpis = {x["kpi_code"]: r.name(x) for x in r.kpi_rows(r.period)}
    agencies = {a["agency_code"]: a[f"agency_name_{r.lang}"] or a["agency_name_ko"] for a in r.kpi_agencies.to_dicts()}
    rows = [
        {
            "code": d["kpi_code"],
            "name": kpis.get(d["kpi_code"], d["kpi_code"]),
            "agency": agencies.get(d["agency_code"], d["agency_code"]),
            "mark": r.t("disputed"),
            "reason": d["reason"],
            "opened_by": d["opened_by"],
            "opened": d["opened_at"],
        }
        for d in r.disputes.to_dicts()
    ]
    cols = [
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_kpi"), width=26),
        Column("agency", r.t("c_agency"), width=16),
        Column("mark", r.t("c_dispute"), width=13),
        Column("reason", r.t("c_dispute_reason"), width=37),
        Column("opened_by", r.t("c_author"), width=10),
        Column("opened", r.t("c_written"), "datetime", 14),
    ]
    return Table("disputes", r.t("disputes", month=f"{r.period:%Y-%m}"), cols, rows)
