"""The project's own slide template (reports/templates/govdash-16x9.pptx), built by this module so that it can
be reviewed and made again: `python -m reports.pptx_template` writes the committed file byte for byte.

A plain official style on a 16:9 page (13.333 × 7.5 in): a navy band at the top, the title at the top left in
navy, a grey rule under it, a grey footer band that holds the snapshot id and the page number (written by
reports/pptx.py on every slide). Two layouts: 표지 (the title slide: a navy band across the page, the title in
white) and 본문 (every other slide). Theme fonts NanumGothic (Latin) and 맑은 고딕 (East Asian).

It starts from python-pptx's default package and takes out what belonged to it: the other nine layouts, the
4:3 page type, the thumbnail, a Macintosh printer-settings part and the properties naming its author."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.shapes.autoshape import Shape
from pptx.util import Emu, Inches

from reports.pptx_package import finish

TEMPLATE = Path(__file__).resolve().parent / "templates" / "govdash-16x9.pptx"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in
NAVY, GREY, RULE, INK = "1F3864", "E7E9EE", "8A94A6", "333333"
LATIN, EAST_ASIAN = "NanumGothic", "맑은 고딕"
TITLE_LAYOUT, CONTENT_LAYOUT = "표지", "본문"
# where the deck builder writes: below the title rule and above the footer band
MARGIN = Inches(0.5)
BODY_TOP, BODY_BOTTOM = Inches(1.3), Inches(6.9)
FOOTER_TOP, FOOTER_HEIGHT = Inches(7.0), Inches(0.5)
BUILT = datetime(2026, 1, 1)  # the template's own date (it holds no figures)


def _band(shapes, spid: int, name: str, box: tuple[int, int, int, int], color: str) -> None:  # noqa: ANN001
    """A filled rectangle without outline appended to a master's or layout's shape tree."""
    sp = CT_Shape.new_autoshape_sp(spid, name, "rect", *box)  # type: ignore[attr-defined]
    shapes._spTree.append(sp)
    shape = Shape(sp, shapes)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(color)
    shape.line.fill.background()
    shape.shadow.inherit = False


def _theme(prs) -> None:  # noqa: ANN001
    """Theme name and fonts: NanumGothic for Latin, 맑은 고딕 for Korean (the East-Asian slot)."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    root.set("name", "govdash")
    for font in root.iter(qn("a:majorFont"), qn("a:minorFont")):
        font.find(qn("a:latin")).set("typeface", LATIN)
        font.find(qn("a:ea")).set("typeface", EAST_ASIAN)
        for script in font.findall(qn("a:font")):
            if script.get("script") == "Hang":
                script.set("typeface", EAST_ASIAN)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _title_style(master) -> None:  # noqa: ANN001
    """The master's title: left-aligned, navy, bold."""
    lvl1 = master._element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    lvl1.set("algn", "l")
    rpr = lvl1.find(qn("a:defRPr"))
    rpr.set("sz", "2600")
    rpr.set("b", "1")
    fill = rpr.find(qn("a:solidFill"))
    fill.clear()
    etree.SubElement(fill, qn("a:srgbClr"), val=NAVY)


def _place(placeholder, left: int, top: int, width: int, height: int) -> None:  # noqa: ANN001
    placeholder.left, placeholder.top, placeholder.width, placeholder.height = left, top, width, height


def _master(prs) -> None:  # noqa: ANN001
    master = prs.slide_master
    _title_style(master)
    for ph in list(master.placeholders):
        if ph.placeholder_format.type not in (1, 2):  # keep title and body; the deck writes its own footer
            ph._element.getparent().remove(ph._element)
    _place(master.placeholders[0], MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.8))
    _place(master.placeholders[1], MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP)
    _band(master.shapes, 90, "상단 띠", (0, 0, WIDTH, Inches(0.14)), NAVY)
    _band(master.shapes, 91, "제목 밑줄", (MARGIN, Inches(1.12), WIDTH - 2 * MARGIN, Emu(22860)), RULE)
    _band(master.shapes, 92, "바닥 띠", (0, FOOTER_TOP, WIDTH, FOOTER_HEIGHT), GREY)


def _layouts(prs) -> None:  # noqa: ANN001
    keep = {"Title Slide": TITLE_LAYOUT, "Title Only": CONTENT_LAYOUT}
    for layout in list(prs.slide_layouts):
        if layout.name not in keep:
            prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        layout._element.cSld.set("name", keep[layout.name])
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type not in (1, 3, 4):  # title, centred title, subtitle
                ph._element.getparent().remove(ph._element)
    cover, content = prs.slide_layouts
    # the cover hides the master's bands and draws its own: a navy band with the title in white
    cover._element.set("showMasterSp", "0")
    cover.shapes._spTree.insert(2, _cover_band(cover))
    title, subtitle = cover.placeholders
    _place(title, Inches(0.8), Inches(2.2), WIDTH - Inches(1.6), Inches(1.6))
    _place(subtitle, Inches(0.8), Inches(4.4), WIDTH - Inches(1.6), Inches(1.8))
    title.text_frame.paragraphs[0].alignment = 1  # left
    _place(content.placeholders[0], MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.8))


def _cover_band(layout) -> etree._Element:  # noqa: ANN001
    _band(layout.shapes, 95, "표지 띠", (0, Inches(2.0), WIDTH, Inches(2.0)), NAVY)
    _band(layout.shapes, 96, "표지 바닥 띠", (0, FOOTER_TOP, WIDTH, FOOTER_HEIGHT), GREY)
    band = layout.shapes._spTree[-2]
    layout.shapes._spTree.remove(band)
    return band


def _cover_title_style(prs) -> None:  # noqa: ANN001
    """The cover's title: white on the navy band, 36 pt; the subtitle in dark grey, left-aligned."""
    title, subtitle = prs.slide_layouts[0].placeholders
    for ph, size, color in ((title, 3600, "FFFFFF"), (subtitle, 1800, INK)):
        body = ph._element.get_or_add_txBody()
        lst = body.find(qn("a:lstStyle"))
        lst.clear()
        lvl = etree.SubElement(lst, qn("a:lvl1pPr"), algn="l", marL="0", indent="0")
        etree.SubElement(lvl, qn("a:buNone"))
        rpr = etree.SubElement(lvl, qn("a:defRPr"), sz=str(size), b="1" if ph is title else "0")
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=color)


def _strip_package(prs) -> None:  # noqa: ANN001
    """Drop the default package's thumbnail (a 4:3 picture) and its Macintosh printer settings."""
    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rel.rId)
    for rel in list(prs.part.rels.values()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.rels.pop(rel.rId)
    size = prs.part._element.find(qn("p:sldSz"))
    size.attrib.pop("type", None)  # "screen4x3"; with no type the size is the custom 16:9 one


def clean_properties(prs, title: str, moment: datetime) -> None:  # noqa: ANN001
    """Core properties naming govdash only, dated `moment` (the snapshot's time in a report)."""
    props = prs.core_properties
    props.author = props.last_modified_by = "govdash"
    props.title = title
    props.comments = props.subject = props.keywords = props.category = ""
    props.created = props.modified = moment
    props.revision = 1


def build_template(path: Path = TEMPLATE) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _strip_package(prs)
    _theme(prs)
    _master(prs)
    _layouts(prs)
    _cover_title_style(prs)
    clean_properties(prs, "govdash 보고서 서식 (16:9)", BUILT)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return finish(path, BUILT, 0, "govdash")


if __name__ == "__main__":
    print(build_template())
