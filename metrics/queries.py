"""The query API of the dashboard: one function per thing a page shows, each running one file of
sql/queries/ with parameters. Pages never write SQL; they call these and get polars frames.

`Queries(run)` wraps any runner with the signature of `Warehouse.query(name, **params)`: the dashboard
passes its per-snapshot cache, tests and reports pass a Warehouse directly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Literal

import polars as pl

Window = Literal["month", "ytd"]
WINDOWS: tuple[Window, ...] = ("month", "ytd")  # what the marts hold; there is no quarter window
Runner = Callable[..., pl.DataFrame]


class Queries:
    def __init__(self, run: Runner) -> None:
        self._run = run

    # --- the snapshot ---------------------------------------------------------------------------------
    def build_info(self) -> dict[str, object]:
        """build_id, built_at (Korea time), as_of_period of the published snapshot."""
        return self._run("build_info").row(0, named=True)

    def months(self) -> list[date]:
        """Months in scope up to the latest, newest first."""
        return self._run("periods")["period"].to_list()

    def agencies(self, month: date, group: str = "all") -> pl.DataFrame:
        """Agencies that exist in `month` (a merger ends some and starts others), of a group or all."""
        return self._run("agencies", month=month, group=group)

    # --- scores (overview, strategies) --------------------------------------------------------------
    def overall_scores(self, month: date, window: Window) -> dict[str, object] | None:
        frame = self._run("overall_scores", month=month, window=window)
        return frame.row(0, named=True) if frame.height else None

    def overall_trend(self, month: date, window: Window) -> pl.DataFrame:
        return self._run("overall_trend", month=month, window=window)

    def strategy_scores(self, month: date, window: Window) -> pl.DataFrame:
        return self._run("strategy_scores", month=month, window=window)

    def task_scores(self, month: date, window: Window) -> pl.DataFrame:
        return self._run("task_scores", month=month, window=window)

    def task_trends(self, month: date, window: Window) -> dict[str, list[float | None]]:
        """Per task, its achievement over the twelve months up to `month` (oldest first)."""
        frame = self._run("task_trend", month=month, window=window)
        return {
            code: group["achievement"].to_list() for (code,), group in frame.group_by("task_code", maintain_order=True)
        }

    # --- KPIs ----------------------------------------------------------------------------------------
    def kpi_scores(self, month: date, window: Window) -> pl.DataFrame:
        """Every KPI with its definition and national value, target, achievement, status for the month."""
        return self._run("kpi_scores", month=month, window=window)

    def kpi_trends(self, month: date, window: Window) -> pl.DataFrame:
        """Every KPI's national value and target over the twelve months up to `month`."""
        return self._run("kpi_trends", month=month, window=window)

    def kpi_notes(self, month: date, task: str) -> pl.DataFrame:
        """The agencies' notes on the KPIs of a task in their progress files for the month."""
        return self._run("kpi_notes", month=month, task=task)

    def kpi_definition(self, kpi: str) -> dict[str, object]:
        return self._run("kpi_definition", kpi=kpi).row(0, named=True)

    def kpi_trend(self, kpi: str, month: date, window: Window) -> pl.DataFrame:
        """The KPI's national value, target and achievement every month up to `month`."""
        return self._run("kpi_trend", kpi=kpi, month=month, window=window)

    def kpi_agency_values(self, kpi: str, month: date, window: Window, group: str = "all") -> pl.DataFrame:
        """Each reporting agency's value, achievement, status and rank within its group."""
        return self._run("kpi_agency_values", kpi=kpi, month=month, window=window, group=group)

    def kpi_submissions(self, kpi: str, month: date, window: Window, agency: str | None = None) -> pl.DataFrame:
        """The submissions behind the KPI's figure: per agency and month, file, time (KST), who, rows."""
        return self._run("kpi_submissions", kpi=kpi, month=month, window=window, agency=agency or "all")


def change(current: float | None, previous: float | None) -> float | None:
    """Percentage points since last month (None when either is missing)."""
    if current is None or previous is None:
        return None
    return current - previous


def as_datetime(value: object) -> datetime | None:
    return value if isinstance(value, datetime) else None
