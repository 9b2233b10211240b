"""The bounds a submitted file must keep, read from the environment when asked (so tests and operators can
set them without a restart of anything but the process), and the refusals that name them.

Every bound is far above any real file (the largest agency sends a million rows of eight columns) and far
below what would hurt the server: a file beyond one is refused before it is parsed, with a message that
says what was found, the limit and how to fix it. See docs/security.md "Uploads".
"""

from __future__ import annotations

import os

from etl.ingest.problems import Problem, error

# name → (default, meaning); the README's configuration table lists the same names.
MAX_ROWS_ENV = "GOVDASH_MAX_ROWS"
MAX_COLUMNS_ENV = "GOVDASH_MAX_COLUMNS"
MAX_CELL_CHARS_ENV = "GOVDASH_MAX_CELL_CHARS"
XLSX_MAX_UNZIPPED_ENV = "GOVDASH_XLSX_MAX_UNZIPPED_MB"
XLSX_MAX_RATIO_ENV = "GOVDASH_XLSX_MAX_RATIO"
WORKER_MEMORY_ENV = "GOVDASH_WORKER_MEMORY_MB"
WORKER_SECONDS_ENV = "GOVDASH_WORKER_SECONDS"

DEFAULTS: dict[str, float] = {
    MAX_ROWS_ENV: 2_000_000,  # twice the largest month seen (1,000,000 complaints); Excel stops at 1,048,576
    MAX_COLUMNS_ENV: 256,  # a template has at most a dozen columns
    MAX_CELL_CHARS_ENV: 32_767,  # Excel's own limit for one cell
    XLSX_MAX_UNZIPPED_ENV: 1024,  # a workbook of a million rows unzips to about 400 MB
    XLSX_MAX_RATIO_ENV: 100,  # real sheets compress 5–20×; a bomb of repeated bytes about 1,000×
    WORKER_MEMORY_ENV: 4096,  # address space (not resident memory): polars reserves far more than it uses
    WORKER_SECONDS_ENV: 300,  # a million-row CSV takes seconds, a 100,000-row workbook about a minute
}


# The problems of a file stopped at the checking process's memory or time bound (etl/ingest/check_worker.py): nothing in
# the server's own process may read such a file again (the report's data sheet does not).
BOUND_RULES = frozenset({"worker_memory", "worker_time"})


def limit(name: str) -> int:
    """The bound `name` (one of DEFAULTS), from the environment or its default; a positive whole number."""
    raw = os.environ.get(name) or DEFAULTS[name]
    try:
        value = int(float(raw))
    except ValueError:
        value = 0
    if value <= 0:
        raise ValueError(
            f"설정 {name}={raw!r}은(는) 양의 정수여야 합니다 (setting {name}={raw!r} must be a positive whole number)"
        )
    return value


def too_many_rows(found: int, *, at_least: bool = False) -> Problem:
    cap = limit(MAX_ROWS_ENV)
    more = "이상" if at_least else ""
    more_en = "at least " if at_least else ""
    return error(
        "too_many_rows",
        f"행이 너무 많습니다({found:,}행{more}). 한 파일에 {cap:,}행까지 제출할 수 있습니다. 빈 행을 지우고, "
        "한 달·한 기관의 자료만 담았는지 확인하세요.",
        f"The file has too many rows ({more_en}{found:,}); at most {cap:,} rows are taken per file. Delete empty "
        f"rows and keep one agency's month in the file (the limit is {MAX_ROWS_ENV}).",
    )


def too_many_columns(found: int, *, row: int = 1, at_least: bool = False) -> Problem:
    cap = limit(MAX_COLUMNS_ENV)
    more = "이상" if at_least else ""
    more_en = "at least " if at_least else ""
    return error(
        "too_many_columns",
        f"{row}행의 열이 너무 많습니다({found:,}열{more}). {cap:,}열까지 읽습니다. 서식의 열만 남기고 "
        "나머지 열(멀리 떨어진 셀의 값이나 서식 포함)을 지우세요.",
        f"Row {row} has too many columns ({more_en}{found:,}); at most {cap:,} are read. Keep the template's "
        f"columns and delete the others, including stray values or formatting far to the right "
        f"(the limit is {MAX_COLUMNS_ENV}).",
        row=row,
    )


def cell_too_long(found: int, *, where_ko: str = "", where_en: str = "", row: int | None = None) -> Problem:
    cap = limit(MAX_CELL_CHARS_ENV)
    return error(
        "cell_too_long",
        f"{where_ko}값이 너무 깁니다({found:,}자). 한 칸에 {cap:,}자까지 넣을 수 있습니다. 긴 값을 줄이세요.",
        f"A value{where_en} is too long ({found:,} characters); a cell holds at most {cap:,}. Shorten it.",
        row=row,
    )
