"""A section's body (Contents/sectionN.xml): paragraphs, 개조식 items, tables, and the section's page
definition with its page header and footer.

Paragraph and run attributes follow what Hancom Office writes; shapes are referred to by the ids of
reports.hwpx.header."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from reports.hwpx.header import LEVEL_CHAR, LEVEL_PARA, Char, Fill, Para
from reports.hwpx.owpml import el, text_lines, xml_text

A4_SHORT, A4_LONG = 59528, 84188  # A4 in HWPUNIT (1/7200 inch)
MARGIN_LR = 5669  # 20 mm
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_HEADER, MARGIN_FOOTER = 5668, 4252, 2835, 2835  # 20, 15, 10, 10 mm
MARKERS = {1: "□", 2: "○", 3: "-", 4: "※"}
ROW_HEIGHT = 1400
CELL_EM = 850  # the cells' type size (Char.CELL), HWPUNIT per em
CELL_MARGIN = {"left": 400, "right": 400, "top": 120, "bottom": 120}


@dataclass(frozen=True)
class Grid:
    """A table as a format builder hands it over: heading cells, body cells, which columns hold numbers
    (right-aligned) and relative widths."""

    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    weights: list[float]


@dataclass(frozen=True)
class Page:
    """A section's page: orientation, and the page header's and footer's words."""

    landscape: bool
    header: str
    footer_left: str

    @property
    def text_width(self) -> int:
        return (A4_LONG if self.landscape else A4_SHORT) - 2 * MARGIN_LR


