"""The calendar every build uses: data/reference/holidays.csv with the administrator's recorded changes applied
in order (the changes are made and audited in etl/governance/calendar.py). It lives with the ledger because the
store reads it (Store.holidays) and the store sits below the services."""

from __future__ import annotations

import polars as pl
from sqlmodel import col, select

from etl.ledger.tables import HolidayChange, session
from metrics.reference import HOLIDAY_SCHEMA, load_holidays

ADD, REMOVE = "add", "remove"


def recorded_changes(store) -> list[HolidayChange]:  # type: ignore[no-untyped-def]
    with session(store) as s:
        return list(s.exec(select(HolidayChange).order_by(col(HolidayChange.id))))


def apply_changes(holidays: pl.DataFrame, changes: list[HolidayChange]) -> pl.DataFrame:
    """The holidays with the changes applied in order (a later change to the same day wins), sorted."""
    if not changes:
        return holidays
    names = dict(zip(holidays["date"].to_list(), holidays["name_ko"].to_list(), strict=True))
    for c in changes:
        if c.action == ADD:
            names[c.day] = c.name_ko or ""
        else:
            names.pop(c.day, None)
    rows = [{"date": d, "name_ko": n} for d, n in sorted(names.items())]
    return pl.DataFrame(rows, schema=HOLIDAY_SCHEMA, orient="row")


def effective_holidays(store) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """The holidays file plus every recorded change: what the next build uses."""
    return apply_changes(load_holidays(store.settings.reference_dir), recorded_changes(store))
