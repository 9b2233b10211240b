"""The ref_* tables every build starts from: the catalog, the agencies, the calendar and the ledger, as
polars frames with the exact columns docs/data-model.md lists. Pure functions of their inputs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import polars as pl

from etl.ledger import Submission
from metrics.catalog import Catalog
from metrics.kst import add_months, period_label, utc_naive_to_kst

CALENDAR_FIRST = date(2024, 1, 1)
# The calendar runs this many years past the last year with a holiday recorded: a legal deadline (at most 365
# working days) that starts in a recorded year always ends inside it, so the build can name the unrecorded
# year it reaches (sql/queries/calendar_gaps.sql) instead of leaving the deadline empty.
CALENDAR_MARGIN_YEARS = 2


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def settings_frame(catalog: Catalog, as_of: date, built_at: datetime) -> pl.DataFrame:
    s = catalog.settings
    return pl.DataFrame(
        {
            "catalog_version": [s.version],
            "catalog_digest": [catalog.digest],
            "baseline_year": [s.baseline_year],
            "target_year": [s.target_year],
            "due_day": [s.due_day],
            "on_track": [float(s.status_thresholds["on_track"])],
            "watch": [float(s.status_thresholds["watch"])],
            "rollup_cap": [float(s.rollup_cap)],
            "hour_based_max_days": [s.complaints.hour_based_max_days],
            "immediate_hours": [float(s.complaints.immediate_hours)],
            "as_of_period": [as_of],
            "built_at": [built_at],
        },
        schema_overrides={
            "baseline_year": pl.Int32,
            "target_year": pl.Int32,
            "due_day": pl.Int32,
            "hour_based_max_days": pl.Int32,
            "built_at": pl.Datetime("us"),
        },
    )


def work_periods_frame(catalog: Catalog) -> pl.DataFrame:
    spans = catalog.settings.complaints.working_day
    return pl.DataFrame(
        {"start_minute": [_minutes(a) for a, _ in spans], "end_minute": [_minutes(b) for _, b in spans]},
        schema={"start_minute": pl.Int32, "end_minute": pl.Int32},
    )


def calendar_last(holidays: pl.DataFrame) -> date:
    """The calendar's last day: 31 December, CALENDAR_MARGIN_YEARS after the last year with a holiday."""
    last_year = max([d.year for d in holidays["date"].to_list()], default=CALENDAR_FIRST.year)
    return date(max(last_year, CALENDAR_FIRST.year) + CALENDAR_MARGIN_YEARS, 12, 31)


def calendar_frame(holidays: pl.DataFrame) -> pl.DataFrame:
    names = dict(zip(holidays["date"].to_list(), holidays["name_ko"].to_list(), strict=True))
    last = calendar_last(holidays)
    days = [CALENDAR_FIRST + timedelta(days=i) for i in range((last - CALENDAR_FIRST).days + 1)]
    return pl.DataFrame(
        {
            "day": days,
            "is_working": [d.weekday() < 5 and d not in names for d in days],
            "holiday_name": [names.get(d) for d in days],
        },
        schema={"day": pl.Date, "is_working": pl.Boolean, "holiday_name": pl.String},
    )


def deadline_defaults_frame(catalog: Catalog) -> pl.DataFrame:
    d = catalog.settings.complaints.default_deadline_days
    return pl.DataFrame(
        {"complaint_type": list(d), "days": list(d.values())},
        schema={"complaint_type": pl.String, "days": pl.Int32},
    )


def strategies_frame(catalog: Catalog) -> pl.DataFrame:
    rows = [(s.code, s.name_ko, s.name_en, s.weight, i) for i, s in enumerate(catalog.strategies)]
    return pl.DataFrame(
        rows,
        orient="row",
        schema={
            "strategy_code": pl.String,
            "name_ko": pl.String,
            "name_en": pl.String,
            "weight": pl.Float64,
            "sort_order": pl.Int32,
        },
    )


def tasks_frame(catalog: Catalog, agencies: pl.DataFrame) -> pl.DataFrame:
    """The tasks in catalog order, with the owning ministry (주관 부처) named from the agencies file."""
    names = {a["agency_code"]: (a["name_ko"], a["name_en"]) for a in agencies.iter_rows(named=True)}
    rows = [
        (t.code, t.strategy, t.name_ko, t.name_en, t.weight, i, t.owner, *names.get(t.owner, (None, None)))
        for i, t in enumerate(catalog.tasks)
    ]
    return pl.DataFrame(
        rows,
        orient="row",
        schema={
            "task_code": pl.String,
            "strategy_code": pl.String,
            "name_ko": pl.String,
            "name_en": pl.String,
            "weight": pl.Float64,
            "sort_order": pl.Int32,
            "owner_code": pl.String,
            "owner_ko": pl.String,
            "owner_en": pl.String,
        },
    )