class Body:
    def __init__(self, page: Page, first_id: int = 0) -> None:
        self.sec = el(None, "hs", "sec")
        self.page = page
        self.next_id = first_id
        self._section_properties()

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def _p(self, parent: etree._Element, para: int, page_break: bool = False) -> etree._Element:
        return el(
            parent,
            "hp",
            "p",
            id=self._id(),
            paraPrIDRef=int(para),
            styleIDRef=0,
            pageBreak=int(page_break),
            columnBreak=0,
            merged=0,
        )

    def paragraph(
        self,
        text: str,
        char: int = Char.BODY,
        para: int = Para.BODY,
        parent: etree._Element | None = None,
        page_break: bool = False,
    ) -> etree._Element:
        p = self._p(self.sec if parent is None else parent, para, page_break)
        t = el(el(p, "hp", "run", charPrIDRef=int(char)), "hp", "t")
        t.text = xml_text(text)  # lxml escapes & < > here: user text cannot become markup
        return p

    def item(self, level: int, text: str) -> etree._Element:
        """A 개조식 item: its marker, then the text, on the level's hanging-indent paragraph shape."""
        return self.paragraph(f"{MARKERS[level]} {text}", LEVEL_CHAR[level], LEVEL_PARA[level])

    def heading(self, text: str, page_break: bool = False) -> etree._Element:
        return self.paragraph(text, Char.HEADING, Para.HEADING, page_break=page_break)

    # -- the section's page definition ---------------------------------------------------------------------

    def _section_properties(self) -> None:
        """The first paragraph holds the page definition (A4, 20 mm side margins) and, as Hancom writes them,
        the column definition and the page header and footer controls."""
        p = self._p(self.sec, Para.BODY)
        run = el(p, "hp", "run", charPrIDRef=int(Char.BODY))
        sec = el(
            run,
            "hp",
            "secPr",
            id="",
            textDirection="HORIZONTAL",
            spaceColumns=1134,
            tabStop=8000,
            tabStopVal=4000,
            tabStopUnit="HWPUNIT",
            outlineShapeIDRef=0,
            memoShapeIDRef=0,
            textVerticalWidthHead=0,
            masterPageCnt=0,
        )
        el(sec, "hp", "grid", lineGrid=0, charGrid=0, wonggojiFormat=0)
        # page="0": page numbers run on from the previous section (the annex continues the count)
        el(sec, "hp", "startNum", pageStartsOn="BOTH", page=0, pic=0, tbl=0, equation=0)
        el(
            sec,
            "hp",
            "visibility",
            hideFirstHeader=0,
            hideFirstFooter=0,
            hideFirstMasterPage=0,
            border="SHOW_ALL",
            fill="SHOW_ALL",
            hideFirstPageNum=0,
            hideFirstEmptyLine=0,
            showLineNumber=0,
        )
        # As Hancom writes it: the paper's portrait size, turned by `landscape` (WIDELY is portrait)
        landscape = "NARROWLY" if self.page.landscape else "WIDELY"
        page = el(sec, "hp", "pagePr", landscape=landscape, width=A4_SHORT, height=A4_LONG, gutterType="LEFT_ONLY")
        margins = {"header": MARGIN_HEADER, "footer": MARGIN_FOOTER, "gutter": 0, "left": MARGIN_LR}
        el(page, "hp", "margin", **margins, right=MARGIN_LR, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)
        ctrl = el(run, "hp", "ctrl")
        el(ctrl, "hp", "colPr", id="", type="NEWSPAPER", layout="LEFT", colCount=1, sameSz=1, sameGap=0)
        self._page_header(el(run, "hp", "ctrl"))
        self._page_footer(el(run, "hp", "ctrl"))
        el(run, "hp", "t")

    def _story(self, ctrl: etree._Element, tag: str, align: str, height: int) -> etree._Element:
        story = el(ctrl, "hp", tag, id=self._id(), applyPageType="BOTH")
        return el(
            story,
            "hp",
            "subList",
            id="",
            textDirection="HORIZONTAL",
            lineWrap="BREAK",
            vertAlign=align,
            linkListIDRef=0,
            linkListNextIDRef=0,
            textWidth=self.page.text_width,
            textHeight=height,
            hasTextRef=0,
            hasNumRef=0,
        )

    def _page_header(self, ctrl: etree._Element) -> None:
        """On every page, right-aligned: the report's title and the snapshot it was made from."""
        sub = self._story(ctrl, "header", "TOP", MARGIN_HEADER)
        self.paragraph(self.page.header, Char.SMALL, Para.RIGHT, parent=sub)

    def _page_footer(self, ctrl: etree._Element) -> None:
        """On every page, centred: "- n -", n the page number Hancom counts (an autoNum control); then, in
        small type, where the figures come from."""
        sub = self._story(ctrl, "footer", "BOTTOM", MARGIN_FOOTER)
        p = self._p(sub, Para.CENTER)
        el(el(p, "hp", "run", charPrIDRef=int(Char.BODY)), "hp", "t").text = "- "
        number = el(el(p, "hp", "run", charPrIDRef=int(Char.BODY)), "hp", "ctrl")
        auto = el(number, "hp", "autoNum", num=1, numType="PAGE")
        el(auto, "hp", "autoNumFormat", type="DIGIT", userChar="", prefixChar="", suffixChar="", supscript=0)
        el(el(p, "hp", "run", charPrIDRef=int(Char.BODY)), "hp", "t").text = " -"
        self.paragraph(self.page.footer_left, Char.SMALL, Para.CENTER, parent=sub)

    # -- tables ---------------------------------------------------------------------------------------------

    def table(self, grid: Grid) -> etree._Element:
        """A table whose first row is its heading: marked as such (tc header="1") and repeated on every page
        the table runs onto (repeatHeader), shaded, bold and centred; numbers right-aligned. Not placed as a
        character, so that it may break across pages between rows."""
        widths = _widths(grid, self.page.text_width)
        p = self._p(self.sec, Para.BODY)
        run = el(p, "hp", "run", charPrIDRef=int(Char.BODY))
        rows = [grid.headers, *grid.rows]
        tbl = el(
            run,
            "hp",
            "tbl",
            id=self._id(),
            zOrder=0,
            numberingType="TABLE",
            textWrap="TOP_AND_BOTTOM",
            textFlow="BOTH_SIDES",
            lock=0,
            dropcapstyle="None",
            pageBreak="CELL",
            repeatHeader=1,
            rowCnt=len(rows),
            colCnt=len(widths),
            cellSpacing=0,
            borderFillIDRef=int(Fill.CELL),
            noAdjust=0,
        )
        height = ROW_HEIGHT * len(rows)
        el(tbl, "hp", "sz", width=sum(widths), widthRelTo="ABSOLUTE", height=height, heightRelTo="ABSOLUTE", protect=0)
        el(
            tbl,
            "hp",
            "pos",
            treatAsChar=0,
            affectLSpacing=0,
            flowWithText=1,
            allowOverlap=0,
            holdAnchorAndSO=0,
            vertRelTo="PARA",
            horzRelTo="COLUMN",
            vertAlign="TOP",
            horzAlign="LEFT",
            vertOffset=0,
            horzOffset=0,
        )
        el(tbl, "hp", "outMargin", left=0, right=0, top=0, bottom=283)
        el(tbl, "hp", "inMargin", **CELL_MARGIN)
        for r, cells in enumerate(rows):
            tr = el(tbl, "hp", "tr")
            for c, text in enumerate(cells):
                if r == 0:
                    para, char = Para.CELL_CENTER, Char.CELL_HEAD
                else:
                    para, char = (Para.CELL_RIGHT if grid.numeric[c] else Para.CELL_LEFT), Char.CELL
                self._cell(tr, r, c, text, widths[c], para, char)
        el(run, "hp", "t")
        return tbl

    def _cell(self, tr: etree._Element, r: int, c: int, text: str, width: int, para: int, char: int) -> None:
        head = r == 0
        tc = el(
            tr,
            "hp",
            "tc",
            name="",
            header=int(head),
            hasMargin=0,
            protect=0,
            editable=0,
            dirty=0,
            borderFillIDRef=int(Fill.HEAD_CELL if head else Fill.CELL),
        )
        sub = el(
            tc,
            "hp",
            "subList",
            id="",
            textDirection="HORIZONTAL",
            lineWrap="BREAK",
            vertAlign="CENTER",
            linkListIDRef=0,
            linkListNextIDRef=0,
            textWidth=0,
            textHeight=0,
            hasTextRef=0,
            hasNumRef=0,
        )
        for line in text_lines(text) or [""]:
            self.paragraph(line, char, para, parent=sub)
        el(tc, "hp", "cellAddr", colAddr=c, rowAddr=r)
        el(tc, "hp", "cellSpan", colSpan=1, rowSpan=1)
        el(tc, "hp", "cellSz", width=width, height=ROW_HEIGHT)
        el(tc, "hp", "cellMargin", **CELL_MARGIN)


