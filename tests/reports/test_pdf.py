"""The PDF read back with pdftotext: Korean headings, figures equal to the marts, the snapshot id and page
number on every page; a rendered first page kept as a test artifact."""

from __future__ import annotations

import re
import subprocess
from datetime import date

from metrics.settings import PROJECT_ROOT
from reports.export import export
from tests.reports.helpers import rows

OCT = date(2026, 10, 1)


def pdf_text(path, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_it_holds_the_korean_headings_and_the_cover(built):
    text = pdf_text(built.path(".pdf"))
    for heading in (
        "정부혁신 성과 보고",
        "요약",
        "12개 과제 성과표",
        "주요 추이",
        "주의·미흡 과제와 지표",
        "주의·미흡 지표에 대한 기관 의견",
        "[붙임 1] 지표별 월간 실적",
        "[붙임 2] 기관별 자료 제출 현황",
        "행정안전부",
    ):
        assert heading in text, heading
    # 공문서 date of the snapshot (built 2026-11-25 09:00 KST)
    assert "2026. 11. 25." in text
    assert "□ 종합 달성률" in text and "○ " in text


def test_its_figures_equal_the_marts(built, marts):
    text = pdf_text(built.path(".pdf"), layout=True)
    (overall,) = rows(
        marts, "select achievement from mart_overall_scores where period = ? and time_window = 'month'", OCT
    )[0]
    assert f"종합 달성률 {overall:.1f}%" in text
    tasks = rows(
        marts, "select task_code, achievement from mart_task_scores where period = ? and time_window = 'month'", OCT
    )
    assert len(tasks) == 12
    lines = {line.split()[1]: line for line in text.splitlines() if re.match(r"^S\d\s+S\d-T\d\s", line)}
    for code, achievement in tasks:
        assert f"{achievement:.1f}" in lines[code].split(), (code, lines.get(code))
    off = rows(
        marts,
        "select kpi_code from mart_kpi_national_month"
        " where period = ? and time_window = 'month' and status = 'off_track'",
        OCT,
    )
    for (code,) in off:
        assert code in text


def test_every_page_carries_snapshot_and_page_number(built):
    report = built.result.report
    info = subprocess.run(["pdfinfo", str(built.path(".pdf"))], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 6
    pdftext = pdf_text(built.path(".pdf"))
    per_page = pdftext.split("\f")
    for n, page in enumerate(per_page[:pages], start=1):
        assert report.snapshot_id in page, n
        assert "2026. 11. 25. 09:00 (KST)" in page, n
        assert f"{n} / {pages}쪽" in page, n


def test_the_same_snapshot_and_options_give_the_same_text(built, warehouse, tmp_path):
    again = export(built.result.report.options, ["pdf"], tmp_path, warehouse=warehouse).files[0]
    assert pdf_text(again) == pdf_text(built.path(".pdf"))


def test_page_one_is_rendered_for_people_to_look_at(built):
    target = PROJECT_ROOT / "test-artifacts"
    target.mkdir(exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(built.path(".pdf")),
            str(target / "report-page1"),
        ],
        check=True,
    )
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "2",
            "-l",
            "2",
            "-singlefile",
            str(built.path(".pdf")),
            str(target / "report-page2"),
        ],
        check=True,
    )
    assert (target / "report-page1.png").stat().st_size > 5000


def test_the_month_annex_holds_every_kpi_value_of_the_month(built, marts):
    from reports.table_cells import value_text

    text = pdf_text(built.path(".pdf"), layout=True)
    annex = text[text.index("[붙임 1]") : text.index("[붙임 2]")]
    first_lines = {line.split()[0]: line for line in annex.splitlines() if re.match(r"^S\d-T\d-K\d+\s", line)}
    want = rows(
        marts,
        "select n.kpi_code, n.value, k.unit from mart_kpi_national_month n join ref_kpis k using (kpi_code)"
        " where n.period = ? and n.time_window = 'month'",
        OCT,
    )
    assert len(first_lines) == len(want) == 29
    for code, value, unit in want:
        # the report month is the last column of the row's first line
        assert first_lines[code].rstrip().endswith(" " + value_text(value, unit)), code
