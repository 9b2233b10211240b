"""The PDF read back as a reader sees it: money in 억/만 원, numbers whole on their line and right-aligned,
every 미흡 row present, bookmarks, tagged PDF ≥ 1.4 with its language, the English report free of Korean
units and of words split mid-word, headings never alone at a page's foot, narratives after the 미흡 section,
and every page of four variants (national/agency × charts/none) rendered, none blank; byte-identical again."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from reports.charts import key_kpis, trend_chart
from reports.export import export
from reports.model import ReportOptions
from reports.numbers import is_numeric
from reports.pdf import build_pdf
from reports.tables import offtrack_table, task_table
from tests.reports import pdfread

AGENCY = "1741000"  # 행정안전부
HANGUL = re.compile(r"[가-힣]+")
KOREAN_UNIT = re.compile(r"\d\s?(건|명|원|일|분|개|가구|단계|회)(?![가-힣])")


@pytest.fixture(scope="module")
def variants(warehouse, tmp_path_factory) -> dict[str, Path]:
    """Five PDFs of the October report: national ko/en with charts, agency with charts, both without."""
    out = tmp_path_factory.mktemp("pdf-variants")
    made = {}
    for name, lang, agency, charts in (
        ("ko", "ko", None, True),
        ("en", "en", None, True),
        ("agency", "ko", AGENCY, True),
        ("ko-bare", "ko", None, False),
        ("agency-bare", "ko", AGENCY, False),
    ):
        options = ReportOptions.parse("2026-10", lang=lang, agency=agency)
        made[name] = export(options, ["pdf"], out / name, warehouse=warehouse, charts=charts).files[0]
    return made


def _report(warehouse, lang="ko", agency=None):
    from reports.model import gather

    return gather(warehouse, ReportOptions.parse("2026-10", lang=lang, agency=agency))


def test_money_is_written_in_eok_and_man_never_as_raw_won(variants):
    text = pdfread.text(variants["ko"], layout=True)
    offtrack = text[text.index("주의·미흡 과제와 지표") :]
    assert "5,144만 원" in offtrack and "1억 6,667만 원" in offtrack  # S3-T3-K3 value 51,440,000, target
    assert "51,440,000" not in text and "166,666,66" not in text


def test_every_number_cell_is_whole_on_one_line(variants, warehouse):
    r = _report(warehouse)
    lines = pdfread.text(variants["ko"], layout=True).splitlines()
    for table in (task_table(r), offtrack_table(r)):
        numeric = [i for i, c in enumerate(table.text_columns) if is_numeric(c.text_kind)]
        for cells in table.texts("ko"):
            row_lines = [line for line in lines if cells[1] in line.split() or cells[0] in line.split()]
            assert row_lines, cells
            for i in numeric:
                assert any(cells[i] in line for line in row_lines), (cells[0], cells[i])


def test_numbers_are_right_aligned(variants, warehouse):
    """The scorecard's achievement column: every figure ends at one x, and they start at different ones."""
    r = _report(warehouse)
    figures = [t[4] for t in task_table(r).texts("ko")]
    scorecard_page = next(p for p, t in pdfread.outline(variants["ko"]) if "과제 성과표" in t)
    words = [w for w in pdfread.words(variants["ko"]) if w.page == scorecard_page]
    rows = {}
    for w in words:
        if re.fullmatch(r"S\d-T\d", w.text):
            rows[w.text] = w.y0
    assert len(rows) == 12
    ends, starts = [], []
    for code, figure in zip(rows, figures, strict=True):
        cell = next(w for w in words if abs(w.y0 - rows[code]) < 1 and w.text == figure and w.x0 > 250)
        ends.append(cell.x1)
        starts.append(cell.x0)
    assert max(ends) - min(ends) < 0.6, ends
    assert max(starts) - min(starts) > 2, starts  # "103.2" starts left of "99.9": right, not left, aligned


def test_every_offtrack_row_is_in_the_pdf(variants, warehouse):
    r = _report(warehouse)
    table = offtrack_table(r)
    assert len(table.rows) >= 9
    text = pdfread.text(variants["ko"])
    section = " ".join(text[text.index("주의·미흡 과제와 지표") : text.index("[붙임 1]")].split())
    for row in table.rows:
        assert row["code"] in section
        if row.get("note"):
            assert " ".join(row["note"].split())[:12] in section, row["note"]


def test_bookmarks_tags_version_and_language(variants):
    marks = [t for _, t in pdfread.outline(variants["ko"])]
    for heading in ("요약", "12개 과제 성과표", "주요 추이", "주의·미흡 과제와 지표", "[붙임 1]", "[붙임 2]"):
        assert any(heading in m for m in marks), (heading, marks)
    for name, lang in (("ko", "ko-KR"), ("en", "en")):
        meta = pdfread.info(variants[name])
        assert meta["tagged"] == "yes" and meta["version"] >= "1.4", meta
        assert f"/Lang ({lang})".encode() in variants[name].read_bytes()


def test_the_english_report_has_no_korean_unit_and_no_korean_word_of_its_own(variants, warehouse):
    text = pdfread.text(variants["en"], layout=True)
    assert not KOREAN_UNIT.findall(text)
    r = _report(warehouse, "en")
    # Hangul is allowed only where the users wrote it: names and notes as stored
    written = " ".join(
        str(v)
        for frame in (r.kpis, r.notes, r.comments, r.assessments, r.kpi_agencies, r.submissions, r.scores)
        for v in frame.select(pl.col(pl.String)).to_numpy().ravel()
        if v
    )
    allowed = set(HANGUL.findall(written))
    stray = {w for w in HANGUL.findall(text) if w not in allowed}
    assert not stray, stray


