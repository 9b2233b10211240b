"""The project's one clock: pinned by GOVDASH_TODAY, and the only place that reads the machine's calendar."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from metrics import clock
from metrics.settings import PROJECT_ROOT

# Calls that read the machine's calendar. Durations are measured with time.monotonic/perf_counter instead.
WALL_CLOCK = re.compile(r"\b(datetime\.(now|today|utcnow)|date\.today|time\.(time|localtime|gmtime|ctime))\(")
CODE_FOLDERS = ("etl", "metrics", "dashboard", "reports", "tests", "bench", "scripts")


def test_the_suite_runs_on_a_pinned_clock():
    assert clock.today() == date(2026, 11, 25)


def test_a_pinned_date_starts_at_ten_and_runs_on(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(clock.ENV, "2028-02-29")
    first = clock.now_kst()
    assert datetime(2028, 2, 29, 10, 0) <= first < datetime(2028, 2, 29, 10, 1)
    assert clock.now_kst() >= first  # it runs forward, never back
    assert clock.today() == date(2028, 2, 29)


def test_a_pinned_time_and_its_utc(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(clock.ENV, "2026-12-01T08:30")
    assert clock.now_kst().replace(second=0, microsecond=0) == datetime(2026, 12, 1, 8, 30)
    # 08:30 in Korea is 23:30 the day before in UTC, as the ledger stores it
    assert clock.now_utc().replace(second=0, microsecond=0) == datetime(2026, 11, 30, 23, 30)


def test_an_unreadable_pin_names_the_setting(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(clock.ENV, "next tuesday")
    with pytest.raises(ValueError, match="GOVDASH_TODAY"):
        clock.now_kst()


def test_nothing_but_the_clock_reads_the_machine_calendar():
    offenders = []
    for folder in CODE_FOLDERS:
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py")):
            if path == PROJECT_ROOT / "metrics" / "clock.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if WALL_CLOCK.search(line) and "WALL_CLOCK" not in line:
                    offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "read the time through metrics.clock:\n" + "\n".join(offenders)
