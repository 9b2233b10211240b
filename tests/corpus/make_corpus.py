"""Writes the submission corpus: tests/corpus/bad/ (files that must be rejected, each with the rule, row and
column it must be rejected for) and tests/corpus/good/ (awkward files that must be accepted, each with the
values that must come out in the archived Parquet). Run `python -m tests.corpus.make_corpus` after changing
a case; tests/submissions/test_corpus.py checks that the committed files are what this script writes.

Every file is for agency 1741000 (행정안전부) and October 2026, submitted at 2026-11-20 12:00 Korea time.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
AGENCY = "1741000"
OTHER_AGENCY = "6110000"  # 서울특별시, known in the fixture store

HEADERS = {
    "complaints": ["민원번호", "기관코드", "민원유형", "접수경로", "접수일시", "처리일시", "처리기한일수", "처리상태"],
    "participation": ["기관코드", "기준월", "참여플랫폼", "의견제안접수", "참여자수", "검토완료", "정책반영"],
    "meetings": ["회의번호", "기관코드", "회의일자", "회의구분", "소요시간분", "참석인원", "비대면여부"],
    "rewards": ["지급번호", "기관코드", "지급일자", "포상구분", "수령인원", "지급액", "지급사유"],
    "kpi_progress": ["기관코드", "기준월", "지표코드", "실적값", "비고"],
}


def _rows(dataset: str) -> list[list[str]]:
    """Three valid data rows (spreadsheet rows 2, 3 and 4)."""
    a = AGENCY
    return {
        "complaints": [
            ["C-1", a, "고충", "온라인", "2026-10-02 09:00", "2026-10-05 17:30", "", "처리완료"],
            ["C-2", a, "건의", "방문", "2026-10-06 10:15", "", "", "처리중"],
            ["C-3", a, "법정", "전화", "2026-10-07 14:00", "2026-10-09 11:00", "10", "처리완료"],
        ],
        "participation": [
            [a, "2026-10", "국민참여플랫폼", "120", "300", "100", "20"],
            [a, "2026-10", "청원24", "40", "90", "30", "5"],
            [a, "2026-10", "오프라인", "10", "25", "10", "2"],
        ],
        "meetings": [
            ["M-1", a, "2026-10-02", "정례", "60", "12", "N"],
            ["M-2", a, "2026-10-15", "수시", "45", "8", "Y"],
            ["M-3", a, "2026-10-28", "보고", "30", "5", ""],
        ],
        "rewards": [
            ["P-1", a, "2026-10-10", "특별성과", "2", "4,000,000", "우수 성과"],
            ["P-2", a, "2026-10-20", "제안", "1", "500000", ""],
            ["P-3", a, "2026-10-30", "민원대응", "3", "1500000", "민원 응대 우수"],
        ],
        "kpi_progress": [
            [a, "2026-10", "S1-T2-K1", "85.5", ""],
            [a, "2026-10", "S1-T2-K2", "12", "분기 목표 초과"],
            [a, "2026-10", "S2-T2-K1", "3", ""],
        ],
    }[dataset]


def _csv(header: list[str], rows: list[list[str]], *, encoding: str = "utf-8-sig", newline: str = "\r\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows([header, *rows])
    return out.getvalue().encode(encoding)


def _with(dataset: str, row: int, column: str, value: str) -> bytes:
    """The dataset's valid file with one cell changed (row as in a spreadsheet, column by Korean header)."""
    rows = _rows(dataset)
    rows[row - 2][HEADERS[dataset].index(column)] = value
    return _csv(HEADERS[dataset], rows)


def _xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


# --------------------------------------------------------------------------------------------- bad files


