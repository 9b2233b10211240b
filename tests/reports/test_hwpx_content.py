"""The HWPX 보고서 read back: page header and footer with the page number, 개조식 items indented by paragraph
shapes, tables with marked, repeated and shaded heading rows and numbers right-aligned, the complete 미흡
table, the tasks' narratives when the report has them, user text kept as written, and the annex."""

from __future__ import annotations

import dataclasses
import zipfile
from datetime import date, datetime

import polars as pl
import pytest
from lxml import etree

from metrics import display
from reports.hwpx import build_hwpx
from reports.hwpx.body import Body, Page
from reports.hwpx.header import HEADER_FILL, LEVEL_PARA, Char, Para
from reports.hwpx.owpml import NS
from reports.model import ReportOptions, gather
from reports.summary import summary_lines
from reports.table_cells import value_text
from reports.tables import offtrack_table
from tests.reports.helpers import rows
from tests.reports.hwpx_read import HP, Hwpx, cell_rows, cells, table_after, tables_in_part, tag, text

OCT = date(2026, 10, 1)
HOSTILE = '</hp:t></hp:run><hp:run charPrIDRef="99"><hp:t>& "x" <script>alert(1)</script>'
FORMULA = '=HYPERLINK("http://example.invalid","클릭")'


@pytest.fixture(scope="module")
def report(warehouse):
    return gather(warehouse, ReportOptions.parse("2026-10"))


@pytest.fixture(scope="module")
def doc(report, tmp_path_factory) -> Hwpx:
    return Hwpx(build_hwpx(report, tmp_path_factory.mktemp("hwpx") / "report.hwpx"))


def _margin(shape: etree._Element, side: str) -> int:
    return int(shape.find(f"hh:margin/hc:{side}", HP).get("value"))


def test_every_page_has_title_and_snapshot_above_and_the_page_number_below(report, doc):
    for section, landscape in zip(doc.sections, ("WIDELY", "NARROWLY"), strict=True):
        first = section.find("hp:p", HP)
        assert first.find("hp:run/hp:secPr/hp:pagePr", HP).get("landscape") == landscape
        controls = first.findall("hp:run/hp:ctrl", HP)
        header = next(c.find("hp:header", HP) for c in controls if c.find("hp:header", HP) is not None)
        footer = next(c.find("hp:footer", HP) for c in controls if c.find("hp:footer", HP) is not None)
        assert header.get("applyPageType") == footer.get("applyPageType") == "BOTH"
        assert text(header) == f"정부혁신 성과 보고 · 2026년 10월 · 스냅샷 {report.snapshot_id}"
        number = footer.find("hp:subList/hp:p", HP)
        runs = number.findall("hp:run", HP)
        assert [text(r) for r in runs] == ["- ", "", " -"]  # "- n -", n Hancom's page number field
        auto = runs[1].find("hp:ctrl/hp:autoNum", HP)
        assert auto.get("numType") == "PAGE" and auto.find("hp:autoNumFormat", HP).get("type") == "DIGIT"
        assert report.snapshot_id in text(footer) and report.catalog_version in text(footer)


def test_the_cover_block_names_title_period_scope_date_and_issuer(doc):
    lines = [text(p) for p in doc.body_paragraphs()[1:6]]
    assert lines == [
        "정부혁신 성과 보고",
        "4대 전략 · 12개 과제 · 29개 성과지표",
        "기준 기간: 2026년 10월 (당월)",
        "대상: 정부 전체",
        "2026. 11. 25.  행정안전부",  # the snapshot's build date, not the clock's
    ]


def test_items_are_indented_by_paragraph_shapes_not_by_spaces(report, doc):
    shapes = doc.para_shapes()
    paragraphs = {text(p): p for p in doc.body_paragraphs()}
    lines = summary_lines(report)
    assert {line.level for line in lines} == {1, 2, 3}
    for line in lines:
        p = paragraphs[f"{line.marker} {line.text}"]
        assert p.get("paraPrIDRef") == str(int(LEVEL_PARA[line.level]))
    lefts = [_margin(shapes[str(int(LEVEL_PARA[level]))], "left") for level in (1, 2, 3)]
    assert lefts[0] < lefts[1] < lefts[2]  # each level further in
    for level in (1, 2, 3, 4):
        shape = shapes[str(int(LEVEL_PARA[level]))]
        assert _margin(shape, "intent") < 0  # a hanging indent: wrapped lines start under the text
    note = next(p for t, p in paragraphs.items() if t.startswith("※ 상태 기준"))
    assert note.get("paraPrIDRef") == str(int(LEVEL_PARA[4]))
    for i in range(len(doc.sections)):
        written = [text(p) for p in doc.body_paragraphs(i)[1:]]  # the first holds the page definition
        written += [c for table in doc.tables(i) for row in cells(table) for c in row]
        assert not [t for t in written if t[:1].isspace()]


