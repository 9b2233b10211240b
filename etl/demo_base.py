"""The demo generator's shared parts: the file and style records, seeded randomness, the working calendar.

Split out of etl/demo_data.py (see its docstring for what the generator promises); nothing here draws a number
except through `_rng`, so every draw stays a pure function of the seed and a stable key.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from metrics.catalog import Catalog

NATIONAL_COMPLAINTS_PER_MONTH = 1_200_000
# Relative complaint volume by calendar month (mean 1): busier at the start of the year and of terms.
SEASON = (1.10, 0.95, 1.12, 1.02, 0.98, 0.97, 1.00, 0.86, 1.08, 1.00, 1.02, 0.90)
# Share of the national complaint volume of the agencies that handle the most (국민신문고 is very skewed);
# the rest is spread over the other agencies by kind, with a stable random factor per agency.
COMPLAINT_SHARES = {
    "1140100": 0.100,
    "1320000": 0.085,
    "6110000": 0.085,
    "6410000": 0.085,
    "1613000": 0.060,
    "1210000": 0.035,
    "1492000": 0.035,
    "1352000": 0.030,
    "6260000": 0.030,
    "6280000": 0.022,
    "6480000": 0.022,
    "6470000": 0.020,
    "6270000": 0.018,
    "1741000": 0.018,
    "1342000": 0.016,
    "1270000": 0.015,
}
KIND_VOLUME = {"부": 1.0, "처": 0.6, "청": 0.8, "위원회": 0.35, "광역": 1.2, "기초": 0.4}
FIXED_TIMESTAMP = datetime(2026, 1, 1, 9, 0)  # written into XLSX properties so the bytes never change


@dataclass(frozen=True)
class DemoFile:
    dataset: str
    agency_code: str
    period: date  # first day of the 기준월
    filename: str
    content: bytes  # exactly what the agency uploads
    submitted_at: datetime  # naive Korea time
    rows: int = 0  # data rows in the file (not counting the header)


@dataclass(frozen=True)
class Style:
    """How one agency writes its files; stable across months, as an office keeps its habits."""

    xlsx: bool = False
    encoding: str = "utf-8-sig"  # utf-8-sig | utf-8 | cp949
    english: bool = False  # English column names instead of Korean headers
    date_style: str = "iso"  # iso 2026-03-02 | slash | dots 2026.03.02 | gongmun 2026. 3. 2. | compact 20260302
    month_style: str = "iso"  # iso 2026-03 | compact 202603 | dots 2026.03 | korean 2026년 3월
    seconds: bool = True
    thousands: bool = False  # 1,234,567
    percent_sign: bool = False  # 95.3% for percentages
    newline: str = "\r\n"
    empty: str = ""  # or "-" for "no value"
    shuffle_columns: bool = False
    omit_optional: bool = False  # leaves out optional columns it has nothing for
    fill_deadlines: bool = False  # writes 처리기한일수 on every complaint, not only where required
    padded_header: bool = False  # " 민원번호 " (headers are trimmed by the reader)
    trailing_blank: bool = False  # one empty line at the end
    id_style: int = 0
    filename_style: int = 0


@dataclass(frozen=True)
class _Agency:
    code: str
    name_ko: str
    group: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    complaint_share: float
    participation_share: float
    style: Style

    def active_in(self, month: date) -> bool:
        last = _next_month(month) - timedelta(days=1)
        return (self.valid_from is None or self.valid_from <= last) and (
            self.valid_to is None or self.valid_to >= month
        )


@dataclass
class _Context:
    catalog: Catalog
    seed: int
    scale: float
    today: datetime
    agencies: list[_Agency]
    calendar: _WorkCalendar
    late: dict[str, set[date]] = field(default_factory=dict)  # agency → months submitted after the due day
    missing: dict[tuple[str, date], set[str]] = field(default_factory=dict)  # (agency, month) → datasets
    traits: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)  # KPI → reporter traits
    national_outreach: bool = True  # 찾아가는민원 rows at the national volume whatever the scale


@dataclass(frozen=True)
class _Planned:
    dataset: str
    agency: _Agency
    period: date
    submitted_at: datetime


# ----------------------------------------------------------------------------------------------- randomness


def _key(*parts: object) -> int:
    return zlib.crc32(":".join(str(p) for p in parts).encode())


def _rng(seed: int, *parts: object) -> np.random.Generator:
    """A generator for one purpose; the same seed and parts always give the same draws."""
    return np.random.default_rng([seed & 0xFFFFFFFF, seed >> 32, _key(*parts)])


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _add_months(month: date, k: int) -> date:
    index = _ordinal(month) + k
    return date(index // 12, index % 12 + 1, 1)


def _months(first: date, last: date) -> list[date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = _next_month(month)
    return months


def _ordinal(month: date) -> int:
    return month.year * 12 + month.month - 1


def _curve(points: tuple[tuple[int, float], ...], month: date) -> float:
    """Linear interpolation over (yyyymm, value) points, held flat outside them."""
    x = _ordinal(month)
    xs = [(p // 100) * 12 + p % 100 - 1 for p, _ in points]
    return float(np.interp(x, xs, [v for _, v in points]))


def _progress_2026(month: date) -> float:
    """0 in the baseline year; in 2026 from 0.55 (January) to 1 (October): how far reforms have bitten."""
    if month.year < 2026:
        return 0.0
    return min(1.0, 0.55 + 0.05 * (month.month - 1))


# ------------------------------------------------------------------------------------------ working calendar


class _WorkCalendar:
    """Working days and hours (settings.yaml `complaints`), vectorised for legal deadlines of many complaints."""

    def __init__(self, holidays: Iterable[date], windows: list[tuple[int, int]], start: date, end: date):
        self.day0 = np.datetime64(start, "D")
        days = self.day0 + np.arange((end - start).days + 1)
        weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
        holiday_days = np.array(sorted(holidays), dtype="datetime64[D]")
        self.working = ((weekday < 5) & ~np.isin(days, holiday_days)).astype(np.int64)
        self.windows = windows
        self.day_minutes = sum(e - s for s, e in windows)
        self.minutes_before = np.cumsum(self.working * self.day_minutes) - self.working * self.day_minutes
        self.days_through = np.cumsum(self.working)
        self._holidays = set(holiday_days.tolist())

    def is_working(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def _offset(self, minute_of_day: np.ndarray) -> np.ndarray:
        return sum(np.clip(minute_of_day - s, 0, e - s) for s, e in self.windows)

    def _time_of(self, rest: np.ndarray) -> np.ndarray:
        """Minute of the day at which `rest` (1..day_minutes) working minutes of a day have passed."""
        out, before = np.zeros_like(rest), 0
        for s, e in self.windows:
            out = np.where((rest > before) & (rest <= before + e - s), s + rest - before, out)
            before += e - s
        return out

    def deadlines(self, received: np.ndarray, days: np.ndarray, hour_max: int, immediate_min: int) -> np.ndarray:
        """Legal deadline of each complaint (datetime64[m]): short ones in working hours, long ones in
        working days with the day of receipt counted. The figures come from sql/staging/stg_complaints.sql;
        this copy only places demo resolution times, and ends a long deadline at the close of business
        rather than at midnight, so a row made on time here is on time there."""
        minute = received.astype("datetime64[m]")
        day = minute.astype("datetime64[D]")
        index = (day - self.day0).astype(np.int64)
        of_day = (minute - day).astype(np.int64)
        # Hour-based: position on a line of working minutes, plus the allowance, back to a clock time.
        position = self.minutes_before[index] + self.working[index] * self._offset(of_day)
        target = position + np.where(days == 0, immediate_min, days * self.day_minutes)
        on_day = np.searchsorted(self.minutes_before, target, side="left") - 1
        by_hours = (self.day0 + on_day.astype("timedelta64[D]")).astype("datetime64[m]") + self._time_of(
            target - self.minutes_before[on_day]
        ).astype("timedelta64[m]")
        # Day-based: the end of the n-th working day, the day of receipt being the first when it is one.
        nth = np.searchsorted(self.days_through, self.days_through[index] - self.working[index] + days, "left")
        by_days = (self.day0 + nth.astype("timedelta64[D]")).astype("datetime64[m]") + np.timedelta64(
            self.windows[-1][1], "m"
        )
        return np.where(days <= hour_max, by_hours, by_days)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


# A dataset builder's output: the file's columns by contract name (etl/demo_tables.py, etl/demo_kpis.py).
Table = dict[str, list]
