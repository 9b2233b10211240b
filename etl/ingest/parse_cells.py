"""Text cells to typed values, as polars expressions over a whole column at once.

Each parser takes an expression of strings and returns the typed value, or null where the text cannot be
read (or is empty or "-", which mean "no value"). The validator compares "had text" with "parsed to null"
to report the row; nothing here raises on bad input, so a 300,000-row file is parsed in one pass.

Accepted forms (what agencies' spreadsheets produce, see shared/domain/datasets.md):
- date: 2026-03-02, 20260302, 2026/03/02, 2026.03.02, 2026. 3. 2. (공문서 style, final dot optional)
- date-time: a date, then a space or "T", then HH:MM or HH:MM:SS (fractions of a second are dropped);
  naive Korea time, returned as naive Datetime("us")
- month: 2026-03, 202603, 2026.03, 2026. 3., 2026/03, 2026년 3월; also the first day of the month as a
  date (2026-03-01), because Excel turns a typed "2026-03" into that date
- whole number: 1234, 1,234, +12, -3, 12.0 (a zero fraction is still whole); 1.5 is refused
- number: as a whole number plus decimals (.5, 3.25) and a trailing % (85.5% reads as 85.5)
- yes/no: Y or N (any case); TRUE/FALSE too, which is how Excel writes a boolean cell
"""

from __future__ import annotations

import polars as pl

NO_VALUE = ("", "-")  # cells meaning "no value"

_Y = r"(\d{4})"
_M = r"(\d{1,2})"
_D = r"(\d{1,2})"
# One alternative per accepted date form (year, month, day).
_DATE_FORMS = (
    rf"{_Y}-{_M}-{_D}",
    r"(\d{4})(\d{2})(\d{2})",
    rf"{_Y}/{_M}/{_D}",
    rf"{_Y}\.\s*{_M}\.\s*{_D}\.?",
)
_TIME = r"(?:\s+|T)(\d{1,2}):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?"
# One alternative per accepted month form (year, month).
_MONTH_FORMS = (
    rf"{_Y}-{_M}",
    r"(\d{4})(\d{2})",
    rf"{_Y}\.\s*{_M}\.?",
    rf"{_Y}/{_M}",
    rf"{_Y}\s*년\s*{_M}\s*월",
)
_WHOLE = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)"
_WHOLE_RE = rf"^{_WHOLE}(?:\.0+)?$"
_NUMBER_RE = rf"^(?:{_WHOLE}(?:\.\d+)?|[+-]?\.\d+)(?:\s*%)?$"
_YES = ("Y", "TRUE")
_NO = ("N", "FALSE")


def clean(expr: pl.Expr) -> pl.Expr:
    """Trimmed text, with empty cells and "-" turned to null."""
    return _no_value_to_null(expr.cast(pl.String).str.strip_chars())


def clean_columns(frame: pl.DataFrame, names: list[str]) -> pl.DataFrame:
    """clean() over whole columns of a frame, trimming each cell once.

    As one expression the trimmed text is used three times, and polars' eager engine trims it three
    times; over a million rows that triples the cost of the whole step.
    """
    trimmed = frame.with_columns(pl.col(n).cast(pl.String).str.strip_chars() for n in names)
    return trimmed.with_columns(_no_value_to_null(pl.col(n)).alias(n) for n in names)


def _no_value_to_null(text: pl.Expr) -> pl.Expr:
    # Two comparisons rather than is_in(NO_VALUE): the same test, several times faster on a long column.
    return pl.when((text.str.len_bytes() == 0) | (text == "-")).then(None).otherwise(text)


def _alternatives(forms: tuple[str, ...], suffix: str = "") -> str:
    return "^(?:" + "|".join(f"(?:{f}{suffix})" for f in forms) + ")$"


_DATE_RE = _alternatives(_DATE_FORMS)
_DATETIME_RE = _alternatives(_DATE_FORMS, _TIME)
_MONTH_RE = _alternatives(_MONTH_FORMS)


def _spaced_digits(text: pl.Expr, compact: str, keep: str = "") -> pl.Expr:
    """'2026. 3. 2.' → '2026 3 2', '20260302' → '2026 03 02': digit groups separated by one space.

    Only applied to text the form regex accepted, so the separators need no further checking. A regex
    with one capture group per form would be slower: polars evaluates such a struct once per field.
    """
    split = text.str.replace(compact, "$1 $2 $3")
    return split.str.replace_all(rf"[^\d{keep}]+", " ").str.strip_chars()


