"""Reading a submitted CSV or XLSX into trimmed strings named by the contract, with spreadsheet rows."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import openpyxl
import polars as pl
import pytest

from etl.ingest import read_csv as read_module
from etl.ingest.contracts import DATASETS
from etl.ingest.read_grid import ROW, column_letter
from etl.ingest.read_table import read_table

COMPLAINT_HEADER = [c.header_ko for c in DATASETS["complaints"].columns]
COMPLAINT_ROW = ["C-1", "1310000", "고충", "온라인", "2026-03-02 09:00", "2026-03-03 10:00", "", "처리완료"]


def csv_bytes(rows: list[list[str]], *, encoding: str = "utf-8-sig", newline: str = "\r\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(content: bytes, dataset: str = "complaints", filename: str = "file.csv"):
    return read_table(content, filename, dataset)


def only(problems, rule):
    found = [p for p in problems if p.rule == rule]
    assert found, f"no {rule} among {[p.rule for p in problems]}"
    return found


# ------------------------------------------------------------------------------------------------- CSV


def test_it_returns_contract_columns_in_order_then_the_spreadsheet_row():
    frame, problems = read(csv_bytes([COMPLAINT_HEADER, COMPLAINT_ROW]))
    assert problems == []
    assert frame.columns == [*DATASETS["complaints"].column_names, ROW]
    assert all(dtype == pl.String for dtype in frame.select(DATASETS["complaints"].column_names).dtypes)
    assert frame.row(0, named=True)["complaint_id"] == "C-1"
    assert frame[ROW].to_list() == [2]


def test_it_accepts_english_names_in_any_case_and_any_order():
    header = ["STATUS", "Complaint_ID", "agency_code", "complaint_type", "Channel", "received_at"]
    row = ["처리중", "C-9", "1310000", "질의", "전화", "2026-03-02 09:00"]
    frame, problems = read(csv_bytes([header, row]))
    assert problems == []
    assert frame.columns == [*DATASETS["complaints"].column_names, ROW]
    row = frame.row(0, named=True)
    assert (row["complaint_id"], row["status"], row["channel"]) == ("C-9", "처리중", "전화")
    # Optional columns the file leaves out are there, empty.
    assert row["resolved_at"] is None and row["deadline_days"] is None


def test_it_trims_header_cells_and_values():
    frame, problems = read(csv_bytes([[f" {h}\u00a0" for h in COMPLAINT_HEADER], [f"  {v} " for v in COMPLAINT_ROW]]))
    assert problems == []
    assert frame.row(0, named=True)["complaint_id"] == "C-1"
    assert frame.row(0, named=True)["status"] == "처리완료"


def test_it_reads_lf_crlf_and_a_missing_final_line_break_alike():
    rows = [COMPLAINT_HEADER, COMPLAINT_ROW, ["C-2", *COMPLAINT_ROW[1:]]]
    frames = [
        read(csv_bytes(rows, newline="\r\n"))[0],
        read(csv_bytes(rows, newline="\n"))[0],
        read(csv_bytes(rows, newline="\r\n").rstrip(b"\r\n"))[0],
        read(csv_bytes(rows, newline="\r\n") + b"\r\n")[0],
    ]
    for frame in frames:
        assert frame["complaint_id"].to_list() == ["C-1", "C-2"]
        assert frame[ROW].to_list() == [2, 3]


def test_it_reads_quoted_commas_quotes_and_line_breaks_and_keeps_row_numbers():
    header = ["지급번호", "기관코드", "지급일자", "포상구분", "수령인원", "지급액", "지급사유"]
    reason = '재난 대응, "신속" 조치\r\n2차 지급'
    content = csv_bytes(
        [
            header,
            ["P-1", "1310000", "2026-03-05", "재난대응", "2", "1,000,000", reason],
            ["P-2", "1310000", "2026-03-06", "제안", "1", "500000", "-"],
        ]
    )
    frame, problems = read(content, "rewards")
    assert problems == []
    assert frame["reason"].to_list() == [reason, None]
    assert frame["amount_krw"].to_list() == ["1,000,000", "500000"]
    # A record holding a line break is still one spreadsheet row.
    assert frame[ROW].to_list() == [2, 3]


def test_it_drops_all_empty_rows_and_keeps_the_numbering_the_user_sees():
    content = csv_bytes(
        [
            COMPLAINT_HEADER,
            COMPLAINT_ROW,
            [""] * 8,
            [" ", "-", "", "", "", "", "", ""],
            ["C-4", *COMPLAINT_ROW[1:]],
        ]
    )
    content += b"\r\n"  # a blank line at the end too
    frame, _ = read(content)
    assert frame["complaint_id"].to_list() == ["C-1", "C-4"]
    assert frame[ROW].to_list() == [2, 5]


def test_empty_cells_and_dashes_become_null():
    row = ["C-1", "1310000", "고충", "온라인", "2026-03-02 09:00", "-", " ", "처리중"]
    frame, _ = read(csv_bytes([COMPLAINT_HEADER, row]))
    row = frame.row(0, named=True)
    assert row["resolved_at"] is None
    assert row["deadline_days"] is None


def test_it_reads_cp949_csv_with_rare_syllables():
    content = csv_bytes([COMPLAINT_HEADER, ["똠-햏-뷁", *COMPLAINT_ROW[1:]]], encoding="cp949")
    frame, problems = read(content)
    assert problems == []
    assert frame["complaint_id"].to_list() == ["똠-햏-뷁"]


def test_it_reads_a_tab_separated_file():
    content = "\n".join(["\t".join(COMPLAINT_HEADER), "\t".join(COMPLAINT_ROW)]).encode("utf-8")
    frame, problems = read(content)
    assert problems == []
    assert frame["received_at"].to_list() == ["2026-03-02 09:00"]


def test_a_header_only_file_gives_an_empty_frame_and_no_problem():
    frame, problems = read(csv_bytes([COMPLAINT_HEADER]))
    assert problems == []
    assert frame.height == 0
    assert frame.columns == [*DATASETS["complaints"].column_names, ROW]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b"   "])
def test_an_empty_file_is_an_error(content: bytes):
    frame, problems = read(content)
    assert frame is None
    assert [(p.rule, p.row, p.column, p.severity) for p in problems] == [("empty_file", None, None, "error")]


def test_it_reports_each_missing_required_column_by_its_korean_header():
    header = [h for h in COMPLAINT_HEADER if h not in ("접수경로", "처리상태")]
    frame, problems = read(csv_bytes([header, ["C-1", "1310000", "고충", "2026-03-02 09:00", "", ""]]))
    assert frame is None
    missing = only(problems, "missing_column")
    assert [(p.column, p.row, p.severity) for p in missing] == [
        ("접수경로", None, "error"),
        ("처리상태", None, "error"),
    ]
    assert "channel" in missing[0].message_en
    assert "접수경로" in missing[0].message_ko


def test_a_first_row_without_any_template_header_says_so():
    frame, problems = read(csv_bytes([["2026년 3월 민원 처리 내역"], COMPLAINT_HEADER, COMPLAINT_ROW]))
    assert frame is None
    assert "1행" in only(problems, "missing_column")[0].message_ko


def test_it_reports_a_column_given_twice_by_korean_and_english_name():
    frame, problems = read(csv_bytes([[*COMPLAINT_HEADER, "complaint_id"], [*COMPLAINT_ROW, "C-1"]]))
    assert frame is None
    [problem] = only(problems, "duplicate_column")
    assert (problem.row, problem.column, problem.value) == (1, "민원번호", "complaint_id")
    assert problem.severity == "error"
    assert "A열" in problem.message_ko and "I열" in problem.message_ko


def test_an_unknown_extra_column_is_a_warning_and_ignored():
    frame, problems = read(csv_bytes([[*COMPLAINT_HEADER, "담당자"], [*COMPLAINT_ROW, "홍길동"]]))
    assert frame is not None
    assert [(p.rule, p.severity, p.row, p.column, p.value) for p in problems] == [
        ("unknown_column", "warning", 1, "담당자", "담당자")
    ]
    assert "담당자" not in frame.columns


def test_values_in_a_column_without_a_header_are_a_warning():
    rows = [[*COMPLAINT_HEADER, ""], [*COMPLAINT_ROW, ""], [*COMPLAINT_ROW, "메모"]]
    frame, problems = read(csv_bytes(rows))
    assert frame is not None
    [problem] = problems
    assert (problem.rule, problem.severity, problem.row, problem.column, problem.value) == (
        "unknown_column",
        "warning",
        3,
        None,
        "메모",
    )
    assert "I열" in problem.message_ko


def test_a_row_with_more_values_than_the_header_is_reported_with_its_row():
    good = ",".join(COMPLAINT_ROW)
    content = "\r\n".join([",".join(COMPLAINT_HEADER), good, good + ",1,000,원", good]).encode("utf-8")
    frame, problems = read(content)
    [problem] = problems
    assert (problem.rule, problem.row, problem.value) == ("extra_values", 3, "1,000,원")
    assert problem.severity == "error"


def test_an_unbalanced_quote_is_reported_near_its_row():
    content = "\n".join(
        [
            ",".join(COMPLAINT_HEADER),
            ",".join(COMPLAINT_ROW),
            'C-2,1310000,고충,온라인,2026-03-02 09:00,,"7,처리중',
        ]
    ).encode("utf-8")
    frame, problems = read(content)
    assert frame is None
    assert [(p.rule, p.row) for p in problems] == [("csv_format", 3)]


def test_a_stray_quote_inside_a_value_is_reported_with_its_row():
    header = ["지급번호", "기관코드", "지급일자", "포상구분", "수령인원", "지급액", "지급사유"]
    rows = [
        "P-1,1310000,2026-03-05,제안,1,100,좋음",
        'P-2,1310000,2026-03-05,제안,1,100,5"인치 모니터',
        "P-3,1310000,2026-03-05,제안,1,100,좋음",
    ]
    frame, problems = read("\n".join([",".join(header), *rows]).encode("utf-8"), "rewards")
    assert frame is None
    assert [(p.rule, p.row) for p in problems] == [("csv_format", 3)]


@pytest.mark.parametrize(
    ("content", "rule"),
    [("민원번호,기관코드\r\n".encode("utf-16"), "encoding"), (bytes(range(256)), "file_format")],
)
def test_an_undecodable_file_is_one_file_level_error(content: bytes, rule: str):
    frame, problems = read(content)
    assert frame is None
    assert [(p.rule, p.row, p.column, p.severity) for p in problems] == [(rule, None, None, "error")]
    assert problems[0].message_ko and problems[0].message_en


def test_a_well_formed_utf8_csv_is_read_in_one_pass(monkeypatch):
    monkeypatch.setattr(read_module, "_read_cp949_csv", _not_expected)
    monkeypatch.setattr(read_module, "_read_csv_checked", _not_expected)
    frame, problems = read(csv_bytes([COMPLAINT_HEADER, COMPLAINT_ROW]))
    assert frame is not None and frame.height == 1 and not problems


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        # Not UTF-8 and not CP949 either, with a control character: the encoding is reported.
        (b"\xff\xff,\x07\n", "encoding"),
        # UTF-8 with a control character and an unbalanced quote: the control character is reported.
        ('민원번호,"기관\x07코드\n'.encode(), "file_format"),
        # CP949 with an unbalanced quote: the quote is reported.
        ('민원번호,"기관코드\n1,2\n'.encode("cp949"), "csv_format"),
    ],
)
def test_problems_come_in_the_same_order_whichever_way_the_file_is_read(content: bytes, rule: str):
    frame, problems = read(content)
    assert frame is None
    assert [p.rule for p in problems] == [rule]


def _not_expected(content: bytes) -> None:
    raise AssertionError("read the slow way")


# ------------------------------------------------------------------------------------------------ XLSX


def test_it_reads_the_first_sheet_of_a_workbook_converting_cells_to_text():
    content = xlsx_bytes(
        {
            "Sheet1": [
                COMPLAINT_HEADER,
                [
                    "C-1",
                    1310000,
                    "고충",
                    "온라인",
                    datetime(2026, 3, 2, 9, 5),
                    datetime(2026, 3, 3, 0, 0),
                    7.0,
                    "처리완료",
                ],
            ]
        }
    )
    frame, problems = read(content, filename="민원.xlsx")
    assert problems == []
    row = frame.row(0, named=True)
    assert row["agency_code"] == "1310000"
    assert row["received_at"] == "2026-03-02 09:05:00"
    # A midnight time in a date-time column stays a date-time.
    assert row["resolved_at"] == "2026-03-03 00:00:00"
    assert row["deadline_days"] == "7"
    assert row[ROW] == 2


def test_it_prefers_the_sheet_named_after_the_dataset():
    content = xlsx_bytes(
        {
            "작성요령": [["이 시트는 안내입니다"]],
            "민원 처리 내역": [COMPLAINT_HEADER, COMPLAINT_ROW],
        }
    )
    frame, problems = read(content)
    assert problems == []
    assert frame["complaint_id"].to_list() == ["C-1"]


def test_it_finds_the_sheet_by_its_english_name_too():
    header = ["기관코드", "기준월", "지표코드", "실적값", "비고"]
    row = ["1310000", date(2026, 3, 1), "S1-T2-K1", 95]
    content = xlsx_bytes({"안내": [["-"]], "KPI_Progress": [header, row]})
    frame, problems = read(content, "kpi_progress")
    assert problems == []
    assert frame.row(0, named=True)["period"] == "2026-03-01"


def test_it_writes_percent_cells_as_the_percentage_shown():
    header = ["기관코드", "기준월", "지표코드", "실적값", "비고"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append(["1310000", "2026-03", "S1-T2-K1", 0.855, True])
    sheet["D2"].number_format = "0.0%"
    sheet.append(["1310000", "2026-03", "S1-T2-K2", 0.1, None])
    out = io.BytesIO()
    book.save(out)
    frame, problems = read(out.getvalue(), "kpi_progress")
    assert problems == []
    assert frame["value"].to_list() == ["85.5%", "0.1"]
    assert frame["note"].to_list() == ["TRUE", None]


def test_it_keeps_spreadsheet_row_numbers_across_empty_workbook_rows():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(COMPLAINT_HEADER)
    sheet.append(COMPLAINT_ROW)
    for column, value in enumerate(["C-5", *COMPLAINT_ROW[1:]], start=1):
        sheet.cell(row=5, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    frame, problems = read(out.getvalue())
    assert problems == []
    assert frame[ROW].to_list() == [2, 5]


def test_a_workbook_with_a_missing_column_is_reported_like_a_csv():
    frame, problems = read(xlsx_bytes({"Sheet": [COMPLAINT_HEADER[:-1], COMPLAINT_ROW[:-1]]}))
    assert frame is None
    assert [(p.rule, p.column) for p in problems] == [("missing_column", "처리상태")]


def test_an_empty_workbook_is_an_empty_file():
    frame, problems = read(xlsx_bytes({"Sheet": []}))
    assert frame is None
    assert [p.rule for p in problems] == ["empty_file"]


def test_column_letters_follow_the_spreadsheet():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_values_beyond_the_header_of_a_workbook_are_a_warning():
    content = xlsx_bytes({"Sheet": [COMPLAINT_HEADER, COMPLAINT_ROW, [*COMPLAINT_ROW, None, "메모"]]})
    frame, problems = read(content)
    assert frame is not None
    assert [(p.rule, p.severity, p.row, p.column, p.value) for p in problems] == [
        ("unknown_column", "warning", 3, None, "메모")
    ]
    assert "J열" in problems[0].message_ko
