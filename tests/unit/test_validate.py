"""Every rule of the upload contract, with the exact rule, row, column and value reported."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import openpyxl
import polars as pl
import pytest

from etl.ingest.check_rules import ValidationContext
from etl.ingest.contracts import DATASETS, polars_schema
from etl.ingest.problems import MAX_VALUE_CHARS, ValidationResult
from etl.ingest.validate import validate

AGENCY = "1310000"
OTHER_AGENCY = "6110000"
MARCH = date(2026, 3, 1)

CTX = ValidationContext(
    known_agencies={AGENCY, OTHER_AGENCY},
    kpi_ranges={"S1-T2-K1": (0, 100), "S2-T1-K3": (0, 4), "S3-T1-K1": (0, None), "S3-T2-K2": (None, None)},
    now=datetime(2026, 4, 5, 12, 0),
    default_deadline_days={"고충": 7, "건의": 14, "질의": 7, "기타": 0},
)

BASE = {
    "complaints": {
        "complaint_id": "C-1",
        "agency_code": AGENCY,
        "complaint_type": "고충",
        "channel": "온라인",
        "received_at": "2026-03-02 09:00",
        "resolved_at": "2026-03-04 17:30",
        "deadline_days": "",
        "status": "처리완료",
    },
    "participation": {
        "agency_code": AGENCY,
        "period": "2026-03",
        "platform": "국민참여플랫폼",
        "proposals_received": "1,200",
        "participants": "3,400",
        "proposals_reviewed": "1,000",
        "proposals_adopted": "120",
    },
    "meetings": {
        "meeting_id": "M-1",
        "agency_code": AGENCY,
        "held_on": "2026-03-10",
        "meeting_type": "정례",
        "duration_min": "60",
        "attendees": "12",
        "remote": "",
    },
    "rewards": {
        "payout_id": "P-1",
        "agency_code": AGENCY,
        "paid_on": "2026-03-20",
        "reward_type": "제안",
        "recipients": "2",
        "amount_krw": "1,000,000",
        "reason": "우수 제안",
    },
    "kpi_progress": {
        "agency_code": AGENCY,
        "period": "2026-03",
        "kpi_code": "S1-T2-K1",
        "value": "95.5",
        "note": "",
    },
}


def csv_of(dataset: str, rows: list[dict[str, str]], *, encoding: str = "utf-8-sig") -> bytes:
    """A CSV with every column of the dataset under its Korean header; each row overrides BASE."""
    columns = DATASETS[dataset].columns
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header_ko for c in columns])
    for row in rows:
        values = {**BASE[dataset], **row}
        writer.writerow([values[c.name] for c in columns])
    return out.getvalue().encode(encoding)


def check(dataset: str, rows: list[dict[str, str]], **kwargs) -> ValidationResult:
    return validate(csv_of(dataset, rows), f"{dataset}.csv", dataset, AGENCY, MARCH, kwargs.get("ctx", CTX))


def found(result: ValidationResult, rule: str) -> list[tuple[int | None, str | None, str | None]]:
    return [(p.row, p.column, p.value) for p in result.problems if p.rule == rule]


def rules(result: ValidationResult) -> list[str]:
    return [p.rule for p in result.problems]


# ------------------------------------------------------------------------------------------ valid files


def test_a_valid_file_yields_the_normalised_frame_typed_per_contract():
    result = check(
        "complaints",
        [
            {},
            {
                "complaint_id": "C-2",
                "complaint_type": "법정",
                "deadline_days": "20",
                "received_at": "2026. 3. 31. 23:59",
                "resolved_at": "",
                "status": "처리중",
            },
            {
                "complaint_id": "C-3",
                "complaint_type": "건의",
                "channel": "찾아가는민원",
                "received_at": "20260315 08:00",
                "resolved_at": "2026-04-01T09:00:00",
                "status": "처리완료",
            },
        ],
    )
    assert result.ok and result.problems == []
    assert result.row_count == 3
    frame = result.frame
    assert frame.schema == pl.Schema(polars_schema("complaints"))
    assert "_row" not in frame.columns
    assert frame["received_at"].to_list() == [
        datetime(2026, 3, 2, 9, 0),
        datetime(2026, 3, 31, 23, 59),
        datetime(2026, 3, 15, 8, 0),
    ]
    assert frame["resolved_at"].to_list() == [datetime(2026, 3, 4, 17, 30), None, datetime(2026, 4, 1, 9, 0)]


def test_a_missing_deadline_is_filled_with_the_default_of_its_type():
    result = check(
        "complaints",
        [
            {"complaint_type": "고충"},
            {"complaint_id": "C-2", "complaint_type": "건의"},
            {"complaint_id": "C-3", "complaint_type": "기타"},
            {"complaint_id": "C-4", "complaint_type": "질의", "deadline_days": "3"},
        ],
    )
    assert result.ok
    assert result.frame["deadline_days"].to_list() == [7, 14, 0, 3]


def test_it_reads_every_number_form_into_typed_columns():
    result = check("participation", [{}])
    assert result.ok
    row = result.frame.row(0, named=True)
    assert row["period"] == MARCH
    assert (row["proposals_received"], row["participants"]) == (1200, 3400)
    assert result.frame.schema == pl.Schema(polars_schema("participation"))


def test_remote_defaults_to_false_and_reads_y_and_n():
    result = check("meetings", [{}, {"meeting_id": "M-2", "remote": "Y"}, {"meeting_id": "M-3", "remote": "n"}])
    assert result.ok
    assert result.frame["remote"].to_list() == [False, True, False]
    assert result.frame.schema == pl.Schema(polars_schema("meetings"))


def test_a_kpi_value_may_carry_a_percent_sign():
    result = check("kpi_progress", [{"value": "85.5%"}, {"kpi_code": "S3-T1-K1", "value": "1,234"}])
    assert result.ok
    assert result.frame["value"].to_list() == [85.5, 1234.0]
    assert result.frame["period"].to_list() == [MARCH, MARCH]


def test_a_cp949_file_validates_like_utf8():
    content = csv_of("complaints", [{"complaint_id": "똠-1"}, {"complaint_id": "햏-2"}], encoding="cp949")
    result = validate(content, "c.csv", "complaints", AGENCY, MARCH, CTX)
    assert result.ok
    assert result.frame["complaint_id"].to_list() == ["똠-1", "햏-2"]


def test_an_xlsx_file_with_real_date_cells_validates():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([c.header_ko for c in DATASETS["meetings"].columns])
    sheet.append(["M-1", 1310000, datetime(2026, 3, 10), "수시", 90, 8.0, "Y"])
    sheet.append(["M-2", 1310000, date(2026, 3, 11), "보고", 30, 5, True])
    out = io.BytesIO()
    book.save(out)
    result = validate(out.getvalue(), "m.xlsx", "meetings", AGENCY, MARCH, CTX)
    assert result.ok, result.problems
    assert result.frame["held_on"].to_list() == [date(2026, 3, 10), date(2026, 3, 11)]
    assert result.frame["attendees"].to_list() == [8, 5]
    assert result.frame["remote"].to_list() == [True, True]


# ------------------------------------------------------------------------------------------ empty files


def test_a_header_only_rewards_file_is_a_valid_month_without_payouts():
    result = check("rewards", [])
    assert result.ok and result.problems == []
    assert result.row_count == 0
    assert result.frame.height == 0
    assert result.frame.schema == pl.Schema(polars_schema("rewards"))


@pytest.mark.parametrize("dataset", ["complaints", "participation", "meetings", "kpi_progress"])
def test_a_header_only_file_is_an_error_elsewhere(dataset: str):
    result = check(dataset, [])
    assert not result.ok and result.frame is None
    assert [(p.rule, p.row, p.column) for p in result.errors] == [("empty_file", None, None)]


def test_a_zero_byte_rewards_file_is_still_an_error():
    result = validate(b"", "r.csv", "rewards", AGENCY, MARCH, CTX)
    assert rules(result) == ["empty_file"]


def test_reading_problems_reach_the_result():
    result = validate("민원번호\r\n".encode("utf-16"), "c.csv", "complaints", AGENCY, MARCH, CTX)
    assert result.frame is None and not result.ok
    assert rules(result) == ["encoding"]


# ------------------------------------------------------------------------------------ rules per column


def test_it_reports_every_empty_required_cell_with_its_row_and_header():
    result = check("complaints", [{}, {"complaint_id": "C-2", "channel": "", "status": "-"}, {"complaint_id": ""}])
    assert found(result, "required") == [(3, "접수경로", None), (3, "처리상태", None), (4, "민원번호", None)]
    assert result.frame is None
    assert "'접수경로' 값이 비어 있습니다" in result.problems[0].message_ko


def test_it_reports_every_bad_date_with_its_spreadsheet_row():
    result = check(
        "meetings",
        [
            {"meeting_id": "M-1", "held_on": "2026-02-30"},
            {"meeting_id": "M-2", "held_on": "2026-03-10"},
            {"meeting_id": "M-3", "held_on": "3월 10일"},
            {"meeting_id": "M-4", "held_on": "2026.03.11"},
            {"meeting_id": "M-5", "held_on": "10/03/2026"},
        ],
    )
    assert found(result, "date_format") == [
        (2, "회의일자", "2026-02-30"),
        (4, "회의일자", "3월 10일"),
        (6, "회의일자", "10/03/2026"),
    ]
    assert "2026-03-02" in result.errors[0].message_ko


def test_a_date_time_without_a_time_is_a_format_error():
    result = check("complaints", [{"received_at": "2026-03-02"}])
    assert found(result, "date_format") == [(2, "접수일시", "2026-03-02")]
    assert "시각" in result.errors[0].message_ko


def test_it_lists_the_allowed_values_when_a_choice_is_wrong():
    result = check("complaints", [{"channel": "팩스"}, {"complaint_id": "C-2", "channel": "찾아가는 민원"}])
    assert found(result, "enum") == [(2, "접수경로", "팩스")]
    assert "온라인, 방문, 전화, 우편, 찾아가는민원" in result.errors[0].message_ko
    assert "온라인, 방문, 전화, 우편, 찾아가는민원" in result.errors[0].message_en


def test_an_unreadable_yes_no_is_an_enum_error():
    result = check("meetings", [{"remote": "예"}])
    assert found(result, "enum") == [(2, "비대면여부", "예")]
    assert "Y, N" in result.errors[0].message_ko


def test_it_reports_whole_numbers_given_with_decimals_or_text():
    result = check(
        "meetings",
        [
            {"duration_min": "1.5"},
            {"meeting_id": "M-2", "attendees": "열두 명"},
            {"meeting_id": "M-3", "duration_min": "60.0"},
        ],
    )
    assert found(result, "number_format") == [(2, "소요시간분", "1.5"), (3, "참석인원", "열두 명")]


def test_it_reports_values_outside_the_contract_range():
    result = check(
        "meetings",
        [
            {"duration_min": "0"},
            {"meeting_id": "M-2", "duration_min": "721"},
            {"meeting_id": "M-3", "attendees": "1,001"},
            {"meeting_id": "M-4", "attendees": "1000"},
        ],
    )
    assert found(result, "range") == [
        (2, "소요시간분", "0"),
        (3, "소요시간분", "721"),
        (4, "참석인원", "1,001"),
    ]
    assert "1 이상 720 이하" in result.errors[0].message_ko


def test_it_reports_text_longer_than_allowed_and_shows_at_most_100_characters():
    result = check("rewards", [{"reason": "가" * 501}, {"payout_id": "P-2", "reason": "나" * 500}])
    [problem] = result.errors
    assert (problem.rule, problem.row, problem.column) == ("max_len", 2, "지급사유")
    assert len(problem.value) == MAX_VALUE_CHARS
    assert "501자" in problem.message_ko


def test_it_reports_each_repeated_key_naming_the_first_row():
    result = check("complaints", [{}, {"complaint_id": "C-2"}, {"complaint_id": "C-1"}, {"complaint_id": "C-1"}])
    assert found(result, "duplicate") == [(4, "민원번호", "C-1"), (5, "민원번호", "C-1")]
    assert all("2행" in p.message_ko and "row 2" in p.message_en for p in result.errors)


def test_a_platform_appears_once_per_file():
    result = check("participation", [{}, {"platform": "청원24"}, {"platform": "국민참여플랫폼"}])
    assert found(result, "duplicate") == [(4, "참여플랫폼", "국민참여플랫폼")]


def test_an_unknown_agency_and_another_agencys_rows_are_reported_apart():
    result = check(
        "complaints",
        [
            {},
            {"complaint_id": "C-2", "agency_code": "9999999"},
            {"complaint_id": "C-3", "agency_code": OTHER_AGENCY},
        ],
    )
    assert found(result, "unknown_agency") == [(3, "기관코드", "9999999")]
    assert found(result, "agency_mismatch") == [(4, "기관코드", OTHER_AGENCY)]
    assert AGENCY in result.errors[0].message_ko


def test_dates_outside_the_files_month_are_reported():
    result = check(
        "complaints",
        [
            {"received_at": "2026-02-28 23:59", "resolved_at": "2026-03-02 10:00"},
            {"complaint_id": "C-2", "received_at": "2026-03-01 00:00"},
            {"complaint_id": "C-3", "received_at": "2026-04-01 00:00", "resolved_at": "2026-04-02 10:00"},
        ],
    )
    assert found(result, "out_of_month") == [
        (2, "접수일시", "2026-02-28 23:59"),
        (4, "접수일시", "2026-04-01 00:00"),
    ]
    assert "2026-03-01~2026-03-31" in result.errors[0].message_ko


def test_the_period_column_must_be_the_files_month():
    result = check(
        "kpi_progress",
        [{"period": "2026년 2월"}, {"kpi_code": "S2-T1-K3", "value": "3", "period": "2026년 3월"}],
    )
    assert found(result, "out_of_month") == [(2, "기준월", "2026년 2월")]


def test_a_time_in_the_future_is_an_error():
    result = check(
        "complaints",
        [
            {"received_at": "2026-03-31 09:00", "resolved_at": "2026-04-05 12:01"},
            {"complaint_id": "C-2", "resolved_at": "2026-04-05 12:00"},
        ],
    )
    assert found(result, "future") == [(2, "처리일시", "2026-04-05 12:01")]


# ------------------------------------------------------------------------------------- complaints rules


def test_resolved_before_received_is_an_error():
    result = check("complaints", [{"received_at": "2026-03-05 09:00", "resolved_at": "2026-03-05 08:59"}])
    assert found(result, "resolved_before_received") == [(2, "처리일시", "2026-03-05 08:59")]
    assert "2026-03-05 09:00" in result.errors[0].message_ko


def test_a_resolved_complaint_needs_its_resolution_time():
    result = check(
        "complaints",
        [
            {"resolved_at": "", "status": "처리완료"},
            {"complaint_id": "C-2", "resolved_at": "", "status": "이송"},
            {"complaint_id": "C-3", "resolved_at": "", "status": "취하"},
        ],
    )
    assert found(result, "status_needs_resolved_at") == [(2, "처리일시", None)]
    assert len(result.errors) == 1


def test_a_pending_complaint_has_no_resolution_time():
    result = check("complaints", [{"status": "처리중"}])
    assert found(result, "pending_has_resolved_at") == [(2, "처리일시", "2026-03-04 17:30")]


def test_a_statutory_complaint_must_state_its_deadline():
    result = check(
        "complaints",
        [
            {"complaint_type": "법정"},
            {"complaint_id": "C-2", "complaint_type": "법정", "deadline_days": "30"},
        ],
    )
    assert found(result, "deadline_required") == [(2, "처리기한일수", None)]
    assert "법정" in result.errors[0].message_ko


# ---------------------------------------------------------------------------------- participation rules


def test_reviewed_above_received_is_only_a_warning():
    result = check(
        "participation", [{"proposals_received": "10", "proposals_reviewed": "15", "proposals_adopted": "5"}]
    )
    assert result.ok
    assert [(p.rule, p.severity, p.row, p.column, p.value) for p in result.problems] == [
        ("reviewed_above_received", "warning", 2, "검토완료", "15")
    ]
    assert result.frame is not None


def test_adopted_above_reviewed_is_an_error():
    result = check("participation", [{"proposals_reviewed": "100", "proposals_adopted": "101"}])
    assert found(result, "adopted_above_reviewed") == [(2, "정책반영", "101")]
    assert result.frame is None


# ---------------------------------------------------------------------------------------- reward rules


def test_a_payout_above_the_cap_per_recipient_is_an_error():
    result = check(
        "rewards",
        [
            {"recipients": "2", "amount_krw": "60,000,000"},
            {"payout_id": "P-2", "recipients": "2", "amount_krw": "60,000,001"},
            {"payout_id": "P-3", "recipients": "1", "amount_krw": "30,000,001"},
        ],
    )
    assert found(result, "reward_cap") == [(3, "지급액", "60,000,001"), (4, "지급액", "30,000,001")]
    assert "30,000,000원" in result.errors[0].message_ko


def test_a_payout_needs_a_recipient_and_an_amount():
    result = check("rewards", [{"recipients": "0"}, {"payout_id": "P-2", "amount_krw": "0"}])
    assert found(result, "range") == [(2, "수령인원", "0"), (3, "지급액", "0")]
    assert "reward_cap" not in rules(result)


# ------------------------------------------------------------------------------------------- KPI rules


def test_a_kpi_must_be_one_agencies_report():
    result = check("kpi_progress", [{"kpi_code": "S9-T9-K9"}])
    assert found(result, "unknown_kpi") == [(2, "지표코드", "S9-T9-K9")]
    assert "S1-T2-K1, S2-T1-K3" in result.errors[0].message_ko


def test_a_kpi_value_must_lie_in_its_range():
    result = check(
        "kpi_progress",
        [
            {"kpi_code": "S1-T2-K1", "value": "100.5"},
            {"kpi_code": "S2-T1-K3", "value": "5"},
            {"kpi_code": "S3-T1-K1", "value": "-1"},
            {"kpi_code": "S3-T2-K2", "value": "-1000"},
        ],
    )
    assert found(result, "range") == [(2, "실적값", "100.5"), (3, "실적값", "5"), (4, "실적값", "-1")]
    assert "0 이상 100 이하" in result.errors[0].message_ko
    assert "0 이상 4 이하" in result.errors[1].message_ko
    assert "S2-T1-K3" in result.errors[1].message_ko


# ---------------------------------------------------------------------------------------- the report


def test_it_reports_every_problem_ordered_by_row_then_column():
    result = check(
        "complaints",
        [
            {"status": "모름", "channel": "팩스"},
            {"complaint_id": "C-2"},
            {"complaint_id": "C-1", "received_at": "어제", "agency_code": "1"},
        ],
    )
    assert [(p.row, p.column, p.rule) for p in result.problems] == [
        (2, "접수경로", "enum"),
        (2, "처리상태", "enum"),
        (4, "민원번호", "duplicate"),
        (4, "기관코드", "unknown_agency"),
        (4, "접수일시", "date_format"),
    ]
    assert result.row_count == 3


def test_every_message_exists_in_korean_and_english():
    result = check("complaints", [{"complaint_type": "법정", "status": "처리중", "channel": "x"}])
    assert result.problems
    for p in result.problems:
        assert p.message_ko and p.message_en and p.message_ko != p.message_en
        assert p.message("en") == p.message_en and p.message() == p.message_ko


def test_braces_in_a_value_are_shown_as_typed():
    result = check("complaints", [{"channel": "{d}"}])
    assert "'{d}'" in result.errors[0].message_ko


def test_the_problem_list_is_available_as_a_table():
    result = check("complaints", [{"channel": "팩스"}])
    table = result.problems_frame()
    assert table.select("row", "column", "rule").rows() == [(2, "접수경로", "enum")]
    assert result.counts_by_rule() == {"enum": 1}


# ---------------------------------------------------------------------------------------- performance


@pytest.mark.slow
def test_a_national_size_complaints_file_validates():
    header = ",".join(c.header_ko for c in DATASETS["complaints"].columns)
    lines = [header]
    for i in range(300_000):
        day = 1 + i % 28
        received, resolved = f"2026-03-{day:02d} 09:{i % 60:02d}", f"2026-03-{day:02d} 17:00"
        lines.append(f"C-{i},{AGENCY},고충,온라인,{received},{resolved},,처리완료")
    content = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    result = validate(content, "big.csv", "complaints", AGENCY, MARCH, CTX)
    assert result.ok
    assert result.row_count == 300_000
    assert result.frame.height == 300_000
