"""The one number rule (reports/numbers.py, metrics/display.py), with hand-computed figures: money in 억/만 원,
counts as integers, percentages with one decimal, units in English, exact CSV integers."""

from __future__ import annotations

import re

import pytest
import yaml

from metrics import display
from metrics.settings import PROJECT_ROOT
from reports import numbers
from reports.table_cells import Column, Table

HANGUL = re.compile(r"[가-힣]")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (933_800_000, "9억 3,380만 원"),
        (8_000_000_000, "80억 원"),
        (33_800_000, "3,380만 원"),
        (51_440_000, "5,144만 원"),
        (166_666_666, "1억 6,667만 원"),  # nearest 만: 6,666.67 → 6,667
        (12_345, "1만 원"),
        (5_000, "5,000원"),
        (0, "0원"),
        (-933_800_000, "-9억 3,380만 원"),
        (None, "—"),
    ],
)
def test_money_is_written_in_eok_and_man(value, text):
    assert display.money(value) == text


def test_money_in_english_is_krw_in_millions():
    assert display.money(933_800_000, "en") == "KRW 933.8M"
    assert display.money(5_000, "en") == "KRW 5,000"


def test_money_beside_its_target_is_never_rounded_across_it():
    # 9억 9,999만 6천 원 misses a 10억 target: nearest 만 would show "10억 원", a pass
    assert display.money(999_996_000) == "10억 원"
    assert display.money(999_996_000, target=1_000_000_000, direction="up") == "9억 9,999만 원"
    assert display.money(999_996_000, "en", target=1_000_000_000, direction="up") == "KRW 999.9M"


def test_counts_are_integers_and_percentages_one_decimal():
    assert numbers.count(113416.0) == "113,416"
    assert numbers.percent(12.345) == "12.3"
    assert display.value_text(113416.0, "건") == "113,416"
    assert display.value_text(4.004, "일") == "4.00"
    assert display.value_text(62.24, "분") == "62.2"
    assert numbers.points(-2.54) == "-2.5"


def test_units_are_english_in_english():
    assert display.value_with_unit(22, "건", "en") == "22 cases"
    assert display.value_with_unit(22, "건") == "22 건"
    assert display.value_with_unit(11, "명", "en") == "11 people"
    assert display.value_with_unit(99.44, "%", "en") == "99.4%"
    assert display.value_with_unit(51_440_000, "원", "en") == "KRW 51.4M"


def test_every_catalog_unit_has_an_english_word():
    catalog = yaml.safe_load((PROJECT_ROOT / "data" / "catalog" / "kpis.yaml").read_text(encoding="utf-8"))
    units = {k["unit"] for k in catalog["kpis"]}
    assert len(units) >= 8
    for unit in units:
        assert unit in display.UNIT_EN, unit
        assert not HANGUL.search(display.unit_label(unit, "en")), unit


def test_the_dashboard_writes_money_and_units_by_the_same_rule():
    assert display.won(933_800_000) == "9억 3,380만 원"
    assert display.value_with_unit(22, "건", "en") == "22 cases"
    assert display.value_with_unit(4.004, "일", target=4.0, direction="down") == "4.01 일"


def test_numeric_kinds_and_the_unit_column():
    assert numbers.is_numeric("actual") and numbers.is_numeric("int") and not numbers.is_numeric("text")
    table = Table("t", "t", [Column("unit", "Unit"), Column("value", "Value", "actual")], [{"unit": "원", "value": 0}])
    assert table.texts("en") == [["KRW", "KRW 0"]]
    assert table.texts("ko") == [["원", "0원"]]


@pytest.mark.parametrize(
    ("value", "text"), [(113416.0, "113416"), (0.1, "0.1"), (99.96, "99.96"), (7, "7"), (-3.0, "-3")]
)
def test_csv_writes_exact_values_and_whole_numbers_as_integers(value, text):
    assert numbers.exact_text(value) == text
