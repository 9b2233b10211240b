"""Upload templates, generated from the contract (etl/ingest/contracts.py) so they never drift from what is checked.

For each dataset: a CSV in UTF-8 with BOM (Excel opens it with Hangul intact) holding the Korean header only,
and an XLSX whose data sheet holds the header only, beside a sheet with one example row for the agency and
month chosen (작성 예시) and a sheet that explains every column (name, type, whether required, the rule).

The example is never on the sheet that is read: an example row left in a template would be submitted as the
agency's figures (a meeting M-001 that never took place). The reader takes the sheet named after the dataset
and comments are not part of the dataset contract, so the CSV carries no example at all; an untouched template
is refused as "header only, no data" (or, for a dataset that may be empty, recorded with no rows).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from etl.ingest.contracts import DATASETS, Column, Dataset

_KIND_KO = {
    "text": ("글자", "text"),
    "agency": ("기관코드 7자리", "7-character agency code"),
    "enum": ("목록 중 하나", "one of a list"),
    "datetime": ("날짜와 시각", "date and time"),
    "date": ("날짜", "date"),
    "month": ("월", "month"),
    "int": ("정수", "whole number"),
    "number": ("숫자", "number"),
    "yn": ("Y 또는 N", "Y or N"),
}


def example_row(dataset: str, agency_code: str, month: date) -> list[str]:
    """One valid row for the agency and month, in the contract's column order."""
    ym, d = f"{month:%Y-%m}", f"{month:%Y-%m}-02"
    rows = {
        "complaints": ["2026-0001", agency_code, "고충", "온라인", f"{d} 09:30", f"{d} 16:00", "", "처리완료"],
        "participation": [agency_code, ym, "국민참여플랫폼", "120", "350", "100", "15"],
        "meetings": ["M-001", agency_code, d, "정례", "60", "12", "N"],
        "rewards": ["P-001", agency_code, d, "특별성과", "2", "3,000,000", "우수 성과 포상"],
        "kpi_progress": [agency_code, ym, "S1-T2-K1", "85.5", "분기 목표 대비 순항"],
    }
    return rows[dataset]


def _rule_text(c: Column) -> tuple[str, str]:
    parts_ko, parts_en = [], []
    if c.choices:
        parts_ko.append("허용값: " + ", ".join(c.choices))
        parts_en.append("allowed: " + ", ".join(c.choices))
    if c.minimum is not None or c.maximum is not None:
        lo = "" if c.minimum is None else f"{c.minimum:,.0f} 이상"
        hi = "" if c.maximum is None else f"{c.maximum:,.0f} 이하"
        parts_ko.append(" ".join(x for x in (lo, hi) if x))
        parts_en.append(
            f"range {c.minimum if c.minimum is not None else ''}–{c.maximum if c.maximum is not None else ''}"
        )
    if c.max_len:
        parts_ko.append(f"{c.max_len:,}자 이내")
        parts_en.append(f"at most {c.max_len:,} characters")
    if c.unique:
        parts_ko.append("파일 안에서 중복 불가")
        parts_en.append("unique within the file")
    return "; ".join(parts_ko), "; ".join(parts_en)


_FORMS_KO = {
    "datetime": "2026-03-02 14:05 (20260302 14:05, 2026. 3. 2. 14:05도 가능, 한국 시각)",
    "date": "2026-03-02 (20260302, 2026/03/02, 2026.03.02, 2026. 3. 2.도 가능)",
    "month": "2026-03 (202603, 2026.03, 2026년 3월도 가능)",
    "int": "1234 또는 1,234",
    "number": "12.5, 1,234 또는 85.5%",
    "yn": "Y 또는 N (비우면 N)",
}
# The same forms for an English reader (the Korean-only form "2026년 3월" is left out: it is still read).
_FORMS_EN = {
    "datetime": "2026-03-02 14:05 (also 20260302 14:05, 2026. 3. 2. 14:05; Korea time)",
    "date": "2026-03-02 (also 20260302, 2026/03/02, 2026.03.02, 2026. 3. 2.)",
    "month": "2026-03 (also 202603, 2026.03)",
    "int": "1234 or 1,234",
    "number": "12.5, 1,234 or 85.5%",
    "yn": "Y or N (empty means N)",
}


