"""Demo submissions: the files agencies would upload, month by month, for a believable dashboard.

`generate` yields one `DemoFile` at a time (the exact bytes an agency uploads and when it uploaded them), so the
national volume (`scale=1.0`, about 1.2 million complaints a month) streams without being held in memory.

Everything is a pure function of the arguments: every random draw comes from a generator seeded by the seed and
a stable key (zlib.crc32 of "dataset:agency:month" and the like, never Python's salted `hash()`), so the same
arguments give byte-identical files, and one agency's files do not change when other agencies are filtered out.

What scales with `scale`: complaint rows (except 찾아가는민원, always at the national volume) and meeting rows
(meetings keep a floor of a few per file). Participation counts, rewards and kpi_progress are facts of the
programme (a payout round, a reported rate) and do not.
The formats vary the way real submissions do (see FORMAT in datasets.md): UTF-8 with BOM, CP949, plain UTF-8
with English headers, XLSX; several date and month spellings; thousands separators; CRLF or LF.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import numpy as np
import polars as pl

from etl.contracts import DATASET_NAMES, DATASETS, REWARD_CAP_PER_RECIPIENT_KRW, Dataset
from metrics.catalog import Catalog, Kpi

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


# ------------------------------------------------------------------------------------------------ preparation


def _styles(codes: list[str], seed: int) -> dict[str, Style]:
    """Formats by rank, so that every run over the full list holds XLSX, CP949 and English-header agencies."""
    ranked = sorted(codes, key=lambda c: (_key(seed, "style", c), c))
    styles = {}
    for position, code in enumerate(ranked):
        rng = _rng(seed, "style", code)
        styles[code] = Style(
            xlsx=position < 3,
            encoding="cp949" if 3 <= position < 10 else "utf-8" if 10 <= position < 15 else "utf-8-sig",
            english=10 <= position < 15 or position == 1,
            date_style=str(rng.choice(["iso", "slash", "dots", "gongmun", "compact"], p=[0.6, 0.1, 0.08, 0.14, 0.08])),
            month_style=str(rng.choice(["iso", "compact", "dots", "korean"], p=[0.6, 0.15, 0.1, 0.15])),
            seconds=bool(rng.random() < 0.6),
            thousands=bool(rng.random() < 0.3),
            percent_sign=bool(rng.random() < 0.25),
            newline="\n" if rng.random() < 0.2 else "\r\n",
            empty="-" if rng.random() < 0.15 else "",
            shuffle_columns=bool(rng.random() < 0.1),
            omit_optional=bool(rng.random() < 0.2),
            fill_deadlines=bool(rng.random() < 0.4),
            padded_header=position == 15,
            trailing_blank=position in (16, 17),
            id_style=int(rng.integers(0, 3)),
            filename_style=int(rng.integers(0, 3)),
        )
    return styles


def _successors(rows: list[dict]) -> dict[str, list[str]]:
    """Agencies that start the day after others of their group end (a merger) → those predecessors."""
    out: dict[str, list[str]] = {}
    for row in rows:
        if row["valid_from"] is None:
            continue
        day_before = row["valid_from"] - timedelta(days=1)
        out[row["agency_code"]] = [
            r["agency_code"] for r in rows if r["valid_to"] == day_before and r["agency_group"] == row["agency_group"]
        ]
    return out


def _shares(rows: list[dict], seed: int) -> tuple[dict[str, float], dict[str, float]]:
    """Complaint and participation shares of the national volume; a merged agency inherits its predecessors'."""
    successors = _successors(rows)
    base = [r for r in rows if not successors.get(r["agency_code"])]
    explicit = {
        r["agency_code"]: COMPLAINT_SHARES[r["agency_code"]] for r in base if r["agency_code"] in COMPLAINT_SHARES
    }
    factor = {
        r["agency_code"]: KIND_VOLUME.get(r["kind"], 1.0)
        * float(_rng(seed, "size", r["agency_code"]).lognormal(0, 0.6))
        for r in base
        if r["agency_code"] not in explicit
    }
    rest = max(0.0, 1.0 - sum(explicit.values()))
    complaints = dict(explicit)
    complaints.update({c: rest * f / sum(factor.values()) for c, f in factor.items()})
    flat = {c: s**0.6 for c, s in complaints.items()}  # participation is less concentrated than complaints
    participation = {c: s / sum(flat.values()) for c, s in flat.items()}
    for code, before in successors.items():
        if before:
            complaints[code] = sum(complaints[c] for c in before)
            participation[code] = sum(participation[c] for c in before)
        else:
            complaints[code] = participation[code] = float(np.mean(list(complaints.values())))
    return complaints, participation


def _agencies(agencies: pl.DataFrame, seed: int) -> list[_Agency]:
    rows = sorted(agencies.iter_rows(named=True), key=lambda r: r["agency_code"])
    complaints, participation = _shares(rows, seed)
    styles = _styles([r["agency_code"] for r in rows], seed)
    return [
        _Agency(
            code=r["agency_code"],
            name_ko=r["name_ko"],
            group=r["agency_group"],
            kind=r["kind"],
            valid_from=r["valid_from"],
            valid_to=r["valid_to"],
            complaint_share=complaints[r["agency_code"]],
            participation_share=participation[r["agency_code"]],
            style=styles[r["agency_code"]],
        )
        for r in rows
    ]