def test_tables_mark_repeat_and_shade_their_heading_rows_and_right_align_numbers(doc):
    shapes = doc.para_shapes()
    fills = {f.get("id"): f for f in doc.header.iter(tag("hh", "borderFill"))}
    bold = {c.get("id") for c in doc.header.iter(tag("hh", "charPr")) if c.find("hh:bold", HP) is not None}
    tables = doc.tables(0) + doc.tables(1)
    assert len(tables) >= 5
    for table in tables:
        assert table.get("repeatHeader") == "1" and table.get("pageBreak") == "CELL"
        assert table.find("hp:pos", HP).get("treatAsChar") == "0"  # may break across pages
        head, *body = cell_rows(table)
        for tc in head:
            assert tc.get("header") == "1"
            brush = fills[tc.get("borderFillIDRef")].find("hc:fillBrush/hc:winBrush", HP)
            assert brush is not None and brush.get("faceColor") == HEADER_FILL
            assert tc.find(".//hp:run", HP).get("charPrIDRef") in bold
        for tc in (tc for row in body for tc in row):
            assert tc.get("header") == "0" and fills[tc.get("borderFillIDRef")].find("hc:fillBrush", HP) is None
    scorecard = doc.tables(0)[0]
    heading = cells(scorecard)[0]
    for row in cell_rows(scorecard)[1:]:
        shape_ids = [tc.find(".//hp:p", HP).get("paraPrIDRef") for tc in row]
        aligns = [shapes[i].find("hh:align", HP).get("horizontal") for i in shape_ids]
        assert aligns[heading.index("달성률(%)")] == aligns[heading.index("증감(%p)")] == "RIGHT"
        assert aligns[heading.index("과제")] == aligns[heading.index("코드")] == "LEFT"


def test_the_scorecard_cells_equal_the_marts(doc, marts):
    table = doc.tables(0)[0]
    assert table.get("rowCnt") == "13" and table.get("colCnt") == "9"
    head, *body = cells(table)
    assert head[:5] == ["전략", "코드", "과제", "산정 지표", "달성률(%)"]
    got = {row[1]: row for row in body}
    for code, achievement, name in rows(
        marts,
        "select s.task_code, s.achievement, t.name_ko from mart_task_scores s join ref_tasks t using (task_code)"
        " where period = ? and time_window = 'month'",
        OCT,
    ):
        assert got[code][2] == name and got[code][4] == f"{achievement:.1f}"


def test_every_offtrack_item_is_in_the_offtrack_table(report, doc, marts):
    table = table_after(doc.sections[0], f"Ⅲ. {offtrack_table(report).title}")
    expected = offtrack_table(report)
    assert cells(table)[1:] == expected.texts("ko")  # every row, as the report's 미흡 table has it
    off_track = {
        code
        for (code,) in rows(
            marts,
            "select kpi_code from mart_kpi_national_month where period = ? and time_window = 'month'"
            " and status = 'off_track'",
            OCT,
        )
    }
    assert len(off_track) > 6  # more than the summary lists, so "every" is not vacuous
    written = {c for row in cells(table)[1:] for c in row}
    assert off_track <= written  # every off-track KPI (the table may hold more: the attention list)
    assert not any("… +" in c for c in written)
    part = {c for t in tables_in_part(doc.sections[0], f"Ⅲ. {expected.title}") for row in cells(t) for c in row}
    notes = {n for n in report.notes.filter(pl.col("kpi_code").is_in(list(off_track)))["note"].to_list() if n}
    assert notes and notes <= part  # with the agencies' notes, in the table that follows


def _narratives(report) -> pl.DataFrame:
    base = {
        "quarter": "2026-Q4",
        "author": "kim",
        "submitted_at": datetime(2026, 11, 20, 9, 0),
        "reviewer": None,
        "reviewed_at": None,
    }
    return pl.DataFrame(
        [
            base
            | {
                "task_code": "S1-T2",
                "task_name_ko": "국민 알권리 보장과 맞춤형 행정정보 제공",
                "task_name_en": "Right to know",
                "version": 2,
                "state": "submitted",
                "agency_code": "1741000",
                "achievements": "사전공개 항목 정비\n공개 목록 12종 추가",
                "reasons": "예산 배정 지연",
                "plans": "12월 추가 공개",
                "requests": None,
            },
            base
            | {
                "task_code": "S2-T2",
                "task_name_ko": "기본사회 추진체계와 사회안전망",
                "task_name_en": "Basic society",
                "version": 1,
                "state": "reviewed",
                "agency_code": "1352000",
                "achievements": "",
                "reasons": HOSTILE,
                "plans": FORMULA,
                "requests": "제어문자\x0b포함",
            },
        ]
    )


