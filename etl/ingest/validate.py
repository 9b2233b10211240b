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
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import polars as pl

from etl.ingest.check_rules import (
    DATASET_CHECKS,
    Check,
    ValidationContext,
    column_checks,
    no_checks,
    value_of,
)
from etl.ingest.contracts import DATASETS, Column, Dataset, polars_schema
from etl.ingest.parse_cells import NO_VALUE, PARSERS
from etl.ingest.per_distinct import apply_by_distinct
from etl.ingest.problems import Problem, ValidationResult, error, shorten
from etl.ingest.read_grid import ROW
from etl.ingest.read_table import read_table


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
    parsers = {c.name: (value_of(c.name), parse) for c in dataset.columns if (parse := _parser(c)) is not None}
    raw, problems = read_table(content, filename, dataset_name, values=parsers)
    if raw is None:
        return ValidationResult(None, _ordered(problems, dataset), 0)
    if raw.height == 0:
        return _empty(dataset, problems)
    frame = _with_values(raw, dataset)
    context = ctx()
    checks = [
        *column_checks(dataset, agency_code, period, context),
        *DATASET_CHECKS.get(dataset.name, no_checks)(dataset, context),
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


@dataclass(frozen=True)
class _CanonicalChoice:
    """A choice column's text → its value, the choice as the contract spells it (null for anything else).

    `kept`: the texts that both this and trimming leave as they are (read_table skips both steps for a
    column holding only these and empty cells, as most files' columns do)."""

    choices: tuple[str, ...]

    def __call__(self, text: pl.Expr) -> pl.Expr:
        # "찾아가는 민원" is 찾아가는민원: a space inside a choice is a typing habit, not another value.
        squeezed = text.str.replace_all(r"\s+", "")
        return pl.when(squeezed.is_in(self.choices)).then(squeezed)

    @property
    def kept(self) -> tuple[str, ...]:
        return tuple(c for c in self.choices if c not in NO_VALUE and not re.search(r"\s", c))


def _canonical_choice(column: Column) -> Callable[[pl.Expr], pl.Expr]:
    return _CanonicalChoice(tuple(column.choices))


def _with_values(raw: pl.DataFrame, dataset: Dataset) -> pl.DataFrame:
    # The parsed columns came with the text (read_table's `values`); the others are their own value.
    return raw.with_columns(
        pl.col(c.name).alias(value_of(c.name)) for c in dataset.columns if value_of(c.name) not in raw.columns
    )


def _parser(c: Column) -> Callable[[pl.Expr], pl.Expr] | None:
    if c.kind in PARSERS:
        return PARSERS[c.kind]
    if c.kind == "enum":
        return _canonical_choice(c)
    return None


# -------------------------------------------------------------------------------------- column checks


# ------------------------------------------------------------------------------------- dataset rules


# ------------------------------------------------------------------------------------------ problems


def _collect(frame: pl.DataFrame, checks: list[Check], dataset: Dataset) -> list[Problem]:
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


def _count(check: Check) -> pl.Expr:
    return check.mask.fill_null(False).sum()


def _count_or_screen(check: Check) -> pl.Expr:
    return check.screen if check.screen is not None else _count(check)


def _problems(hits: pl.DataFrame, check: Check, dataset: Dataset) -> Iterator[Problem]:
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
        value = pl.col(value_of(c.name))
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

    return apply_by_distinct(frame.get_column(value_of("complaint_type")), by_type)