def _bad_cases() -> list[dict]:
    m, c, p, r, k = "meetings", "complaints", "participation", "rewards", "kpi_progress"
    valid_m = _csv(HEADERS[m], _rows(m))
    cases: list[tuple[str, str, bytes, str, int | None, str | None]] = [
        # name, dataset, content, rule, row, column
        ("utf16_with_bom.csv", m, valid_m.decode("utf-8-sig").encode("utf-16"), "encoding", None, None),
        ("utf16_without_bom.csv", m, valid_m.decode("utf-8-sig").encode("utf-16-le"), "encoding", None, None),
        ("utf32.csv", m, valid_m.decode("utf-8-sig").encode("utf-32"), "encoding", None, None),
        (
            "neither_utf8_nor_cp949.csv",
            m,
            valid_m + b"M-4,1741000,2026-10-29,\xff\xfe\xfd,30,5,N\r\n",
            "encoding",
            None,
            None,
        ),
        ("png_named_csv.csv", m, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "file_format", None, None),
        ("pdf_named_csv.csv", m, b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "file_format", None, None),
        ("old_excel_97.xls", m, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "file_format", None, None),
        ("zip_not_a_workbook.xlsx", m, _zip({"readme.txt": b"hello"}), "file_format", None, None),
        ("truncated_workbook.xlsx", m, _xlsx(HEADERS[m], _rows(m))[:600], "file_format", None, None),
        ("nul_bytes.csv", m, valid_m.replace(b"M-2", b"M\x002"), "file_format", None, None),
        ("control_character.csv", m, valid_m.replace(b"M-2", b"M\x072"), "file_format", None, None),
        ("gzip_named_csv.csv", m, b"\x1f\x8b\x08\x00" + bytes(64), "file_format", None, None),
        ("empty.csv", m, b"", "empty_file", None, None),
        ("bom_and_blank_lines.csv", m, b"\xef\xbb\xbf\r\n\r\n  \r\n", "empty_file", None, None),
        ("header_only.csv", m, _csv(HEADERS[m], []), "empty_file", None, None),
        ("missing_column.csv", m, _drop_column(m, "소요시간분"), "missing_column", None, "소요시간분"),
        (
            "duplicated_column.csv",
            m,
            _csv(HEADERS[m] + ["참석인원"], [row + ["9"] for row in _rows(m)]),
            "duplicate_column",
            1,
            "참석인원",
        ),
        ("no_header_row.csv", m, _csv(_rows(m)[0], _rows(m)[1:]), "missing_column", None, "회의번호"),
        ("unbalanced_quote.csv", m, valid_m.replace(b"M-3", b'"M-3'), "csv_format", 4, None),
        ("unquoted_comma_shifts_row.csv", m, valid_m.replace(b"M-2,", b"M-2,extra,"), "extra_values", 3, None),
        ("truncated_last_line.csv", m, valid_m[: valid_m.rindex(b"2026-10-28") + 7], "date_format", 4, "회의일자"),
        ("required_id_empty.csv", m, _with(m, 3, "회의번호", ""), "required", 3, "회의번호"),
        ("meeting_type_not_allowed.csv", m, _with(m, 4, "회의구분", "정기"), "enum", 4, "회의구분"),
        ("date_not_in_calendar.csv", m, _with(m, 2, "회의일자", "2026-10-32"), "date_format", 2, "회의일자"),
        ("wrong_month_date.csv", m, _with(m, 3, "회의일자", "2026-09-30"), "out_of_month", 3, "회의일자"),
        ("number_with_letters.csv", m, _with(m, 3, "참석인원", "12명"), "number_format", 3, "참석인원"),
        ("decimal_where_whole.csv", m, _with(m, 2, "참석인원", "1.5"), "number_format", 2, "참석인원"),
        ("duration_above_720.csv", m, _with(m, 4, "소요시간분", "721"), "range", 4, "소요시간분"),
        ("attendees_zero.csv", m, _with(m, 2, "참석인원", "0"), "range", 2, "참석인원"),
        ("remote_not_yn.csv", m, _with(m, 3, "비대면여부", "X"), "enum", 3, "비대면여부"),
        ("duplicated_meeting_id.csv", m, _with(m, 4, "회의번호", "M-1"), "duplicate", 4, "회의번호"),
        ("unknown_agency.csv", m, _with(m, 3, "기관코드", "9999999"), "unknown_agency", 3, "기관코드"),
        ("other_agency.csv", m, _with(m, 2, "기관코드", OTHER_AGENCY), "agency_mismatch", 2, "기관코드"),
        (
            "complaint_resolved_before_received.csv",
            c,
            _with(c, 2, "처리일시", "2026-10-01 08:00"),
            "resolved_before_received",
            2,
            "처리일시",
        ),
        ("complaint_resolved_in_future.csv", c, _with(c, 4, "처리일시", "2027-01-05 10:00"), "future", 4, "처리일시"),
        ("complaint_done_without_time.csv", c, _with(c, 2, "처리일시", ""), "status_needs_resolved_at", 2, "처리일시"),
        (
            "complaint_pending_with_time.csv",
            c,
            _with(c, 3, "처리일시", "2026-10-08 09:00"),
            "pending_has_resolved_at",
            3,
            "처리일시",
        ),
        (
            "complaint_statutory_without_deadline.csv",
            c,
            _with(c, 4, "처리기한일수", ""),
            "deadline_required",
            4,
            "처리기한일수",
        ),
        ("complaint_received_date_only.csv", c, _with(c, 3, "접수일시", "2026-10-06"), "date_format", 3, "접수일시"),
        (
            "complaint_received_other_month.csv",
            c,
            _with(c, 2, "접수일시", "2026-11-01 09:00"),
            "out_of_month",
            2,
            "접수일시",
        ),
        ("complaint_channel_not_allowed.csv", c, _with(c, 3, "접수경로", "팩스"), "enum", 3, "접수경로"),
        ("complaint_negative_deadline.csv", c, _with(c, 4, "처리기한일수", "-3"), "range", 4, "처리기한일수"),
        ("complaint_duplicated_id.csv", c, _with(c, 3, "민원번호", "C-1"), "duplicate", 3, "민원번호"),
        ("participation_wrong_month.csv", p, _with(p, 3, "기준월", "2026-09"), "out_of_month", 3, "기준월"),
        (
            "participation_adopted_above_reviewed.csv",
            p,
            _with(p, 2, "정책반영", "101"),
            "adopted_above_reviewed",
            2,
            "정책반영",
        ),
        ("participation_duplicated_platform.csv", p, _with(p, 4, "참여플랫폼", "청원24"), "duplicate", 4, "참여플랫폼"),
        ("participation_negative_count.csv", p, _with(p, 3, "참여자수", "-1"), "range", 3, "참여자수"),
        ("reward_above_cap.csv", r, _with(r, 3, "지급액", "30,000,001"), "reward_cap", 3, "지급액"),
        ("reward_no_recipient.csv", r, _with(r, 2, "수령인원", "0"), "range", 2, "수령인원"),
        ("reward_reason_too_long.csv", r, _with(r, 4, "지급사유", "가" * 501), "max_len", 4, "지급사유"),
        ("reward_amount_with_unit.csv", r, _with(r, 2, "지급액", "400만원"), "number_format", 2, "지급액"),
        ("kpi_unknown_code.csv", k, _with(k, 3, "지표코드", "S9-T9-K9"), "unknown_kpi", 3, "지표코드"),
        ("kpi_percent_above_100.csv", k, _with(k, 2, "실적값", "120%"), "range", 2, "실적값"),
        ("kpi_duplicated_code.csv", k, _with(k, 4, "지표코드", "S1-T2-K1"), "duplicate", 4, "지표코드"),
        ("kpi_month_unreadable.csv", k, _with(k, 3, "기준월", "10월"), "date_format", 3, "기준월"),
        ("cp949_bad_enum.csv", m, _cp949_bad(), "enum", 3, "회의구분"),
        ("quoted_newline_then_bad_row.csv", r, _quoted_newline_bad(), "range", 4, "수령인원"),
        ("workbook_bad_date_cell.xlsx", m, _xlsx_bad(), "date_format", 3, "회의일자"),
        ("ten_thousand_problems.csv", c, _many_problems(10_000), "enum", 2, "민원유형"),
    ]
    # Errors in all, where one fault earns more than one (the rest follow from the first).
    counts = {
        "ten_thousand_problems.csv": 10_000,
        "no_header_row.csv": 6,  # every required column is missing
        "unquoted_comma_shifts_row.csv": 6,  # the shifted row's cells are wrong too
        "truncated_last_line.csv": 4,  # the cut row's date and its three missing cells
        "complaint_received_other_month.csv": 2,  # also resolved before received
    }
    return [
        {"file": n, "dataset": d, "rule": rule, "row": row, "column": col, "errors": counts.get(n, 1), "_content": b}
        for n, d, b, rule, row, col in cases
    ]