def _widths(grid: Grid, total_width: int) -> list[int]:
    """Column widths from the relative weights, each widened to its longest word (a number, a code) so that
    none breaks inside: the room comes from the columns with room to spare."""
    total = sum(grid.weights)
    widths = [total_width * w / total for w in grid.weights]
    need = [max((_word_width(row[c]) for row in grid.rows), default=0) for c in range(len(widths))]
    short = sum(max(n - w, 0) for n, w in zip(need, widths, strict=True))
    spare = [max(w - n, 0) for n, w in zip(need, widths, strict=True)]
    if short and sum(spare):
        # as much as the spare room allows (all of it when there is enough); the width stays the page's
        take, give = min(1, short / sum(spare)), min(1, sum(spare) / short)
        widths = [w - s * take if n <= w else w + (n - w) * give for n, w, s in zip(need, widths, spare, strict=True)]
    result = [int(w) for w in widths]
    result[-1] += total_width - sum(result)
    return result


def _word_width(text: str) -> float:
    """The width of the longest word of a cell at the cell's type size, with the cell's side margins:
    a wide (Hangul, CJK) character one em, others (digits, Latin) at most 0.62 em."""
    words = text.split() or [""]
    em = CELL_EM
    longest = max(sum(em if ord(ch) > 0x2E7F else em * 0.62 for ch in word) for word in words)
    return longest + CELL_MARGIN["left"] + CELL_MARGIN["right"] + 100
