"""The checks of shared/domain/datasets.md, each one boolean mask over a whole file: the rules every column's
contract implies (required, format, range, length, unique, agency, month, not in the future) and each dataset's
own (a complaint resolved before it was received, a reward over the cap per recipient, a KPI the agencies do not
report, …). etl/ingest/validate.py evaluates them; the context they need (the agencies known, KPI ranges, now)
is a ValidationContext."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import polars as pl

from etl.ingest.check_messages import MESSAGES
from etl.ingest.contracts import REWARD_CAP_PER_RECIPIENT_KRW, Column, Dataset
from etl.ingest.problems import Severity
from etl.ingest.read_grid import ROW


@dataclass(frozen=True)
class AgencyLife:
    """When an agency exists (either end open) and who takes over from it or before it, for the message."""

    name_ko: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    successors: tuple[tuple[str, str], ...] = ()  # (code, name) of the agency that takes over after valid_to
    predecessors: tuple[tuple[str, str], ...] = ()  # (code, name) of the agencies it took over from


@dataclass
class ValidationContext:
    known_agencies: set[str] | frozenset[str]
    # kpi_code → (min, max) for the KPIs whose source is kpi_progress; None is an open end.
    kpi_ranges: dict[str, tuple[float | None, float | None]]
    now: dt.datetime  # naive Korea time: nothing may have happened after it
    # complaint_type → default 처리기한일수; a type without one (법정) must state its deadline.
    default_deadline_days: dict[str, int] = field(default_factory=dict)
    # agency_code → its life, for the agencies that begin or end (an agency not listed always exists)
    agency_lives: Mapping[str, AgencyLife] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    rule: str
    column: str  # contract name of the column reported (its raw text is the value shown)
    mask: pl.Expr  # true on the rows that break the rule
    severity: Severity = "error"
    detail: pl.Expr | None = None  # a per-row fact the message needs (the first row of a duplicate, …)
    variant: str | None = None  # picks MESSAGES[f"{rule}.{variant}"]
    fields: Mapping[str, object] = field(default_factory=dict)  # the message's fixed fields
    # An aggregate that is false only when no row can break the rule, far cheaper than the mask; the
    # mask is evaluated only when the screen lets the rule through.
    screen: pl.Expr | None = None

    @property
    def templates(self) -> tuple[str, str]:
        return MESSAGES[f"{self.rule}.{self.variant}" if self.variant else self.rule]


def value_of(name: str) -> str:
    """Name of the parsed (typed) twin of a raw text column."""
    return f"{name}__value"


def column_checks(dataset: Dataset, agency_code: str, period: dt.date, ctx: ValidationContext) -> list[Check]:
    checks: list[Check] = []
    for c in dataset.columns:
        checks += _required(c) + _format(c) + _bounds(c) + _unique(c)
        if c.kind == "agency":
            checks += _agency(c, agency_code, ctx.known_agencies)
        if c.name == dataset.period_column:
            checks += _in_month(c, period)
        if c.kind == "datetime":
            checks += _not_future(c, ctx.now)
    return checks


def _required(c: Column) -> list[Check]:
    return [Check("required", c.name, pl.col(c.name).is_null())] if c.required else []


def _format(c: Column) -> list[Check]:
    unreadable = pl.col(c.name).is_not_null() & pl.col(value_of(c.name)).is_null()
    if c.kind in ("date", "datetime", "month"):
        return [Check("date_format", c.name, unreadable, variant=c.kind)]
    if c.kind in ("int", "number"):
        return [Check("number_format", c.name, unreadable, variant=c.kind)]
    if c.kind in ("enum", "yn"):
        allowed = ", ".join(c.choices) if c.kind == "enum" else "Y, N"
        return [Check("enum", c.name, unreadable, fields={"allowed": allowed})]
    return []


def _number_text(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def range_text(lo: float | None, hi: float | None) -> dict[str, str]:
    """{'range_ko': '0 이상 100 이하', 'range_en': 'from 0 to 100'} (either end may be open)."""
    a, b = _number_text(lo), _number_text(hi)
    if lo is not None and hi is not None:
        return {"range_ko": f"{a} 이상 {b} 이하", "range_en": f"from {a} to {b}"}
    if lo is not None:
        return {"range_ko": f"{a} 이상", "range_en": f"at least {a}"}
    return {"range_ko": f"{b} 이하", "range_en": f"at most {b}"}


def _bounds(c: Column) -> list[Check]:
    checks = []
    if c.minimum is not None or c.maximum is not None:
        value = pl.col(value_of(c.name))
        below = value < c.minimum if c.minimum is not None else pl.lit(False)
        above = value > c.maximum if c.maximum is not None else pl.lit(False)
        checks.append(Check("range", c.name, below | above, fields=range_text(c.minimum, c.maximum)))
    if c.max_len is not None:
        length = pl.col(c.name).str.len_chars()
        # A text has at least as many bytes as characters, and its byte length costs nothing to read.
        screen = (pl.col(c.name).str.len_bytes() > c.max_len).any()
        checks.append(
            Check("max_len", c.name, length > c.max_len, detail=length, fields={"max_len": c.max_len}, screen=screen)
        )
    return checks


def _unique(c: Column) -> list[Check]:
    if not c.unique:
        return []
    key = pl.col(value_of(c.name))
    # Rows are in file order, so "not the first of its value" is "not the row with the smallest number";
    # the window that names that row is computed only when a file has a repeat.
    first = pl.col(ROW).min().over(key)
    # Equal texts have equal hashes: when the hashes are all distinct, so are the values.
    screen = key.hash().filter(key.is_not_null()).n_unique() < key.count()
    return [Check("duplicate", c.name, key.is_not_null() & ~key.is_first_distinct(), detail=first, screen=screen)]


def _agency(c: Column, agency_code: str, known_agencies: set[str] | frozenset[str]) -> list[Check]:
    code = pl.col(c.name)
    known = code.is_in(sorted(known_agencies))
    fields = {"agency": agency_code}
    return [
        Check("unknown_agency", c.name, code.is_not_null() & ~known, fields=fields),
        Check("agency_mismatch", c.name, known & (code != agency_code), fields=fields),
    ]


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _in_month(c: Column, period: dt.date) -> list[Check]:
    value = pl.col(value_of(c.name))
    end = _next_month(period)
    fields = {
        "month": f"{period:%Y-%m}",
        "first": f"{period:%Y-%m-%d}",
        "last": f"{end - dt.timedelta(days=1):%Y-%m-%d}",
    }
    if c.kind == "month":
        return [Check("out_of_month", c.name, value != period, variant="month", fields=fields)]
    start, stop = (period, end) if c.kind == "date" else (_midnight(period), _midnight(end))
    return [Check("out_of_month", c.name, (value < start) | (value >= stop), fields=fields)]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _not_future(c: Column, now: dt.datetime) -> list[Check]:
    return [Check("future", c.name, pl.col(value_of(c.name)) > now, fields={"now": f"{now:%Y-%m-%d %H:%M}"})]


def no_checks(dataset: Dataset, ctx: ValidationContext) -> list[Check]:
    return []


def _complaint_checks(dataset: Dataset, ctx: ValidationContext) -> list[Check]:
    received, resolved = pl.col(value_of("received_at")), pl.col(value_of("resolved_at"))
    status, complaint_type = pl.col(value_of("status")), pl.col(value_of("complaint_type"))
    no_default = sorted(set(dataset.column("complaint_type").choices) - set(ctx.default_deadline_days))
    has_resolved = pl.col("resolved_at").is_not_null()
    return [
        Check("resolved_before_received", "resolved_at", resolved < received, detail=pl.col("received_at")),
        Check("status_needs_resolved_at", "resolved_at", (status == "처리완료") & ~has_resolved),
        Check("pending_has_resolved_at", "resolved_at", (status == "처리중") & has_resolved),
        Check(
            "deadline_required",
            "deadline_days",
            complaint_type.is_in(no_default) & pl.col("deadline_days").is_null(),
            detail=complaint_type,
        ),
    ]


def _participation_checks(dataset: Dataset, ctx: ValidationContext) -> list[Check]:
    received = pl.col(value_of("proposals_received"))
    reviewed = pl.col(value_of("proposals_reviewed"))
    adopted = pl.col(value_of("proposals_adopted"))
    return [
        # Earlier months' backlog may be reviewed now: above this month's intake is only a warning.
        Check(
            "reviewed_above_received",
            "proposals_reviewed",
            reviewed > received,
            severity="warning",
            detail=pl.col("proposals_received"),
        ),
        Check(
            "adopted_above_reviewed",
            "proposals_adopted",
            adopted > reviewed,
            detail=pl.col("proposals_reviewed"),
        ),
    ]


def _reward_checks(dataset: Dataset, ctx: ValidationContext) -> list[Check]:
    amount, recipients = pl.col(value_of("amount_krw")), pl.col(value_of("recipients"))
    cap = REWARD_CAP_PER_RECIPIENT_KRW
    # Compared in whole numbers (amount > cap × recipients) so that no rounding decides a payout.
    over = (recipients >= 1) & (amount > recipients * cap)
    per_recipient = pl.when(recipients >= 1).then(amount / recipients).round(0).cast(pl.Int64, strict=False)
    return [Check("reward_cap", "amount_krw", over, detail=per_recipient, fields={"cap": f"{cap:,}"})]


def _kpi_checks(dataset: Dataset, ctx: ValidationContext) -> list[Check]:
    code, value = pl.col(value_of("kpi_code")), pl.col(value_of("value"))
    known = sorted(ctx.kpi_ranges)
    checks = [
        Check(
            "unknown_kpi",
            "kpi_code",
            code.is_not_null() & ~code.is_in(known),
            fields={"known": ", ".join(known) or "-"},
        )
    ]
    # One check per bounded KPI: each has its own range in the message.
    for kpi, (lo, hi) in sorted(ctx.kpi_ranges.items()):
        if lo is None and hi is None:
            continue
        below = value < lo if lo is not None else pl.lit(False)
        above = value > hi if hi is not None else pl.lit(False)
        checks.append(
            Check(
                "range",
                "value",
                (code == kpi) & (below | above),
                variant="kpi",
                detail=pl.lit(kpi),
                fields=range_text(lo, hi),
            )
        )
    return checks


DATASET_CHECKS: dict[str, Callable[[Dataset, ValidationContext], list[Check]]] = {
    "complaints": _complaint_checks,
    "participation": _participation_checks,
    "rewards": _reward_checks,
    "kpi_progress": _kpi_checks,
}
