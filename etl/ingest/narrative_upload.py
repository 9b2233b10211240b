"""Task narratives by file: the template (XLSX or CSV; columns task_code, quarter, 추진실적, 부진사유, 향후계획,
지원요청) and the check of an uploaded one, with a message per row and column like the other uploads.

Every row is checked before any is saved: a file with one bad row changes nothing. Each good row then goes
through etl/narratives.save, as a draft or submitted, so permissions, versions and the audit trail are
those of the form on the 전략·과제 page. Cells are read as text and kept verbatim (a formula prefix too).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from etl.access.actors import Actor
from etl.governance import audit, comments, narratives
from etl.ingest.bytes_to_text import DecodeError, decode_text, sniff_kind
from etl.ingest.problems import Problem
from etl.ingest.zip_guard import check_workbook
from etl.ledger.tables import TaskNarrative

MAX_BYTES = 2 * 1024 * 1024  # 12 tasks × 4 fields × 4,000 characters fit with room to spare
MAX_ROWS = 200
KEYS = ("task_code", "quarter", *narratives.FIELDS)
HEADERS = {"task_code": "task_code", "quarter": "quarter"} | {k: ko for k, (ko, _) in narratives.FIELDS.items()}
SHEET = "과제 추진 경과"
# A header may be the Korean name or the English one; either way it means the same column.
_ALIASES = {h: k for k, h in HEADERS.items()} | {k: k for k in KEYS} | {"과제코드": "task_code", "분기": "quarter"}


@dataclass
class Checked:
    rows: list[tuple[int, str, str, narratives.Texts]] = field(default_factory=list)  # (row, task, quarter, texts)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _error(row: int | None, column: str | None, value: str | None, rule: str, ko: str, en: str) -> Problem:
    return Problem(row, column, value, rule, "error", ko, en)


def template_rows(task_codes: list[str], quarter: str) -> list[list[str]]:
    return [[code, quarter, "", "", "", ""] for code in task_codes]


def template_csv(task_codes: list[str], quarter: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([HEADERS[k] for k in KEYS])
    writer.writerows(template_rows(task_codes, quarter))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(task_codes: list[str], quarter: str) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    head = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    text = book.add_format({"num_format": "@", "text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(SHEET)
    sheet.write_row(0, 0, [HEADERS[k] for k in KEYS], head)
    for i, row in enumerate(template_rows(task_codes, quarter), start=1):
        for j, value in enumerate(row):
            sheet.write_string(i, j, value, text)
    sheet.set_column(0, 1, 10, text)
    sheet.set_column(2, 5, 48, text)
    sheet.freeze_panes(1, 0)
    guide = book.add_worksheet("작성 요령")
    lines = [
        "한 행에 한 과제·한 분기(2026-Q4 형식)의 추진 경과를 씁니다. 1행은 머리글입니다.",
        f"각 항목은 {narratives.MAX_FIELD:,}자 이내. 제출하려면 추진실적이 필요하고, "
        "그 분기에 주의·미흡인 과제는 부진사유도 필요합니다.",
        "One row per task and quarter (like 2026-Q4). Row 1 is the header; English names (task_code, quarter, "
        "achievements, reasons, plans, requests) may be used instead of the Korean headers.",
        f"At most {narratives.MAX_FIELD:,} characters per field; submitting needs the achievements, and the "
        "reasons for a task that is 'watch' or 'off track' in the quarter.",
    ]
    for i, line in enumerate(lines):
        guide.write_string(i, 0, line)
    guide.set_column(0, 0, 120)
    book.close()
    return out.getvalue()


def template_filename(quarter: str, suffix: str) -> str:
    return f"과제추진경과_{quarter}_서식.{suffix}"


def _read_table(filename: str, content: bytes) -> list[list[str]]:
    """Cells as text, header first. ValueError (with the Korean and English message) when unreadable."""
    if len(content) > MAX_BYTES:
        raise ValueError(
            f"파일이 {len(content):,}바이트로 최대 {MAX_BYTES:,}바이트를 넘습니다 "
            f"(the file has {len(content):,} bytes; at most {MAX_BYTES:,})"
        )
    if sniff_kind(content) == "xlsx":
        refused = [p for p in check_workbook(content) if p.is_error]
        if refused:
            raise ValueError(f"{refused[0].message_ko} ({refused[0].message_en})")
        return _xlsx_cells(content)
    try:
        text = decode_text(content).text
    except DecodeError as exc:
        raise ValueError(f"{exc.message_ko} ({exc.message_en})") from None
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]


def _xlsx_cells(content: bytes) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds for a damaged workbook)
        raise ValueError("엑셀 파일을 열 수 없습니다 (the workbook cannot be opened)") from None
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2):
            rows.append(["" if v is None else str(v) for v in values])
        return rows
    finally:
        book.close()


def check_file(store, actor: Actor, filename: str, content: bytes, *, submit: bool) -> Checked:  # type: ignore[no-untyped-def]
    """Every problem of the file, by row and column; nothing is saved here."""
    checked = Checked()
    try:
        table = _read_table(filename, content)
    except ValueError as exc:
        ko, _, en = str(exc).partition(" (")
        checked.problems.append(_error(None, None, None, "file_format", ko, en.rstrip(")") or ko))
        return checked
    table = [r for r in table if any(c.strip() for c in r)]
    if not table:
        checked.problems.append(_error(None, None, None, "empty", "파일이 비어 있습니다", "the file is empty"))
        return checked
    columns = _columns(table[0], checked)
    if checked.problems:
        return checked
    body = table[1:]
    if len(body) > MAX_ROWS:
        checked.problems.append(
            _error(None, None, None, "too_many_rows", f"행이 {MAX_ROWS}개를 넘습니다", f"more than {MAX_ROWS} rows")
        )
        return checked
    tasks = {t.code for t in store.catalog.tasks}
    seen: dict[tuple[str, str], int] = {}
    lagging: dict[str, dict[str, bool]] = {}
    for n, cells in enumerate(body, start=2):
        values = {k: (cells[i] if i < len(cells) else "") for k, i in columns.items()}
        _check_row(store, actor, n, values, tasks, seen, lagging, submit, checked)
    if not checked.rows and not checked.problems:
        checked.problems.append(_error(None, None, None, "empty", "데이터 행이 없습니다", "the file has no data row"))
    return checked


def _columns(header: list[str], checked: Checked) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        key = _ALIASES.get(name.strip().lstrip("\ufeff"))
        if key is None and name.strip():
            checked.problems.append(
                _error(1, name, name, "unknown_column", f"알 수 없는 열 '{name}'", f"unknown column '{name}'")
            )
        elif key is not None:
            columns[key] = i
    for key in ("task_code", "quarter", "achievements"):
        if key not in columns:
            checked.problems.append(
                _error(
                    1,
                    HEADERS[key],
                    None,
                    "missing_column",
                    f"'{HEADERS[key]}' 열이 없습니다",
                    f"column '{key}' is missing",
                )
            )
    return columns


def _check_row(store, actor, n, values, tasks, seen, lagging, submit, checked) -> None:  # type: ignore[no-untyped-def]
    before = len(checked.problems)
    task, quarter = values["task_code"].strip(), values["quarter"].strip()
    if task not in tasks:
        checked.problems.append(
            _error(
                n,
                "task_code",
                task,
                "unknown_task",
                f"과제 코드 '{task}'이(가) 카탈로그에 없습니다",
                f"unknown task code '{task}'",
            )
        )
        return
    try:
        quarter = comments.quarter_label(quarter)
    except ValueError:
        checked.problems.append(
            _error(
                n,
                "quarter",
                quarter,
                "quarter_format",
                "분기는 2026-Q4 형식이어야 합니다",
                "a quarter looks like 2026-Q4",
            )
        )
        return
    owner = narratives.task_owner(store, task)
    if not narratives.may_write(actor, owner):
        ko = f"{actor.user_id}은(는) 과제 {task}(주관 기관 {owner})의 추진 경과를 쓸 수 없습니다"
        en = f"{actor.user_id} may not write the narrative of {task} (owned by agency {owner})"
        checked.problems.append(_error(n, "task_code", task, "permission", ko, en))
        return
    if (task, quarter) in seen:
        ko, en = (
            f"{seen[task, quarter]}행과 같은 과제·분기입니다",
            f"the same task and quarter as row {seen[task, quarter]}",
        )
        checked.problems.append(_error(n, "task_code", task, "duplicate", ko, en))
        return
    seen[task, quarter] = n
    texts = narratives.Texts.of(values)
    if quarter not in lagging:
        lagging[quarter] = narratives.lagging_tasks(store, quarter)
    try:
        narratives.check_texts(texts, lagging=lagging[quarter].get(task, False), submit=submit)
    except ValueError as exc:
        ko, _, en = str(exc).partition(" (")
        column = next((HEADERS[k] for k, (name, _) in narratives.FIELDS.items() if name in ko), None)
        checked.problems.append(_error(n, column, None, "text", ko, en.rstrip(")") or ko))
    if len(checked.problems) == before:
        checked.rows.append((n, task, quarter, texts))


def save_file(store, actor: Actor, checked: Checked, *, submit: bool, filename: str = "") -> list[TaskNarrative]:  # type: ignore[no-untyped-def]
    """Save every row of a checked file (refused when it has a problem)."""
    if not checked.ok:
        raise ValueError("문제가 있는 파일은 저장하지 않습니다 (a file with problems is not saved)")
    saved = [
        narratives.save(store, actor, task, quarter, texts, submit=submit) for _, task, quarter, texts in checked.rows
    ]
    audit.record_now(store, actor, "narrative.upload", f"file:{filename}", after={"rows": len(saved), "submit": submit})
    return saved


def default_quarter(month: date) -> str:
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"
