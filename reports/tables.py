"""The report's tables, defined once: columns with a kind (how a value is written) and rows of values.
XLSX and CSV write the values (numbers stay numbers); PDF, PPTX and HWPX write them through `cell_text`,
the same Korean number style the dashboard uses.

Rows hold exact values; CSV writes them as they are. Every format that shows a rounded figure (XLSX through
its number formats, PDF, PPTX, HWPX as text) shows a judged achievement (kind pct, bounded) and a KPI value
beside its target (kind actual) as `shown` rounds it (display.toward_boundary): never across a status
boundary, so none shows a pass for a miss. Where a KPI's raw achievement was bounded to [0, cap], the row
also holds it (`achievement_raw`): a column of its own in XLSX and CSV, marked beside the achievement in the
others."""

from __future__ import annotations

from metrics import display
from reports.attention import attention_table, notes_table
from reports.model import Report
from reports.narrative_tables import dispute_table, narrative_table
from reports.remark_tables import remarks_table
from reports.table_cells import (
    DATASETS,
    Column,
    Table,
    _change,
    dispute_column,
    dispute_mark,
)


def summary_table(r: Report) -> Table:
    now = {(x["level"], x["code"]): x for x in r.score_rows("overall", r.period) + r.score_rows("strategy", r.period)}
    before = r.score_lookup("strategy", r.previous)
    previous_overall = r.overall(r.previous) if r.previous else None
    if previous_overall:
        before["ALL"] = previous_overall
    rows = []
    for (level, code), x in now.items():
        b = before.get(code) or {}
        rows.append(
            {
                "level": r.t(f"level_{level}"),
                "code": code,
                "name": r.name(x),
                "achievement": x["achievement"],
                "previous": b.get("achievement"),
                "change": _change(x["achievement"], b.get("achievement")),
                "status": x["status"],
                "counted": f"{x['children_counted']}/{x['children_total']}",
            }
        )
    cols = [
        Column("level", r.t("c_level"), width=8),
        Column("code", r.t("c_code"), width=7),
        Column("name", r.t("c_name"), width=34),
        Column("achievement", r.t("c_achievement"), "pct", 11),
        Column("previous", r.t("c_previous"), "pct", 11),
        Column("change", r.t("c_change"), "pp", 9),
        Column("status", r.t("c_status"), "status", 10),
        Column("counted", r.t("c_counted"), width=8),
    ]
    return Table("summary", r.t("strategies"), cols, rows, r.boundaries)


def task_table(r: Report) -> Table:
    before = r.score_lookup("task", r.previous)
    rows = []
    for x in r.score_rows("task", r.period):
        b = before.get(x["code"]) or {}
        rows.append(
            {
                "strategy": x["parent_code"],
                "code": x["code"],
                "name": r.name(x),
                "counted": f"{x['children_counted']}/{x['children_total']}",
                "achievement": x["achievement"],
                "previous": b.get("achievement"),
                "change": _change(x["achievement"], b.get("achievement")),
                "status": x["status"],
                "previous_status": b.get("status"),
            }
        )
    cols = [
        Column("strategy", r.t("c_strategy"), width=6),
        Column("code", r.t("c_code"), width=7),
        Column("name", r.t("c_task"), width=34),
        Column("counted", r.t("c_counted"), width=8),
        Column("achievement", r.t("c_achievement"), "pct", 10),
        Column("previous", r.t("c_previous"), "pct", 10),
        Column("change", r.t("c_change"), "pp", 8),
        Column("status", r.t("c_status"), "status", 9),
        Column("previous_status", r.t("c_previous_status"), "status", 9),
    ]
    return Table("tasks", r.t("scorecard"), cols, rows, r.boundaries)


def _figures(x: dict) -> dict:
    """The figures every KPI row of a report carries, and its raw achievement where that was bounded."""
    bounded = display.bound_applied(x["achievement"], x["achievement_raw"]) is not None
    return {
        **{k: x[k] for k in ("value", "target", "direction", "achievement", "status")},
        "achievement_raw": x["achievement_raw"] if bounded else None,
    }


def _figure_columns(r: Report) -> list[Column]:
    return [
        Column("value", r.t("c_value"), "actual", 14),
        Column("target", r.t("c_target"), "value", 14),
        Column("achievement", r.t("c_achievement"), "bounded", 10),
        Column("achievement_raw", r.t("c_achievement_raw"), "pct", 12, data_only=True),
        Column("status", r.t("c_status"), "status", 9),
    ]


def kpi_table(r: Report) -> Table:
    before = r.kpi_lookup(r.previous)
    overdue = r.complaints["pending_overdue"] if r.complaints else None
    rows = []
    for x in r.kpi_rows(r.period):
        rows.append(
            {
                "code": x["kpi_code"],
                "name": r.name(x),
                "unit": x["unit"],
                **_figures(x),
                "previous_status": (before.get(x["kpi_code"]) or {}).get("status"),
                "reported": f"{x['agencies_reported']}/{x['agencies_expected']}",
                # beside the on-time rate, the pending complaints past their deadline it leaves out
                "pending_overdue": overdue if x["measure"] == "on_time_rate" else None,
                "dispute": dispute_mark(r, x["kpi_code"]),  # 이의 제기 중
            }
        )
    cols = [
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_kpi"), width=34),
        Column("unit", r.t("c_unit"), width=6),
        *_figure_columns(r),
        Column("previous_status", r.t("c_previous_status"), "status", 9),
        Column("reported", r.t("c_reported"), width=8),
        Column("pending_overdue", r.t("c_pending_overdue"), "int", 10),
        dispute_column(r),
    ]
    return Table("kpis", r.t("kpis_now"), cols, rows, r.boundaries)


