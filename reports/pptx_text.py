"""Text on the slides: paragraphs, report tables and the East-Asian font.

python-pptx sets only a run's Latin font (a:latin); PowerPoint and LibreOffice then pick Korean glyphs from
whatever East-Asian font the machine prefers. `east_asian_fonts` gives every run, paragraph end and default
run property of a slide or chart a:latin NanumGothic, a:ea 맑은 고딕 and a:cs 맑은 고딕, so Korean is set in
맑은 고딕 (the government's usual face) and falls back to NanumGothic where that is missing."""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reports.numbers import is_numeric
from reports.pptx_template import EAST_ASIAN, INK, LATIN, NAVY
from reports.table_cells import Table

_RPR_TAGS = (qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr"))
_AFTER_FONTS = {qn(f"a:{t}") for t in ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")}
_FONT_TAGS = {qn("a:latin"), qn("a:ea"), qn("a:cs")}
HEADER_FILL, STRIPE_FILL = NAVY, "F2F4F7"


def _fonts_on(rpr: etree._Element) -> None:
    for child in [c for c in rpr if c.tag in _FONT_TAGS]:
        rpr.remove(child)
    fonts = [etree.Element(qn("a:latin"), typeface=LATIN)]
    fonts += [etree.Element(qn(f"a:{t}"), typeface=EAST_ASIAN) for t in ("ea", "cs")]
    anchor = next((c for c in rpr if c.tag in _AFTER_FONTS), None)
    for font in fonts:
        if anchor is None:
            rpr.append(font)
        else:
            anchor.addprevious(font)


def east_asian_fonts(root: etree._Element) -> None:
    """Every text run under `root` (a slide or a chart) set in NanumGothic / 맑은 고딕 (see above)."""
    for run in root.iter(qn("a:r")):
        if run.find(qn("a:rPr")) is None:
            run.insert(0, etree.Element(qn("a:rPr"), lang="ko-KR"))
    for rpr in list(root.iter(*_RPR_TAGS)):
        _fonts_on(rpr)


def _style(run, size: float, bold: bool = False, color: str | None = None) -> None:  # noqa: ANN001
    run.font.size = Pt(size)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def write_lines(frame, lines: list[tuple[str, float, bool]], color: str = INK) -> None:  # noqa: ANN001
    """(text, size, bold) paragraphs into a text frame, wrapped, shrunk by the viewer if they overflow."""
    frame.word_wrap = True
    body = frame._txBody.find(qn("a:bodyPr"))
    for child in list(body):
        body.remove(child)
    etree.SubElement(body, qn("a:normAutofit"))
    for i, (text, size, bold) in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = text
        p.space_after = Pt(4)
        for run in p.runs:
            _style(run, size, bold, color)


def textbox(slide, box: tuple[int, int, int, int], lines: list[tuple[str, float, bool]], **kw) -> None:  # noqa: ANN001,ANN003
    shape = slide.shapes.add_textbox(*(Emu(v) for v in box))
    write_lines(shape.text_frame, lines, **kw)


def _cell(cell, text: str, size: float, *, bold: bool, right: bool, fill: str | None, color: str) -> None:  # noqa: ANN001
    cell.text = text
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = Emu(54000)
    cell.margin_top = cell.margin_bottom = Emu(18000)
    for p in cell.text_frame.paragraphs:
        p.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
        for run in p.runs:
            _style(run, size, bold, color)
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(fill)
    else:
        cell.fill.background()


def add_table(slide, table: Table, lang: str, rows: range, box: tuple[int, int, int], size: float = 11) -> None:  # noqa: ANN001
    """Rows `rows` of a report table (texts as `Table.texts` writes them, numbers right-aligned) at
    (left, top, width); each row as tall as its text needs, the header navy."""
    columns = table.text_columns
    texts = table.texts(lang)
    left, top, width = box
    shape = slide.shapes.add_table(len(rows) + 1, len(columns), Emu(left), Emu(top), Emu(width), Emu(300000))
    grid = shape.table
    grid.first_row = True
    total = sum(c.width for c in columns)
    for j, col in enumerate(columns):
        grid.columns[j].width = Emu(int(width * col.width / total))
        _cell(
            grid.cell(0, j), col.header, size, bold=True, right=is_numeric(col.kind), fill=HEADER_FILL, color="FFFFFF"
        )
    for i, index in enumerate(rows, start=1):
        grid.rows[i].height = Emu(260000)
        fill = STRIPE_FILL if i % 2 == 0 else None
        for j, col in enumerate(columns):
            _cell(grid.cell(i, j), texts[index][j], size, bold=False, right=is_numeric(col.kind), fill=fill, color=INK)
    grid.rows[0].height = Emu(300000)
