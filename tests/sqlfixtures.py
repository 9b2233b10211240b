"""Hand-built inputs for the SQL models: every ref_/src_ table with its exact schema, and a few helpers.

A test makes a `SqlInputs`, writes the handful of rows it reasons about (agencies, KPIs, submissions,
records), calls `build()` (which runs sql/ through etl.builder.sqlrun) and reads marts back as dicts. Defaults are
the catalog's: baseline 2025, target 2026, due day 10, thresholds 100/80, cap 120, deadlines
고충 7 / 건의 14 / 질의 7 / 기타 0, working time 09:00–12:00 and 13:00–18:00.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import duckdb

from etl.builder.sqlrun import run_sql_models

# The input tables the build provides, column by column (name, DuckDB type), in this order.
SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    "ref_settings": (
        ("catalog_version", "VARCHAR"),
        ("catalog_digest", "VARCHAR"),
        ("baseline_year", "INTEGER"),
        ("target_year", "INTEGER"),
        ("due_day", "INTEGER"),
        ("on_track", "DOUBLE"),
        ("watch", "DOUBLE"),
        ("rollup_cap", "DOUBLE"),
        ("hour_based_max_days", "INTEGER"),
        ("immediate_hours", "DOUBLE"),
        ("as_of_period", "DATE"),
        ("built_at", "TIMESTAMP"),
    ),
    "ref_work_periods": (("start_minute", "INTEGER"), ("end_minute", "INTEGER")),
    "ref_calendar": (("day", "DATE"), ("is_working", "BOOLEAN"), ("holiday_name", "VARCHAR")),
    "ref_deadline_defaults": (("complaint_type", "VARCHAR"), ("days", "INTEGER")),
    "ref_agencies": (
        ("agency_code", "VARCHAR"),
        ("name_ko", "VARCHAR"),
        ("name_en", "VARCHAR"),
        ("agency_group", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("provisional", "BOOLEAN"),
        ("valid_from", "DATE"),
        ("valid_to", "DATE"),
        ("weight", "DOUBLE"),
    ),
    "ref_strategies": (
        ("strategy_code", "VARCHAR"),
        ("name_ko", "VARCHAR"),
        ("name_en", "VARCHAR"),
        ("weight", "DOUBLE"),
        ("sort_order", "INTEGER"),
    ),
    "ref_tasks": (
        ("task_code", "VARCHAR"),
        ("strategy_code", "VARCHAR"),
        ("name_ko", "VARCHAR"),
        ("name_en", "VARCHAR"),
        ("weight", "DOUBLE"),
        ("sort_order", "INTEGER"),
        ("owner_code", "VARCHAR"),
        ("owner_ko", "VARCHAR"),
        ("owner_en", "VARCHAR"),
    ),
    "ref_kpis": (
        ("kpi_code", "VARCHAR"),
        ("task_code", "VARCHAR"),
        ("name_ko", "VARCHAR"),
        ("name_en", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("direction", "VARCHAR"),
        ("source", "VARCHAR"),
        ("measure", "VARCHAR"),
        ("aggregation", "VARCHAR"),
        ("cumulative", "BOOLEAN"),
        ("formula", "VARCHAR"),
        ("baseline", "DOUBLE"),
        ("judge_agencies", "BOOLEAN"),
        ("max_age_months", "INTEGER"),
        ("weight", "DOUBLE"),
        ("sort_order", "INTEGER"),
    ),
    "ref_kpi_targets": (("kpi_code", "VARCHAR"), ("year", "INTEGER"), ("target", "DOUBLE")),
    "ref_kpi_profile": (("kpi_code", "VARCHAR"), ("month_no", "INTEGER"), ("cum_share", "DOUBLE")),
    "ref_kpi_filters": (("kpi_code", "VARCHAR"), ("column_name", "VARCHAR"), ("value", "VARCHAR")),
    "ref_kpi_reporters": (("kpi_code", "VARCHAR"), ("agency_code", "VARCHAR")),
    "ref_periods": (("period", "DATE"),),
    "ref_submissions": (
        ("submission_id", "BIGINT"),
        ("dataset", "VARCHAR"),
        ("agency_code", "VARCHAR"),
        ("period", "DATE"),
        ("status", "VARCHAR"),
        ("submitted_at", "TIMESTAMP"),
        ("submitted_by", "VARCHAR"),
        ("filename", "VARCHAR"),
        ("sha256", "VARCHAR"),
        ("row_count", "BIGINT"),
    ),
    # Read by sql/macros/latest_narratives.sql, which DuckDB binds when the macro is created: empty here.
    "ref_task_narratives": (
        ("task_code", "VARCHAR"),
        ("quarter", "VARCHAR"),
        ("version", "INTEGER"),
        ("state", "VARCHAR"),
        ("agency_code", "VARCHAR"),
        ("achievements", "VARCHAR"),
        ("reasons", "VARCHAR"),
        ("plans", "VARCHAR"),
        ("requests", "VARCHAR"),
        ("author", "VARCHAR"),
        ("submitted_at", "TIMESTAMP"),
        ("reviewer", "VARCHAR"),
        ("reviewed_at", "TIMESTAMP"),
    ),
    "src_complaints": (
        ("submission_id", "BIGINT"),
        ("complaint_id", "VARCHAR"),
        ("agency_code", "VARCHAR"),
        ("complaint_type", "VARCHAR"),
        ("channel", "VARCHAR"),
        ("received_at", "TIMESTAMP"),
        ("resolved_at", "TIMESTAMP"),
        ("deadline_days", "BIGINT"),
        ("status", "VARCHAR"),
    ),
    "src_participation": (
        ("submission_id", "BIGINT"),
        ("agency_code", "VARCHAR"),
        ("period", "DATE"),
        ("platform", "VARCHAR"),
        ("proposals_received", "BIGINT"),
        ("participants", "BIGINT"),
        ("proposals_reviewed", "BIGINT"),
        ("proposals_adopted", "BIGINT"),
    ),
    "src_meetings": (
        ("submission_id", "BIGINT"),
        ("meeting_id", "VARCHAR"),
        ("agency_code", "VARCHAR"),
        ("held_on", "DATE"),
        ("meeting_type", "VARCHAR"),
        ("duration_min", "BIGINT"),
        ("attendees", "BIGINT"),
        ("remote", "BOOLEAN"),
    ),
    "src_rewards": (
        ("submission_id", "BIGINT"),
        ("payout_id", "VARCHAR"),
        ("agency_code", "VARCHAR"),
        ("paid_on", "DATE"),
        ("reward_type", "VARCHAR"),
        ("recipients", "BIGINT"),
        ("amount_krw", "BIGINT"),
        ("reason", "VARCHAR"),
    ),
    "src_kpi_progress": (
        ("submission_id", "BIGINT"),
        ("agency_code", "VARCHAR"),
        ("period", "DATE"),
        ("kpi_code", "VARCHAR"),
        ("value", "DOUBLE"),
        ("note", "VARCHAR"),
    ),
}

DATASET_TABLES = {
    "complaints": "src_complaints",
    "participation": "src_participation",
    "meetings": "src_meetings",
    "rewards": "src_rewards",
    "kpi_progress": "src_kpi_progress",
}


def create_inputs(con: duckdb.DuckDBPyConnection) -> None:
    """Create every ref_/src_ table, empty, with the schema the build gives them."""
    for table, columns in SCHEMAS.items():
        body = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
        con.execute(f"create table {table} ({body})")


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows given as dicts; an omitted column is null. Names come from SCHEMAS only."""
    names = [name for name, _ in SCHEMAS[table]]
    for row in rows:
        unknown = set(row) - set(names)
        if unknown:
            raise KeyError(f"{table} has no column {sorted(unknown)}")
        marks = ", ".join("?" for _ in names)
        con.execute(
            f"insert into {table} ({', '.join(names)}) values ({marks})",  # noqa: S608 - names from SCHEMAS
            [row.get(n) for n in names],
        )


