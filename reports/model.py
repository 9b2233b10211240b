"""The report model: everything a report shows, gathered once from the published snapshot through the query
files in sql/queries/report_*.sql. Every format (PDF, XLSX, PPTX, HWPX, CSV) is built from this one object,
so a figure reads the same in all of them.

Reproducible by design: the model holds nothing from the clock. The "generated at" time printed on every
page is the snapshot's build time (KST), so the same snapshot and options give the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl

from metrics.kst import add_months, parse_period
from metrics.report_queries import ReportQueries
from metrics.warehouse import Warehouse
from reports.labels import label

# A quarter report shows the year to date at the report month (where the year stands at the quarter's end),
# compared with the previous quarter's end; the dashboard's 'quarter' window (quarter to date) is not used.
WINDOWS = {False: "month", True: "ytd"}
TREND_MONTHS = 12  # trends and the month annex cover the last 12 months up to the report month


class ReportError(ValueError):
    """Options that cannot make a report; the message says what to change, in Korean and English."""


@dataclass(frozen=True)
class ReportOptions:
    month: date
    quarter: bool = False
    agency: str | None = None
    lang: str = "ko"

    @classmethod
    def parse(
        cls, month: str | date, *, quarter: bool = False, agency: str | None = None, lang: str = "ko"
    ) -> ReportOptions:
        if lang not in ("ko", "en"):
            raise ReportError(f"언어는 ko 또는 en 입니다 (language must be ko or en, not {lang!r})")
        return cls(parse_period(month), quarter, (agency or "").strip() or None, lang)

    @property
    def window(self) -> str:
        return WINDOWS[self.quarter]

    @property
    def slug(self) -> str:
        """A file-name stem naming the options: govdash-report-2026-10-q-1741000-en."""
        parts = [f"govdash-report-{self.month:%Y-%m}"]
        if self.quarter:
            parts.append("q")
        if self.agency:
            parts.append(self.agency)
        parts.append(self.lang)
        return "-".join(parts)


@dataclass(frozen=True)
class Report:
    options: ReportOptions
    snapshot_id: str
    built_at: datetime  # naive Korea time, as the snapshot stores it
    catalog_version: str
    catalog_digest: str
    reference_digest: str  # agencies + holidays the snapshot was built with (metrics/reference.py)
    thresholds: dict[str, float]
    agency_name: str | None
    previous: date | None  # the period compared with (previous month, or the previous quarter's end)
    months: list[date]  # the months of trends and annexes, oldest first
    scores: pl.DataFrame  # report_scores for the months, report window
    kpis: pl.DataFrame  # report_kpis for the months, report window
    kpi_months: pl.DataFrame  # report_kpis for the months, 'month' window (the annex)
    kpi_agencies: pl.DataFrame  # report_kpi_agencies for the report month
    notes: pl.DataFrame  # report_notes for the report month
    submissions: pl.DataFrame  # report_submissions for the report month
    locked: dict | None  # report_locks: the report month's lock when the snapshot was built, or None
    comments: pl.DataFrame  # report_comments for the report month (agencies' comments, verbatim)
    assessments: pl.DataFrame  # report_assessments for the report month's quarter (committee, verbatim)
    # report_complaints for the report month and window: received, resolved, pending, pending_overdue (the
    # pending complaints past their legal deadline, which the on-time rate leaves out); None for a snapshot
    # built before that count existed
    complaints: dict | None = None
    has_locks: bool = True  # False for a snapshot built before locks were copied in: its lock state is unknown
    # report_narratives for the report month's quarter: per task the owning ministry's latest submitted
    # narrative (achievements 추진실적, reasons 부진사유, plans 향후계획, requests 지원요청; verbatim); empty for
    # a snapshot built before narratives were copied in
    narratives: pl.DataFrame = field(default_factory=pl.DataFrame)
    # report_disputes for the report month: the KPI figures under an open dispute (이의 제기 중) at build time
    disputes: pl.DataFrame = field(default_factory=pl.DataFrame)
    # attention.sql for the report month and window (national, or the agency's own KPIs): every 주의/미흡 task
    # and KPI, largest gap to target first, with owner, narrative line and rating; the report's 미흡 section.
    # Empty for a snapshot built before task owners were copied in
    attention: pl.DataFrame = field(default_factory=pl.DataFrame)

    # -- identity ---------------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.options.lang

    @property
    def period(self) -> date:
        return self.options.month

    @property
    def generated_at(self) -> datetime:
        """KST; the snapshot's build time, so that a report is a function of snapshot and options."""
        return self.built_at

    def t(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def name(self, row: dict) -> str:
        return row[f"name_{self.lang}"] or row["name_ko"]

    # -- score views --------------------------------------------------------------------------------------
    def score_rows(self, level: str, period: date | None) -> list[dict]:
        if period is None:
            return []
        frame = self.scores.filter((pl.col("level") == level) & (pl.col("period") == period))
        return frame.sort("sort_order", "code").to_dicts()

    def score_lookup(self, level: str, period: date | None) -> dict[str, dict]:
        return {r["code"]: r for r in self.score_rows(level, period)}

    def overall(self, period: date | None = None) -> dict | None:
        rows = self.score_rows("overall", period or self.period)
        return rows[0] if rows else None

    def kpi_rows(self, period: date | None) -> list[dict]:
        if period is None:
            return []
        return self.kpis.filter(pl.col("period") == period).to_dicts()

    def kpi_lookup(self, period: date | None) -> dict[str, dict]:
        return {r["kpi_code"]: r for r in self.kpi_rows(period)}

    @property
    def boundaries(self) -> tuple[float, float]:
        """The status thresholds (on_track, watch) every shown achievement is rounded against."""
        return (self.thresholds["on_track"], self.thresholds["watch"])

    @property
    def quarter_label(self) -> str:
        """The report month's quarter as the assessments name it: 2026-Q4."""
        return quarter_of(self.period)


def quarter_of(month: date) -> str:
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"


def previous_period(options: ReportOptions) -> date:
    if not options.quarter:
        return add_months(options.month, -1)
    quarter_start = date(options.month.year, (options.month.month - 1) // 3 * 3 + 1, 1)
    return add_months(quarter_start, -1)


def period_label(options: ReportOptions, lang: str | None = None) -> str:
    lang = lang or options.lang
    m = options.month
    values = {"year": m.year, "month": m.month, "month_name": m.strftime("%B"), "quarter": (m.month - 1) // 3 + 1}
    if not options.quarter:
        return label("period_month", lang, **values)
    key = "period_quarter" if m.month % 3 == 0 else "period_quarter_partial"
    return label(key, lang, **values)


def gather(warehouse: Warehouse | ReportQueries, options: ReportOptions) -> Report:
    """Everything the report shows, from the published snapshot, in a handful of queries (metrics/report_queries.py)."""
    q = warehouse if isinstance(warehouse, ReportQueries) else ReportQueries(warehouse.query)
    periods = q.report_periods()
    if options.month not in periods:
        held = f"{periods[0]:%Y-%m} … {periods[-1]:%Y-%m}" if periods else "—"
        raise ReportError(
            f"스냅샷에 {options.month:%Y-%m} 자료가 없습니다. {held} 중에서 고르십시오 "
            f"(the snapshot has no figures for {options.month:%Y-%m}; choose a month in {held})"
        )
    agency_name = _agency_name(q, options)
    meta = q.report_meta()
    before = previous_period(options)
    previous = before if before in periods else None
    months = [p for p in periods if add_months(options.month, -(TREND_MONTHS - 1)) <= p <= options.month]
    o, start = options, months[0]
    locks = q.report_locks(o.month)
    return Report(
        options=options,
        snapshot_id=meta["build_id"],
        built_at=meta["built_at"],
        catalog_version=meta["catalog_version"],
        catalog_digest=meta["catalog_digest"],
        reference_digest=meta["reference_digest"],
        thresholds={"on_track": meta["on_track"], "watch": meta["watch"]},
        agency_name=agency_name,
        previous=previous,
        months=months,
        scores=q.report_scores(o.window, o.agency, start, o.month),
        kpis=q.report_kpis(o.window, o.agency, start, o.month),
        kpi_months=q.report_kpis("month", o.agency, start, o.month),
        kpi_agencies=q.report_kpi_agencies(o.window, o.month, o.agency),
        notes=q.report_notes(o.month, o.agency),
        submissions=q.report_submissions(o.month, o.agency),
        locked=next(iter(locks.to_dicts()), None),
        comments=q.report_comments(o.month, o.agency),
        assessments=q.report_assessments(quarter_of(o.month)),
        has_locks=locks.width > 0,
        complaints=q.report_complaints(o.month, o.window, o.agency),
        narratives=q.report_narratives(quarter_of(o.month)),
        disputes=q.report_disputes(o.month, o.agency),
        attention=q.report_attention(o.month, o.window, o.agency),
    )


def _agency_name(q: ReportQueries, options: ReportOptions) -> str | None:
    if options.agency is None:
        return None
    agencies = q.report_agencies().filter(pl.col("agency_code") == options.agency).to_dicts()
    if not agencies:
        raise ReportError(
            f"기관코드 {options.agency}을(를) 기관 목록에서 찾을 수 없습니다. 7자리 행정기관코드를 쓰십시오 "
            f"(agency code {options.agency} is not in the agency list; use the 7-digit code)"
        )
    row = agencies[0]
    return row[f"name_{options.lang}"] or row["name_ko"]