def _drop_column(dataset: str, column: str) -> bytes:
    i = HEADERS[dataset].index(column)
    header = [h for j, h in enumerate(HEADERS[dataset]) if j != i]
    return _csv(header, [[v for j, v in enumerate(row) if j != i] for row in _rows(dataset)])


def _cp949_bad() -> bytes:
    rows = _rows("meetings")
    rows[1][3] = "똠"  # a syllable only cp949 (not euc-kr) encodes, in the wrong column
    return _csv(HEADERS["meetings"], rows, encoding="cp949")


def _quoted_newline_bad() -> bytes:
    rows = _rows("rewards")
    rows[0][6] = '첫 줄\n둘째 줄, "인용" 포함'  # one record over two lines: still spreadsheet row 2
    rows[2][4] = "0"
    return _csv(HEADERS["rewards"], rows)


def _xlsx_bad() -> bytes:
    rows: list[list[object]] = [
        ["M-1", AGENCY, date(2026, 10, 2), "정례", 60, 12, "N"],
        ["M-2", AGENCY, "10월 15일", "수시", 45, 8, "Y"],
    ]
    return _xlsx(HEADERS["meetings"], rows)


def _many_problems(n: int) -> bytes:
    rows = [[f"C-{i}", AGENCY, "민원", "온라인", "2026-10-02 09:00", "", "7", "처리중"] for i in range(n)]
    return _csv(HEADERS["complaints"], rows)


