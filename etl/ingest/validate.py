"""Every rule of shared/domain/datasets.md, checked over a whole file at once, every problem reported.

The file is read (etl.ingest.read_table), each column is parsed (etl.ingest.parse_cells), and then every rule is one
boolean mask over the frame; the rows where a mask holds become Problems. Nothing loops over rows in Python except to
write the messages of the rows that broke a rule, so a 300,000-row file is checked in a few seconds.

A file with no error yields the normalised frame: the contract's columns, in order, typed as in
contracts.polars_schema; a missing 처리기한일수 is filled with its type's default and a missing 비대면여부
with False. Warnings never stop a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import polars as pl

from etl.ingest.contracts import DATASETS, REWARD_CAP_PER_RECIPIENT_KRW, Column, Dataset, polars_schema
from etl.ingest.parse_cells import PARSERS
from etl.ingest.per_distinct import apply_by_distinct
from etl.ingest.problems import Problem, Severity, ValidationResult, error, shorten
from etl.ingest.read_table import ROW, read_table


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


# Messages by rule (or rule.variant), Korean then English. Fields: {h} the Korean header, {n} the English
# name, {v} the value found, {d} the row's detail (see _Check.detail), and the check's own fields.
MESSAGES: dict[str, tuple[str, str]] = {
    "required": (
        "'{h}' 값이 비어 있습니다. 값을 입력하세요.",
        "'{h}' ({n}) is empty. Enter a value.",
    ),
    "date_format.date": (
        "'{h}' 값 '{v}'은(는) 날짜로 읽을 수 없습니다. 2026-03-02와 같이 달력에 있는 날짜를 입력하세요"
        "(20260302, 2026/03/02, 2026.03.02, 2026. 3. 2.도 됩니다).",
        "'{h}' ({n}) '{v}' cannot be read as a date. Enter a calendar date such as 2026-03-02 "
        "(20260302, 2026/03/02, 2026.03.02 and 2026. 3. 2. also work).",
    ),
    "date_format.datetime": (
        "'{h}' 값 '{v}'은(는) 날짜와 시각으로 읽을 수 없습니다. 2026-03-02 14:05와 같이 날짜 뒤에 "
        "시각(시:분 또는 시:분:초)을 입력하세요.",
        "'{h}' ({n}) '{v}' cannot be read as a date and time. Enter a date followed by a time "
        "(HH:MM or HH:MM:SS), such as 2026-03-02 14:05.",
    ),
    "date_format.month": (
        "'{h}' 값 '{v}'은(는) 월로 읽을 수 없습니다. 2026-03과 같이 입력하세요(202603, 2026.03, 2026년 3월도 됩니다).",
        "'{h}' ({n}) '{v}' cannot be read as a month. Enter it like 2026-03 "
        "(202603, 2026.03 and 2026년 3월 also work).",
    ),
    "number_format.int": (
        "'{h}' 값 '{v}'은(는) 정수가 아닙니다. 1234 또는 1,234와 같이 소수점 없는 숫자만 입력하세요.",
        "'{h}' ({n}) '{v}' is not a whole number. Enter digits only, such as 1234 or 1,234.",
    ),
    "number_format.number": (
        "'{h}' 값 '{v}'은(는) 숫자로 읽을 수 없습니다. 12.5, 1,234 또는 85.5%와 같이 입력하세요.",
        "'{h}' ({n}) '{v}' is not a number. Enter a number such as 12.5, 1,234 or 85.5%.",
    ),
    "enum": (
        "'{h}' 값 '{v}'은(는) 허용되지 않습니다. 다음 중 하나를 입력하세요: {allowed}.",
        "'{h}' ({n}) '{v}' is not allowed. Enter one of: {allowed}.",
    ),
    "range": (
        "'{h}' 값 {v}이(가) 허용 범위를 벗어났습니다. {range_ko}로 입력하세요.",
        "'{h}' ({n}) {v} is out of range. Enter a value {range_en}.",
    ),
    "range.kpi": (
        "'{h}' 값 {v}이(가) 지표 {d}의 허용 범위를 벗어났습니다. {range_ko}로 입력하세요.",
        "'{h}' ({n}) {v} is out of KPI {d}'s range. Enter a value {range_en}.",
    ),
    "max_len": (
        "'{h}' 값이 {d}자로 최대 {max_len}자를 넘습니다. {max_len}자 이내로 줄이세요.",
        "'{h}' ({n}) has {d} characters, more than the {max_len} allowed. Shorten it.",
    ),
    "duplicate": (
        "'{h}' 값 '{v}'이(가) {d}행과 중복됩니다. 한 파일에 한 번만 입력하세요"
        "(같은 건이면 한 행을 지우고, 다른 건이면 값을 고치세요).",
        "'{h}' ({n}) '{v}' repeats row {d}. Each value may appear once per file: delete the repeated "
        "row, or correct the value if it is a different record.",
    ),
    "unknown_agency": (
        "'{h}' '{v}'은(는) 등록된 기관코드가 아닙니다. 제출 기관의 7자리 행정표준코드 {agency}을(를) 입력하세요.",
        "'{h}' ({n}) '{v}' is not a known agency code. Enter the submitting agency's 7-character code {agency}.",
    ),
    "agency_mismatch": (
        "'{h}' '{v}'이(가) 제출 기관 {agency}와(과) 다릅니다. 이 파일에는 제출 기관의 자료만 넣으세요"
        "({agency}로 고치거나, 다른 기관의 행은 지우고 그 기관이 제출합니다).",
        "'{h}' ({n}) '{v}' differs from the submitting agency {agency}. A file holds one agency's "
        "records: correct it to {agency}, or delete the row and let that agency submit it.",
    ),
    "out_of_month": (
        "'{h}' '{v}'이(가) 기준월 {month} 밖입니다. 이 파일에는 {first}~{last}의 자료만 넣고, "
        "다른 달 자료는 그 달의 파일로 제출하세요.",
        "'{h}' ({n}) '{v}' is outside the month {month}. This file takes {first} to {last} only; "
        "submit other months' records in their own file.",
    ),
    "out_of_month.month": (
        "'{h}' '{v}'이(가) 이 파일의 기준월 {month}과(와) 다릅니다. {month}로 고치거나, "
        "다른 달 자료는 그 달의 파일로 제출하세요.",
        "'{h}' ({n}) '{v}' is not this file's month {month}. Correct it to {month}, or submit other "
        "months' records in their own file.",
    ),
    "future": (
        "'{h}' '{v}'은(는) 현재({now})보다 뒤의 시각입니다. 실제 일시를 입력하세요.",
        "'{h}' ({n}) '{v}' is later than now ({now}). Enter the actual date and time.",
    ),
    "resolved_before_received": (
        "'{h}' '{v}'이(가) 접수일시 '{d}'보다 앞섭니다. 두 일시를 확인해 고치세요.",
        "'{h}' ({n}) '{v}' is before the time received (접수일시) '{d}'. Check and correct both.",
    ),
    "status_needs_resolved_at": (
        "처리상태가 '처리완료'인데 '{h}'이(가) 비어 있습니다. 처리일시를 입력하거나 처리상태를 고치세요.",
        "The status (처리상태) is 처리완료 (resolved) but '{h}' ({n}) is empty. Enter when it was "
        "resolved, or correct the status.",
    ),
    "pending_has_resolved_at": (
        "처리상태가 '처리중'인데 '{h}' '{v}'이(가) 있습니다. 처리중이면 처리일시를 비우고, 처리가 "
        "끝났으면 처리상태를 '처리완료'로 고치세요.",
        "The status (처리상태) is 처리중 (pending) but '{h}' ({n}) is '{v}'. Leave it empty while "
        "pending, or set the status to 처리완료 if it was resolved.",
    ),
    "deadline_required": (
        "민원유형이 '{d}'인 민원은 기본 처리기한이 없으므로 '{h}'을(를) 입력해야 합니다. 법령에 정한 "
        "처리기한 일수를 입력하세요.",
        "A '{d}' complaint has no default deadline, so '{h}' ({n}) is required. Enter the deadline in days set by law.",
    ),
    "reviewed_above_received": (
        "'{h}' {v}이(가) 이달 의견제안접수 {d}보다 많습니다. 지난달까지 쌓인 건을 검토했다면 그대로 두어도 "
        "되지만, 아니면 값을 확인하세요.",
        "'{h}' ({n}) {v} is above this month's proposals received (의견제안접수) {d}. That is fine if "
        "earlier backlog was reviewed; otherwise check the figures.",
    ),
    "adopted_above_reviewed": (
        "'{h}' {v}이(가) 검토완료 {d}보다 많습니다. 정책반영은 검토를 마친 건 중에서만 셀 수 있으니 두 값을 고치세요.",
        "'{h}' ({n}) {v} is above proposals reviewed (검토완료) {d}. Only reviewed proposals can be "
        "adopted: correct the figures.",
    ),
    "reward_cap": (
        "'{h}' {v}원은 1인당 {d:,}원으로 1인당 상한 {cap}원을 넘습니다. 지급액과 수령인원을 확인하세요.",
        "'{h}' ({n}) {v} KRW is {d:,} KRW per recipient, above the cap of {cap} KRW per recipient. "
        "Check the amount and the recipients (수령인원).",
    ),
    "unknown_kpi": (
        "'{h}' '{v}'은(는) 기관이 실적을 보고하는 성과지표가 아닙니다. 다음 중 하나를 입력하세요: {known}.",
        "'{h}' ({n}) '{v}' is not a KPI that agencies report. Enter one of: {known}.",
    ),
}


@dataclass(frozen=True)
class _Check:
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


def _v(name: str) -> str:
    """Name of the parsed (typed) twin of a raw text column."""
    return f"{name}__value"


def validate(
    content: bytes,
    filename: str,
    dataset_name: str,
    agency_code: str,
    period: dt.date,
    ctx: ValidationContext | Callable[[], ValidationContext],
) -> ValidationResult:
    """Read and check one file for one agency and month (`period`: the 기준월, any day of it).

    `ctx` may be a function giving the context: it is called once the file is read, so that the caller
    can prepare the context meanwhile.

    A file for a month in which its agency does not exist (ended, or not yet begun: agencies.csv valid_from,
    valid_to) is rejected whatever it holds: its figures would reach no report. The problem names the dates
    and the agency to submit as instead.
    """
    context = _once(ctx)
    result = _validate_file(content, filename, dataset_name, agency_code, period, context)
    life = agency_life_problem(agency_code, period, context())
    if life is None:
        return result
    return ValidationResult(None, [life, *result.problems], result.row_count)


def _once(ctx: ValidationContext | Callable[[], ValidationContext]) -> Callable[[], ValidationContext]:
    if isinstance(ctx, ValidationContext):
        return lambda: ctx
    made: list[ValidationContext] = []

    def get() -> ValidationContext:
        if not made:
            made.append(ctx())
        return made[0]

    return get


def agency_life_problem(agency_code: str, period: dt.date, ctx: ValidationContext) -> Problem | None:
    """The file-level error for a month in which the agency does not exist (no day of it), else None."""
    life = ctx.agency_lives.get(agency_code)
    if life is None:
        return None
    first = period.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    who, month = f"{life.name_ko}({agency_code})", f"{first:%Y-%m}"
    if life.valid_to is not None and life.valid_to < first:
        instead, start = _agencies_text(life.successors), life.valid_to + dt.timedelta(days=1)
        return error(
            "agency_inactive",
            f"{who}은(는) {life.valid_to}까지 존재한 기관이므로 {month} 자료를 받을 수 없습니다."
            + (f" {start}부터는 후속 기관 {instead}(으)로 제출하십시오." if instead else ""),
            f"{who} existed until {life.valid_to}, so it has no file for {month}."
            + (f" From {start} on, submit as its successor {instead}." if instead else ""),
            value=agency_code,
        )
    if life.valid_from is not None and life.valid_from > last:
        before = _agencies_text(life.predecessors)
        return error(
            "agency_inactive",
            f"{who}은(는) {life.valid_from}부터 존재하는 기관이므로 {month} 자료를 받을 수 없습니다."
            + (f" 그 전의 자료는 {before}(으)로 제출하십시오." if before else ""),
            f"{who} exists from {life.valid_from}, so it has no file for {month}."
            + (f" Submit earlier months as {before}." if before else ""),
            value=agency_code,
        )
    return None


def _agencies_text(agencies: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{name}({code})" for code, name in agencies)


def _validate_file(
    content: bytes,
    filename: str,
    dataset_name: str,
    agency_code: str,
    period: dt.date,
    ctx: Callable[[], ValidationContext],
) -> ValidationResult:
    dataset = DATASETS[dataset_name]
    period = period.replace(day=1)
    parsers = {c.name: (_v(c.name), parse) for c in dataset.columns if (parse := _parser(c)) is not None}
    raw, problems = read_table(content, filename, dataset_name, values=parsers)
    if raw is None:
        return ValidationResult(None, _ordered(problems, dataset), 0)
    if raw.height == 0:
        return _empty(dataset, problems)
    frame = _with_values(raw, dataset)
    context = ctx()
    checks = [
        *_column_checks(dataset, agency_code, period, context),
        *_DATASET_CHECKS.get(dataset.name, _no_checks)(dataset, context),
    ]
    problems = _ordered(problems + _collect(frame, checks, dataset), dataset)
    if any(p.is_error for p in problems):
        return ValidationResult(None, problems, raw.height)
    return ValidationResult(_normalised(frame, dataset, context), problems, raw.height)


def _empty(dataset: Dataset, problems: list[Problem]) -> ValidationResult:
    if not dataset.allow_empty:
        problems.append(
            error(
                "empty_file",
                f"머리글만 있고 자료가 없습니다. 2행부터 {dataset.title_ko} 자료({dataset.grain_ko})를 입력하세요.",
                f"The file has a header but no data. Enter the {dataset.title_en.lower()} from row 2.",
            )
        )
    ok = not any(p.is_error for p in problems)
    frame = pl.DataFrame(schema=polars_schema(dataset.name)) if ok else None  # type: ignore[arg-type]
    return ValidationResult(frame, _ordered(problems, dataset), 0)


def _ordered(problems: list[Problem], dataset: Dataset) -> list[Problem]:
    # File-level first, then by row, and within a row in the template's column order.
    order = {c.header_ko: i for i, c in enumerate(dataset.columns)}
    return sorted(problems, key=lambda p: (p.row or 0, order.get(p.column or "", len(order))))


# ------------------------------------------------------------------------------------------- parsing


def _canonical_choice(column: Column) -> Callable[[pl.Expr], pl.Expr]:
    def parse(text: pl.Expr) -> pl.Expr:
        # "찾아가는 민원" is 찾아가는민원: a space inside a choice is a typing habit, not another value.
        squeezed = text.str.replace_all(r"\s+", "")
        return pl.when(squeezed.is_in(column.choices)).then(squeezed)

    return parse


def _with_values(raw: pl.DataFrame, dataset: Dataset) -> pl.DataFrame:
    # The parsed columns came with the text (read_table's `values`); the others are their own value.
    return raw.with_columns(pl.col(c.name).alias(_v(c.name)) for c in dataset.columns if _v(c.name) not in raw.columns)


def _parser(c: Column) -> Callable[[pl.Expr], pl.Expr] | None:
    if c.kind in PARSERS:
        return PARSERS[c.kind]
    if c.kind == "enum":
        return _canonical_choice(c)
    return None


# -------------------------------------------------------------------------------------- column checks


def _column_checks(dataset: Dataset, agency_code: str, period: dt.date, ctx: ValidationContext) -> list[_Check]:
    checks: list[_Check] = []
    for c in dataset.columns:
        checks += _required(c) + _format(c) + _bounds(c) + _unique(c)
        if c.kind == "agency":
            checks += _agency(c, agency_code, ctx.known_agencies)
        if c.name == dataset.period_column:
            checks += _in_month(c, period)
        if c.kind == "datetime":
            checks += _not_future(c, ctx.now)
    return checks


def _required(c: Column) -> list[_Check]:
    return [_Check("required", c.name, pl.col(c.name).is_null())] if c.required else []


def _format(c: Column) -> list[_Check]:
    unreadable = pl.col(c.name).is_not_null() & pl.col(_v(c.name)).is_null()
    if c.kind in ("date", "datetime", "month"):
        return [_Check("date_format", c.name, unreadable, variant=c.kind)]
    if c.kind in ("int", "number"):
        return [_Check("number_format", c.name, unreadable, variant=c.kind)]
    if c.kind in ("enum", "yn"):
        allowed = ", ".join(c.choices) if c.kind == "enum" else "Y, N"
        return [_Check("enum", c.name, unreadable, fields={"allowed": allowed})]
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


def _bounds(c: Column) -> list[_Check]:
    checks = []
    if c.minimum is not None or c.maximum is not None:
        value = pl.col(_v(c.name))
        below = value < c.minimum if c.minimum is not None else pl.lit(False)
        above = value > c.maximum if c.maximum is not None else pl.lit(False)
        checks.append(_Check("range", c.name, below | above, fields=range_text(c.minimum, c.maximum)))
    if c.max_len is not None:
        length = pl.col(c.name).str.len_chars()
        # A text has at least as many bytes as characters, and its byte length costs nothing to read.
        screen = (pl.col(c.name).str.len_bytes() > c.max_len).any()
        checks.append(
            _Check("max_len", c.name, length > c.max_len, detail=length, fields={"max_len": c.max_len}, screen=screen)
        )
    return checks


def _unique(c: Column) -> list[_Check]:
    if not c.unique:
        return []
    key = pl.col(_v(c.name))
    # Rows are in file order, so "not the first of its value" is "not the row with the smallest number";
    # the window that names that row is computed only when a file has a repeat.
    first = pl.col(ROW).min().over(key)
    # Equal texts have equal hashes: when the hashes are all distinct, so are the values.
    screen = key.hash().filter(key.is_not_null()).n_unique() < key.count()
    return [_Check("duplicate", c.name, key.is_not_null() & ~key.is_first_distinct(), detail=first, screen=screen)]


def _agency(c: Column, agency_code: str, known_agencies: set[str] | frozenset[str]) -> list[_Check]:
    code = pl.col(c.name)
    known = code.is_in(sorted(known_agencies))
    fields = {"agency": agency_code}
    return [
        _Check("unknown_agency", c.name, code.is_not_null() & ~known, fields=fields),
        _Check("agency_mismatch", c.name, known & (code != agency_code), fields=fields),
    ]


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _in_month(c: Column, period: dt.date) -> list[_Check]:
    value = pl.col(_v(c.name))
    end = _next_month(period)
    fields = {
        "month": f"{period:%Y-%m}",
        "first": f"{period:%Y-%m-%d}",
        "last": f"{end - dt.timedelta(days=1):%Y-%m-%d}",
    }
    if c.kind == "month":
        return [_Check("out_of_month", c.name, value != period, variant="month", fields=fields)]
    start, stop = (period, end) if c.kind == "date" else (_midnight(period), _midnight(end))
    return [_Check("out_of_month", c.name, (value < start) | (value >= stop), fields=fields)]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def _not_future(c: Column, now: dt.datetime) -> list[_Check]:
    return [_Check("future", c.name, pl.col(_v(c.name)) > now, fields={"now": f"{now:%Y-%m-%d %H:%M}"})]


# ------------------------------------------------------------------------------------- dataset rules


def _no_checks(dataset: Dataset, ctx: ValidationContext) -> list[_Check]:
    return []


def _complaint_checks(dataset: Dataset, ctx: ValidationContext) -> list[_Check]:
    received, resolved = pl.col(_v("received_at")), pl.col(_v("resolved_at"))
    status, complaint_type = pl.col(_v("status")), pl.col(_v("complaint_type"))
    no_default = sorted(set(dataset.column("complaint_type").choices) - set(ctx.default_deadline_days))
    has_resolved = pl.col("resolved_at").is_not_null()
    return [
        _Check("resolved_before_received", "resolved_at", resolved < received, detail=pl.col("received_at")),
        _Check("status_needs_resolved_at", "resolved_at", (status == "처리완료") & ~has_resolved),
        _Check("pending_has_resolved_at", "resolved_at", (status == "처리중") & has_resolved),
        _Check(
            "deadline_required",
            "deadline_days",
            complaint_type.is_in(no_default) & pl.col("deadline_days").is_null(),
            detail=complaint_type,
        ),
    ]


def _participation_checks(dataset: Dataset, ctx: ValidationContext) -> list[_Check]:
    received = pl.col(_v("proposals_received"))
    reviewed = pl.col(_v("proposals_reviewed"))
    adopted = pl.col(_v("proposals_adopted"))
    return [
        # Earlier months' backlog may be reviewed now: above this month's intake is only a warning.
        _Check(
            "reviewed_above_received",
            "proposals_reviewed",
            reviewed > received,
            severity="warning",
            detail=pl.col("proposals_received"),
        ),
        _Check(
            "adopted_above_reviewed",
            "proposals_adopted",
            adopted > reviewed,
            detail=pl.col("proposals_reviewed"),
        ),
    ]


def _reward_checks(dataset: Dataset, ctx: ValidationContext) -> list[_Check]:
    amount, recipients = pl.col(_v("amount_krw")), pl.col(_v("recipients"))
    cap = REWARD_CAP_PER_RECIPIENT_KRW
    # Compared in whole numbers (amount > cap × recipients) so that no rounding decides a payout.
    over = (recipients >= 1) & (amount > recipients * cap)
    per_recipient = pl.when(recipients >= 1).then(amount / recipients).round(0).cast(pl.Int64, strict=False)
    return [_Check("reward_cap", "amount_krw", over, detail=per_recipient, fields={"cap": f"{cap:,}"})]


def _kpi_checks(dataset: Dataset, ctx: ValidationContext) -> list[_Check]:
    code, value = pl.col(_v("kpi_code")), pl.col(_v("value"))
    known = sorted(ctx.kpi_ranges)
    checks = [
        _Check(
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
            _Check(
                "range",
                "value",
                (code == kpi) & (below | above),
                variant="kpi",
                detail=pl.lit(kpi),
                fields=range_text(lo, hi),
            )
        )
    return checks


_DATASET_CHECKS: dict[str, Callable[[Dataset, ValidationContext], list[_Check]]] = {
    "complaints": _complaint_checks,
    "participation": _participation_checks,
    "rewards": _reward_checks,
    "kpi_progress": _kpi_checks,
}


# ------------------------------------------------------------------------------------------ problems


def _collect(frame: pl.DataFrame, checks: list[_Check], dataset: Dataset) -> list[Problem]:
    """Count the rows breaking each rule in one pass; only for the rules that some row breaks, evaluate
    mask and detail over the whole frame again and write the flagged rows as Problems.

    Details are computed before filtering: a window such as "first row with this value" must see
    every row, not only the offending ones.
    """
    first = frame.select(_count_or_screen(c).alias(f"check{i}") for i, c in enumerate(checks)).row(0)
    hit_counts = [0 if c.screen is not None else n for c, n in zip(checks, first, strict=True)]
    passed = [i for i, c in enumerate(checks) if c.screen is not None and first[i]]
    if passed:
        counts = frame.select(_count(checks[i]).alias(f"check{i}") for i in passed).row(0)
        for i, n in zip(passed, counts, strict=True):
            hit_counts[i] = n
    broken = [i for i, n in enumerate(hit_counts) if n]
    if not broken:
        return []
    masks = [checks[i].mask.fill_null(False).alias(f"check{i}") for i in broken]
    details = [checks[i].detail.alias(f"detail{i}") for i in broken if checks[i].detail is not None]  # type: ignore[union-attr]
    evaluated = frame.with_columns(*masks, *details)
    problems: list[Problem] = []
    for i, check in enumerate(checks):
        if hit_counts[i]:
            detail = pl.col(f"detail{i}") if check.detail is not None else pl.lit(None)
            hits = evaluated.filter(pl.col(f"check{i}")).select(ROW, check.column, detail.alias("detail"))
            problems += _problems(hits, check, dataset)
    return problems


def _count(check: _Check) -> pl.Expr:
    return check.mask.fill_null(False).sum()


def _count_or_screen(check: _Check) -> pl.Expr:
    return check.screen if check.screen is not None else _count(check)


def _problems(hits: pl.DataFrame, check: _Check, dataset: Dataset) -> Iterator[Problem]:
    column = dataset.column(check.column)
    ko, en = check.templates
    for row, value, extra in hits.iter_rows():
        # Only the template is ours to format: braces in the user's value are left as they are.
        # The user's text is quoted cut short (etl.ingest.problems.shorten): a 400 MB cell must not fill the report.
        fields = {"h": column.header_ko, "n": column.name, "v": _quoted(value), "d": _quoted(extra), **check.fields}
        yield Problem(
            row, column.header_ko, value, check.rule, check.severity, ko.format(**fields), en.format(**fields)
        )


def _quoted(value: object) -> object:
    return shorten(value) if isinstance(value, str) else value


# ---------------------------------------------------------------------------------------- normalised


def _normalised(frame: pl.DataFrame, dataset: Dataset, ctx: ValidationContext) -> pl.DataFrame:
    schema = polars_schema(dataset.name)
    columns = []
    for c in dataset.columns:
        value = pl.col(_v(c.name))
        if c.kind == "yn":
            value = value.fill_null(False)
        if dataset.name == "complaints" and c.name == "deadline_days":
            # The contract's "default by type": stored filled, so every reader sees the same deadline.
            value = pl.coalesce([value, pl.lit(_default_deadlines(frame, ctx))])
        columns.append(value.cast(schema[c.name]).alias(c.name))  # type: ignore[arg-type]
    return frame.select(columns)


def _default_deadlines(frame: pl.DataFrame, ctx: ValidationContext) -> pl.Series:
    def by_type(kind: pl.Expr) -> pl.Expr:
        return kind.replace_strict(ctx.default_deadline_days, default=None, return_dtype=pl.Int64)

    return apply_by_distinct(frame.get_column(_v("complaint_type")), by_type)
