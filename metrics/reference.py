"""Reference data (data/reference/): the agencies that report and the public holidays.

Both files are edited by hand by the secretariat, so they are checked row by row on load: a broken file stops
with ReferenceDataError naming the file, the row (as a spreadsheet shows it: the header is row 1) and the field.
"""

from __future__ import annotations

import csv
import hashlib
import re
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from metrics.settings import get_settings

AGENCY_FILE = "agencies.csv"
HOLIDAY_FILE = "holidays.csv"
AGENCY_COLUMNS = (
    "agency_code",
    "name_ko",
    "name_en",
    "agency_group",
    "kind",
    "provisional",
    "valid_from",
    "valid_to",
    "weight",
    "successor_code",
)
HOLIDAY_COLUMNS = ("date", "name_ko")
# The kinds of agency each group may hold (기초 is not reported yet, but is a known kind).
KINDS: dict[str, tuple[str, ...]] = {"central": ("부", "처", "청", "위원회"), "local": ("광역", "기초")}
_CODE = re.compile(r"^\d{7}$")

AGENCY_SCHEMA = {
    "agency_code": pl.String,
    "name_ko": pl.String,
    "name_en": pl.String,
    "agency_group": pl.String,
    "kind": pl.String,
    "provisional": pl.Boolean,
    "valid_from": pl.Date,
    "valid_to": pl.Date,
    "weight": pl.Float64,
    "successor_code": pl.String,  # the agency that takes over when this one ends (empty: none)
}
HOLIDAY_SCHEMA = {"date": pl.Date, "name_ko": pl.String}


