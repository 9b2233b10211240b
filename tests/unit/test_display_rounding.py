"""metrics/display.py: a shown figure is on the same side of every status boundary as the exact value (the
status is judged on the exact value), and a bounded achievement shows its raw ratio, marked."""

from __future__ import annotations

import duckdb
import pytest

from etl.builder.sqlrun import PROJECT_ROOT, discover, run_order
from metrics import display

THRESHOLDS = display.Thresholds(on_track=100.0, watch=80.0)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (99.96, "99.9%"),  # watch: nearest rounding would say 100.0 %
        (99.95, "99.9%"),
        (99.94, "99.9%"),  # nearest rounding already agrees
        (100.0, "100.0%"),
        (100.04, "100.0%"),  # on track, rounds down onto the threshold: still a pass
        (99.9999999999, "100.0%"),  # within the tolerance: judged on track, shown as a pass
        (79.96, "79.9%"),  # off track: nearest rounding would say 80.0 %
        (80.0, "80.0%"),
        (86.27, "86.3%"),  # away from any threshold: plain nearest rounding
        (0.0, "0.0%"),
        (120.0, "120.0%"),
        (None, "—"),
    ],
)
def test_an_achievement_never_rounds_across_a_threshold(value: float | None, shown: str) -> None:
    assert display.achievement(value, THRESHOLDS) == shown


@pytest.mark.parametrize(
    ("value", "target", "direction", "decimals", "shown"),
    [
        (99.476, 99.5, "up", 1, 99.4),  # below an ↑ target: not 99.5
        (99.5, 99.5, "up", 1, 99.5),
        (99.53, 99.5, "up", 1, 99.5),  # above it, nearest rounding keeps it at the target: a pass
        (4.004, 4.0, "down", 2, 4.01),  # above a ↓ target: rounds up, not to 4.00
        (4.0, 4.0, "down", 2, 4.0),
        (3.996, 4.0, "down", 2, 4.0),  # under a ↓ target, nearest rounding reaches it: still a pass
        (1_299_999.6, 1_300_000, "up", 0, 1_299_999),  # a count short of its target by 0.4
        (99.476, None, "up", 1, 99.476),  # no target: left as it is (the caller's rounding applies)
    ],
)
def test_a_value_never_rounds_onto_a_target_it_missed(
    value: float, target: float | None, direction: str, decimals: int, shown: float
) -> None:
    assert display.beside_target(value, decimals, target, direction) == shown


def test_a_value_with_its_unit_is_rounded_against_its_target() -> None:
    assert display.value_with_unit(99.476, "%", target=99.5, direction="up") == "99.4%"
    assert display.value_with_unit(99.476, "%") == "99.5%"  # without a target: nearest
    assert display.value_with_unit(4.004, "일", target=4.0, direction="down") == "4.01 일"


def test_a_bounded_achievement_shows_its_raw_ratio_marked() -> None:
    assert display.achievement_text(0.0, -601.1234, THRESHOLDS, "ko") == "-601.1% → 0.0% (하한 적용)"
    assert display.achievement_text(0.0, -601.1234, THRESHOLDS, "en") == "-601.1% → 0.0% (floor applied)"
    assert display.achievement_text(120.0, 135.2, THRESHOLDS, "ko") == "135.2% → 120.0% (상한 적용)"
    assert display.achievement_text(120.0, 135.2, THRESHOLDS, "en") == "135.2% → 120.0% (cap applied)"
    assert display.achievement_text(99.96, 99.96, THRESHOLDS, "ko") == "99.9%"  # not bounded: no mark
    assert display.achievement_text(None, None, THRESHOLDS, "ko") == "—"


def test_the_tolerance_is_the_sql_macros() -> None:
    """display reads the tolerance from sql/macros/status_tolerance.sql: the same figure the status rule uses."""
    con = duckdb.connect()
    (macro,) = [m for m in run_order(discover(PROJECT_ROOT / "sql")) if m.name == "status_tolerance"]
    con.execute(macro.create_statement())
    assert display.status_tolerance() == con.execute("select status_tolerance()").fetchone()[0] == 1e-9  # type: ignore[index]