# -------------------------------------------------------------------------------------------- good files


def _good_cases() -> list[dict]:
    m, c, p, r, k = "meetings", "complaints", "participation", "rewards", "kpi_progress"
    a = AGENCY
    expected_meetings = [
        {"meeting_id": "M-1", "held_on": "2026-10-02", "duration_min": 60, "attendees": 12, "remote": False},
        {"meeting_id": "M-2", "held_on": "2026-10-15", "duration_min": 45, "attendees": 8, "remote": True},
        {"meeting_id": "M-3", "held_on": "2026-10-28", "duration_min": 30, "attendees": 5, "remote": False},
    ]
    date_forms = ["20261002", "2026/10/15", "2026. 10. 28."]

    def meetings_dates(forms: list[str]) -> list[list[str]]:
        rows = _rows(m)
        for row, form in zip(rows, forms, strict=True):
            row[2] = form
        return rows

    cases: list[tuple[str, str, Callable[[], bytes], list[dict]]] = [
        (
            "meetings_utf8_no_bom_lf.csv",
            m,
            lambda: _csv(HEADERS[m], _rows(m), encoding="utf-8", newline="\n"),
            expected_meetings,
        ),
        ("meetings_utf8_bom_crlf.csv", m, lambda: _csv(HEADERS[m], _rows(m)), expected_meetings),
        ("meetings_cp949.csv", m, lambda: _csv(HEADERS[m], _rows(m), encoding="cp949"), expected_meetings),
        ("meetings_date_forms.csv", m, lambda: _csv(HEADERS[m], meetings_dates(date_forms)), expected_meetings),
        (
            "meetings_dotted_dates.csv",
            m,
            lambda: _csv(HEADERS[m], meetings_dates(["2026.10.02", "2026.10.15", "2026-10-28"])),
            expected_meetings,
        ),
        ("meetings_english_headers_reordered_spaces.csv", m, _english_reordered, expected_meetings),
        ("meetings_trailing_blank_lines_and_dash.csv", m, _trailing_blank_and_dash, expected_meetings),
        ("meetings_tab_separated.txt", m, lambda: _tsv(HEADERS[m], _rows(m)), expected_meetings),
        ("meetings_openpyxl.xlsx", m, _meetings_openpyxl, expected_meetings),
        ("meetings_xlsxwriter.xlsx", m, _meetings_xlsxwriter, expected_meetings),
        (
            "complaints_datetime_forms_cp949.csv",
            c,
            _complaint_forms,
            [
                {
                    "complaint_id": "똠-1",
                    "received_at": "2026-10-02 09:00:00",
                    "resolved_at": "2026-10-05 17:30:15",
                    "deadline_days": 7,
                    "channel": "찾아가는민원",
                },
                {
                    "complaint_id": "C-2",
                    "received_at": "2026-10-06 10:15:00",
                    "resolved_at": None,
                    "deadline_days": 14,
                    "channel": "방문",
                },
                {
                    "complaint_id": "C-3",
                    "received_at": "2026-10-07 14:00:00",
                    "resolved_at": "2026-10-09 11:00:00",
                    "deadline_days": 10,
                    "channel": "전화",
                },
            ],
        ),
        (
            "participation_month_forms_thousands.csv",
            p,
            _participation_forms,
            [
                {
                    "platform": "국민참여플랫폼",
                    "period": "2026-10-01",
                    "proposals_received": 1200,
                    "participants": 3456789,
                },
                {"platform": "청원24", "period": "2026-10-01", "proposals_received": 40, "participants": 90},
                {"platform": "오프라인", "period": "2026-10-01", "proposals_received": 10, "participants": 25},
            ],
        ),
        (
            "rewards_quoted_newlines_commas.csv",
            r,
            _rewards_quoted,
            [
                {"payout_id": "P-1", "amount_krw": 4000000, "reason": '첫 줄\n둘째 줄, "인용" 포함'},
                {"payout_id": "P-2", "amount_krw": 500000, "reason": None},
                {"payout_id": "P-3", "amount_krw": 1500000, "reason": "민원 응대 우수"},
            ],
        ),
        ("rewards_header_only.csv", r, lambda: _csv(HEADERS[r], []), []),
        (
            "kpi_percent_and_month_forms.xlsx",
            k,
            _kpi_xlsx,
            [
                {"kpi_code": "S1-T2-K1", "period": "2026-10-01", "value": 85.5},
                {"kpi_code": "S1-T2-K2", "period": "2026-10-01", "value": 1234.0},
                {"kpi_code": "S2-T2-K1", "period": "2026-10-01", "value": 3.0},
            ],
        ),
        (
            "kpi_korean_month_percent_sign.csv",
            k,
            _kpi_korean_month,
            [
                {"kpi_code": "S1-T2-K1", "period": "2026-10-01", "value": 85.5},
                {"kpi_code": "S1-T2-K2", "period": "2026-10-01", "value": 12.0},
                {"kpi_code": "S2-T2-K1", "period": "2026-10-01", "value": 3.0},
            ],
        ),
    ]
    del a
    return [{"file": n, "dataset": d, "expected": e, "_content": f()} for n, d, f, e in cases]