def kpi_month_table(r: Report) -> Table:
    rows = [
        {
            "code": x["kpi_code"],
            "name": r.name(x),
            "unit": x["unit"],
            "month": x["period"],
            **_figures(x),
        }
        for x in r.kpi_months.to_dicts()
    ]
    cols = [
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_kpi"), width=34),
        Column("unit", r.t("c_unit"), width=6),
        Column("month", r.t("c_month"), "month", 10),
        *_figure_columns(r),
    ]
    return Table("kpi_months", r.t("annex_kpis"), cols, rows, r.boundaries)


def kpi_agency_table(r: Report) -> Table:
    rows = [
        {
            "code": x["kpi_code"],
            "name": x[f"kpi_name_{r.lang}"] or x["kpi_name_ko"],
            "unit": x["unit"],
            "agency_code": x["agency_code"],
            "agency": x[f"agency_name_{r.lang}"] or x["agency_name_ko"],
            **_figures(x),
            "dispute": dispute_mark(r, x["kpi_code"], x["agency_code"]),
        }
        for x in r.kpi_agencies.to_dicts()
    ]
    cols = [
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_kpi"), width=30),
        Column("unit", r.t("c_unit"), width=6),
        Column("agency_code", r.t("c_agency_code"), width=10),
        Column("agency", r.t("c_agency"), width=22),
        *_figure_columns(r),
        dispute_column(r),
    ]
    return Table("kpi_agencies", r.t("kpis_by_agency"), cols, rows, r.boundaries)


def offtrack_table(r: Report) -> Table:
    """The report's 미흡 section: the attention list, every row (reports/attention.py)."""
    return attention_table(r)


def offtrack_notes_table(r: Report) -> Table:
    """The agencies' notes of the month on the 미흡 section's KPIs (reports/attention.py)."""
    return notes_table(r)


def submission_table(r: Report) -> Table:
    by_agency: dict[str, dict] = {}
    for s in r.submissions.to_dicts():
        row = by_agency.setdefault(
            s["agency_code"],
            {"agency_code": s["agency_code"], "agency": s[f"agency_name_{r.lang}"] or s["agency_name_ko"]},
        )
        row[s["dataset"]] = r.t(f"sub_{s['status']}")
        row["due"] = s["due_date"]
    cols = [
        Column("agency_code", r.t("c_agency_code"), width=10),
        Column("agency", r.t("c_agency"), width=24),
        *(Column(d, r.t(f"ds_{d}"), width=9) for d in DATASETS),
        Column("due", r.t("c_due"), "date", 12),
    ]
    return Table("submissions", r.t("annex_submissions"), cols, list(by_agency.values()))


def definition_table(r: Report) -> Table:
    rows = [
        {
            "code": x["kpi_code"],
            "name": r.name(x),
            "unit": x["unit"],
            "direction": r.t(f"direction_{x['direction']}"),
            "source": x["source"],
            "measure": x["measure"],
            "judged": r.t("yes" if x["judge_agencies"] else "no"),
            "target": x["target"],
        }
        for x in r.kpi_rows(r.period)
    ]
    cols = [
        Column("code", r.t("c_code"), width=10),
        Column("name", r.t("c_kpi"), width=34),
        Column("unit", r.t("c_unit"), width=6),
        Column("direction", r.t("c_direction"), width=14),
        Column("source", r.t("c_source"), width=12),
        Column("measure", r.t("c_measure"), width=22),
        Column("judged", r.t("c_judged"), width=9),
        Column("target", r.t("c_target"), "value", 14),
    ]
    return Table("definitions", r.t("definitions"), cols, rows)


def meta_rows(r: Report) -> list[tuple[str, str]]:
    o = r.options
    options = f"month={o.month:%Y-%m} quarter={o.quarter} agency={o.agency or 'ALL'} lang={o.lang}"
    return [
        (r.t("meta_snapshot"), r.snapshot_id),
        (r.t("meta_built"), display.datetime_label(r.generated_at, r.lang)),
        (r.t("meta_catalog"), r.catalog_version),
        (r.t("meta_digest"), r.catalog_digest),
        (r.t("meta_reference_digest"), r.reference_digest),
        (r.t("meta_options"), options),
        ("", r.t("threshold_note", **{k: display.number(v) for k, v in r.thresholds.items()})),
    ]


def all_tables(r: Report) -> list[Table]:
    tables = [summary_table(r), task_table(r), kpi_table(r), kpi_month_table(r)]
    if r.options.agency is None:
        tables.append(kpi_agency_table(r))
    offtrack = [offtrack_table(r), offtrack_notes_table(r), narrative_table(r), dispute_table(r)]
    return tables + offtrack + [remarks_table(r), submission_table(r), definition_table(r)]
