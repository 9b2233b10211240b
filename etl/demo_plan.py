"""The demo's agencies (shares, styles, the late and missing story) and the plan: which file is uploaded when."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import numpy as np
import polars as pl

from etl.contracts import DATASET_NAMES
from etl.demo_base import (
    COMPLAINT_SHARES,
    KIND_VOLUME,
    Style,
    _add_months,
    _Agency,
    _Context,
    _key,
    _minutes,
    _next_month,
    _Planned,
    _rng,
    _WorkCalendar,
)

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
