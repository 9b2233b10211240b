"""The PPTX briefing read back with python-pptx and as XML: the project's own 16:9 template and clean
properties, the East-Asian font on every run, bar charts from 0 with a 100 % line and status colours, one
slide per lagging task with its figures and narrative, every row of the 미흡 section, and the same bytes from
a second export."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date

import polars as pl
from lxml import etree
from pptx import Presentation

from metrics import display
from metrics.kst import kst_naive_to_utc
from reports.export import export
from reports.model import ReportOptions, gather
from reports.pptx import build_pptx
from reports.pptx_package import w3c
from reports.pptx_template import TEMPLATE, build_template
from tests.reports.helpers import rows, slide_texts

OCT = date(2026, 10, 1)
THRESHOLDS = (100.0, 80.0)
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS = {"a": A, "c": C}


def table_rows(slide) -> list[list[str]]:
    return [[c.text for c in row.cells] for s in slide.shapes if s.has_table for row in s.table.rows]


def deck(built):
    return Presentation(str(built.path(".pptx")))


def test_the_briefing_has_title_summary_strategy_and_offtrack_slides(built, marts):
    prs = deck(built)
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
    snapshot = built.result.report.snapshot_id
    assert all(snapshot in t for t in texts)
    assert all(f"{n} / {len(texts)}쪽" in t for n, t in enumerate(texts, start=1))


def test_every_row_of_the_offtrack_section_is_on_a_slide(built, marts):
    """The 미흡 section is the attention list: every task and KPI that is 주의 or 미흡, none left out."""
    prs = deck(built)
    cells = [r for s in prs.slides if s.shapes.title.text.startswith("주의·미흡 과제와 지표") for r in table_rows(s)]
    got = [r[1] for r in cells if r[1] != "코드"]
    want = rows(
        marts,
        "select task_code from mart_task_scores where period = ? and time_window = 'month'"
        " and status in ('watch', 'off_track')"
        " union all select kpi_code from mart_kpi_national_month where period = ? and time_window = 'month'"
        " and status in ('watch', 'off_track')",
        OCT,
        OCT,
    )
    assert want and sorted(got) == sorted(code for (code,) in want)
    assert not any("…" in c for r in cells for c in r)


def test_one_slide_per_lagging_task_with_its_kpis_and_figures(built, marts):
    prs = deck(built)
    lagging = rows(
        marts,
        "select s.task_code, t.name_ko, s.achievement from mart_task_scores s join ref_tasks t using (task_code)"
        " where s.period = ? and s.time_window = 'month' and s.status in ('watch', 'off_track') order by 1",
        OCT,
    )
    titles = [s.shapes.title.text for s in prs.slides]
    assert len([t for t in titles if t.startswith("부진 과제")]) == len(lagging) == 11
    for task, name, achievement in lagging:
        slide = prs.slides[titles.index(f"부진 과제 {task} {name}")]
        assert f"달성률 {display.number(display.toward_boundary(achievement, THRESHOLDS), 1)}%" in slide_texts(slide)
        got = {r[0]: r for r in table_rows(slide)[1:]}
        kpis = rows(
            marts,
            "select n.kpi_code, n.achievement from mart_kpi_national_month n join ref_kpis k using (kpi_code)"
            " where k.task_code = ? and n.period = ? and n.time_window = 'month'",
            task,
            OCT,
        )
        assert set(got) == {k for k, _ in kpis}
        for kpi, value in kpis:
            # the achievement as shown (a bounded one after its raw figure: "169.0 → 120.0 (상한 적용)")
            assert f"{display.toward_boundary(value, THRESHOLDS):,.1f}" in got[kpi][4], kpi
        assert "2026-Q4에 제출된 추진 상황이 없습니다." in slide_texts(slide)


def test_a_lagging_task_slide_carries_its_narrative_verbatim(warehouse, tmp_path):
    report = gather(warehouse, ReportOptions.parse("2026-10"))
    hostile = "<b>예산</b> & =1+1 지연"
    narratives = pl.DataFrame(
        {
            "task_code": ["S1-T2", "S1-T2"],
            "quarter": ["2026-Q4", "2026-Q4"],
            "version": [1, 2],
            "state": ["submitted", "reviewed"],
            "achievements": ["옛 판", "사전공개 항목 12개 발굴"],
            "reasons": ["옛 판", hostile],
            "plans": ["옛 판", "12월 추가 공개"],
            "requests": [None, None],
        }
    )
    path = build_pptx(replace(report, narratives=narratives), tmp_path / "n.pptx")
    prs = Presentation(str(path))
    slide = next(s for s in prs.slides if s.shapes.title.text.startswith("부진 과제 S1-T2"))
    text = slide_texts(slide)
    for line in ("추진 상황 (2026-Q4, 검토 완료)", "□ 추진실적", "사전공개 항목 12개 발굴", "□ 부진사유", hostile):
        assert line in text
    assert "옛 판" not in text and "지원요청" not in text


def test_the_deck_is_on_the_own_16_9_template_with_clean_properties(built):
    report = built.result.report
    z = zipfile.ZipFile(built.path(".pptx"))
    for name in z.namelist():
        body = z.read(name)
        assert b"4:3" not in body and b"4x3" not in body, name
    assert not any("thumbnail" in n or "printerSettings" in n for n in z.namelist())
    app = etree.fromstring(z.read("docProps/app.xml"))
    ns = {"e": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    assert app.findtext("e:PresentationFormat", namespaces=ns) == "와이드스크린 (16:9)"
    assert app.findtext("e:Application", namespaces=ns) == "govdash"
    prs = deck(built)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 13.333 × 7.5 in
    assert [layout.name for layout in prs.slide_layouts] == ["표지", "본문"]
    props = prs.core_properties
    assert props.author == props.last_modified_by == "govdash"
    assert props.title == "정부혁신 성과 보고" and report.snapshot_id in props.subject
    built_utc = kst_naive_to_utc(report.built_at).replace(tzinfo=None)
    assert props.created == props.modified == built_utc
    assert "python-pptx" not in z.read("docProps/core.xml").decode()


def test_every_run_sets_the_east_asian_font(built):
    z = zipfile.ZipFile(built.path(".pptx"))
    parts = [n for n in z.namelist() if n.startswith(("ppt/slides/slide", "ppt/charts/chart")) and n.endswith(".xml")]
    in_tables = 0
    for name in parts:
        root = etree.fromstring(z.read(name))
        for run in root.iter(f"{{{A}}}r"):
            rpr = run.find("a:rPr", NS)
            assert rpr is not None, name
            assert rpr.find("a:ea", NS).get("typeface") == "맑은 고딕", name
            assert rpr.find("a:latin", NS).get("typeface") == "NanumGothic", name
        in_tables += len(root.findall(".//a:tbl//a:r/a:rPr/a:ea", NS))
        for rpr in root.iter(f"{{{A}}}defRPr"):  # chart text (axes, labels) too
            assert rpr.find("a:ea", NS).get("typeface") == "맑은 고딕", name
    assert in_tables > 100


def _chart_on(slide) -> etree._Element:
    (frame,) = [s for s in slide.shapes if s.has_chart]
    return frame.chart._chartSpace


def test_bar_charts_start_at_zero_with_a_target_line_and_status_colours(built, marts):
    prs = deck(built)
    slide = next(s for s in prs.slides if s.shapes.title.text.startswith("전략별 달성률"))
    chart = _chart_on(slide)
    assert chart.find(".//c:valAx/c:scaling/c:min", NS).get("val") == "0.0"
    (line,) = chart.findall(".//c:lineChart/c:ser", NS)
    assert [p.text for p in line.findall("c:val//c:pt/c:v", NS)] == ["100.0"] * 4
    assert line.find("c:spPr/a:ln/a:prstDash", NS).get("val") == "dash"
    (bars,) = chart.findall(".//c:barChart/c:ser", NS)
    want = rows(
        marts,
        "select s.strategy_code, s.achievement, s.status from mart_strategy_scores s join ref_strategies r"
        " using (strategy_code) where period = ? and time_window = 'month' order by r.sort_order",
        OCT,
    )
    values = [float(v.text) for v in bars.findall("c:val//c:pt/c:v", NS)]
    assert values == [display.toward_boundary(a, THRESHOLDS) for _, a, _ in want]
    fills = {
        int(p.find("c:idx", NS).get("val")): p.find(".//a:srgbClr", NS).get("val") for p in bars.findall("c:dPt", NS)
    }
    assert fills == {i: display.STATUS_COLOR[s].lstrip("#") for i, (_, _, s) in enumerate(want)}
    categories = [v.text for v in bars.findall("c:cat//c:pt/c:v", NS)]
    assert categories == [f"{c} {display.STATUS_ICON[s]}{display.STATUS_WORD['ko'][s]}" for c, _, s in want]
    assert chart.find(".//c:barChart/c:dLbls/c:showVal", NS).get("val") == "1"


def test_the_agency_deck_draws_no_empty_chart(warehouse, tmp_path, marts):
    ((agency,),) = rows(marts, "select min(agency_code) from mart_kpi_agency_month where agency_code <> 'ALL'")
    result = export(ReportOptions.parse("2026-10", agency=agency), ["pptx"], tmp_path, warehouse=warehouse)
    prs = Presentation(str(result.files[0]))
    strategy_slides = [s for s in prs.slides if s.shapes.title.text[:2] in ("S1", "S2", "S3", "S4")]
    assert len(strategy_slides) == 4
    sentences = 0
    for slide in prs.slides:
        charts = [s for s in slide.shapes if s.has_chart]
        for frame in charts:
            bars = frame.chart._chartSpace.find(".//c:barChart/c:ser", NS)
            assert bars.findall("c:val//c:pt/c:v", NS), slide.shapes.title.text
        if "그래프를 넣지 않았습니다" in slide_texts(slide):
            sentences += 1
            assert not charts
    scores = {x["code"]: x for x in result.report.score_rows("task", result.report.period)}
    empty = [
        s for s in strategy_slides if all(t["achievement"] is None for c, t in scores.items() if c in slide_texts(s))
    ]
    assert sentences == len(empty)


def test_two_exports_give_identical_pptx_bytes(built, warehouse, tmp_path):
    again = export(built.result.report.options, ["pptx"], tmp_path, warehouse=warehouse, charts=False)
    (path,) = again.files
    assert path.read_bytes() == built.path(".pptx").read_bytes()
    z = zipfile.ZipFile(path)
    assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    stamp = w3c(kst_naive_to_utc(built.result.report.built_at))
    books = [n for n in z.namelist() if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")]
    assert len(books) == 5  # the strategies' chart and one per strategy
    for name in books:
        inner = zipfile.ZipFile(io.BytesIO(z.read(name)))
        core = inner.read("docProps/core.xml").decode()
        assert core.count(stamp) == 2, name
        assert {i.date_time for i in inner.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_template_is_rebuilt_byte_for_byte(tmp_path):
    assert build_template(tmp_path / "t.pptx").read_bytes() == TEMPLATE.read_bytes()
