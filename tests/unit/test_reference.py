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
        "successor_code": pl.String,
    }
    assert (agencies["weight"] == 1.0).all()


def test_the_merged_regions_name_their_successor(agencies):
    rows = {r["agency_code"]: r for r in agencies.iter_rows(named=True)}
    for code in ("6290000", "6460000"):  # 광주광역시, 전라남도
        assert (rows[code]["valid_to"], rows[code]["successor_code"]) == (date(2026, 6, 30), "6560000")
    assert rows["6560000"]["valid_from"] == date(2026, 7, 1) and rows["6560000"]["successor_code"] is None
    assert agencies["successor_code"].drop_nulls().to_list() == ["6560000", "6560000"]


def test_a_successor_must_be_another_agency_of_the_file_and_needs_an_end(tmp_path):
    directory = _copy_reference(tmp_path)
    _replace_line(directory / AGENCY_FILE, 55, ",6560000", ",6999999")  # 광주광역시 is spreadsheet row 56
    with pytest.raises(ReferenceDataError, match=r"row 56: field 'successor_code': '6999999' is not an agency"):
        load_agencies(directory)
    _copy_reference(tmp_path)
    _replace_line(directory / AGENCY_FILE, 1, "central,부,Y,,,,", "central,부,Y,,,,1342000")
    with pytest.raises(ReferenceDataError, match=r"row 2: field 'successor_code': an agency with a successor needs"):
        load_agencies(directory)


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
    # 노동절 (from 2026-05-01) and 제헌절 (again from 2026-07-17) under the amended 공휴일에 관한 법률
    assert {date(2026, 5, 1), date(2026, 7, 17)} <= days


def test_2027_is_complete_as_derived_from_the_law():
    holidays = load_holidays().filter(pl.col("date").dt.year() == 2027)
    got = {d.isoformat(): name for d, name in holidays.iter_rows()}
    # Weekdays checked by hand: 01-01 Fri; 설날 is 음력 1월 1일 = 02-07 (Sun) by KARI's calendar (the new moon
    # falls at 00:56 KST), so 설 연휴 is Sat 6 – Mon 8 and its Sunday overlap gives Tue 9; 05-01 Sat → Mon 3;
    # 06-06 Sun (현충일: no substitute); 07-17 Sat → Mon 19; 08-15 Sun → Mon 16; 추석 Tue 14 – Thu 16;
    # 10-03 Sun → Mon 4; 10-09 Sat → Mon 11 (Sun 10 is not a working day either); 12-25 Sat → Mon 27.
    assert got == {
        "2027-01-01": "신정",
        "2027-02-06": "설날 연휴",
        "2027-02-07": "설날",
        "2027-02-08": "설날 연휴",
        "2027-02-09": "대체공휴일(설날)",
        "2027-03-01": "삼일절",
        "2027-05-01": "노동절",
        "2027-05-03": "대체공휴일(노동절)",
        "2027-05-05": "어린이날",
        "2027-05-13": "부처님오신날",
        "2027-06-06": "현충일",
        "2027-07-17": "제헌절",
        "2027-07-19": "대체공휴일(제헌절)",
        "2027-08-15": "광복절",
        "2027-08-16": "대체공휴일(광복절)",
        "2027-09-14": "추석 연휴",
        "2027-09-15": "추석",
        "2027-09-16": "추석 연휴",
        "2027-10-03": "개천절",
        "2027-10-04": "대체공휴일(개천절)",
        "2027-10-09": "한글날",
        "2027-10-11": "대체공휴일(한글날)",
        "2027-12-25": "성탄절",
        "2027-12-27": "대체공휴일(성탄절)",
    }
    weekdays = {d: date.fromisoformat(d).strftime("%a") for d in got}
    assert [weekdays[d] for d in ("2027-02-07", "2027-06-06", "2027-07-17", "2027-10-09", "2027-12-25")] == [
        "Sun",
        "Sun",
        "Sat",
        "Sat",
        "Sat",
    ]


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