def _story(ctx: _Context) -> None:
    """Late and missing submissions in the three months before `today`'s: what a secretariat chases in November.
    Anchored to `today`, not to the months asked for, so a month's files do not depend on the range generated."""
    current = ctx.today.date().replace(day=1)
    story_months = [_add_months(current, -k) for k in (3, 2, 1)]
    explicit_reporters = {c for k in ctx.catalog.kpis if isinstance(k.reporters, list) for c in k.reporters}
    eligible = sorted(
        (a for a in ctx.agencies if all(a.active_in(m) for m in story_months) and a.code not in explicit_reporters),
        key=lambda a: (_key(ctx.seed, "story", a.code), a.code),
    )
    for agency, late_months in zip(eligible[:3], (story_months, story_months[-2:], story_months[-1:]), strict=False):
        ctx.late[agency.code] = set(late_months)
    gaps = (set(DATASET_NAMES), {"complaints", "meetings"}, {"kpi_progress"})
    for agency, datasets in zip(eligible[3:6], gaps, strict=False):
        ctx.missing[(agency.code, story_months[-1])] = datasets


def _context(catalog, agencies, holidays, seed, scale, today, months) -> _Context:
    rules = catalog.settings.complaints
    windows = [(_minutes(s), _minutes(e)) for s, e in rules.working_day]
    if holidays is None:
        from metrics.reference import load_holidays

        holidays = load_holidays()["date"].to_list()
    calendar = _WorkCalendar(holidays, windows, months[0] - timedelta(days=7), months[-1] + timedelta(days=500))
    ctx = _Context(catalog, seed, scale, today, _agencies(agencies, seed), calendar)
    _story(ctx)
    return ctx


# ------------------------------------------------------------------------------------------------- the plan


def _submission_times(ctx: _Context, agency: _Agency, month: date) -> dict[str, datetime]:
    """When each of the month's files was uploaded: one sitting on a working day of the following month,
    between the 2nd and the 10th (the due day), or between the 12th and the 20th for a late agency."""
    rng = _rng(ctx.seed, "submit", agency.code, month)
    following = _next_month(month)
    low, high = (12, 20) if month in ctx.late.get(agency.code, ()) else (2, 10)
    days = [following.replace(day=d) for d in range(low, high + 1)]
    days = [d for d in days if ctx.calendar.is_working(d)] or days
    start = datetime.combine(days[int(rng.integers(len(days)))], time(9)) + timedelta(minutes=int(rng.integers(480)))
    return {
        name: start + timedelta(minutes=6 * i + int(rng.integers(0, 5)), seconds=int(rng.integers(60)))
        for i, name in enumerate(DATASET_NAMES)
    }


def _plan(ctx: _Context, months: list[date], agency_codes: list[str] | None) -> Iterator[_Planned]:
    """Every file owed and uploaded by `today`, in upload order."""
    wanted = set(agency_codes) if agency_codes is not None else None
    for month in months:
        batch = []
        for agency in ctx.agencies:
            if (wanted is not None and agency.code not in wanted) or not agency.active_in(month):
                continue
            skipped = ctx.missing.get((agency.code, month), set())
            for name, at in _submission_times(ctx, agency, month).items():
                if name not in skipped and at <= ctx.today:
                    batch.append(_Planned(name, agency, month, at))
        yield from sorted(batch, key=lambda p: (p.submitted_at, p.agency.code, p.dataset))


# ------------------------------------------------------------------------------------------------ datasets
# Each builder returns the file's columns by contract name (typed Python values, None for "no value");
# columns starting with "_" are hints for the writer and are not written.

Table = dict[str, list]


def _month_days(month: date) -> np.ndarray:
    return np.arange(np.datetime64(month, "D"), np.datetime64(_next_month(month), "D"))


def _working_days(ctx: _Context, month: date) -> np.ndarray:
    days = _month_days(month)
    return days[ctx.calendar.working[(days - ctx.calendar.day0).astype(np.int64)] == 1]


# Hourly weights of online filing (people write in the evening too); counter channels keep office hours.
_ONLINE_HOURS = np.array(
    [
        0.3,
        0.2,
        0.15,
        0.1,
        0.1,
        0.2,
        0.5,
        1,
        1.8,
        2.6,
        2.8,
        2.5,
        1.8,
        2.4,
        2.6,
        2.5,
        2.3,
        2,
        1.5,
        1.3,
        1.2,
        1.1,
        0.9,
        0.6,
    ]
)
_TYPES = ("고충", "건의", "질의", "법정", "기타")
_TYPE_P = (0.32, 0.18, 0.23, 0.17, 0.10)
# Share of the allowed time used (Beta a, b) by type: 질의 answered fast, 건의 slowest.
_TYPE_SPEED = {
    "고충": (2.6, 1.9),
    "건의": (2.2, 2.0),
    "질의": (1.8, 2.2),
    "법정": (2.4, 1.9),
    "기타": (2.0, 2.5),
}
_STATUTORY_DAYS = np.array([1, 3, 5, 7, 10, 14, 20, 30])
_STATUTORY_P = np.array([0.08, 0.15, 0.12, 0.15, 0.16, 0.14, 0.12, 0.08])


