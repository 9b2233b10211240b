"""Holiday changes by the administrator (`govdash calendar add|remove`), with a reason, effective from the
next build.

data/reference/holidays.csv stays as released; each change is a ledger row (and an audit entry), and the
store applies the changes in order over the file whenever it loads the holidays (`effective_holidays`), so
every build, the demo and the reference digest see the same calendar. The pattern is etl/governance/targets.py's.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from etl.access.actors import Actor
from etl.governance import audit
from etl.ledger.holidays import ADD, REMOVE, effective_holidays, recorded_changes
from etl.ledger.tables import HolidayChange, session
from metrics import clock

MAX_NAME = 50  # characters of a holiday's name: "대체공휴일(어린이날·부처님오신날)" is 20
FIRST_YEAR, LAST_YEAR = 2000, 2099  # a year outside is a typing slip, not a holiday


def apply_to_store(store) -> None:  # type: ignore[no-untyped-def]
    """Load this store's holidays afresh (called by the build: a change made since the store opened counts)."""
    store.__dict__["holidays"] = effective_holidays(store)
    store.__dict__.pop("reference_digest", None)


def parse_day(text: str) -> date:
    """A date typed by the administrator, YYYY-MM-DD, within FIRST_YEAR … LAST_YEAR."""
    try:
        day = date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(
            f"'{text}'은(는) 날짜가 아닙니다. 2027-05-03과 같이 YYYY-MM-DD로 입력하십시오 "
            f"('{text}' is not a date; write it as YYYY-MM-DD, e.g. 2027-05-03)"
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            f"{day}: 연도는 {FIRST_YEAR}~{LAST_YEAR}이어야 합니다 (the year must be {FIRST_YEAR}-{LAST_YEAR})"
        )
    return day


def _name(name: str) -> str:
    name = audit.check_free_text(name, "공휴일 이름", "holiday name").strip()
    if len(name) > MAX_NAME or any(ch in name for ch in "\r\n\t"):
        raise ValueError(
            f"공휴일 이름은 한 줄, {MAX_NAME}자 이내로 입력하십시오 (a holiday name is one line of at most "
            f"{MAX_NAME} characters)"
        )
    return name


def _save(store, actor: Actor, change: HolidayChange, before: object, after: object) -> HolidayChange:  # type: ignore[no-untyped-def]
    with session(store) as s, s.begin():
        s.add(change)
        audit.record(
            s,
            actor,
            f"holiday.{'added' if change.action == ADD else 'removed'}",
            f"holiday:{change.day}",
            before,
            after,
            now=change.changed_at,
        )
    return change


def add_holiday(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    day: str | date,
    name: str,
    reason: str,
    *,
    now: datetime | None = None,
) -> HolidayChange:
    """Make `day` a holiday from the next build on (an administrator only; audited)."""
    audit.require(store, actor, "change_calendar", f"holiday:{day}", now=now)
    day = day if isinstance(day, date) else parse_day(day)
    name, reason = _name(name), audit.check_free_text(reason, "변경 사유", "reason for the change")
    current = _names(store)
    if day in current:
        raise ValueError(
            f"{day}은(는) 이미 공휴일({current[day]})입니다. 이름을 바꾸려면 먼저 지우십시오 "
            f"({day} is already a holiday ({current[day]}); remove it first to rename it)"
        )
    change = HolidayChange(
        day=day, action=ADD, name_ko=name, reason=reason, changed_by=actor.user_id, changed_at=now or clock.now_utc()
    )
    after = {"name_ko": name, "reason": reason, "effective": "next build"}
    return _save(store, actor, change, None, after)


def remove_holiday(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    day: str | date,
    reason: str,
    *,
    now: datetime | None = None,
) -> HolidayChange:
    """Make `day` a working day again (when it is a weekday) from the next build on."""
    audit.require(store, actor, "change_calendar", f"holiday:{day}", now=now)
    day = day if isinstance(day, date) else parse_day(day)
    reason = audit.check_free_text(reason, "변경 사유", "reason for the change")
    current = _names(store)
    if day not in current:
        raise ValueError(f"{day}은(는) 공휴일이 아닙니다 ({day} is not a holiday: nothing to remove)")
    change = HolidayChange(
        day=day,
        action=REMOVE,
        name_ko=current[day],
        reason=reason,
        changed_by=actor.user_id,
        changed_at=now or clock.now_utc(),
    )
    after = {"reason": reason, "effective": "next build"}
    return _save(store, actor, change, {"name_ko": current[day]}, after)


def _names(store) -> dict[date, str]:  # type: ignore[no-untyped-def]
    frame = effective_holidays(store)
    return dict(zip(frame["date"].to_list(), frame["name_ko"].to_list(), strict=True))


def list_holidays(store, year: int | None = None) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """The effective holidays (of one year, or all), each with where it comes from: the file, or the
    administrator's change (who, when, why)."""
    frame = effective_holidays(store)
    if year is not None:
        frame = frame.filter(pl.col("date").dt.year() == year)
    latest = {c.day: c for c in recorded_changes(store) if c.action == ADD}
    sources = [_source(latest.get(d)) for d in frame["date"].to_list()]
    return frame.with_columns(pl.Series("source", sources, dtype=pl.String))


def _source(change: HolidayChange | None) -> str:
    if change is None:
        return "holidays.csv"
    return f"{change.changed_by} {change.changed_at:%Y-%m-%d} UTC: {change.reason}"


def list_changes(store) -> list[HolidayChange]:  # type: ignore[no-untyped-def]
    return recorded_changes(store)
