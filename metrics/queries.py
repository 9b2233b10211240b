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

from metrics.display import Thresholds

# The time windows the marts hold (sql/marts/int_period_windows.sql), in the order the filter offers them:
# the month alone, quarter to date (the quarter's first month … the month), year to date (January … the month).
Window = Literal["month", "quarter", "ytd"]
WINDOWS: tuple[Window, ...] = ("month", "quarter", "ytd")
Runner = Callable[..., pl.DataFrame]
# How many months a sparkline (task cards, KPI lists) shows, up to the chosen month.
TREND_MONTHS = 12


class Queries:
    def __init__(self, run: Runner) -> None:
        self._run = run

    # --- the snapshot ---------------------------------------------------------------------------------
    def build_info(self) -> dict[str, object]:
        """build_id, built_at (Korea time), as_of_period of the published snapshot."""
        return self._run("build_info").row(0, named=True)

    def thresholds(self) -> Thresholds:
        """The status thresholds the snapshot was judged by: every shown achievement is rounded against them."""
        row = self._run("status_thresholds").row(0, named=True)
        return Thresholds(row["on_track"], row["watch"])

    def months(self, today: date) -> pl.DataFrame:
        """Months in scope up to the latest, newest first: due date, locked, coverage, and whether the month is
        later than the reporting month on `today` (provisional)."""
        return self._run("periods", today=today)

    def agencies(self, month: date, group: str = "all") -> pl.DataFrame:
        """Agencies that exist in `month` (a merger ends some and starts others), of a group or all."""
        return self._run("agencies", month=month, group=group)

    # --- scores (overview, strategies) --------------------------------------------------------------
    def overall_scores(self, month: date, window: Window) -> dict[str, object] | None:
        frame = self._run("overall_scores", month=month, window=window)
        return frame.row(0, named=True) if frame.height else None

    def overall_trend(self, month: date, window: Window) -> pl.DataFrame:
        """The overall achievement and status every month up to `month` (oldest first)."""
        frame = self._run("score_trend", level="overall", code=None, month=month, window=window, months=None)
        return frame.select("period", "achievement", "status")

    def strategy_scores(self, month: date, window: Window) -> pl.DataFrame:
        return self._run("strategy_scores", month=month, window=window)

    def task_scores(self, month: date, window: Window) -> pl.DataFrame:
        return self._run("task_scores", month=month, window=window)

    def task_bars(self, month: date, window: Window) -> pl.DataFrame:
        """The overview's task bars: tasks largest gap to target first (sql/queries/task_bars.sql)."""
        return self._run("task_bars", month=month, window=window)

    def attention(self, month: date, window: Window, agency: str | None = None) -> pl.DataFrame:
        """The 주의·미흡 list (sql/queries/attention.sql): every watch/off-track task and KPI of the month, largest
        gap to target first, with its 3-month trend, owner, latest narrative line and committee rating."""
        return self._run("attention", month=month, window=window, agency=agency)

    def task_trends(self, month: date, window: Window) -> dict[str, list[float | None]]:
        """Per task, its achievement over the twelve months up to `month` (oldest first)."""
        frame = self._run("score_trend", level="task", code=None, month=month, window=window, months=TREND_MONTHS)
        frame = frame.rename({"code": "task_code"})
        return {
            code: group["achievement"].to_list() for (code,), group in frame.group_by("task_code", maintain_order=True)
        }

    def annotations(self, scope: str, code: str | None = None) -> pl.DataFrame:
        """The trend charts' annotations of a scope ('all', 'task' or 'kpi' with its code): events, target
        changes, locks (sql/queries/chart_annotations.sql). Empty for a snapshot built before they were kept."""
        import duckdb

        try:
            return self._run("chart_annotations", scope=scope, code=code)
        except duckdb.CatalogException:
            return pl.DataFrame()

    # --- KPIs ----------------------------------------------------------------------------------------
    def kpi_scores(self, month: date, window: Window) -> pl.DataFrame:
        """Every KPI with its definition and national value, target, achievement, status for the month."""
        return self._run("kpi_scores", month=month, window=window)

    def kpi_trends(self, month: date, window: Window) -> pl.DataFrame:
        """Every KPI's national value and target over the twelve months up to `month`."""
        frame = self._run("score_trend", level="kpi", code=None, month=month, window=window, months=TREND_MONTHS)
        return frame.select(pl.col("code").alias("kpi_code"), "period", "value", "target", "achievement", "status")

    def kpi_notes(self, month: date, task: str) -> pl.DataFrame:
        """The agencies' notes on the KPIs of a task in their progress files for the month."""
        return self._run("kpi_notes", month=month, task=task)

    def kpi_definition(self, kpi: str) -> dict[str, object]:
        return self._run("kpi_definition", kpi=kpi).row(0, named=True)

    def kpi_trend(self, kpi: str, month: date, window: Window) -> pl.DataFrame:
        """The KPI's national value, target and achievement every month up to `month`."""
        frame = self._run("score_trend", level="kpi", code=kpi, month=month, window=window, months=None)
        return frame.drop("code")

    def kpi_agency_values(self, kpi: str, month: date, window: Window, group: str = "all") -> pl.DataFrame:
        """Each reporting agency's value, achievement, status and rank within its group."""
        return self._run("kpi_agency_values", kpi=kpi, month=month, window=window, group=group)

    def kpi_submissions(self, kpi: str, month: date, window: Window, agency: str | None = None) -> pl.DataFrame:
        """The submissions behind the KPI's figure: per agency and month, file, time (KST), who, rows."""
        return self._run("kpi_submissions", kpi=kpi, month=month, window=window, agency=agency or "all")

    def kpi_comparison(
        self, month: date, window: Window, *, kpi: str | None = None, agency: str | None = None
    ) -> pl.DataFrame:
        """Each KPI (or one) this month against the month before and the same month a year before: value,
        achievement and the changes, nationally or for one agency (sql/queries/kpi_comparison.sql)."""
        return self._run("kpi_comparison", month=month, window=window, kpi=kpi, agency=agency)

    # --- agencies ------------------------------------------------------------------------------------
    def agency_scorecard(self, agency: str, month: date, window: Window) -> pl.DataFrame:
        """The agency's own figure for every KPI it reports."""
        return self._run("agency_scorecard", agency=agency, month=month, window=window)

    def agency_task_scores(self, month: date, window: Window, group: str = "all") -> pl.DataFrame:
        """Agency × task scores over the KPIs judged per agency (the national roll-up rule)."""
        return self._run("agency_task_scores", month=month, window=window, group=group)

    def agency_ranking(self, month: date, window: Window, group: str = "all") -> pl.DataFrame:
        """Agencies' scores over their judged KPIs, ranked within 중앙 / 광역."""
        return self._run("agency_ranking", month=month, window=window, group=group)

    # --- record-based breakdowns ----------------------------------------------------------------------
    def _breakdown(self, name: str, month: date, window: Window, group: str, agency: str | None) -> pl.DataFrame:
        return self._run(name, month=month, window=window, group=group, agency=agency or "all")

    def complaint_breakdown(
        self, month: date, window: Window, group: str = "all", agency: str | None = None
    ) -> pl.DataFrame:
        """Complaint volume, median and p90 days, on-time rate: total and by agency, type and channel."""
        return self._breakdown("complaint_breakdown", month, window, group, agency)

    def complaint_distribution(
        self, month: date, window: Window, group: str = "all", agency: str | None = None
    ) -> pl.DataFrame:
        """Resolved complaints per whole day of resolution time (30 = 30 days or more)."""
        return self._breakdown("complaint_distribution", month, window, group, agency)

    def participation_breakdown(
        self, month: date, window: Window, group: str = "all", agency: str | None = None
    ) -> pl.DataFrame:
        return self._breakdown("participation_breakdown", month, window, group, agency)

    def meeting_breakdown(
        self, month: date, window: Window, group: str = "all", agency: str | None = None
    ) -> pl.DataFrame:
        """Meetings and person-hours against the same months a year earlier: total, by type, by agency."""
        return self._breakdown("meeting_breakdown", month, window, group, agency)

    def reward_breakdown(
        self, month: date, window: Window, group: str = "all", agency: str | None = None
    ) -> pl.DataFrame:
        return self._breakdown("reward_breakdown", month, window, group, agency)


def reporting_month(months: pl.DataFrame) -> date:
    """The month shown unless another is chosen: the newest month that is not provisional (the oldest month when
    every month is, e.g. a store whose first month is not yet due)."""
    settled = months.filter(~pl.col("provisional"))["period"]
    return settled[0] if settled.len() else months["period"][-1]


def dimension(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    """The rows of one dimension of a breakdown ('total', 'agency', 'type', 'channel', 'platform')."""
    return frame.filter(pl.col("dimension") == name)


def change(current: float | None, previous: float | None) -> float | None:
    """Percentage points since last month, in the same window (None when either is missing)."""
    if current is None or previous is None:
        return None
    return current - previous


def as_datetime(value: object) -> datetime | None:
    return value if isinstance(value, datetime) else None
