"""Korea time. Korea keeps no daylight saving, so a fixed +09:00 offset is exact and needs no tz database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

KST = timezone(timedelta(hours=9), "KST")


def utc_naive_to_kst(value: datetime) -> datetime:
    """A naive UTC time (as the ledger stores it) as naive Korea time (as agencies and reports speak)."""
    return value.replace(tzinfo=UTC).astimezone(KST).replace(tzinfo=None)


def kst_naive_to_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=KST).astimezone(UTC).replace(tzinfo=None)


def month_start(value: date) -> date:
    return date(value.year, value.month, 1)


def add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_period(value: str | date) -> date:
    """'2026-10' (or a date) → the first day of that month; ValueError with a readable message otherwise."""
    if isinstance(value, date):
        return month_start(value)
    text = value.strip()
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise ValueError(
            f"기준월 '{value}'을(를) 읽을 수 없습니다. 2026-10 형식으로 쓰십시오 "
            f"(month '{value}' must look like 2026-10)"
        ) from None


def period_label(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}"
