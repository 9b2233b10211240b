"""The PPTX briefing read back with python-pptx (the HWPX report's tests are in test_hwpx_*.py)."""

from __future__ import annotations

from datetime import date

from pptx import Presentation

from tests.reports.helpers import rows

OCT = date(2026, 10, 1)


def slide_texts(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_briefing_has_title_summary_strategy_and_offtrack_slides(built, marts):
    prs = Presentation(str(built.path(".pptx")))
    texts = [slide_texts(s) for s in prs.slides]
    assert texts[0].startswith("정부혁신 성과 보고")
    assert any(t.startswith("요약") and "□ 종합 달성률" in t for t in texts)
    strategies = rows(
        marts,
        "select s.strategy_code, r.name_ko, s.achievement"
        " from mart_strategy_scores s join ref_strategies r using (strategy_code)"
        " where period = ? and time_window = 'month' order by r.sort_order",
        OCT,
    )
    for code, name, achievement in strategies:
        slide = next(s for s in prs.slides if s.shapes.title.text.startswith(f"{code} {name}"))
        assert f"{achievement:.1f}%" in slide.shapes.title.text
        assert any(shape.has_chart for shape in slide.shapes)
        tasks = rows(
            marts,
            "select task_code, achievement from mart_task_scores"
            " where strategy_code = ? and period = ? and time_window = 'month'",
            code,
            OCT,
        )
        for task, value in tasks:
            assert task in slide_texts(slide) and f"{value:.1f}" in slide_texts(slide)
    offtrack = "\n".join(t for t in texts if t.startswith("미흡 지표와 기관 의견"))
    for (code,) in rows(
        marts,
        "select kpi_code from mart_kpi_national_month"
        " where period = ? and time_window = 'month' and status = 'off_track'",
        OCT,
    ):
        assert code in offtrack
    snapshot = built.result.report.snapshot_id
    assert all(snapshot in t for t in texts)