def _complaint_count(ctx: _Context, agency: _Agency, month: date, rng: np.random.Generator) -> int:
    trend = 1.0 if month.year <= 2025 else 0.98
    mean = NATIONAL_COMPLAINTS_PER_MONTH * ctx.scale * agency.complaint_share * SEASON[month.month - 1] * trend
    return max(5, int(round(mean * rng.lognormal(0, 0.05))))


def _outreach_rate(agency: _Agency, month: date) -> float:
    """찾아가는민원: mostly local governments, about 1 % nationally in 2025, rising through 2026."""
    base = 0.021 if agency.group == "local" else 0.003
    return base * (1.0 if month.year <= 2025 else 1.15 + 0.05 * (month.month - 1))


def _channels(ctx: _Context, agency: _Agency, month: date, rng: np.random.Generator) -> np.ndarray:
    """Channel of each complaint. 찾아가는민원 rows come at the national volume whatever the scale: S2-T1-K1
    counts them against a national target, and they are a small share, so the sample keeps them all."""
    sampled = _complaint_count(ctx, agency, month, rng)
    outreach = _outreach_rate(agency, month)
    volume = sampled / ctx.scale if ctx.national_outreach and ctx.scale > 0 else sampled
    n_outreach = int(rng.poisson(volume * outreach))
    n_other = max(1, int(round(sampled * (1 - outreach))))
    other = rng.choice(np.array(("온라인", "방문", "전화", "우편")), n_other, p=np.array([0.70, 0.11, 0.12, 0.07]))
    return rng.permutation(np.concatenate([other, np.full(n_outreach, "찾아가는민원")]))


