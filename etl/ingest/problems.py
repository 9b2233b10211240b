"""What the validation report says about a file: one Problem per finding, in Korean and English.

A Problem names the row as the user sees it in a spreadsheet (the header is row 1, the first data row is
row 2), the column by its Korean header, the raw text that was found, a short stable rule code that screens
and tests can rely on, and messages that say what was found and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Literal

import polars as pl

Severity = Literal["error", "warning"]

# Values are shown, not stored: a 10,000-character cell must not flood the report.
MAX_VALUE_CHARS = 100
# The longest message written is about 400 characters with two quoted values.
MAX_MESSAGE_CHARS = 1000


def shorten(value: str | None, limit: int = MAX_VALUE_CHARS) -> str | None:
    """The value cut to `limit` characters, the last one an ellipsis when something was cut."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    row: int | None  # spreadsheet row (header = 1); None for the file or a whole column
    column: str | None  # Korean header; None for the file as a whole
    value: str | None  # the raw text found, at most MAX_VALUE_CHARS characters
    rule: str  # stable code: "required", "enum", "date_format", "duplicate", ...
    severity: Severity
    message_ko: str
    message_en: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", shorten(self.value))
        # A backstop: every message quotes the user's text already cut short (MAX_VALUE_CHARS), so only a
        # message built without doing so is cut here, and its advice may be lost with its end.
        object.__setattr__(self, "message_ko", shorten(self.message_ko, MAX_MESSAGE_CHARS))
        object.__setattr__(self, "message_en", shorten(self.message_en, MAX_MESSAGE_CHARS))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str = "ko") -> str:
        return self.message_en if lang == "en" else self.message_ko

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "rule": self.rule,
            "severity": self.severity,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
        }


def problem(
    severity: Severity,
    rule: str,
    message_ko: str,
    message_en: str,
    *,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> Problem:
    return Problem(row, column, value, rule, severity, message_ko, message_en)


# error(rule, message_ko, message_en, row=…, column=…, value=…), and warning the same way
error = partial(problem, "error")
warning = partial(problem, "warning")


_PROBLEM_SCHEMA = {
    "row": pl.Int64,
    "column": pl.String,
    "value": pl.String,
    "rule": pl.String,
    "severity": pl.String,
    "message_ko": pl.String,
    "message_en": pl.String,
}


@dataclass
class ValidationResult:
    """The outcome of validating one file. `frame` is set only when there is no error."""

    frame: pl.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    row_count: int = 0  # data rows read (rows whose cells are all empty are not counted)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def problems_frame(self) -> pl.DataFrame:
        """Every problem as a table, for display, filtering and download."""
        return pl.DataFrame([p.as_dict() for p in self.problems], schema=_PROBLEM_SCHEMA, orient="row")

    def counts_by_rule(self) -> dict[str, int]:
        """How many problems each rule found: a summary for when the list is trimmed for display."""
        counts: dict[str, int] = {}
        for p in self.problems:
            counts[p.rule] = counts.get(p.rule, 0) + 1
        return counts