def _english_reordered() -> bytes:
    names = ["attendees", " remote ", "meeting_id", "Agency_Code", "held_on", " 회의 구분 ", "duration_min"]
    order = [5, 6, 0, 1, 2, 3, 4]
    return _csv(names, [[row[i] for i in order] for row in _rows("meetings")])


def _trailing_blank_and_dash() -> bytes:
    rows = _rows("meetings")
    rows[2][6] = "-"
    rows = [[f"  {v}  " if v else v for v in row] for row in rows]
    return _csv(HEADERS["meetings"], rows) + b",,,,,,\r\n\r\n"


def _tsv(header: list[str], rows: list[list[str]]) -> bytes:
    return ("\n".join("\t".join(r) for r in [header, *rows]) + "\n").encode("utf-8")


def _meeting_cells() -> list[list[object]]:
    return [
        ["M-1", AGENCY, datetime(2026, 10, 2), "정례", 60, 12, "N"],
        ["M-2", AGENCY, datetime(2026, 10, 15), "수시", 45.0, 8, "Y"],
        ["M-3", AGENCY, date(2026, 10, 28), "보고", 30, 5, None],
    ]


def _meetings_openpyxl() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "안내"
    book.active.append(["이 시트는 설명입니다"])
    sheet = book.create_sheet("회의 운영 내역")  # a sheet named after the dataset is picked over the first
    sheet.append(HEADERS["meetings"])
    for row in _meeting_cells():
        sheet.append(row)
        sheet.cell(sheet.max_row, 3).number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _meetings_xlsxwriter() -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Sheet1")
    dates = book.add_format({"num_format": "yyyy\\-mm\\-dd"})
    sheet.write_row(0, 0, HEADERS["meetings"])
    for i, row in enumerate(_meeting_cells(), start=1):
        for j, value in enumerate(row):
            if isinstance(value, date):
                sheet.write_datetime(i, j, datetime.combine(value, datetime.min.time()), dates)
            elif value is not None:
                sheet.write(i, j, value)
    book.close()
    return out.getvalue()


