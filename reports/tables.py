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

from dataclasses import dataclass

from etl.governance.comments import RATINGS
from metrics import display
from reports import numbers
from reports.model import Report

DATASETS = ("complaints", "participation", "meetings", "rewards", "kpi_progress")
STATUS_RANK = {"on_track": 3, "watch": 2, "off_track": 1}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text | pct | bounded | pp | value | actual | int | month | date | datetime | status
    width: float = 12  # relative width (characters in XLSX, weight in PDF/HWPX)
    data_only: bool = False  # written by XLSX and CSV only (PDF, PPTX, HWPX show it inside another cell)

    @property
    def text_kind(self) -> str:
        """The kind a text format writes: a KPI's unit column (keyed "unit") in the report's language."""
        return "unit" if self.key == "unit" and self.kind == "text" else self.kind


@dataclass(frozen=True)
class Table:
    key: str  # file and sheet stem: summary, tasks, kpis, …
    title: str
    columns: list[Column]
    rows: list[dict]
    boundaries: tuple[float, ...] = ()  # the status thresholds the judged achievements are rounded against

    @property
    def text_columns(self) -> list[Column]:
        """The columns PDF, PPTX and HWPX print."""
        return [c for c in self.columns if not c.data_only]

    def texts(self, lang: str) -> list[list[str]]:
        return [
            [cell_text(row.get(c.key), c.text_kind, lang, row, self.boundaries) for c in self.text_columns]
            for row in self.rows
        ]


def shown(value: float, kind: str, row: dict, boundaries: tuple[float, ...]) -> float:
    """The number a rounded format shows: a judged achievement against the thresholds, a KPI value against
    its row's target (in the row's direction); other numbers as they are."""
    if kind in ("pct", "bounded"):
        return display.toward_boundary(value, boundaries)
    if kind == "actual":
        return display.beside_target(
            value, value_decimals(row.get("unit", "")), row.get("target"), row.get("direction")
        )  # type: ignore[return-value]
    return value


def cell_text(value: object, kind: str, lang: str, row: dict | None = None, boundaries: tuple[float, ...] = ()) -> str:
    """A cell as PDF, PPTX and HWPX print it, by the one number rule (reports.numbers)."""
    row = row or {}
    judged = shown(value, kind, row, boundaries) if kind in ("pct", "bounded") and value is not None else None  # type: ignore[arg-type]
    return numbers.cell_text(value, kind, lang, row, judged)


def value_decimals(unit: str) -> int:
    """A KPI value's decimals in reports (numbers.decimals)."""
    return numbers.decimals(unit)


def value_text(value: float | None, unit: str, lang: str = "ko") -> str:
    """A KPI value without its unit (the unit has its own column); money in 억/만 with its unit."""
    return numbers.value_text(value, unit, lang)


def bounded_text(shown: float | None, raw: float | None, lang: str) -> str:
    """A KPI's achievement (as shown), with its raw ratio and the mark where it was bounded."""
    return numbers.bounded_text(shown, raw, lang)


def shown_achievement(r: Report, value: float | None) -> float | None:
    """A judged achievement as a chart or a text shows it (display.achievement_figure)."""
    return display.achievement_figure(value, r.boundaries)


def status_word(status: str | None, lang: str) -> str | None:
    return display.STATUS_WORD[lang].get(status, status) if status else None


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def dispute_mark(r: Report, kpi_code: str, agency_code: str | None = None) -> str | None:
    """'이의 제기 중' on a KPI figure under an open dispute when the snapshot was built (Report.disputes); on a
    national row, with how many agencies' figures are disputed. Data level, so every format shows it."""
    rows = [d for d in r.disputes.to_dicts() if d["kpi_code"] == kpi_code]
    rows = [d for d in rows if agency_code is None or d["agency_code"] == agency_code]
    if not rows:
        return None
    national = agency_code is None and r.options.agency is None
    return r.t("disputed_n", n=len(rows)) if national else r.t("disputed")


def dispute_column(r: Report) -> Column:
    return Column("dispute", r.t("c_dispute"), width=9)


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
    from reports.attention import attention_table  # that module builds on this one's Column and Table

    return attention_table(r)


def offtrack_notes_table(r: Report) -> Table:
    """The agencies' notes of the month on the 미흡 section's KPIs (reports/attention.py)."""
    from reports.attention import notes_table

    return notes_table(r)


def _rating(rating: str, lang: str) -> str:
    words = RATINGS.get(rating)
    return (words[0] if lang == "ko" else words[1]) if words else rating


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
    from reports.narrative_tables import dispute_table, narrative_table  # they build on this module's Table

    tables = [summary_table(r), task_table(r), kpi_table(r), kpi_month_table(r)]
    if r.options.agency is None:
        tables.append(kpi_agency_table(r))
    offtrack = [offtrack_table(r), offtrack_notes_table(r), narrative_table(r), dispute_table(r)]
    return tables + offtrack + [remarks_table(r), submission_table(r), definition_table(r)]