def column_guide(dataset: str) -> list[dict[str, str]]:
    """One row per column: what the explanation sheet and the upload page show."""
    out = []
    for c in DATASETS[dataset].columns:
        rule_ko, rule_en = _rule_text(c)
        kind_ko, kind_en = _KIND_KO[c.kind]
        out.append(
            {
                "header_ko": c.header_ko,
                "name": c.name,
                "kind_ko": kind_ko,
                "kind_en": kind_en,
                "required": "필수 (required)" if c.required else "선택 (optional)",
                "required_ko": "필수" if c.required else "선택",
                "required_en": "required" if c.required else "optional",
                "rule_ko": rule_ko,
                "rule_en": rule_en,
                "form": _FORMS_KO.get(c.kind, ""),
                "form_en": _FORMS_EN.get(c.kind, ""),
                "description_ko": c.description_ko,
                "description_en": c.description_en,
            }
        )
    return out


def template_filename(dataset: str, month: date, suffix: str) -> str:
    return f"{DATASETS[dataset].title_ko.replace(' ', '')}_{month:%Y%m}_서식.{suffix}"


EXAMPLE_SHEET = "작성 예시"
GUIDE_SHEET = "열 설명"


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_csv(dataset: str, agency_code: str, month: date) -> bytes:
    """The header only (agency and month are the caller's: kept for the XLSX's example and the file name)."""
    return _csv([[c.header_ko for c in DATASETS[dataset].columns]])


def example_csv(dataset: str, agency_code: str, month: date) -> bytes:
    """The header and the example row: a file that passes validation, for the tests and the documentation.
    The upload page never offers it."""
    return _csv([[c.header_ko for c in DATASETS[dataset].columns], example_row(dataset, agency_code, month)])


def template_xlsx(dataset: str, agency_code: str, month: date) -> bytes:
    import xlsxwriter

    ds = DATASETS[dataset]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    head = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    text = book.add_format({"num_format": "@"})  # cells kept as text: Excel will not turn 2026-03 into a date
    _data_sheet(book, ds, head, text)  # first: a reader that ignores sheet names takes the empty one
    _example_sheet(book, ds, head, text, example_row(dataset, agency_code, month))
    _guide_sheet(book, ds, head)
    book.close()
    return out.getvalue()


def _data_sheet(book, ds: Dataset, head, text) -> None:  # xlsxwriter has no type hints
    sheet = book.add_worksheet(ds.title_ko)  # the reader picks a sheet named after the dataset
    sheet.write_row(0, 0, [c.header_ko for c in ds.columns], head)
    sheet.set_column(0, len(ds.columns) - 1, 18, text)
    sheet.freeze_panes(1, 0)


def _example_sheet(book, ds: Dataset, head, text, example: list[str]) -> None:
    # Named so that the reader never takes it for the data (etl/ingest/read_table.py picks the dataset's sheet).
    sheet = book.add_worksheet(EXAMPLE_SHEET)
    sheet.write_row(0, 0, [c.header_ko for c in ds.columns], head)
    for j, value in enumerate(example):
        sheet.write_string(1, j, value, text)
    sheet.write_string(
        3,
        0,
        f"예시입니다. 제출할 자료는 '{ds.title_ko}' 시트의 2행부터 입력하십시오 "
        f"(an example: enter your data on the '{ds.title_ko}' sheet from row 2).",
    )
    sheet.set_column(0, len(ds.columns) - 1, 18, text)


def _guide_sheet(book, ds: Dataset, head) -> None:
    sheet = book.add_worksheet(GUIDE_SHEET)
    titles = ["머리글", "영문 이름", "형식", "Type", "필수", "규칙", "Rule", "입력 예", "설명", "Description"]
    sheet.write_row(0, 0, titles, head)
    keys = ["header_ko", "name", "kind_ko", "kind_en", "required", "rule_ko", "rule_en", "form"]
    keys += ["description_ko", "description_en"]
    for i, row in enumerate(column_guide(ds.name), start=1):
        for j, key in enumerate(keys):
            sheet.write_string(i, j, row[key])
    note = len(ds.columns) + 2
    sheet.write_string(
        note, 0, f"한 파일에는 한 기관·한 달의 {ds.title_ko}만 넣습니다({ds.grain_ko}). 1행은 머리글입니다."
    )
    sheet.write_string(
        note + 1,
        0,
        f"One file holds one agency's {ds.title_en.lower()} for one month. Row 1 is the header; English names "
        "may be used instead of the Korean headers, in any order.",
    )
    sheet.set_column(0, 1, 16)
    sheet.set_column(2, 7, 22)
    sheet.set_column(8, 9, 40)