def _received(ctx: _Context, month: date, online: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Receipt times (datetime64[s]) inside the month: online at any hour of any day, others in office hours."""
    n = len(online)
    all_days, work_days = _month_days(month), _working_days(ctx, month)
    weights = np.where(np.isin(all_days, work_days), 1.0, 0.45)
    day = np.where(online, rng.choice(all_days, n, p=weights / weights.sum()), rng.choice(work_days, n)).astype(
        "datetime64[s]"
    )
    hour = np.where(online, rng.choice(24, n, p=_ONLINE_HOURS / _ONLINE_HOURS.sum()), rng.integers(9, 18, n))
    second = hour * 3600 + rng.integers(0, 3600, n)
    return day + second.astype("timedelta64[s]")


def _deadline_days(ctx: _Context, agency: _Agency, types: np.ndarray, rng: np.random.Generator):
    """(days used for the deadline, days written in the file or -1 for an empty cell)."""
    defaults = ctx.catalog.settings.complaints.default_deadline_days
    n = len(types)
    days = np.select([types == t for t in _TYPES], [defaults.get(t, 0) for t in _TYPES])
    statutory = types == "법정"
    days = np.where(statutory, rng.choice(_STATUTORY_DAYS, n, p=_STATUTORY_P), days)
    # 국민권익위원회 investigates grievances under its own act, with 60 days (mean about 27).
    long_grievance = (types == "고충") & (rng.random(n) < 0.35) if agency.code == "1140100" else np.zeros(n, bool)
    days = np.where(long_grievance, 60, days)
    written = days if agency.style.fill_deadlines else np.where(statutory | long_grievance, days, -1)
    return days, written


def _resolution(ctx: _Context, agency: _Agency, month: date, types, received, days, rng) -> np.ndarray:
    """Resolution times (datetime64[s]): a share of the legal time allowed, a few past it."""
    rules = ctx.catalog.settings.complaints
    immediate = int(round(rules.immediate_hours * 60))
    deadline = ctx.calendar.deadlines(received, days, rules.hour_based_max_days, immediate).astype("datetime64[s]")
    allowed = (deadline - received).astype(np.int64)
    n = len(types)
    a = np.select([types == t for t in _TYPES], [_TYPE_SPEED[t][0] for t in _TYPES])
    b = np.select([types == t for t in _TYPES], [_TYPE_SPEED[t][1] for t in _TYPES])
    speed = float(_rng(ctx.seed, "speed", agency.code).lognormal(0, 0.12))
    improvement = 1.0 - 0.14 * _progress_2026(month)  # 2026: faster handling after the one-stop reform
    share = np.minimum(rng.beta(a, b) * speed * improvement, 0.97)
    late_rate = (0.0095 if month.year <= 2025 else 0.0055) * float(
        _rng(ctx.seed, "late", agency.code).lognormal(0, 0.5)
    )
    seconds = np.maximum(60, np.round(share * allowed)).astype(np.int64)
    # Late ones: a day or more past the deadline, late under any reading of the deadline rule.
    overdue = allowed + ((1 + rng.exponential(3.0, n)) * 86400).astype(np.int64)
    seconds = np.where(rng.random(n) < late_rate, overdue, seconds)
    return received + seconds.astype("timedelta64[s]")


def _complaint_ids(agency: _Agency, month: date, n: int, rng: np.random.Generator) -> list[str]:
    yyyymm = f"{month.year}{month.month:02d}"
    if agency.style.id_style == 1:
        return [f"{agency.code}-{yyyymm}-{i:05d}" for i in range(1, n + 1)]
    numbers = (int(rng.integers(1000, 90000)) + np.cumsum(rng.integers(1, 4, n))).tolist()
    if agency.style.id_style == 2:
        return [f"민원-{yyyymm}-{x:07d}" for x in numbers]
    return [f"1AA-{yyyymm[2:]}-{x:07d}" for x in numbers]


def _complaints(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    channels = _channels(ctx, agency, month, rng)
    n = len(channels)
    types = rng.choice(np.array(_TYPES), n, p=_TYPE_P)
    received = np.sort(_received(ctx, month, channels == "온라인", rng))
    days, written = _deadline_days(ctx, agency, types, rng)
    resolved = _resolution(ctx, agency, month, types, received, days, rng)
    # 이송 (sent on to the competent agency) and 취하 (withdrawn) are closed quickly, without a decision.
    status = np.select([rng.random(n) < 0.02, rng.random(n) < 0.01], ["이송", "취하"], "처리완료").astype(object)
    quick = received + (rng.uniform(0.05, 3.0, n) * 86400).astype("timedelta64[s]")
    resolved = np.where(status == "처리완료", resolved, quick)
    cutoff = np.datetime64(submitted_at, "s")
    pending = resolved > cutoff  # not finished when the file was made: 처리중, no resolution time
    status[pending] = "처리중"
    return {
        "complaint_id": _complaint_ids(agency, month, n, rng),
        "agency_code": [agency.code] * n,
        "complaint_type": types.tolist(),
        "channel": channels.tolist(),
        "received_at": received.tolist(),
        "resolved_at": [None if p else r for p, r in zip(pending.tolist(), resolved.tolist(), strict=True)],
        "deadline_days": [None if w < 0 else w for w in written.tolist()],
        "status": status.tolist(),
    }


_PLATFORM_WEIGHT = {"국민참여플랫폼": 0.55, "국민신문고제안": 0.30, "청원24": 0.05, "오프라인": 0.10}
_PROPOSALS = ((202501, 86_000), (202512, 97_000), (202601, 100_000), (202610, 114_000), (202612, 118_000))


def _platforms(ctx: _Context, agency: _Agency) -> list[str]:
    """Which platforms an agency uses (국민신문고제안 always); fixed per agency."""
    rng = _rng(ctx.seed, "platforms", agency.code)
    local = agency.group == "local"
    use = {
        "국민참여플랫폼": rng.random() < 0.85,
        "국민신문고제안": True,
        "청원24": rng.random() < (0.15 if local else 0.4),
        "오프라인": rng.random() < (0.7 if local else 0.25),
    }
    return [p for p in _PLATFORM_WEIGHT if use[p]]


def _participation(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    platforms = _platforms(ctx, agency)
    weights = np.array([_PLATFORM_WEIGHT[p] for p in platforms])
    # National counts whatever the scale: a file has one row per platform, and the KPIs add them up.
    mean = _curve(_PROPOSALS, month) * agency.participation_share * weights / weights.sum()
    received = rng.poisson(mean * rng.lognormal(0, 0.08, len(platforms)))
    participants = rng.poisson(
        received * (0.82 if month.year <= 2025 else 0.84) * rng.lognormal(0, 0.05, len(platforms))
    )
    reviewed = rng.binomial(received, 0.88)
    adoption = 0.055 if month.year <= 2025 else 0.063 + 0.0024 * (month.month - 1)
    adoption *= float(_rng(ctx.seed, "adoption", agency.code).lognormal(0, 0.3))
    adopted = rng.binomial(reviewed, min(adoption, 0.3))
    n = len(platforms)
    return {
        "agency_code": [agency.code] * n,
        "period": [month] * n,
        "platform": platforms,
        "proposals_received": received.tolist(),
        "participants": participants.tolist(),
        "proposals_reviewed": reviewed.tolist(),
        "proposals_adopted": adopted.tolist(),
    }


_MEETING_TYPES = np.array(("정례", "수시", "보고", "행사"))
_MEETING_P = (0.35, 0.35, 0.22, 0.08)
_MEETING_MINUTES = np.array([60.0, 50.0, 35.0, 90.0])
_MEETING_PEOPLE = np.array([12.0, 6.0, 4.0, 80.0])


def _meetings(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    habits = _rng(ctx.seed, "meeting-habits", agency.code)
    base = float(np.clip(habits.lognormal(np.log(120), 0.6), 30, 500))  # meetings a month at scale 1
    floor = int(habits.integers(4, 7))  # a file always holds a few meetings, whatever the scale
    reduction = float(habits.uniform(0.15, 0.35))  # how far this agency cuts meeting time in 2026
    n = max(floor, int(round(base * ctx.scale * SEASON[month.month - 1])))
    progress = _progress_2026(month)
    kind = rng.choice(4, n, p=_MEETING_P)
    minutes = _MEETING_MINUTES[kind] * (1 - reduction * progress) * rng.lognormal(-0.09, 0.42, n)
    minutes = np.clip(np.round(minutes / 10) * 10, 10, 480).astype(int)
    people = _MEETING_PEOPLE[kind] * (1 - 0.25 * reduction * progress) * rng.lognormal(-0.1, 0.45, n)
    people = np.clip(np.round(people), 2, 600).astype(int)
    held = np.sort(rng.choice(_working_days(ctx, month), n))
    remote = rng.random(n) < (0.25 if month.year <= 2025 else 0.35)
    yyyymm = f"{month.year}{month.month:02d}"
    return {
        "meeting_id": [
            f"회의-{yyyymm}-{i:04d}" if agency.style.id_style == 2 else f"M{yyyymm}{i:04d}" for i in range(1, n + 1)
        ],
        "agency_code": [agency.code] * n,
        "held_on": held.tolist(),
        "meeting_type": _MEETING_TYPES[kind].tolist(),
        "duration_min": minutes.tolist(),
        "attendees": people.tolist(),
        "remote": [None] * n if agency.style.omit_optional else ["Y" if r else "N" for r in remote.tolist()],
    }


# The first 특별성과포상금 round, as announced: 행정안전부, 2026-03-19, 80,000,000 원 to 29 people in 5 teams.
FIRST_SPECIAL_ROUND = (
    "1741000",
    date(2026, 3, 19),
    ((8, 24_000_000), (7, 20_000_000), (6, 16_000_000), (5, 12_000_000), (3, 8_000_000)),
)
_TEAMS = (
    "민원제도팀",
    "재난대응팀",
    "디지털정부팀",
    "규제혁신팀",
    "AI전략팀",
    "조직혁신팀",
    "재정관리팀",
    "현장지원팀",
)
_EMERGENCY_AGENCIES = {"1661000", "1320000", "1532000", "1360000", "1741000", "1400000"}


def _payout(paid_on, kind: str, people: int, per_person: int, reason: str) -> tuple:
    per_person = min(per_person, REWARD_CAP_PER_RECIPIENT_KRW)
    return (paid_on, kind, people, people * per_person, reason)


def _reward_rows(ctx: _Context, agency: _Agency, month: date, rng) -> list[tuple]:
    """(paid_on, type, recipients, amount, reason) of the month's payouts; most months have none."""
    code, first_day, teams = FIRST_SPECIAL_ROUND
    rows: list[tuple] = []
    if agency.code == code and month == first_day.replace(day=1):
        rows += [
            (first_day, "특별성과", people, amount, f"2026년 제1차 특별성과포상금 ({_TEAMS[i]})")
            for i, (people, amount) in enumerate(teams)
        ]
    work_days = _working_days(ctx, month)

    def day() -> date:  # a fresh draw per payout
        return rng.choice(work_days).tolist()

    if month >= date(2026, 4, 1) and rng.random() < 0.1:
        paid, round_no = day(), month.month - 2
        for team in rng.choice(len(_TEAMS), int(rng.integers(2, 6)), replace=False).tolist():
            per_person = int(rng.uniform(1.8, 5.0) * 100) * 10_000
            rows.append(
                _payout(
                    paid,
                    "특별성과",
                    int(rng.integers(3, 10)),
                    per_person,
                    f"{month.year}년 제{round_no}차 특별성과포상금 ({_TEAMS[team]})",
                )
            )
    if month.year >= 2026:
        storm = month.month in (7, 8, 9)
        p = (
            0.15
            if agency.code in _EMERGENCY_AGENCIES
            else (0.2 if storm else 0.08)
            if agency.group == "local"
            else 0.03
        )
        if rng.random() < p:
            rows.append(
                _payout(
                    day(),
                    "재난대응",
                    int(rng.integers(3, 12)),
                    int(rng.uniform(2, 6) * 100) * 10_000,
                    "집중호우 피해 복구, 현장 대응 공무원 보상" if storm else "재난 현장 대응 유공",
                )
            )
        if rng.random() < 0.05:
            rows.append(
                _payout(
                    day(),
                    "민원대응",
                    int(rng.integers(2, 10)),
                    int(rng.uniform(1, 4) * 100) * 10_000,
                    "악성·고충 민원 대응 공무원 보상",
                )
            )
    if rng.random() < (0.03 if agency.code != "1741000" or month.month != 12 else 1.0):
        rows.append(
            _payout(
                day(),
                "제안",
                int(rng.integers(1, 4)),
                int(rng.uniform(0.3, 2) * 100) * 10_000,
                '공무원 제안 채택 ("현장 불합리 관행 개선")',
            )
        )
    return sorted(rows, key=lambda r: r[0])


def _rewards(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    rows = _reward_rows(ctx, agency, month, rng)
    yyyymm = f"{month.year}{month.month:02d}"
    return {
        "payout_id": [f"P{yyyymm}-{i:03d}" for i in range(1, len(rows) + 1)],
        "agency_code": [agency.code] * len(rows),
        "paid_on": [r[0] for r in rows],
        "reward_type": [r[1] for r in rows],
        "recipients": [r[2] for r in rows],
        "amount_krw": [r[3] for r in rows],
        "reason": [r[4] for r in rows],
    }


# ------------------------------------------------------------------------------------------- KPI progress


@dataclass(frozen=True)
class KpiStory:
    """How an agency's reported value moves: kind, national path over (yyyymm, value), spread."""

    kind: str  # flag (share of agencies at 1) | pct (agency value) | monthly (national total per month)
    #            | level (national running level) | step (a stage reached)
    points: tuple[tuple[int, float], ...]
    spread: float = 0.0  # pct: agency offset sd
    noise: float = 0.0  # pct: month-to-month sd; monthly: relative sd
    weights: dict[str, float] | None = None  # monthly/level: split among reporters (default: stable random)
    decimals: int = 1


STORIES: dict[str, KpiStory] = {
    "S1-T2-K1": KpiStory("pct", ((202501, 94.0), (202512, 94.5), (202601, 94.8), (202610, 95.7)), 1.5, 0.4),
    "S1-T2-K2": KpiStory("monthly", ((202501, 0), (202512, 0), (202601, 1.5), (202610, 2.8))),
    "S2-T1-K2": KpiStory("flag", ((202501, 0.58), (202512, 0.62), (202601, 0.64), (202610, 0.79))),
    "S2-T2-K1": KpiStory("step", ((202501, 0), (202602, 1), (202607, 2))),
    "S2-T2-K2": KpiStory("monthly", ((202501, 0), (202512, 0), (202601, 0.7), (202610, 1.2))),
    "S2-T3-K1": KpiStory(
        "monthly",
        ((202501, 612_000), (202512, 622_000), (202601, 620_000), (202610, 655_000)),
        noise=0.03,
        weights={"1613000": 0.6, "1721000": 0.4},
    ),
    "S2-T3-K2": KpiStory("monthly", ((202501, 4_100), (202512, 4_250), (202601, 4_500), (202610, 5_400)), noise=0.05),
    "S3-T1-K1": KpiStory("level", ((202501, 15_000_000), (202512, 15_600_000), (202610, 16_250_000))),
    "S3-T1-K2": KpiStory("level", ((202501, 421), (202512, 470), (202601, 480), (202610, 760))),
    "S3-T2-K3": KpiStory("pct", ((202501, 0), (202512, 0), (202601, 5), (202610, 25)), 6, 2),
    "S3-T3-K4": KpiStory("monthly", ((202501, 2), (202512, 2), (202601, 3.5), (202612, 3.5))),
    "S4-T1-K1": KpiStory("flag", ((202501, 0.075), (202512, 0.09), (202610, 0.36))),
    "S4-T1-K2": KpiStory("flag", ((202501, 0.10), (202512, 0.13), (202610, 0.55))),
    "S4-T2-K1": KpiStory("level", ((202501, 280), (202512, 320), (202610, 1_150)), decimals=0),
    "S4-T2-K2": KpiStory("pct", ((202501, 15), (202512, 22), (202601, 28), (202610, 88)), 6, 2),
    "S4-T3-K1": KpiStory("pct", ((202501, 0), (202512, 0), (202601, 10), (202610, 52)), 15, 4),
    "S4-T3-K2": KpiStory("flag", ((202501, 0), (202601, 0.0), (202602, 0.12), (202610, 0.70))),
}


def _default_story(kpi: Kpi) -> KpiStory:
    """A plausible path for a KPI added to the catalog after this module was written."""
    low, high = kpi.value_range or (0, None)
    if (low, high) == (0, 1):
        return KpiStory("flag", ((202501, 0.3), (202610, 0.6)))
    if high is not None and high <= 10:
        return KpiStory("step", ((202501, low or 0), (202606, min(high, (low or 0) + 1))))
    if high == 100:
        return KpiStory("pct", ((202501, 50), (202610, 75)), 8, 2)
    return KpiStory("monthly", ((202501, 10), (202610, 14)))


def _reports(kpi: Kpi, agency: _Agency) -> bool:
    if isinstance(kpi.reporters, list):
        return agency.code in kpi.reporters
    return kpi.reporters == "all" or kpi.reporters == agency.group


def _reporter_traits(ctx: _Context, kpi: Kpi) -> dict[str, tuple[float, float]]:
    """Per reporter: (rank in 0..1, size factor). Ranks are evenly spaced so that the share of agencies at 1
    follows the story's curve exactly instead of drifting with the luck of a few dozen draws."""
    if kpi.code not in ctx.traits:
        reporters = sorted(
            (a.code for a in ctx.agencies if _reports(kpi, a)),
            key=lambda c: (_key(ctx.seed, "rank", kpi.code, c), c),
        )
        ctx.traits[kpi.code] = {
            code: (
                (i + 0.5) / len(reporters),
                float(_rng(ctx.seed, "weight", kpi.code, code).lognormal(0, 0.5)),
            )
            for i, code in enumerate(reporters)
        }
    return ctx.traits[kpi.code]


def _reporter_weight(ctx: _Context, kpi: Kpi, story: KpiStory, agency: _Agency, month: date) -> float:
    """This agency's part of a national total, among the reporters active in the month."""
    if story.weights:
        return story.weights.get(agency.code, 0.0)
    traits = _reporter_traits(ctx, kpi)
    active = sum(traits[a.code][1] for a in ctx.agencies if a.code in traits and a.active_in(month))
    return traits[agency.code][1] / active


def _kpi_value(ctx: _Context, kpi: Kpi, agency: _Agency, month: date) -> float | int:
    story = STORIES.get(kpi.code) or _default_story(kpi)
    trait = _rng(ctx.seed, "kpi", kpi.code, agency.code)  # month-independent: keeps paths consistent
    noise = _rng(ctx.seed, "kpi", kpi.code, agency.code, month)
    national = _curve(story.points, month)
    if story.kind == "flag":
        value: float = 1 if _reporter_traits(ctx, kpi)[agency.code][0] < national else 0
    elif story.kind == "step":
        value = max(v for p, v in story.points if _ordinal(date(p // 100, p % 100, 1)) <= _ordinal(month))
    elif story.kind == "pct":
        value = national + trait.normal(0, story.spread) + noise.normal(0, story.noise) if national else 0.0
    elif story.kind == "level":
        value = np.floor(national * _reporter_weight(ctx, kpi, story, agency, month))
    else:  # monthly
        mean = national * _reporter_weight(ctx, kpi, story, agency, month)
        value = noise.poisson(mean) if mean < 50 else round(mean * (1 + noise.normal(0, story.noise)))
    low, high = kpi.value_range or (None, None)
    value = float(np.clip(value, low if low is not None else -np.inf, high if high is not None else np.inf))
    if story.kind == "pct" and kpi.unit == "%":
        return round(value, story.decimals)
    return int(round(value))


_NOTES = (
    "전월 대비 증가",
    "담당자 교육 일정에 따라 변동",
    "시스템 개편으로 집계 기준 일부 변경",
    '"AI 기초" 과정 1차 수료 반영',
    "하반기 확대 예정, 예산 확보 중",
)
_STAGE_NOTES = {1: "기본사회기본법·시민참여기본법 입법예고", 2: "국무회의 의결, 국회 제출 준비"}


def _kpi_progress(ctx: _Context, agency: _Agency, month: date, submitted_at: datetime, rng) -> Table:
    kpis = [k for k in ctx.catalog.kpis_of("kpi_progress") if _reports(k, agency)]
    values = [_kpi_value(ctx, k, agency, month) for k in kpis]
    notes: list[str | None] = []
    for kpi, value in zip(kpis, values, strict=True):
        if kpi.code == "S2-T2-K1" and value in _STAGE_NOTES:
            notes.append(_STAGE_NOTES[int(value)])
        elif rng.random() < 0.08:
            note = _NOTES[int(rng.integers(len(_NOTES)))]
            # CP949 offices write names like 똠 that EUC-KR cannot hold; the reader must decode as cp949.
            notes.append(note + " (담당: 이똠)" if agency.style.encoding == "cp949" else note)
        else:
            notes.append(None)
    return {
        "agency_code": [agency.code] * len(kpis),
        "period": [month] * len(kpis),
        "kpi_code": [k.code for k in kpis],
        "value": values,
        "note": notes,
        # Only true percentages may carry a "%" (a 0/1 flag of a %-KPI is not a percentage).
        "_unit": ["%" if k.unit == "%" and (k.value_range or (0, 0))[1] == 100 else k.unit for k in kpis],
    }


BUILDERS: dict[str, Callable[..., Table]] = {
    "complaints": _complaints,
    "participation": _participation,
    "meetings": _meetings,
    "rewards": _rewards,
    "kpi_progress": _kpi_progress,
}


# ------------------------------------------------------------------------------------------------- writing


def _date_text(style: Style, d: date) -> str:
    y, m, dd = d.year, d.month, d.day
    if style.date_style == "slash":
        return f"{y}/{m:02d}/{dd:02d}"
    if style.date_style == "dots":
        return f"{y}.{m:02d}.{dd:02d}"
    if style.date_style == "gongmun":
        return f"{y}. {m}. {dd}."
    if style.date_style == "compact":
        return f"{y}{m:02d}{dd:02d}"
    return f"{y}-{m:02d}-{dd:02d}"


def _month_text(style: Style, d: date) -> str:
    return {
        "compact": f"{d.year}{d.month:02d}",
        "dots": f"{d.year}.{d.month:02d}",
        "korean": f"{d.year}년 {d.month}월",
    }.get(style.month_style, f"{d.year}-{d.month:02d}")


def _number_text(style: Style, value: float | int, unit: str | None = None) -> str:
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,}" if style.thousands else repr(value)
    else:
        text = f"{int(value):,}" if style.thousands else str(int(value))
    return text + "%" if unit == "%" and style.percent_sign else text


def _formatter(style: Style, kind: str) -> Callable[[object], str]:
    if kind == "datetime":
        clock = "%H:%M:%S" if style.seconds else "%H:%M"
        return lambda v: f"{_date_text(style, v)} {v.strftime(clock)}"  # type: ignore[arg-type,attr-defined]
    if kind == "date":
        return lambda v: _date_text(style, v)  # type: ignore[arg-type]
    if kind == "month":
        return lambda v: _month_text(style, v)  # type: ignore[arg-type]
    if kind in ("int", "number"):
        return lambda v: _number_text(style, v)  # type: ignore[arg-type]
    return str


def _columns(ctx: _Context, dataset: Dataset, agency: _Agency, table: Table) -> list[str]:
    """Columns in the order this agency writes them, without optional ones it leaves out."""
    names = [
        c.name
        for c in dataset.columns
        if c.required or not agency.style.omit_optional or any(v is not None for v in table[c.name])
    ]
    if agency.style.shuffle_columns:
        order = _rng(ctx.seed, "order", agency.code, dataset.name).permutation(len(names)).tolist()
        names = [names[i] for i in order]
    return names


def _header(dataset: Dataset, agency: _Agency, names: list[str]) -> list[str]:
    cells = [n if agency.style.english else dataset.column(n).header_ko for n in names]
    return [f" {c} " for c in cells] if agency.style.padded_header else cells


def _csv_bytes(ctx: _Context, dataset: Dataset, agency: _Agency, table: Table) -> bytes:
    style = agency.style
    names = _columns(ctx, dataset, agency, table)
    columns = []
    for name in names:
        fmt = _formatter(style, dataset.column(name).kind)
        values = table[name]
        if name == "value" and "_unit" in table:
            columns.append([_number_text(style, v, u) for v, u in zip(values, table["_unit"], strict=True)])
        else:
            columns.append([style.empty if v is None else fmt(v) for v in values])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=style.newline)
    writer.writerow(_header(dataset, agency, names))
    writer.writerows(zip(*columns, strict=True))
    if style.trailing_blank:
        out.write(style.newline)
    return out.getvalue().encode(style.encoding)


def _xlsx_bytes(ctx: _Context, dataset: Dataset, agency: _Agency, table: Table) -> bytes:
    """A workbook as Excel would save it: typed cells (dates as dates), the data on the first sheet."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    names = _columns(ctx, dataset, agency, table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(dataset.title_ko.replace(" ", ""))
    sheet.append(_header(dataset, agency, names))
    month_columns = {n for n in names if dataset.column(n).kind == "month"}
    for row in zip(*(table[n] for n in names), strict=True):
        sheet.append(
            [_month_text(agency.style, v) if n in month_columns else v for n, v in zip(names, row, strict=True)]
        )
    workbook.properties.creator = "govdash demo"
    # Fixed properties and zip entry times: the same workbook gives the same bytes on every run.
    workbook.properties.created = workbook.properties.modified = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, _FixedTimeZip(archive)).write_data()
    return buffer.getvalue()


class _FixedTimeZip:
    """Passes writes to a ZipFile with a fixed entry time (zipfile stamps the current time otherwise)."""

    def __init__(self, archive: zipfile.ZipFile):
        self._archive = archive

    def writestr(self, name, data, *args, **kwargs):
        info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
        info.date_time = (1980, 1, 1, 0, 0, 0)
        info.compress_type = zipfile.ZIP_DEFLATED
        return self._archive.writestr(info, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):  # write-only sheets arrive as temporary files
        with open(filename, "rb") as handle:
            return self.writestr(arcname or filename, handle.read())

    def __getattr__(self, attr):
        return getattr(self._archive, attr)


def _filename(dataset: Dataset, agency: _Agency, month: date) -> str:
    ext = "xlsx" if agency.style.xlsx else "csv"
    yyyymm = f"{month.year}{month.month:02d}"
    if agency.style.filename_style == 1:
        title = dataset.title_ko.replace(" ", "")
        return f"{agency.name_ko}_{title}_{month.year}년{month.month:02d}월_{agency.code}.{ext}"
    if agency.style.filename_style == 2:
        return f"{yyyymm}_{dataset.title_ko.replace(' ', '')}_{agency.code}.{ext}"
    return f"{agency.code}_{dataset.name}_{yyyymm}.{ext}"


def _render(ctx: _Context, planned: _Planned) -> DemoFile:
    dataset, agency, month = DATASETS[planned.dataset], planned.agency, planned.period
    rng = _rng(ctx.seed, planned.dataset, agency.code, month)
    table = BUILDERS[planned.dataset](ctx, agency, month, planned.submitted_at, rng)
    write = _xlsx_bytes if agency.style.xlsx else _csv_bytes
    return DemoFile(
        dataset=planned.dataset,
        agency_code=agency.code,
        period=month,
        filename=_filename(dataset, agency, month),
        content=write(ctx, dataset, agency, table),
        submitted_at=planned.submitted_at,
        rows=len(table["agency_code"]),
    )


# ---------------------------------------------------------------------------------------------------- API


def _setup(catalog, agencies, holidays, seed, scale, first_month, last_month, today) -> tuple[_Context, list[date]]:
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    months = _months(first_month, min(last_month, today.date().replace(day=1)))
    if not months:
        raise ValueError(f"no month between {first_month} and {last_month} before {today:%Y-%m-%d}")
    return _context(catalog, agencies, holidays, seed, scale, today, months), months


def generate(
    catalog: Catalog,
    agencies: pl.DataFrame,
    *,
    scale: float = 0.01,
    seed: int = 20251202,
    first_month: date = date(2025, 1, 1),
    last_month: date = date(2026, 10, 1),
    agency_codes: list[str] | None = None,
    today: datetime = datetime(2026, 11, 25, 10, 0),
    holidays: Iterable[date] | None = None,
    national_outreach: bool = True,
) -> Iterator[DemoFile]:
    """Every file the agencies uploaded by `today`, one at a time in upload order.

    `agencies` is the reference frame (metrics.reference.load_agencies); `agency_codes` limits the output to
    some agencies without changing their files; `holidays` defaults to the reference holidays;
    `national_outreach=False` samples 찾아가는민원 rows at `scale` like the others (small test stores).
    """
    ctx, months = _setup(catalog, agencies, holidays, seed, scale, first_month, last_month, today)
    ctx.national_outreach = national_outreach
    for planned in _plan(ctx, months, agency_codes):
        yield _render(ctx, planned)


def count_files(
    catalog: Catalog,
    agencies: pl.DataFrame,
    *,
    scale: float = 0.01,
    seed: int = 20251202,
    first_month: date = date(2025, 1, 1),
    last_month: date = date(2026, 10, 1),
    agency_codes: list[str] | None = None,
    today: datetime = datetime(2026, 11, 25, 10, 0),
    holidays: Iterable[date] | None = None,
    national_outreach: bool = True,
) -> int:
    """How many files `generate` yields for the same arguments, without making them (for a progress bar)."""
    ctx, months = _setup(catalog, agencies, holidays, seed, scale, first_month, last_month, today)
    return sum(1 for _ in _plan(ctx, months, agency_codes))
