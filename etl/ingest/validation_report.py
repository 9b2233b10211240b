"""The validation report as files an agency can open: CSV (UTF-8 with BOM, so Excel shows Hangul) and XLSX.

Both list the first 1,000 problems (row as in a spreadsheet, column by its Korean header, the value found,
the rule, and what to do, in Korean and English) and the count of problems per rule, so even a file with
100,000 problems gives a report that opens. The XLSX also holds the submitted rows, each on the row
number the agency sees in its own file, with every offending cell filled (red: error, yellow: warning)
and the message as a cell comment.

Text that a spreadsheet would run as a formula (= + - @, tab, CR first) is neutralised in the CSV with a
leading apostrophe; the XLSX stores every value as a string cell, which is never evaluated.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable

from etl.ingest.contracts import DATASETS
from etl.ingest.limits import BOUND_RULES
from etl.ingest.problems import Problem
from etl.ingest.read_grid import ROW
from etl.ingest.read_table import read_table

MAX_LISTED = 1000
# Above this many data rows, the data sheet keeps only the rows that have a listed problem.
MAX_DATA_ROWS = 5000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    ("row", "행 (row)"),
    ("column", "열 (column)"),
    ("value", "입력값 (value)"),
    ("rule", "규칙 (rule)"),
    ("severity", "구분 (severity)"),
    ("message_ko", "설명"),
    ("message_en", "Description"),
)
SEVERITY = {"error": "오류 (error)", "warning": "경고 (warning)"}
ERROR_FILL, WARNING_FILL = "#FFC7CE", "#FFEB9C"


def safe_cell(value: object) -> str:
    """Text for a spreadsheet cell that can never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _listed(problems: list[Problem]) -> list[Problem]:
    return problems[:MAX_LISTED]


def counts_by_rule(problems: Iterable[Problem]) -> list[tuple[str, str, int]]:
    """(rule, severity, count), the most frequent first."""
    counts = Counter((p.rule, p.severity) for p in problems)
    return sorted(((r, s, n) for (r, s), n in counts.items()), key=lambda x: (-x[2], x[0]))


def _cells(p: Problem) -> list[object]:
    values = p.as_dict()
    values["severity"] = SEVERITY.get(p.severity, p.severity)
    return [values[key] for key, _ in COLUMNS]


def report_csv(problems: list[Problem]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([title for _, title in COLUMNS])
    for p in _listed(problems):
        writer.writerow([safe_cell(v) for v in _cells(p)])
    if len(problems) > MAX_LISTED:
        writer.writerow([])
        writer.writerow(
            [
                f"처음 {MAX_LISTED:,}건만 표시했습니다. 전체 {len(problems):,}건 "
                f"(first {MAX_LISTED:,} of {len(problems):,} problems listed)"
            ]
        )
    writer.writerow([])
    writer.writerow(["규칙 (rule)", "구분 (severity)", "건수 (count)"])
    for rule, severity, n in counts_by_rule(problems):
        writer.writerow([rule, SEVERITY.get(severity, severity), n])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def report_xlsx(problems: list[Problem], content: bytes | None = None, filename: str = "", dataset: str = "") -> bytes:
    """The report workbook; with the submitted `content`, also a sheet of its rows with the problems marked."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    _problem_sheet(book, bold, problems)
    _count_sheet(book, bold, problems)
    if content is not None and dataset in DATASETS:
        _data_sheet(book, bold, problems, content, filename, dataset)
    book.close()
    return out.getvalue()


def _problem_sheet(book, bold, problems: list[Problem]) -> None:  # xlsxwriter objects have no type hints
    sheet = book.add_worksheet("검증 결과")
    sheet.write_row(0, 0, [title for _, title in COLUMNS], bold)
    for i, p in enumerate(_listed(problems), start=1):
        for j, value in enumerate(_cells(p)):
            if isinstance(value, int):
                sheet.write_number(i, j, value)
            elif value is not None:
                sheet.write_string(i, j, str(value))
    if len(problems) > MAX_LISTED:
        sheet.write_string(
            MAX_LISTED + 2,
            0,
            f"처음 {MAX_LISTED:,}건만 표시했습니다. 전체 {len(problems):,}건 "
            f"(first {MAX_LISTED:,} of {len(problems):,} problems listed; counts per rule on the next sheet)",
        )
    sheet.set_column(0, 0, 8)
    sheet.set_column(1, 4, 16)
    sheet.set_column(5, 6, 70)
    sheet.freeze_panes(1, 0)


def _count_sheet(book, bold, problems: list[Problem]) -> None:
    sheet = book.add_worksheet("규칙별 건수")
    sheet.write_row(0, 0, ["규칙 (rule)", "구분 (severity)", "건수 (count)"], bold)
    for i, (rule, severity, n) in enumerate(counts_by_rule(problems), start=1):
        sheet.write_string(i, 0, rule)
        sheet.write_string(i, 1, SEVERITY.get(severity, severity))
        sheet.write_number(i, 2, n)
    sheet.write_string(len(counts_by_rule(problems)) + 2, 0, f"전체 (total): {len(problems):,}")
    sheet.set_column(0, 1, 26)


def _data_sheet(book, bold, problems: list[Problem], content: bytes, filename: str, dataset: str) -> None:
    if any(p.rule in BOUND_RULES for p in problems):
        return  # the bounded child could not read it: this process must not try (docs/security.md "Uploads")
    frame, _ = read_table(content, filename, dataset)
    if frame is None:
        return  # the file could not be read at all: the problem sheet says why
    columns = DATASETS[dataset].columns
    marks = _marks(_listed(problems), [c.header_ko for c in columns])
    if frame.height > MAX_DATA_ROWS:
        frame = frame.filter(frame[ROW].is_in(sorted({row for row, _ in marks})))
    sheet = book.add_worksheet("제출 자료 (표시)")
    sheet.write_row(0, 0, [c.header_ko for c in columns], bold)
    fills = {
        "error": book.add_format({"bg_color": ERROR_FILL, "font_color": "#9C0006", "border": 1}),
        "warning": book.add_format({"bg_color": WARNING_FILL, "font_color": "#9C5700", "border": 1}),
    }
    names = [c.name for c in columns]
    for record in frame.iter_rows(named=True):
        row = record[ROW] - 1  # the file's own row number: row 5 in the report is row 5 here
        for j, name in enumerate(names):
            mark = marks.get((record[ROW], j))
            value = "" if record[name] is None else str(record[name])
            if mark is None:
                sheet.write_string(row, j, value)
                continue
            sheet.write_string(row, j, value, fills[mark.severity])
            sheet.write_comment(row, j, f"{mark.message_ko}\n\n{mark.message_en}", {"x_scale": 3, "y_scale": 2})
    sheet.set_column(0, len(columns) - 1, 18)
    sheet.freeze_panes(1, 0)
    sheet.activate()


def _marks(problems: list[Problem], headers: list[str]) -> dict[tuple[int, int], Problem]:
    """(row, column index) → the problem shown there; an error wins over a warning in the same cell."""
    marks: dict[tuple[int, int], Problem] = {}
    for p in problems:
        if p.row is None or p.column not in headers:
            continue
        key = (p.row, headers.index(p.column))
        if key not in marks or (p.is_error and not marks[key].is_error):
            marks[key] = p
    return marks