class ReferenceDataError(ValueError):
    """A reference file that cannot be used; the message names the file, the row and the field."""


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, cells) for every non-blank row, after checking the header."""
    if not path.exists():
        raise ReferenceDataError(f"{path}: file is missing")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path}: not UTF-8 ({exc})") from None
    reader = csv.reader(text.splitlines())
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ReferenceDataError(f"{path}: row 1: field '{missing[0]}': column is missing from the header")
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise ReferenceDataError(f"{path}: row {number}: has {len(cells)} cells where the header has {len(header)}")
        rows.append((number, {h: c.strip() for h, c in zip(header, cells, strict=True)}))
    return rows


def _fail(path: Path, row: int, field: str, message: str) -> ReferenceDataError:
    return ReferenceDataError(f"{path}: row {row}: field '{field}': {message}")


def _date(path: Path, row: int, field: str, value: str, *, required: bool) -> date | None:
    if not value:
        if required:
            raise _fail(path, row, field, "is empty; write a date as YYYY-MM-DD")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(path, row, field, f"'{value}' is not a date; write it as YYYY-MM-DD") from None


def _agency(path: Path, row: int, cells: dict[str, str]) -> dict[str, object]:
    code = cells["agency_code"]
    if not _CODE.match(code):
        raise _fail(path, row, "agency_code", f"'{code}' is not a 7-digit agency code")
    for field in ("name_ko", "name_en"):
        if not cells[field]:
            raise _fail(path, row, field, "is empty")
    group, kind = cells["agency_group"], cells["kind"]
    if group not in KINDS:
        raise _fail(path, row, "agency_group", f"'{group}' is not one of {', '.join(KINDS)}")
    if kind not in KINDS[group]:
        raise _fail(path, row, "kind", f"'{kind}' is not one of {', '.join(KINDS[group])} (group {group})")
    if cells["provisional"] not in ("Y", "N"):
        raise _fail(path, row, "provisional", f"'{cells['provisional']}' is not Y or N")
    valid_from = _date(path, row, "valid_from", cells["valid_from"], required=False)
    valid_to = _date(path, row, "valid_to", cells["valid_to"], required=False)
    if valid_from and valid_to and valid_to < valid_from:
        raise _fail(path, row, "valid_to", f"{valid_to} is before valid_from {valid_from}")
    return {
        "agency_code": code,
        "name_ko": cells["name_ko"],
        "name_en": cells["name_en"],
        "agency_group": group,
        "kind": kind,
        "provisional": cells["provisional"] == "Y",
        "valid_from": valid_from,
        "valid_to": valid_to,
        "weight": _weight(path, row, cells["weight"]),
        "successor_code": _successor(path, row, code, cells["successor_code"], valid_to),
    }


def _successor(path: Path, row: int, code: str, value: str, valid_to: date | None) -> str | None:
    if not value:
        return None
    if not _CODE.match(value) or value == code:
        raise _fail(path, row, "successor_code", f"'{value}' is not another agency's 7-digit code")
    if valid_to is None:
        raise _fail(path, row, "successor_code", "an agency with a successor needs valid_to (the day it ends)")
    return value


def _weight(path: Path, row: int, value: str) -> float:
    if not value:
        return 1.0  # empty means "counts like every other agency"
    try:
        weight = float(value)
    except ValueError:
        weight = -1.0
    if not weight > 0:
        raise _fail(path, row, "weight", f"'{value}' is not a positive number (leave it empty for 1)")
    return weight


def load_agencies(directory: Path | None = None) -> pl.DataFrame:
    """The agencies file as a frame, one row per agency (codes are strings: they keep leading zeros)."""
    path = (directory or get_settings().reference_dir) / AGENCY_FILE
    records: list[dict[str, object]] = []
    seen: dict[object, int] = {}
    for row, cells in _read_rows(path, AGENCY_COLUMNS):
        record = _agency(path, row, cells)
        code = record["agency_code"]
        if code in seen:
            raise _fail(path, row, "agency_code", f"'{code}' already appears in row {seen[code]}")
        seen[code] = row
        records.append(record)
    for record in records:  # a successor must be in the file too: the refusal message names it
        successor = record["successor_code"]
        if successor is not None and successor not in seen:
            row = seen[record["agency_code"]]
            raise _fail(path, row, "successor_code", f"'{successor}' is not an agency of this file")
    return pl.DataFrame(records, schema=AGENCY_SCHEMA, orient="row")


def load_holidays(directory: Path | None = None) -> pl.DataFrame:
    """Public holidays (관공서의 공휴일), one row per date, sorted."""
    path = (directory or get_settings().reference_dir) / HOLIDAY_FILE
    records: list[dict[str, object]] = []
    seen: dict[object, int] = {}
    for row, cells in _read_rows(path, HOLIDAY_COLUMNS):
        day = _date(path, row, "date", cells["date"], required=True)
        if day in seen:
            raise _fail(path, row, "date", f"{day} already appears in row {seen[day]}; join the names in one row")
        if not cells["name_ko"]:
            raise _fail(path, row, "name_ko", "is empty")
        seen[day] = row
        records.append({"date": day, "name_ko": cells["name_ko"]})
    return pl.DataFrame(records, schema=HOLIDAY_SCHEMA, orient="row").sort("date")


def month_bounds(period: date) -> tuple[date, date]:
    """First and last day of the month that holds `period`."""
    first = period.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def agencies_active_in(df: pl.DataFrame, period: date) -> pl.DataFrame:
    """Agencies that exist on at least one day of the month holding `period` (so they owe that month's files)."""
    first, last = month_bounds(period)
    return df.filter(
        (pl.col("valid_from").is_null() | (pl.col("valid_from") <= last))
        & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= first))
    )


def reference_digest(agencies: pl.DataFrame, holidays: pl.DataFrame) -> str:
    """SHA-256 of the reference data a build used: the agencies and the effective holidays (the file with the
    administrator's changes applied, etl/governance/calendar.py). Written beside the catalog's digest in every snapshot
    and report, so two figures drawn with different calendars or agency lists can be told apart."""
    h = hashlib.sha256(b"agencies\n")
    h.update(agencies.sort("agency_code").write_csv().encode("utf-8"))
    h.update(b"holidays\n")
    h.update(holidays.select("date", "name_ko").sort("date").write_csv().encode("utf-8"))
    return h.hexdigest()