def parse_date(expr: pl.Expr) -> pl.Expr:
    """Date from any accepted form; null when unreadable or not a calendar date (2026-02-30)."""
    text = clean(expr)
    spaced = _spaced_digits(text, r"^(\d{4})(\d{2})(\d{2})$")
    return pl.when(text.str.contains(_DATE_RE)).then(spaced).str.to_date("%Y %m %d", strict=False)


def parse_datetime(expr: pl.Expr) -> pl.Expr:
    """Naive Datetime("us") (Korea time) from a date followed by HH:MM or HH:MM:SS; null otherwise."""
    text = clean(expr)
    # Fractions of a second go first, so that their dot is not read as a date separator.
    whole_seconds = text.str.replace(r"(:\d\d)\.\d+$", "$1")
    spaced = _spaced_digits(whole_seconds, r"^(\d{4})(\d{2})(\d{2})", keep=":")
    readable = pl.when(text.str.contains(_DATETIME_RE)).then(spaced)
    return pl.coalesce(
        [
            readable.str.to_datetime("%Y %m %d %H:%M:%S", time_unit="us", strict=False),
            readable.str.to_datetime("%Y %m %d %H:%M", time_unit="us", strict=False),
        ]
    )


# The fixed-width forms nearly every file's times are written in (the form regex, then the strptime format).
_PLAIN_DATETIME_FORMS = (
    (r"^\d{4}-\d{2}-\d{2} \d{2}:[0-5]\d:[0-5]\d$", "%Y-%m-%d %H:%M:%S"),
    (r"^\d{4}/\d{2}/\d{2} \d{2}:[0-5]\d:[0-5]\d$", "%Y/%m/%d %H:%M:%S"),
    (r"^\d{4}-\d{2}-\d{2} \d{2}:[0-5]\d$", "%Y-%m-%d %H:%M"),
    (r"^\d{4}/\d{2}/\d{2} \d{2}:[0-5]\d$", "%Y/%m/%d %H:%M"),
)


def parse_plain_datetimes(text: pl.Series) -> pl.Series | None:
    """parse_datetime over a column of cleaned text (clean()) whose every cell is written in one of the plain
    forms above, as one strptime over the whole column; None when some cell is not (parse_datetime then reads it).

    The same values as parse_datetime: a plain cell is one that its form regex accepts, and both read the same
    digits into the same fields, null where they make no date or time (2026/02/30, 24:00). Times to the second
    are mostly distinct, so reading them once per distinct text saves nothing and costs a hash per row."""
    first = text.drop_nulls().head(1)
    for pattern, form in _PLAIN_DATETIME_FORMS:
        if first.len() and first.str.contains(pattern).all() and text.str.contains(pattern).all():
            return text.str.to_datetime(form, time_unit="us", strict=False)
    return None


def parse_month(expr: pl.Expr) -> pl.Expr:
    """The first of the month (Date) from any accepted month form, or a date on the 1st; else null."""
    text = clean(expr)
    spaced = _spaced_digits(text, r"^(\d{4})(\d{2})()$")
    month = pl.when(text.str.contains(_MONTH_RE)).then(spaced + " 1").str.to_date("%Y %m %d", strict=False)
    as_date = parse_date(text)
    first_of_month = pl.when(as_date.dt.day() == 1).then(as_date)
    return pl.coalesce([month, first_of_month])


def parse_int(expr: pl.Expr) -> pl.Expr:
    """Int64 from a whole number (thousands separators allowed, 12.0 is whole); null for 1.5 or text."""
    text = clean(expr)
    digits = text.str.replace_all(",", "", literal=True).str.replace(r"\.0+$", "")
    return pl.when(text.str.contains(_WHOLE_RE)).then(digits).cast(pl.Int64, strict=False)


def parse_number(expr: pl.Expr) -> pl.Expr:
    """Float64 from a number with optional thousands separators, decimals and trailing %; null otherwise."""
    text = clean(expr)
    digits = text.str.replace_all(r"[,%\s]", "")
    return pl.when(text.str.contains(_NUMBER_RE)).then(digits).cast(pl.Float64, strict=False)


def parse_yn(expr: pl.Expr) -> pl.Expr:
    """Boolean from Y/N (any case, or TRUE/FALSE); null when empty or anything else."""
    text = clean(expr).str.to_uppercase()
    return pl.when(text.is_in(_YES)).then(True).when(text.is_in(_NO)).then(False).otherwise(None)


PARSERS = {
    "datetime": parse_datetime,
    "date": parse_date,
    "month": parse_month,
    "int": parse_int,
    "number": parse_number,
    "yn": parse_yn,
}
