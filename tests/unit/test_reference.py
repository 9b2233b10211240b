"""The reference files (agencies, holidays) and their loader."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from metrics.reference import (
    AGENCY_FILE,
    HOLIDAY_FILE,
    ReferenceDataError,
    agencies_active_in,
    load_agencies,
    load_holidays,
)
from metrics.settings import get_settings


@pytest.fixture(scope="module")
def agencies() -> pl.DataFrame:
    return load_agencies()


def _count(df: pl.DataFrame, **where: str) -> int:
    for column, value in where.items():
        df = df.filter(pl.col(column) == value)
    return df.height


def test_central_agencies_are_19_ministries_6_offices_19_services_6_commissions(agencies):
    central = agencies.filter(pl.col("agency_group") == "central")
    assert central.height == 50
    assert [_count(central, kind=k) for k in ("부", "처", "청", "위원회")] == [19, 6, 19, 6]
    assert central["valid_from"].is_null().all() and central["valid_to"].is_null().all()


def test_seventeen_regions_until_the_jeonnam_gwangju_merger_then_sixteen(agencies):
    def regions(period: date) -> set[str]:
        active = agencies_active_in(agencies, period)
        return set(active.filter(pl.col("agency_group") == "local")["name_ko"])

    assert len(regions(date(2025, 1, 1))) == 17
    assert len(regions(date(2026, 6, 1))) == 17
    after = regions(date(2026, 7, 1))
    assert len(after) == 16
    assert "전남광주통합특별시" in after and not {"광주광역시", "전라남도"} & after
    assert len(agencies_active_in(agencies, date(2026, 6, 15))) == 67


def test_codes_are_unique_seven_digit_strings(agencies):
    assert agencies.schema["agency_code"] == pl.String
    assert agencies["agency_code"].str.contains(r"^\d{7}$").all()
    assert agencies["agency_code"].n_unique() == agencies.height


def test_codes_from_the_strategy_catalog_are_kept_and_not_provisional(agencies):
    known = {
        "1741000": "행정안전부",
        "1613000": "국토교통부",
        "1360000": "기상청",
        "1471000": "식품의약품안전처",
        "1342000": "교육부",
        "1352000": "보건복지부",
        "1492000": "고용노동부",
        "1262000": "외교부",
        "1721000": "과학기술정보통신부",
        "1140100": "국민권익위원회",
        "1760000": "인사혁신처",
        "1320000": "경찰청",
        "1661000": "소방청",
        "1210000": "국세청",
        "6110000": "서울특별시",
        "6260000": "부산광역시",
    }
    rows = {r["agency_code"]: r for r in agencies.iter_rows(named=True)}
    for code, name in known.items():
        assert rows[code]["name_ko"] == name and rows[code]["provisional"] is False
    # Renamed in the 2025 reorganisation: the predecessor's code is carried, marked unconfirmed.
    assert rows["1051000"]["name_ko"] == "재정경제부" and rows["1051000"]["provisional"] is True


def test_types_and_default_weight(agencies):
    assert agencies.schema == {
        "agency_code": pl.String,
        "name_ko": pl.String,
        "name_en": pl.String,
        "agency_group": pl.String,
        "kind": pl.String,
        "provisional": pl.Boolean,
        "valid_from": pl.Date,
        "valid_to": pl.Date,
        "weight": pl.Float64,
    }
    assert (agencies["weight"] == 1.0).all()


def test_holidays_hold_lunar_holidays_substitutes_and_elections():
    holidays = load_holidays()
    days = set(holidays["date"])
    expected = {
        date(2025, 1, 29),
        date(2025, 10, 6),
        date(2025, 10, 8),
        date(2025, 3, 3),
        date(2025, 5, 6),
        date(2025, 6, 3),
        date(2026, 2, 17),
        date(2026, 3, 2),
        date(2026, 5, 25),
        date(2026, 6, 3),
        date(2026, 8, 17),
        date(2026, 9, 25),
        date(2026, 10, 5),
        date(2026, 12, 25),
    }
    assert expected <= days
    assert holidays["date"].is_sorted() and holidays["date"].n_unique() == holidays.height
    # 현충일 has no substitute day, and Saturday overlaps of 추석 give none either.
    assert date(2026, 6, 8) not in days and date(2026, 9, 28) not in days


def test_substitute_holidays_fall_on_weekdays():
    holidays = load_holidays()
    for row in holidays.filter(pl.col("name_ko").str.starts_with("대체")).iter_rows(named=True):
        assert row["date"].weekday() < 5, row


def _copy_reference(tmp_path: Path) -> Path:
    source = get_settings().reference_dir
    for name in (AGENCY_FILE, HOLIDAY_FILE):
        shutil.copy(source / name, tmp_path / name)
    return tmp_path


def _replace_line(path: Path, index: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[index] = lines[index].replace(old, new)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_broken_agency_code_is_reported_with_file_row_and_field(tmp_path):
    directory = _copy_reference(tmp_path)
    _replace_line(directory / AGENCY_FILE, 3, "1721000", "172100")  # fourth line = spreadsheet row 4
    with pytest.raises(ReferenceDataError, match=r"agencies\.csv: row 4: field 'agency_code': '172100'"):
        load_agencies(directory)


def test_a_duplicate_code_names_both_rows(tmp_path):
    directory = _copy_reference(tmp_path)
    _replace_line(directory / AGENCY_FILE, 3, "1721000", "1342000")
    with pytest.raises(ReferenceDataError, match=r"row 4: field 'agency_code': '1342000' already appears in row 3"):
        load_agencies(directory)


def test_an_unknown_kind_and_a_bad_date_are_reported(tmp_path):
    directory = _copy_reference(tmp_path)
    _replace_line(directory / AGENCY_FILE, 1, ",부,", ",부처,")
    with pytest.raises(ReferenceDataError, match=r"row 2: field 'kind': '부처'"):
        load_agencies(directory)
    _copy_reference(tmp_path)
    _replace_line(directory / HOLIDAY_FILE, 5, "2025-01-30", "2025-01-32")
    with pytest.raises(ReferenceDataError, match=r"holidays\.csv: row 6: field 'date': '2025-01-32'"):
        load_holidays(directory)


def test_a_missing_column_is_reported(tmp_path):
    directory = _copy_reference(tmp_path)
    _replace_line(directory / AGENCY_FILE, 0, "agency_group", "group")
    with pytest.raises(ReferenceDataError, match=r"row 1: field 'agency_group': column is missing"):
        load_agencies(directory)