def test_the_narratives_are_printed_when_the_report_has_them(report, doc, tmp_path):
    heading = "Ⅳ. 과제별 추진 실적 (2026-Q4)"
    assert report.narratives.height == 0 and heading not in [text(p) for p in doc.body_paragraphs()]
    with_narratives = dataclasses.replace(report, narratives=_narratives(report))
    path = build_hwpx(with_narratives, tmp_path / "narratives.hwpx")
    paragraphs = Hwpx(path).body_paragraphs()
    texts = [text(p) for p in paragraphs]
    start = texts.index(heading)
    assert texts[start + 1 : start + 1 + 9] == [
        "○ S1-T2 국민 알권리 보장과 맞춤형 행정정보 제공 (1741000 제출, 2판, 제출)",
        "- 추진실적: 사전공개 항목 정비",
        "공개 목록 12종 추가",  # the text's second line, a paragraph of its own under the first
        "- 부진사유: 예산 배정 지연",
        "- 향후계획: 12월 추가 공개",
        "○ S2-T2 기본사회 추진체계와 사회안전망 (1352000 제출, 1판, 검토 완료)",
        f"- 부진사유: {HOSTILE}",  # as written: markup stays text
        f"- 향후계획: {FORMULA}",  # a formula prefix kept, no apostrophe (HWPX does not evaluate)
        "- 지원요청: 제어문자\ufffd포함",  # the one character XML cannot hold, shown as U+FFFD
    ]
    assert paragraphs[start + 3].get("paraPrIDRef") == str(int(Para.LEVEL3_MORE))
    section = zipfile.ZipFile(path).read("Contents/section0.xml")
    assert b"&lt;/hp:t&gt;&lt;/hp:run&gt;" in section and b'&amp; "x" &lt;script&gt;' in section
    runs = etree.fromstring(section).iter(tag("hp", "run"))
    assert "99" not in {r.get("charPrIDRef") for r in runs}  # the text made no run of its own


def test_an_agencys_note_is_kept_as_written_in_the_offtrack_table(report, tmp_path):
    kpi = offtrack_table(report).rows[0]["code"]
    notes = pl.DataFrame(
        [{"kpi_code": kpi, "agency_code": "1741000", "agency_name_ko": "행정안전부", "agency_name_en": "MOIS"}]
    ).with_columns(period=pl.lit(OCT), value=pl.lit(1.0), note=pl.lit(f"{FORMULA} {HOSTILE}"))
    hostile = dataclasses.replace(report, notes=notes.select(report.notes.columns))
    doc = Hwpx(build_hwpx(hostile, tmp_path / "notes.hwpx"))
    tables = tables_in_part(doc.sections[0], f"Ⅲ. {offtrack_table(report).title}")
    assert f"{FORMULA} {HOSTILE}" in {c for t in tables for row in cells(t) for c in row}


def test_body_text_cannot_break_the_markup():
    body = Body(Page(landscape=False, header="h", footer_left="f"))
    body.paragraph(HOSTILE)
    raw = etree.tostring(body.sec)
    assert b"&lt;/hp:t&gt;" in raw and b"&amp;" in raw
    parsed = etree.fromstring(raw)
    last = parsed.findall(f"{{{NS['hp']}}}p")[-1]
    assert len(last.findall(f"{{{NS['hp']}}}run")) == 1 and text(last) == HOSTILE


def test_the_annex_is_a_landscape_section_titled_as_an_annex(report, doc):
    texts = [text(p) for p in doc.body_paragraphs(1)]
    assert texts[1] == "[붙임 1] 성과지표 현황" and "[붙임 2] 기관별 자료 제출 현황" in texts
    now, by_month, submissions = doc.tables(1)
    codes = [k["kpi_code"] for k in report.kpi_rows(report.period)]
    assert [row[0] for row in cells(now)[1:]] == codes
    head, *body = cells(by_month)
    assert head[3:] == [display.month_label(m, "ko") for m in report.months] and len(head) == 15
    values = {(x["kpi_code"], x["period"]): x for x in report.kpi_months.to_dicts()}
    for row in body:
        for month, shown in zip(report.months, row[3:], strict=True):
            x = values[(row[0], month)]
            assert shown == value_text(x["value"], x["unit"])
    assert [row[0] for row in body] == codes
    agencies = sorted(report.submissions["agency_code"].unique().to_list())
    assert sorted(row[0] for row in cells(submissions)[1:]) == agencies
    heading = doc.body_paragraphs(1)[1]
    assert heading.find("hp:run", HP).get("charPrIDRef") == str(int(Char.HEADING))