def month(year: int, mon: int) -> dt.date:
    return dt.date(year, mon, 1)


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    out = []
    d = first
    while d <= last:
        out.append(d)
        d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


class SqlInputs:
    """An in-memory DuckDB holding hand-written inputs, with the catalog's default settings."""

    def __init__(
        self,
        as_of: dt.date = dt.date(2026, 3, 1),
        built_at: dt.datetime = dt.datetime(2026, 4, 20, 12, 0),
        calendar: tuple[dt.date, dt.date] = (dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
        holidays: dict[dt.date, str] | None = None,
    ) -> None:
        self.con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
        create_inputs(self.con)
        self._next_submission = 1
        self._next_record = 1
        insert(
            self.con,
            "ref_settings",
            [
                {
                    "catalog_version": "test",
                    "catalog_digest": "0" * 64,
                    "baseline_year": 2025,
                    "target_year": 2026,
                    "due_day": 10,
                    "on_track": 100.0,
                    "watch": 80.0,
                    "rollup_cap": 120.0,
                    "hour_based_max_days": 5,
                    "immediate_hours": 3.0,
                    "as_of_period": as_of,
                    "built_at": built_at,
                }
            ],
        )
        insert(
            self.con,
            "ref_work_periods",
            [
                {"start_minute": 540, "end_minute": 720},
                {"start_minute": 780, "end_minute": 1080},
            ],
        )
        insert(
            self.con,
            "ref_deadline_defaults",
            [{"complaint_type": t, "days": d} for t, d in (("고충", 7), ("건의", 14), ("질의", 7), ("기타", 0))],
        )
        holidays = holidays or {}
        day, days = calendar[0], []
        while day <= calendar[1]:
            days.append(
                {
                    "day": day,
                    "is_working": day.weekday() < 5 and day not in holidays,
                    "holiday_name": holidays.get(day),
                }
            )
            day += dt.timedelta(days=1)
        insert(self.con, "ref_calendar", days)
        insert(self.con, "ref_periods", [{"period": p} for p in months(dt.date(2025, 1, 1), as_of)])

    # reference ---------------------------------------------------------------------------------

    def settings(self, **values: Any) -> SqlInputs:
        for name, value in values.items():
            if name not in dict(SCHEMAS["ref_settings"]):
                raise KeyError(name)
            self.con.execute(f"update ref_settings set {name} = ?", [value])  # noqa: S608 - checked name
        return self

    def agency(
        self,
        code: str,
        group: str = "central",
        weight: float = 1.0,
        valid_from: dt.date | None = None,
        valid_to: dt.date | None = None,
    ) -> SqlInputs:
        insert(
            self.con,
            "ref_agencies",
            [
                {
                    "agency_code": code,
                    "name_ko": f"기관{code}",
                    "name_en": f"Agency {code}",
                    "agency_group": group,
                    "kind": "부",
                    "provisional": False,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "weight": weight,
                }
            ],
        )
        return self

    def strategy(self, code: str, weight: float = 1.0) -> SqlInputs:
        insert(
            self.con,
            "ref_strategies",
            [
                {
                    "strategy_code": code,
                    "name_ko": code,
                    "name_en": code,
                    "weight": weight,
                    "sort_order": 1,
                }
            ],
        )
        return self

    def task(self, code: str, weight: float = 1.0) -> SqlInputs:
        """A task; its strategy is the code's prefix (S1-T2 → S1), created when missing."""
        strategy = code.split("-")[0]
        if not self.con.sql("select 1 from ref_strategies where strategy_code = ?", params=[strategy]).fetchall():
            self.strategy(strategy)
        insert(
            self.con,
            "ref_tasks",
            [
                {
                    "task_code": code,
                    "strategy_code": strategy,
                    "name_ko": code,
                    "name_en": code,
                    "weight": weight,
                    "sort_order": 1,
                }
            ],
        )
        return self

    def kpi(
        self,
        code: str,
        source: str,
        measure: str,
        aggregation: str = "records",
        cumulative: bool = False,
        formula: str = "ratio",
        targets: dict[int, float] | None = None,
        judge_agencies: bool = False,
        max_age_months: int = 0,
        weight: float = 1.0,
        filters: dict[str, list[str]] | None = None,
        reporters: list[str] | None = None,
        profile: list[float] | None = None,
    ) -> SqlInputs:
        """A KPI of the task its code names (created when missing), flat profile unless given."""
        task = code.rsplit("-", 1)[0]
        if not self.con.sql("select 1 from ref_tasks where task_code = ?", params=[task]).fetchall():
            self.task(task)
        insert(
            self.con,
            "ref_kpis",
            [
                {
                    "kpi_code": code,
                    "task_code": task,
                    "name_ko": code,
                    "name_en": code,
                    "unit": "%",
                    "direction": "down" if formula == "inverse_ratio" else "up",
                    "source": source,
                    "measure": measure,
                    "aggregation": aggregation,
                    "cumulative": cumulative,
                    "formula": formula,
                    "baseline": 0.0,
                    "judge_agencies": judge_agencies,
                    "max_age_months": max_age_months,
                    "weight": weight,
                    "sort_order": 1,
                }
            ],
        )
        targets = {2026: 100.0} if targets is None else targets
        insert(
            self.con,
            "ref_kpi_targets",
            [{"kpi_code": code, "year": y, "target": t} for y, t in targets.items()],
        )
        shares = profile or [m / 12 for m in range(1, 13)]
        insert(
            self.con,
            "ref_kpi_profile",
            [{"kpi_code": code, "month_no": m, "cum_share": s} for m, s in enumerate(shares, start=1)],
        )
        insert(
            self.con,
            "ref_kpi_filters",
            [{"kpi_code": code, "column_name": col, "value": v} for col, vals in (filters or {}).items() for v in vals],
        )
        insert(self.con, "ref_kpi_reporters", [{"kpi_code": code, "agency_code": a} for a in reporters or []])
        return self

    # ledger and records ------------------------------------------------------------------------

    def submit(
        self,
        dataset: str,
        agency: str,
        period: dt.date,
        status: str = "accepted",
        submitted_at: dt.datetime | None = None,
    ) -> int:
        """One ledger row; returns its submission_id. Default submitted_at: the 5th of the next month."""
        sid = self._next_submission
        self._next_submission += 1
        if submitted_at is None:
            nxt = months(period, dt.date(period.year + 1, 12, 1))[1]
            submitted_at = dt.datetime(nxt.year, nxt.month, 5, 10, 0)
        insert(
            self.con,
            "ref_submissions",
            [
                {
                    "submission_id": sid,
                    "dataset": dataset,
                    "agency_code": agency,
                    "period": period,
                    "status": status,
                    "submitted_at": submitted_at,
                    "submitted_by": "tester",
                    "filename": f"{dataset}-{sid}.csv",
                    "sha256": f"{sid:064x}",
                    "row_count": 0,
                }
            ],
        )
        return sid

    def records(self, dataset: str, submission_id: int, rows: Iterable[dict[str, Any]]) -> SqlInputs:
        """Source rows of a submission; record ids (complaint_id, meeting_id, payout_id) filled when omitted."""
        table = DATASET_TABLES[dataset]
        id_column = {"complaints": "complaint_id", "meetings": "meeting_id", "rewards": "payout_id"}.get(dataset)
        full = []
        for row in rows:
            row = {"submission_id": submission_id, **row}
            if id_column and id_column not in row:
                row[id_column] = f"R{self._next_record}"
                self._next_record += 1
            full.append(row)
        insert(self.con, table, full)
        return self

    def submit_records(
        self, dataset: str, agency: str, period: dt.date, rows: Iterable[dict[str, Any]], **submission: Any
    ) -> int:
        """An accepted submission with its rows (agency_code filled in)."""
        sid = self.submit(dataset, agency, period, **submission)
        self.records(dataset, sid, [{"agency_code": agency, **r} for r in rows])
        return sid

    # running -----------------------------------------------------------------------------------

    def build(self) -> list[str]:
        return run_sql_models(self.con)

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        rel = self.con.sql(sql, params=params)
        names = rel.columns
        return [dict(zip(names, r, strict=True)) for r in rel.fetchall()]

    def one(self, sql: str, params: list[Any] | None = None) -> dict[str, Any]:
        found = self.rows(sql, params)
        assert len(found) == 1, f"expected one row, got {len(found)}: {found}"
        return found[0]
