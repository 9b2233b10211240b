"""The growth measurement's N-year store: its months and clock, its own reference copy with 2028's holidays
(data/reference left as it is), and the report's growth table and budgets."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from bench.child import task_floor_marts
from bench.data import active_complaint_parquet
from bench.history import HOLIDAYS_2028, history_env, history_settings, history_window, prepare_history
from bench.report_growth import growth_budgets, growth_lines
from metrics.settings import PROJECT_ROOT, Settings
from metrics.snapshot import connect_readonly, current_snapshot
from tests.fixture_store import copy_store


def test_three_years_end_in_december_2027_with_the_clock_in_january_2028() -> None:
    assert history_window(3) == (date(2027, 12, 1), datetime(2028, 1, 25, 10, 0))
    assert history_window(2) == (date(2026, 12, 1), datetime(2027, 1, 25, 10, 0))


def test_the_history_store_has_its_own_folder_reference_copy_and_clock(tmp_path: Path) -> None:
    original = (PROJECT_ROOT / "data" / "reference" / "holidays.csv").read_bytes()
    settings = history_settings(tmp_path, 3)
    assert settings.home == tmp_path / "store-3y"
    lines = (settings.reference_dir / "holidays.csv").read_text(encoding="utf-8").splitlines()
    assert lines[: len(original.decode("utf-8").splitlines())] == original.decode("utf-8").splitlines()
    assert "2028-10-03,개천절" in lines and sum(line.startswith("2028-") for line in lines) == len(HOLIDAYS_2028)
    assert (PROJECT_ROOT / "data" / "reference" / "holidays.csv").read_bytes() == original
    history_settings(tmp_path, 3)  # a second call adds nothing twice
    assert (settings.reference_dir / "holidays.csv").read_text(encoding="utf-8").splitlines() == lines
    env = history_env(settings, 3)
    assert env["GOVDASH_TODAY"] == "2028-01-25T10:00"
    assert env["GOVDASH_REFERENCE_DIR"] == str(settings.reference_dir)


def _fig(median_s: float, peak: float = 1000.0) -> dict:
    return {"median_s": median_s, "peak_mib": peak, "runs": [{}]}


def test_growth_budgets_and_table() -> None:
    ctx = {"as_of": "2027-12-01", "sizes": {"src_complaints": 43_000_000}}
    growth = {
        "years": 3,
        "context": ctx,
        "complaint_files": 2400,
        "largest_slot": {"agency": "1140100", "period": "2025-03"},
        "resubmission_rows": 300_000,
        "build": _fig(21.0, 2500.0),
        "floor_marts": _fig(10.0),
        "resubmit": _fig(5.5),
        "page_queries": {"worst_page_p95_ms": 80.0},
    }
    verdicts = [(name, measured, verdict) for name, measured, _, verdict in growth_budgets(growth)]
    assert verdicts == [
        ("3 years: full build ÷ floor query", "2.1×", "**missed**"),
        ("3 years: large re-submission", "5.50 s", "**missed**"),
        ("3 years: page queries p95 (slowest page)", "80.0 ms", "met"),
        ("3 years: peak memory of a build", "2500 MiB", "met"),
    ]
    main = {"build": _fig(12.0), "floor_marts": _fig(8.0)}
    meta = {"context": {"as_of": "2026-10-01", "sizes": {"src_complaints": 26_000_000}}}
    lines = growth_lines(growth, main, meta)
    assert "| demo history, to 2026-10 | 26,000,000 | 12.0 | 8.00 | 1.50× | — | — | — | 1000 |" in lines
    assert "| 3 years, to 2027-12 | 43,000,000 | 21.0 | 10.00 | 2.10× | 5.50 | 80.0 | — | 2500 |" in lines


def test_each_later_month_copies_the_latest_month_whole_years_before() -> None:
    from bench.history import _plan

    periods = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 11)]
    plan = _plan(periods, date(2027, 12, 1))
    assert list(plan) == ["2026-11", "2026-12"] + [f"2027-{m:02d}" for m in range(1, 13)]
    assert plan["2026-11"] == ("2025-11", 12)
    assert plan["2027-10"] == ("2026-10", 12)
    assert plan["2027-11"] == ("2025-11", 24)
    assert plan["2027-12"] == ("2025-12", 24)


def test_a_three_year_store_made_from_the_main_store_builds_and_agrees_with_the_floor(
    fixture_store: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    copy_store(fixture_store.home, work / "store")
    (work / "store" / "bench-scale.json").write_text('{"scale": 0.001}')
    settings = prepare_history(work, 0.001, 3, lambda _message: None)
    for k, v in history_env(settings, 3).items():
        monkeypatch.setenv(k, v)
    con = sqlite3.connect(settings.home / "ledger.sqlite")
    try:
        months = [p for (p,) in con.execute("select distinct period from submissions order by 1")]
        merged_away = con.execute(
            "select count(*) from submissions where agency_code = '6290000' and period > '2026-06'"
        ).fetchone()[0]
    finally:
        con.close()
    assert months[0] == "2025-01" and months[-1] == "2027-12" and len(months) == 36
    assert merged_away == 0  # 광주광역시 ended on 2026-06-30: no copy brings it back in 2027
    check = task_floor_marts(
        {"paths": active_complaint_parquet(settings), "check": True, "snapshot_dir": str(settings.snapshot_dir)}
    )
    assert check["same_as_mart"] and check["rows"] > 0, check
    con2 = connect_readonly(current_snapshot(settings.snapshot_dir))
    try:
        assert con2.sql("select as_of_period from build_info").fetchall()[0][0] == date(2027, 12, 1)
        late = con2.sql("select count(*) from src_complaints where received_at >= '2027-01-01'").fetchall()[0][0]
    finally:
        con2.close()
    assert late > 0
