"""The validation report downloads, read back: CSV in UTF-8 with BOM and an XLSX whose offending cells are
filled, with the first 1,000 problems listed and the counts per rule."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import openpyxl

from etl.ingest.check_rules import ValidationContext
from etl.ingest.problems import Problem
from etl.ingest.validate import validate
from etl.ingest.validation_report import ERROR_FILL, MAX_LISTED, report_csv, report_xlsx, safe_cell
from metrics.kst import parse_period

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "bad"
CTX = ValidationContext(
    known_agencies={"1741000", "6110000"},
    kpi_ranges={"S1-T2-K1": (0, 100)},
    now=datetime(2026, 11, 20, 12, 0),
    default_deadline_days={"고충": 7, "건의": 14, "질의": 7, "기타": 0},
)


def _validate(name: str, dataset: str):
    content = (CORPUS / name).read_bytes()
    return content, validate(content, name, dataset, "1741000", parse_period("2026-10"), CTX)


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))


def test_the_csv_report_lists_row_column_value_rule_and_both_messages():
    _, result = _validate("meeting_type_not_allowed.csv", "meetings")
    rows = _csv_rows(report_csv(result.problems))
    assert rows[0][:5] == ["행 (row)", "열 (column)", "입력값 (value)", "규칙 (rule)", "구분 (severity)"]
    assert rows[1][:5] == ["4", "회의구분", "정기", "enum", "오류 (error)"]
    assert "정례, 수시, 보고, 행사" in rows[1][5] and "Enter one of" in rows[1][6]
    assert ["enum", "오류 (error)", "1"] in rows


def test_the_xlsx_report_fills_the_offending_cell_on_the_files_own_row():
    content, result = _validate("meeting_type_not_allowed.csv", "meetings")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(result.problems, content, "x.csv", "meetings")))
    assert book.sheetnames == ["검증 결과", "규칙별 건수", "제출 자료 (표시)"]
    listed = book["검증 결과"]
    assert [c.value for c in listed[2]][:5] == [4, "회의구분", "정기", "enum", "오류 (error)"]
    data = book["제출 자료 (표시)"]
    assert [c.value for c in data[1]] == [
        "회의번호",
        "기관코드",
        "회의일자",
        "회의구분",
        "소요시간분",
        "참석인원",
        "비대면여부",
    ]
    flagged = data["D4"]
    assert flagged.value == "정기"
    assert flagged.fill.fgColor.rgb.endswith(ERROR_FILL.lstrip("#"))
    assert "정례, 수시, 보고, 행사" in flagged.comment.text
    filled = [
        c.coordinate for row in data.iter_rows(min_row=2) for c in row if c.fill.fgColor.rgb not in (None, "00000000")
    ]
    assert filled == ["D4"]
    assert data["A3"].value == "M-2" and data["A3"].comment is None


def test_a_ten_thousand_problem_report_lists_the_first_thousand_and_counts_every_rule():
    content, result = _validate("ten_thousand_problems.csv", "complaints")
    assert len(result.problems) == 10_000
    rows = _csv_rows(report_csv(result.problems))
    listed = [r for r in rows[1:] if r and r[0].isdigit()]
    assert len(listed) == MAX_LISTED and listed[0][0] == "2" and listed[-1][0] == str(MAX_LISTED + 1)
    assert ["enum", "오류 (error)", "10000"] in rows
    book = openpyxl.load_workbook(
        io.BytesIO(report_xlsx(result.problems, content, "x.csv", "complaints")), read_only=True
    )
    counts = [tuple(r) for r in book["규칙별 건수"].iter_rows(min_row=2, max_row=2, values_only=True)]
    assert counts == [("enum", "오류 (error)", 10000)]
    assert book["검증 결과"].max_row >= MAX_LISTED + 1
    marked = book["제출 자료 (표시)"]
    assert marked.max_row == MAX_LISTED + 1  # only the rows with a listed problem, each on its own row


def test_an_unreadable_file_has_a_report_without_a_data_sheet():
    content, result = _validate("utf16_with_bom.csv", "meetings")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(result.problems, content, "x.csv", "meetings")))
    assert book.sheetnames == ["검증 결과", "규칙별 건수"]
    assert book["검증 결과"]["D2"].value == "encoding"


def test_formulas_in_values_are_neutralised():
    assert [safe_cell(v) for v in ("=1+1", "+82", "-3", "@x", "\tx", "plain", None)] == [
        "'=1+1",
        "'+82",
        "'-3",
        "'@x",
        "'\tx",
        "plain",
        "",
    ]
    p = Problem(2, "회의번호", '=HYPERLINK("http://x")', "required", "error", "ko", "en")
    rows = _csv_rows(report_csv([p]))
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx([p])))
    cell = book["검증 결과"]["C2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