def _complaint_forms() -> bytes:
    rows = _rows("complaints")
    rows[0][0] = "똠-1"
    rows[0][3] = "찾아가는 민원"
    rows[0][4] = "20261002 09:00"
    rows[0][5] = "2026. 10. 5. 17:30:15"
    rows[1][4] = "2026/10/06 10:15:00"
    rows[2][4] = "2026.10.07T14:00"
    return _csv(HEADERS["complaints"], rows, encoding="cp949", newline="\n")


def _participation_forms() -> bytes:
    rows = _rows("participation")
    rows[0][1], rows[0][3], rows[0][4], rows[0][5] = "202610", "1,200", " 3,456,789 ", "1,100"
    rows[1][1] = "2026년 10월"
    rows[2][1] = "2026.10"
    return _csv(HEADERS["participation"], rows)


def _rewards_quoted() -> bytes:
    rows = _rows("rewards")
    rows[0][6] = '첫 줄\n둘째 줄, "인용" 포함'
    rows[1][6] = "-"
    return _csv(HEADERS["rewards"], rows)


def _kpi_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS["kpi_progress"])
    sheet.append([AGENCY, datetime(2026, 10, 1), "S1-T2-K1", 0.855, None])
    sheet.cell(2, 4).number_format = "0.0%"
    sheet.append([AGENCY, "2026-10", "S1-T2-K2", 1234, "천 단위"])
    sheet.append([AGENCY, "202610", "S2-T2-K1", 3, ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _kpi_korean_month() -> bytes:
    rows = _rows("kpi_progress")
    rows[0][1], rows[0][3] = "2026년 10월", "85.5%"
    rows[1][1] = "2026. 10."
    return _csv(HEADERS["kpi_progress"], rows)


# ------------------------------------------------------------------------------------------------ write


def cases() -> dict[str, list[dict]]:
    return {"bad": _bad_cases(), "good": _good_cases()}


def write(root: Path = HERE) -> None:
    for kind, items in cases().items():
        folder = root / kind
        folder.mkdir(parents=True, exist_ok=True)
        for item in items:
            (folder / item["file"]).write_bytes(item["_content"])
        manifest = [{k: v for k, v in item.items() if k != "_content"} for item in items]
        (folder / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    write()