def test_english_headers_are_never_split_inside_a_word(variants, warehouse):
    r = _report(warehouse, "en")
    tokens = set(pdfread.text(variants["en"]).split())
    for table in (task_table(r), offtrack_table(r)):
        for c in table.text_columns:
            for word in c.header.split():
                assert word in tokens, (c.header, word)


def test_trend_legends_are_wrapped_not_cut(warehouse):
    r = _report(warehouse, "en")
    names = [t.name.replace("<br>", " ") for t in trend_chart(r).data]
    assert names == [f"{k['kpi_code']} {r.name(k)}" for k in key_kpis(r)]
    assert any(len(n) > 40 for n in names)


def test_no_heading_ends_a_page(variants):
    for name in ("ko", "en", "agency", "ko-bare"):
        # the charts' heading is followed by images, which hold no text
        marks = {t for _, t in pdfread.outline(variants[name])} - {"주요 추이", "Trends"}
        for n, page in enumerate(pdfread.pages_text(variants[name]), start=1):
            body = [line.strip() for line in page.splitlines() if line.strip()][:-1]  # less the footer
            assert body, (name, n)
            assert body[-1] not in marks, (name, n, body[-1])


def test_the_agency_report_draws_its_own_kpis_and_no_double_dash(variants, warehouse):
    r = _report(warehouse, agency=AGENCY)
    drawn = set(r.kpis.filter(pl.col("achievement").is_not_null())["kpi_code"].to_list())
    assert key_kpis(r) and all(k["kpi_code"] in drawn for k in key_kpis(r))
    text = pdfread.text(variants["agency"])
    assert "— (– 산정불가)" not in text and "— (- 산정불가)" not in text
    assert "산정불가 — 과제" in text


def test_every_page_is_drawn_and_none_is_blank(variants, tmp_path):
    counts = {}
    for name, path in variants.items():
        pngs = pdfread.render(path, tmp_path / name)
        counts[name] = len(pngs)
        assert len(pngs) == pdfread.info(path)["pages"]
        for n, png in enumerate(pngs, start=1):
            assert pdfread.ink(png) > 8, (name, n)  # a heading alone scores about 5
    # without charts, the chart page goes and nothing else: no blank page left behind
    assert counts["ko"] == counts["ko-bare"] + 1 and counts["agency"] == counts["agency-bare"] + 1
    assert "주요 추이" not in pdfread.text(variants["ko-bare"])


def test_a_second_export_is_byte_identical(variants, warehouse, tmp_path):
    again = export(ReportOptions.parse("2026-10"), ["pdf", "csv"], tmp_path, warehouse=warehouse)
    pdf = next(p for p in again.files if p.suffix == ".pdf")
    assert pdf.read_bytes() == variants["ko"].read_bytes()
    again2 = export(ReportOptions.parse("2026-10"), ["csv"], tmp_path / "2", warehouse=warehouse)
    for a, b in zip(sorted(p for p in again.files if p.suffix == ".csv"), sorted(again2.files), strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_counts_are_integers_in_the_csv(warehouse, tmp_path):
    files = export(ReportOptions.parse("2026-10"), ["csv"], tmp_path, warehouse=warehouse).files
    kpis = next(p for p in files if p.name.endswith("-kpis.csv")).read_text(encoding="utf-8-sig")
    row = next(line for line in kpis.splitlines() if line.startswith("S1-T1-K1,"))
    assert re.search(r",건,\d+,", row), row  # the count as an integer (its target may be a fraction)
    assert not re.search(r"\b\d+\.0\b", kpis)


def test_narratives_follow_the_offtrack_section(warehouse, tmp_path):
    r = _report(warehouse)
    narratives = pl.DataFrame(
        [
            {
                "task_code": "S1-T2",
                "task_name_ko": "맞춤형 정보공개",
                "task_name_en": "Tailored disclosure",
                "quarter": "2026-Q4",
                "version": 2,
                "state": "submitted",
                "agency_code": AGENCY,
                "achievements": "정보공개 포털 개편 완료",
                "reasons": "예산 배정 지연으로 2개월 순연",
                "plans": "12월 중 시범 운영",
                "requests": '=HYPERLINK("x") 그대로 표시',
                "author": "담당자",
                "submitted_at": datetime(2026, 11, 20, 14, 0),
                "reviewer": None,
                "reviewed_at": None,
            }
        ]
    )
    path = build_pdf(dataclasses.replace(r, narratives=narratives), tmp_path / "n.pdf")
    text = " ".join(pdfread.text(path).split())
    start = text.index("과제 추진 경과 (2026-Q4)")
    assert text.index("주의·미흡 과제와 지표") < start < text.index("[붙임 1]")
    for piece in (
        "S1-T2 맞춤형 정보공개",
        "추진실적",
        "정보공개 포털 개편 완료",
        "부진사유",
        "예산 배정 지연으로 2개월 순연",
    ):
        assert piece in text[start:], piece
    assert '=HYPERLINK("x") 그대로 표시' in text[start:]


def test_the_summary_lists_every_status_change(variants, warehouse):
    from reports.summary import status_changes

    improved, slipped = status_changes(_report(warehouse))
    assert len(slipped) > 6  # more than the summary once listed before "… +n"
    text = " ".join(pdfread.text(variants["ko"]).split())
    changes = text[text.index("□ 전기 대비 변동") : text.index("□ 주의·미흡")]
    for name, _, _ in improved + slipped:
        assert name in changes, name
    assert "… +" not in changes
