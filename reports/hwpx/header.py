"""Contents/header.xml: the fonts, borders, character shapes and paragraph shapes the body refers to by id.

개조식 levels are paragraph shapes of their own: each a left margin and a hanging indent (OWPML `intent`
below zero: the first line starts at the margin with its marker, the lines after it where the text begins),
so a wrapped line lines up under the text, not under the marker, and nothing is indented with spaces."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from lxml import etree

from reports.hwpx.owpml import el, xml_bytes

FONT_LANGS = ("HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER")
LANG_ATTRS = ("hangul", "latin", "hanja", "japanese", "other", "symbol", "user")
HEADER_FILL = "#DDE3EA"  # the shade of a table's heading row


class Char(IntEnum):
    """charPr ids."""

    BODY = 0
    CELL_HEAD = 1
    TITLE = 2
    LEVEL1 = 3
    CELL = 4
    LEVEL2 = 5
    LEVEL3 = 6
    NOTE = 7
    SMALL = 8
    HEADING = 9
    COVER = 10


# id → (height in 1/100 pt, bold, colour)
CHAR_SHAPES: dict[Char, tuple[int, bool, str]] = {
    Char.BODY: (1000, False, "#000000"),
    Char.CELL_HEAD: (850, True, "#000000"),
    Char.TITLE: (2000, True, "#000000"),
    Char.LEVEL1: (1300, True, "#000000"),
    Char.CELL: (850, False, "#000000"),
    Char.LEVEL2: (1100, False, "#000000"),
    Char.LEVEL3: (1000, False, "#000000"),
    Char.NOTE: (900, False, "#333333"),
    Char.SMALL: (800, False, "#555555"),
    Char.HEADING: (1400, True, "#000000"),
    Char.COVER: (1300, False, "#000000"),
}


class Para(IntEnum):
    """paraPr ids."""

    BODY = 0
    CENTER = 1
    CELL_LEFT = 2
    CELL_CENTER = 3
    CELL_RIGHT = 4
    LEVEL1 = 5
    LEVEL2 = 6
    LEVEL3 = 7
    LEVEL4 = 8
    HEADING = 9
    RIGHT = 10
    LEVEL3_MORE = 11  # a further line of a level-3 item's text: no marker, where the text starts


@dataclass(frozen=True)
class ParaShape:
    align: str
    left: int = 0  # HWPUNIT (1/7200 inch)
    intent: int = 0  # below zero: a hanging indent of that much
    before: int = 0  # space above
    line: int = 160  # line spacing, % of the font size
    keep_with_next: bool = False


# 개조식 levels: □ at the margin, ○ one □-width in, - and ※ further in; each hangs by its marker's width
# plus a space at its own size.
PARA_SHAPES: dict[Para, ParaShape] = {
    Para.BODY: ParaShape("JUSTIFY"),
    Para.CENTER: ParaShape("CENTER"),
    Para.CELL_LEFT: ParaShape("LEFT", line=130),
    Para.CELL_CENTER: ParaShape("CENTER", line=130),
    Para.CELL_RIGHT: ParaShape("RIGHT", line=130),
    Para.LEVEL1: ParaShape("JUSTIFY", left=0, intent=-1950, before=1200, keep_with_next=True),
    Para.LEVEL2: ParaShape("JUSTIFY", left=1300, intent=-1650, before=400),
    Para.LEVEL3: ParaShape("JUSTIFY", left=2950, intent=-1000, before=200),
    Para.LEVEL4: ParaShape("JUSTIFY", left=2950, intent=-1400, before=200),
    Para.HEADING: ParaShape("LEFT", before=1600, keep_with_next=True),
    Para.RIGHT: ParaShape("RIGHT"),
    Para.LEVEL3_MORE: ParaShape("JUSTIFY", left=3950),
}
LEVEL_PARA = {1: Para.LEVEL1, 2: Para.LEVEL2, 3: Para.LEVEL3, 4: Para.LEVEL4}
LEVEL_CHAR = {1: Char.LEVEL1, 2: Char.LEVEL2, 3: Char.LEVEL3, 4: Char.NOTE}


class Fill(IntEnum):
    """borderFill ids."""

    NONE = 1
    CELL = 2
    HEAD_CELL = 3


def header_xml(sections: int) -> bytes:
    head = el(None, "hh", "head", version="1.4", secCnt=sections)
    el(head, "hh", "beginNum", page=1, footnote=1, endnote=1, pic=1, tbl=1, equation=1)
    refs = el(head, "hh", "refList")
    _fonts(refs)
    _border_fills(refs)
    chars = el(refs, "hh", "charProperties", itemCnt=len(CHAR_SHAPES))
    for char, (height, bold, colour) in CHAR_SHAPES.items():
        _char_shape(chars, char, height, bold, colour)
    tabs = el(refs, "hh", "tabProperties", itemCnt=1)
    el(tabs, "hh", "tabPr", id=0, autoTabLeft=1, autoTabRight=0)
    el(refs, "hh", "numberings", itemCnt=0)
    paras = el(refs, "hh", "paraProperties", itemCnt=len(PARA_SHAPES))
    for para, shape in PARA_SHAPES.items():
        _para_shape(paras, para, shape)
    styles = el(refs, "hh", "styles", itemCnt=1)
    el(
        styles,
        "hh",
        "style",
        id=0,
        type="PARA",
        name="바탕글",
        engName="Normal",
        paraPrIDRef=0,
        charPrIDRef=0,
        nextStyleIDRef=0,
        langID=1042,
        lockForm=0,
    )
    compat = el(head, "hh", "compatibleDocument", targetProgram="HWP201X")
    el(compat, "hh", "layoutCompatibility")
    el(head, "hh", "trackchangeConfig", flags=56)
    option = el(head, "hh", "docOption")
    el(option, "hh", "linkinfo", path="", pageInherit=0, footnoteInherit=0)
    return xml_bytes(head)


def _fonts(refs: etree._Element) -> None:
    faces = el(refs, "hh", "fontfaces", itemCnt=len(FONT_LANGS))
    for lang in FONT_LANGS:
        face = el(faces, "hh", "fontface", lang=lang, fontCnt=1)
        font = el(face, "hh", "font", id=0, face="함초롬돋움", type="TTF", isEmbedded=0)
        info = {"familyType": "FCAT_GOTHIC", "weight": 6, "proportion": 4, "contrast": 0, "strokeVariation": 1}
        el(font, "hh", "typeInfo", **info, armStyle=1, letterform=1, midline=1, xHeight=1)


def _border_fills(refs: etree._Element) -> None:
    """1: no border (page, paragraphs, text); 2: thin solid cell border; 3: the same on the heading shade."""
    fills = el(refs, "hh", "borderFills", itemCnt=len(Fill))
    for fill, (line, shade) in zip(Fill, (("NONE", None), ("SOLID", None), ("SOLID", HEADER_FILL)), strict=True):
        bf = el(fills, "hh", "borderFill", id=int(fill), threeD=0, shadow=0, centerLine="NONE", breakCellSeparateLine=0)
        el(bf, "hh", "slash", type="NONE", Crooked=0, isCounter=0)
        el(bf, "hh", "backSlash", type="NONE", Crooked=0, isCounter=0)
        for side in ("leftBorder", "rightBorder", "topBorder", "bottomBorder"):
            el(bf, "hh", side, type=line, width="0.12 mm", color="#000000")
        el(bf, "hh", "diagonal", type="SOLID", width="0.1 mm", color="#000000")
        if shade:
            brush = el(bf, "hc", "fillBrush")
            el(brush, "hc", "winBrush", faceColor=shade, hatchColor="#999999", alpha=0)


def _char_shape(parent: etree._Element, i: int, height: int, bold: bool, colour: str) -> None:
    c = el(
        parent,
        "hh",
        "charPr",
        id=i,
        height=height,
        textColor=colour,
        shadeColor="none",
        useFontSpace=0,
        useKerning=0,
        symMark="NONE",
        borderFillIDRef=Fill.NONE,
    )
    for tag, value in (("fontRef", 0), ("ratio", 100), ("spacing", 0), ("relSz", 100), ("offset", 0)):
        el(c, "hh", tag, **dict.fromkeys(LANG_ATTRS, value))
    if bold:
        el(c, "hh", "bold")
    el(c, "hh", "underline", type="NONE", shape="SOLID", color="#000000")
    el(c, "hh", "strikeout", shape="NONE", color="#000000")
    el(c, "hh", "outline", type="NONE")
    el(c, "hh", "shadow", type="NONE", color="#B2B2B2", offsetX=10, offsetY=10)


def _para_shape(parent: etree._Element, i: int, shape: ParaShape) -> None:
    p = el(
        parent,
        "hh",
        "paraPr",
        id=i,
        tabPrIDRef=0,
        condense=0,
        fontLineHeight=0,
        snapToGrid=1,
        suppressLineNumbers=0,
        checked=0,
    )
    el(p, "hh", "align", horizontal=shape.align, vertical="BASELINE")
    el(p, "hh", "heading", type="NONE", idRef=0, level=0)
    el(
        p,
        "hh",
        "breakSetting",
        breakLatinWord="KEEP_WORD",
        breakNonLatinWord="KEEP_WORD",
        widowOrphan=1,
        keepWithNext=int(shape.keep_with_next),
        keepLines=0,
        pageBreakBefore=0,
        lineWrap="BREAK",
    )
    el(p, "hh", "autoSpacing", eAsianEng=0, eAsianNum=0)
    margin = el(p, "hh", "margin")
    for tag, value in (("intent", shape.intent), ("left", shape.left), ("right", 0), ("prev", shape.before)):
        el(margin, "hc", tag, value=value, unit="HWPUNIT")
    el(margin, "hc", "next", value=0, unit="HWPUNIT")
    el(p, "hh", "lineSpacing", type="PERCENT", value=shape.line, unit="HWPUNIT")
    el(
        p,
        "hh",
        "border",
        borderFillIDRef=Fill.NONE,
        offsetLeft=0,
        offsetRight=0,
        offsetTop=0,
        offsetBottom=0,
        connect=0,
        ignoreMargin=0,
    )
