"""The report's 미흡 section: the attention list (sql/queries/attention.sql, gathered into Report.attention) as
a table every format prints in full, the agencies' notes on its KPIs, and the summary's lines about it.
reports.tables.offtrack_table / offtrack_notes_table return these tables."""

from __future__ import annotations

from metrics import display
from reports.model import Report
from reports.table_cells import Column, Table, _rating


def attention_rows(r: Report) -> list[dict]:
    """The attention list (sql/queries/attention.sql) as report rows: every 주의/미흡 task and KPI of the month,
    largest gap to target first, as the query ordered them."""
    rows = []
    for x in r.attention.to_dicts():
        bounded = display.bound_applied(x["achievement"], x["achievement_raw"]) is not None
        is_kpi = x["level"] == "kpi"
        rows.append(
            {
                "level": r.t(f"att_level_{x['level']}"),
                "code": x["code"],
                "name": r.name(x),
                "task": f"{x['task_code']} {x[f'task_name_{r.lang}'] or x['task_name_ko']}" if is_kpi else None,
                "status": x["status"],
                "value": x["value"],
                "target": x["target"],
                "unit": x["unit"] or "",
                "direction": x["direction"],
                "achievement": x["achievement"],
                "achievement_raw": x["achievement_raw"] if bounded else None,
                "gap": x["gap"],
                "achievement_2m_ago": x["achievement_2m_ago"],
                "achievement_1m_ago": x["achievement_1m_ago"],
                "trend": _trend_text(r, x),
                "owner": x[f"owner_{r.lang}"] or x["owner_ko"] or x["owner_code"],
                "narrative": x["narrative"],
                "rating": _rating(x["rating"], r.lang) if x["rating"] else None,
            }
        )
    return rows


def _trend_text(r: Report, x: dict) -> str:
    """The three months' achievements, oldest first, as the tables show them: '78.0 → 81.2 → 84.9'."""
    values = (x["achievement_2m_ago"], x["achievement_1m_ago"], x["achievement"])
    shown = (display.toward_boundary(v, r.boundaries) if v is not None else None for v in values)
    return " → ".join(display.number(v, 1) if v is not None else "—" for v in shown)


def attention_table(r: Report) -> Table:
    """The report's 미흡 section: the attention list, every row (tasks and KPIs that are 주의 or 미흡, largest gap
    to target first) with figure, target, 3-month trend, owner, the task's latest narrative line and the
    committee's rating. The agencies' notes on these KPIs follow in notes_table."""
    cols = [
        Column("level", r.t("att_c_level"), width=6),
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_name"), width=20),
        Column("task", r.t("att_c_task"), width=12, data_only=True),
        Column("status", r.t("c_status"), "status", 7),
        Column("value", r.t("c_value"), "actual", 10),
        Column("target", r.t("c_target"), "value", 10),
        Column("unit", r.t("c_unit"), width=5),
        Column("achievement", r.t("c_achievement"), "bounded", 9),
        Column("achievement_raw", r.t("c_achievement_raw"), "pct", 10, data_only=True),
        Column("gap", r.t("att_c_gap"), "pp", 8),
        Column("achievement_2m_ago", r.t("att_c_2m_ago"), "pct", 9, data_only=True),
        Column("achievement_1m_ago", r.t("att_c_1m_ago"), "pct", 9, data_only=True),
        Column("trend", r.t("att_c_trend"), width=14),
        Column("owner", r.t("att_c_owner"), width=12),
        Column("narrative", r.t("att_c_narrative"), width=23),
        Column("rating", r.t("c_rating"), width=7),
    ]
    return Table("offtrack", r.t("offtrack"), cols, attention_rows(r), r.boundaries)


def notes_table(r: Report) -> Table:
    """The agencies' notes of the month on the KPIs of the attention list (one row per note, verbatim), in the
    list's order: what the 미흡 section's KPIs' reporters wrote beside their figures."""
    order = [x["code"] for x in r.attention.to_dicts() if x["level"] == "kpi"] if r.attention.height else []
    status = {x["code"]: x["status"] for x in r.attention.to_dicts() if x["level"] == "kpi"} if order else {}
    names = {k["kpi_code"]: r.name(k) for k in r.kpi_rows(r.period)}
    notes = [n for n in r.notes.to_dicts() if n["kpi_code"] in status]
    notes.sort(key=lambda n: order.index(n["kpi_code"]))  # stable: the notes' own order within a KPI
    rows = [
        {
            "code": n["kpi_code"],
            "name": names.get(n["kpi_code"], n["kpi_code"]),
            "status": status[n["kpi_code"]],
            "agency": n[f"agency_name_{r.lang}"] or n["agency_name_ko"] or n["agency_code"],
            "note": n["note"],
        }
        for n in notes
    ]
    cols = [
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_kpi"), width=26),
        Column("status", r.t("c_status"), "status", 8),
        Column("agency", r.t("c_agency"), width=16),
        Column("note", r.t("c_note"), width=48),
    ]
    return Table("offtrack_notes", r.t("att_notes"), cols, rows)