def kpis_frame(catalog: Catalog) -> pl.DataFrame:
    rows = [
        (
            k.code,
            k.task,
            k.name_ko,
            k.name_en,
            k.unit,
            k.direction,
            k.source,
            k.measure,
            k.aggregation,
            k.cumulative,
            k.formula,
            float(k.baseline),
            k.judge_agencies,
            k.max_age_months,
            k.weight,
            i,
        )
        for i, k in enumerate(catalog.kpis)
    ]
    return pl.DataFrame(
        rows,
        orient="row",
        schema={
            "kpi_code": pl.String,
            "task_code": pl.String,
            "name_ko": pl.String,
            "name_en": pl.String,
            "unit": pl.String,
            "direction": pl.String,
            "source": pl.String,
            "measure": pl.String,
            "aggregation": pl.String,
            "cumulative": pl.Boolean,
            "formula": pl.String,
            "baseline": pl.Float64,
            "judge_agencies": pl.Boolean,
            "max_age_months": pl.Int32,
            "weight": pl.Float64,
            "sort_order": pl.Int32,
        },
    )


def kpi_targets_frame(catalog: Catalog) -> pl.DataFrame:
    rows = [(k.code, year, float(v)) for k in catalog.kpis for year, v in sorted(k.targets.items())]
    return pl.DataFrame(rows, orient="row", schema={"kpi_code": pl.String, "year": pl.Int32, "target": pl.Float64})


def kpi_profile_frame(catalog: Catalog) -> pl.DataFrame:
    rows = []
    for k in catalog.kpis:
        weights = k.monthly_profile or [1.0] * 12
        total, running = sum(weights), 0.0
        for month_no, w in enumerate(weights, start=1):
            running += w
            rows.append((k.code, month_no, 1.0 if month_no == 12 else running / total))
    return pl.DataFrame(
        rows, orient="row", schema={"kpi_code": pl.String, "month_no": pl.Int32, "cum_share": pl.Float64}
    )


def kpi_filters_frame(catalog: Catalog) -> pl.DataFrame:
    rows = [(k.code, col, v) for k in catalog.kpis for col, values in k.filter.items() for v in values]
    return pl.DataFrame(
        rows, orient="row", schema={"kpi_code": pl.String, "column_name": pl.String, "value": pl.String}
    )


def kpi_reporters_frame(catalog: Catalog, agencies: pl.DataFrame) -> pl.DataFrame:
    rows: list[tuple[str, str]] = []
    for k in catalog.kpis_of("kpi_progress"):
        if isinstance(k.reporters, list):
            codes = k.reporters
        elif k.reporters == "all":
            codes = agencies["agency_code"].to_list()
        else:
            codes = agencies.filter(pl.col("agency_group") == k.reporters)["agency_code"].to_list()
        rows.extend((k.code, c) for c in codes)
    return pl.DataFrame(rows, orient="row", schema={"kpi_code": pl.String, "agency_code": pl.String})


def periods_frame(catalog: Catalog, as_of: date) -> pl.DataFrame:
    first = date(catalog.settings.baseline_year, 1, 1)
    periods, month = [], first
    while month <= as_of:
        periods.append(month)
        month = add_months(month, 1)
    return pl.DataFrame({"period": periods}, schema={"period": pl.Date})


def submissions_frame(rows: list[Submission]) -> pl.DataFrame:
    schema: dict[str, Any] = {
        "submission_id": pl.Int64,
        "dataset": pl.String,
        "agency_code": pl.String,
        "period": pl.Date,
        "status": pl.String,
        "submitted_at": pl.Datetime("us"),
        "submitted_by": pl.String,
        "filename": pl.String,
        "sha256": pl.String,
        "row_count": pl.Int64,
    }
    data = [
        (
            r.id,
            r.dataset,
            r.agency_code,
            date.fromisoformat(r.period + "-01"),
            r.status,
            utc_naive_to_kst(r.submitted_at),
            r.submitted_by,
            r.filename,
            r.sha256,
            r.row_count,
        )
        for r in rows
    ]
    return pl.DataFrame(data, orient="row", schema=schema)


def latest_period(rows: list[Submission]) -> date | None:
    labels = [r.period for r in rows if r.status == "accepted"]
    return date.fromisoformat(max(labels) + "-01") if labels else None


__all__ = ["period_label"]


# The task narratives' snapshot schema (contracts: ref_task_narratives). Until the narratives are kept in the
# ledger the table is created empty, so that the attention list and the report read one shape either way.
NARRATIVES_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "task_code": pl.String,
    "quarter": pl.String,
    "version": pl.Int32,
    "state": pl.String,
    "agency_code": pl.String,
    "achievements": pl.String,
    "reasons": pl.String,
    "plans": pl.String,
    "requests": pl.String,
    "author": pl.String,
    "submitted_at": pl.Datetime("us"),
    "reviewer": pl.String,
    "reviewed_at": pl.Datetime("us"),
}


def empty_narratives_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=NARRATIVES_SCHEMA)
