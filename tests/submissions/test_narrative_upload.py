"""The narrative template (XLSX and CSV) filled in and uploaded: a good file saves every row through the
service; one bad row is named by row and column and nothing is saved."""

from __future__ import annotations

import io

import openpyxl
import pytest

from etl.access.actors import SYSTEM, Actor
from etl.governance import narratives
from etl.ingest import narrative_upload
from etl.ledger.store import Store, open_store
from metrics.settings import Settings


@pytest.fixture
def store(store_copy: Settings) -> Store:
    return open_store(store_copy)


def _officer(store: Store) -> Actor:
    return Actor("desk-1", "agency", narratives.task_owner(store, "S1-T1"))


def _filled_xlsx(rows: dict[int, list[str]]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(narrative_upload.template_xlsx(["S1-T1", "S1-T2"], "2026-Q3")))
    sheet = book[narrative_upload.SHEET]
    for row, values in rows.items():
        for col, value in enumerate(values, start=3):
            sheet.cell(row=row, column=col, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_filled_template_round_trips_verbatim(store: Store) -> None:
    content = _filled_xlsx({2: ["=실적 1", "", "계획 1", "+지원"], 3: ["실적 2", "", "", ""]})
    checked = narrative_upload.check_file(store, _officer(store), "서식.xlsx", content, submit=True)
    assert checked.problems == [] and [(n, t, q) for n, t, q, _ in checked.rows] == [
        (2, "S1-T1", "2026-Q3"),
        (3, "S1-T2", "2026-Q3"),
    ]
    saved = narrative_upload.save_file(store, _officer(store), checked, submit=True, filename="서식.xlsx")
    assert [(r.task_code, r.state, r.achievements, r.requests) for r in saved] == [
        ("S1-T1", "submitted", "=실적 1", "+지원"),
        ("S1-T2", "submitted", "실적 2", ""),
    ]


def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_saved(store: Store) -> None:
    csv_text = narrative_upload.template_csv(["S1-T1", "S2-T1"], "2026-Q3").decode("utf-8-sig")
    lines = csv_text.splitlines()
    lines[1] = "S1-T1,2026-Q3,실적,,,"
    lines[2] = "S2-T1,2026-Q3,실적만,,,"  # S2-T1 is 미흡 in 2026-09: its 부진사유 is required
    lines.append("S9-T9,2026-Q3,실적,,,")
    lines.append("S1-T1,2026-Q5,실적,,,")
    content = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    checked = narrative_upload.check_file(store, _officer(store), "서식.csv", content, submit=True)
    found = [(p.row, p.column, p.rule) for p in checked.problems]
    assert found == [(3, "부진사유", "text"), (4, "task_code", "unknown_task"), (5, "quarter", "quarter_format")]
    assert "부진사유" in checked.problems[0].message_ko and "reasons" in checked.problems[0].message_en
    with pytest.raises(ValueError, match="문제가 있는 파일"):
        narrative_upload.save_file(store, _officer(store), checked, submit=True)
    assert narratives.versions(store, SYSTEM) == []


def test_a_task_of_another_agency_and_a_missing_column_are_refused(store: Store) -> None:
    stranger = Actor("desk-2", "agency", "1352000" if narratives.task_owner(store, "S1-T1") != "1352000" else "1721000")
    content = narrative_upload.template_csv(["S1-T1"], "2026-Q3").replace(b"S1-T1,2026-Q3,,", b"S1-T1,2026-Q3,x,")
    checked = narrative_upload.check_file(store, stranger, "x.csv", content, submit=False)
    assert [(p.row, p.rule) for p in checked.problems] == [(2, "permission")]
    headless = b"task_code,quarter\r\nS1-T1,2026-Q3\r\n"
    checked = narrative_upload.check_file(store, _officer(store), "x.csv", headless, submit=False)
    assert [(p.row, p.column, p.rule) for p in checked.problems] == [(1, "추진실적", "missing_column")]
    big = b"a" * (narrative_upload.MAX_BYTES + 1)
    [problem] = narrative_upload.check_file(store, _officer(store), "x.csv", big, submit=False).problems
    assert problem.rule == "file_format" and "최대" in problem.message_ko
