"""The report's 미흡 section is the attention list: every 주의/미흡 task and KPI of the month is in the PDF's text
and in the XLSX sheet, and the summary lists the first of them and says exactly where the rest are."""

from __future__ import annotations

import openpyxl

from reports.summary import MAX_ITEMS, summary_lines
from tests.reports.helpers import rows
from tests.reports.test_pdf import OCT, pdf_text

LAGGING = (
    "select task_code, status from mart_task_scores where period = ? and time_window = 'month'"
    " and status in ('watch', 'off_track')"
    " union all select kpi_code, status from mart_kpi_national_month where period = ? and time_window = 'month'"
    " and status in ('watch', 'off_track')"
)


def test_every_attention_item_is_in_the_pdf_and_the_workbook(built, marts):
    lagging = {code for code, _ in rows(marts, LAGGING, OCT, OCT)}
    report = built.result.report
    assert set(report.attention["code"].to_list()) == lagging
    text = pdf_text(built.path(".pdf"))
    section = text[text.index("주의·미흡 과제와 지표", text.index("12개 과제 성과표")) :]
    for code in lagging:
        assert code in section, code
    book = openpyxl.load_workbook(built.path(".xlsx"))
    sheet = [r for r in book["주의·미흡"].iter_rows(min_row=2, values_only=True)]
    assert sorted(r[1] for r in sheet) == sorted(lagging)


def test_the_summary_lists_the_first_items_and_names_where_the_rest_are(built):
    report = built.result.report
    lines = [line.text for line in summary_lines(report)]
    n = report.attention.height
    assert n > MAX_ITEMS
    head = next(i for i, x in enumerate(lines) if x.startswith(f"주의·미흡 {n}건"))
    listed = lines[head + 1 : head + 1 + MAX_ITEMS]
    for line, code in zip(listed, report.attention["code"].to_list()[:MAX_ITEMS], strict=True):
        assert code in line and "주관" in line
    assert lines[head + 1 + MAX_ITEMS] == f"나머지 {n - MAX_ITEMS}건은 붙임 「주의·미흡 과제와 지표」 표 참조"
    assert not any(x.startswith("… +") for x in lines[head : head + MAX_ITEMS + 2])
