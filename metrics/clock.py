"""The project's one clock. Everything that asks "what time is it" (ledger times, build times, the reporting
month, the demo's last month, the upload page's months) asks here, so that one setting moves all of it.

GOVDASH_TODAY pins the clock: ``2026-11-25`` (10:00 Korea time that day) or ``2026-11-25T14:30``. A pinned clock
starts at that instant when a process first asks and runs on at the machine's pace (measured with a monotonic
timer, never the calendar), so times still advance and order within a run while every date is fixed. The test
suite pins it (tests/conftest.py); an administrator can pin it to rehearse a month (``govdash --today``).
Unset, it is the real Korea time.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta

from metrics.kst import KST

ENV = "GOVDASH_TODAY"
_PINNED_HOUR = 10  # a date alone means 10:00 that day: office hours, after the night's batch

_started: dict[str, float] = {}  # the pin's text → the monotonic time this process first read it


def parse_pin(text: str) -> datetime:
    """'2026-11-25' or '2026-11-25T14:30[:00]' → naive Korea time; ValueError naming the setting otherwise."""
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time()).replace(hour=_PINNED_HOUR)
        return datetime.fromisoformat(value).replace(tzinfo=None, microsecond=0)
    except ValueError:
        raise ValueError(
            f"{ENV}='{text}'을(를) 읽을 수 없습니다. 2026-11-25 또는 2026-11-25T14:30 형식으로 쓰십시오 "
            f"({ENV} must look like 2026-11-25 or 2026-11-25T14:30)"
        ) from None


def now_kst() -> datetime:
    """Now, as naive Korea time (how agencies, deadlines and reports speak)."""
    pin = os.environ.get(ENV, "").strip()
    if not pin:
        return datetime.now(KST).replace(tzinfo=None)
    start = _started.setdefault(pin, time.monotonic())
    return parse_pin(pin) + timedelta(seconds=time.monotonic() - start)


def now_utc() -> datetime:
    """Now, as naive UTC (how the ledger stores every time: SQLite keeps no zone)."""
    return now_kst().replace(tzinfo=KST).astimezone(UTC).replace(tzinfo=None)


def today() -> date:
    """Today's date in Korea."""
    return now_kst().date()
