"""The summary and the 12-task scorecard as HWPX, the open document format (OWPML, KS X 6101) that the
government's document system takes.

Written directly with zipfile and lxml: the package is small and fixed, and building every element with lxml
means user text is always escaped (a note cannot break the markup). Package layout, as the format requires:
`mimetype` first and stored uncompressed, `version.xml`, `META-INF/container.xml` (pointing at
`Contents/content.hpf`), `META-INF/manifest.xml`, `Contents/content.hpf` (OPF manifest and spine),
`Contents/header.xml` (fonts, borders, character and paragraph shapes, styles), `Contents/section0.xml` (the
body), `settings.xml` and `Preview/PrvText.txt`. Entry times come from the snapshot's build time.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from metrics import display
from metrics.kst import kst_naive_to_utc
from reports.model import Report, period_label
from reports.summary import summary_lines
from reports.tables import Table, task_table

MIMETYPE = "application/hwp+zip"
# The namespaces Hancom Office declares on every header and section root (it expects all of them there,
# used or not); plus those of the package files.
ROOT_NS = {
    "ha": "http://www.hancom.co.kr/hwpml/2011/app",
    "hp": "http://www.hancom.co.kr/hwpml/2011/paragraph",
    "hp10": "http://www.hancom.co.kr/hwpml/2016/paragraph",
    "hs": "http://www.hancom.co.kr/hwpml/2011/section",
    "hc": "http://www.hancom.co.kr/hwpml/2011/core",
    "hh": "http://www.hancom.co.kr/hwpml/2011/head",
    "hhs": "http://www.hancom.co.kr/hwpml/2011/history",
    "hm": "http://www.hancom.co.kr/hwpml/2011/master-page",
    "hpf": "http://www.hancom.co.kr/schema/2011/hpf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "opf": "http://www.idpf.org/2007/opf/",
    "ooxmlchart": "http://www.hancom.co.kr/hwpml/2016/ooxmlchart",
    "hwpunitchar": "http://www.hancom.co.kr/hwpml/2016/HwpUnitChar",
    "epub": "http://www.idpf.org/2007/ops",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
}
NS = ROOT_NS | {
    "hv": "http://www.hancom.co.kr/hwpml/2011/version",
    "ocf": "urn:oasis:names:tc:opendocument:xmlns:container",
    "odf": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
FONT_LANGS = ("HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER")
LANG_ATTRS = ("hangul", "latin", "hanja", "japanese", "other", "symbol", "user")
# charPr ids: 0 body 10pt, 1 bold 10pt (table headings), 2 bold 16pt (title), 3 bold 12pt (□ lines), 4 8pt
CHAR_SHAPES = ((1000, False), (1000, True), (1600, True), (1200, True), (800, False))
PAGE_WIDTH, PAGE_HEIGHT = 59528, 84188  # A4 in HWPUNIT (1/7200 inch)
MARGIN_LR = 5669  # 20 mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_LR
ROW_HEIGHT = 1800


def q(prefix: str, tag: str) -> str:
    return f"{{{NS[prefix]}}}{tag}"


def el(parent: etree._Element | None, prefix: str, tag: str, **attrs: object) -> etree._Element:
    attrib = {k: str(v) for k, v in attrs.items()}
    if parent is None:
        return etree.Element(q(prefix, tag), attrib, nsmap=ROOT_NS)
    return etree.SubElement(parent, q(prefix, tag), attrib)


def xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- header.xml -------------------------------------------------------------------------------------------


def header_xml() -> bytes:
    head = el(None, "hh", "head", version="1.4", secCnt=1)
    el(head, "hh", "beginNum", page=1, footnote=1, endnote=1, pic=1, tbl=1, equation=1)
    refs = el(head, "hh", "refList")
    faces = el(refs, "hh", "fontfaces", itemCnt=len(FONT_LANGS))
    for lang in FONT_LANGS:
        face = el(faces, "hh", "fontface", lang=lang, fontCnt=1)
        font = el(face, "hh", "font", id=0, face="함초롬돋움", type="TTF", isEmbedded=0)
        el(
            font,
            "hh",
            "typeInfo",
            familyType="FCAT_GOTHIC",
            weight=6,
            proportion=4,
            contrast=0,
            strokeVariation=1,
            armStyle=1,
            letterform=1,
            midline=1,
            xHeight=1,
        )
    _border_fills(refs)
    chars = el(refs, "hh", "charProperties", itemCnt=len(CHAR_SHAPES))
    for i, (height, bold) in enumerate(CHAR_SHAPES):
        _char_shape(chars, i, height, bold)
    tabs = el(refs, "hh", "tabProperties", itemCnt=1)
    el(tabs, "hh", "tabPr", id=0, autoTabLeft=0, autoTabRight=0)
    el(refs, "hh", "numberings", itemCnt=0)
    paras = el(refs, "hh", "paraProperties", itemCnt=3)
    for i, (align, left) in enumerate((("JUSTIFY", 0), ("CENTER", 0), ("LEFT", 0))):
        _para_shape(paras, i, align, left)
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


def _border_fills(refs: etree._Element) -> None:
    """1: no border (page, paragraphs); 2: thin solid cell border; 3: solid border on a grey heading fill."""
    fills = el(refs, "hh", "borderFills", itemCnt=3)
    for i, (line, fill) in enumerate((("NONE", None), ("SOLID", None), ("SOLID", "#DDE3EA")), start=1):
        bf = el(fills, "hh", "borderFill", id=i, threeD=0, shadow=0, centerLine="NONE", breakCellSeparateLine=0)
        el(bf, "hh", "slash", type="NONE", Crooked=0, isCounter=0)
        el(bf, "hh", "backSlash", type="NONE", Crooked=0, isCounter=0)
        for side in ("leftBorder", "rightBorder", "topBorder", "bottomBorder"):
            el(bf, "hh", side, type=line, width="0.12 mm", color="#000000")
        el(bf, "hh", "diagonal", type="SOLID", width="0.1 mm", color="#000000")
        if fill:
            brush = el(bf, "hc", "fillBrush")
            el(brush, "hc", "winBrush", faceColor=fill, hatchColor="#999999", alpha=0)


def _char_shape(parent: etree._Element, i: int, height: int, bold: bool) -> None:
    c = el(
        parent,
        "hh",
        "charPr",
        id=i,
        height=height,
        textColor="#000000",
        shadeColor="none",
        useFontSpace=0,
        useKerning=0,
        symMark="NONE",
        borderFillIDRef=1,
    )
    for tag, value in (("fontRef", 0), ("ratio", 100), ("spacing", 0), ("relSz", 100), ("offset", 0)):
        el(c, "hh", tag, **dict.fromkeys(LANG_ATTRS, value))
    if bold:
        el(c, "hh", "bold")
    el(c, "hh", "underline", type="NONE", shape="SOLID", color="#000000")
    el(c, "hh", "strikeout", shape="NONE", color="#000000")
    el(c, "hh", "outline", type="NONE")
    el(c, "hh", "shadow", type="NONE", color="#B2B2B2", offsetX=10, offsetY=10)


def _para_shape(parent: etree._Element, i: int, align: str, left: int) -> None:
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
    el(p, "hh", "align", horizontal=align, vertical="BASELINE")
    el(p, "hh", "heading", type="NONE", idRef=0, level=0)
    el(
        p,
        "hh",
        "breakSetting",
        breakLatinWord="KEEP_WORD",
        breakNonLatinWord="KEEP_WORD",
        widowOrphan=0,
        keepWithNext=0,
        keepLines=0,
        pageBreakBefore=0,
        lineWrap="BREAK",
    )
    el(p, "hh", "autoSpacing", eAsianEng=0, eAsianNum=0)
    margin = el(p, "hh", "margin")
    for tag, value in (("intent", 0), ("left", left), ("right", 0), ("prev", 0), ("next", 0)):
        el(margin, "hc", tag, value=value, unit="HWPUNIT")
    el(p, "hh", "lineSpacing", type="PERCENT", value=160, unit="HWPUNIT")
    el(
        p,
        "hh",
        "border",
        borderFillIDRef=1,
        offsetLeft=0,
        offsetRight=0,
        offsetTop=0,
        offsetBottom=0,
        connect=0,
        ignoreMargin=0,
    )


# -- section0.xml -----------------------------------------------------------------------------------------


class Body:
    def __init__(self) -> None:
        self.sec = el(None, "hs", "sec")
        self.next_id = 0

    def paragraph(
        self, text: str, char: int = 0, para: int = 0, parent: etree._Element | None = None, page_break: bool = False
    ) -> etree._Element:
        p = el(
            parent if parent is not None else self.sec,
            "hp",
            "p",
            id=self._id(),
            paraPrIDRef=para,
            styleIDRef=0,
            pageBreak=int(page_break),
            columnBreak=0,
            merged=0,
        )
        run = el(p, "hp", "run", charPrIDRef=char)
        t = el(run, "hp", "t")
        t.text = text  # lxml escapes & < > here: user text cannot become markup
        return p

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def section_properties(self) -> None:
        """The first paragraph holds the section's page definition (A4 portrait, 20 mm side margins)."""
        p = el(self.sec, "hp", "p", id=0, paraPrIDRef=0, styleIDRef=0, pageBreak=0, columnBreak=0, merged=0)
        run = el(p, "hp", "run", charPrIDRef=0)
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
        page = el(sec, "hp", "pagePr", landscape="WIDELY", width=PAGE_WIDTH, height=PAGE_HEIGHT, gutterType="LEFT_ONLY")
        el(
            page,
            "hp",
            "margin",
            header=4252,
            footer=4252,
            gutter=0,
            left=MARGIN_LR,
            right=MARGIN_LR,
            top=5668,
            bottom=4252,
        )
        ctrl = el(run, "hp", "ctrl")
        el(ctrl, "hp", "colPr", id="", type="NEWSPAPER", layout="LEFT", colCount=1, sameSz=1, sameGap=0)
        el(run, "hp", "t")

    def table(self, table: Table, texts: list[list[str]]) -> None:
        widths = _widths(table)
        rows = [[c.header for c in table.text_columns], *texts]
        p = el(self.sec, "hp", "p", id=self._id(), paraPrIDRef=0, styleIDRef=0, pageBreak=0, columnBreak=0, merged=0)
        run = el(p, "hp", "run", charPrIDRef=0)
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
            borderFillIDRef=2,
            noAdjust=0,
        )
        el(
            tbl,
            "hp",
            "sz",
            width=sum(widths),
            widthRelTo="ABSOLUTE",
            height=ROW_HEIGHT * len(rows),
            heightRelTo="ABSOLUTE",
            protect=0,
        )
        el(
            tbl,
            "hp",
            "pos",
            treatAsChar=1,
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
        el(tbl, "hp", "outMargin", left=0, right=0, top=0, bottom=0)
        el(tbl, "hp", "inMargin", left=510, right=510, top=141, bottom=141)
        for r, cells in enumerate(rows):
            tr = el(tbl, "hp", "tr")
            for c, text in enumerate(cells):
                self._cell(tr, r, c, text, widths[c])
        el(run, "hp", "t")

    def _cell(self, tr: etree._Element, r: int, c: int, text: str, width: int) -> None:
        tc = el(
            tr,
            "hp",
            "tc",
            name="",
            header=int(r == 0),
            hasMargin=0,
            protect=0,
            editable=0,
            dirty=0,
            borderFillIDRef=3 if r == 0 else 2,
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
        self.paragraph(text, char=1 if r == 0 else 4, para=2, parent=sub)
        el(tc, "hp", "cellAddr", colAddr=c, rowAddr=r)
        el(tc, "hp", "cellSpan", colSpan=1, rowSpan=1)
        el(tc, "hp", "cellSz", width=width, height=ROW_HEIGHT)
        el(tc, "hp", "cellMargin", left=510, right=510, top=141, bottom=141)


def _widths(table: Table) -> list[int]:
    total = sum(c.width for c in table.text_columns)
    widths = [int(TEXT_WIDTH * c.width / total) for c in table.text_columns]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return widths


def section_xml(r: Report) -> bytes:
    body = Body()
    body.section_properties()
    title = r.t("title_agency", agency=r.agency_name) if r.agency_name else r.t("title")
    body.paragraph(title, char=2, para=1)
    window = r.t(f"window_{r.options.window}")
    body.paragraph(r.t("cover_period", period=period_label(r.options), window=window), para=1)
    body.paragraph(f"{display.date_label(r.generated_at, r.lang)}  {r.t('issuer')}", para=1)
    generated = display.datetime_label(r.generated_at, r.lang)
    body.paragraph(
        r.t("footer", snapshot=r.snapshot_id, generated=generated, catalog=r.catalog_version), char=4, para=1
    )
    body.paragraph("")
    for line in summary_lines(r):
        indent = "  " * (line.level - 1)
        body.paragraph(f"{indent}{line.marker} {line.text}", char=3 if line.level == 1 else 0)
    body.paragraph(r.t("scorecard"), char=3, page_break=True)
    scorecard = task_table(r)
    body.table(scorecard, scorecard.texts(r.lang))
    return xml_bytes(body.sec)


# -- package parts ----------------------------------------------------------------------------------------


def version_xml() -> bytes:
    root = etree.Element(q("hv", "HCFVersion"), nsmap={"hv": NS["hv"]})
    # "tagetApplication" (sic) is the attribute's name in the published schema.
    for key, value in (
        ("tagetApplication", "WORDPROCESSOR"),
        ("major", "5"),
        ("minor", "1"),
        ("micro", "0"),
        ("buildNumber", "1"),
        ("os", "1"),
        ("xmlVersion", "1.4"),
        ("application", "govdash"),
        ("appVersion", "1.0"),
    ):
        root.set(key, value)
    return xml_bytes(root)


def container_xml() -> bytes:
    root = etree.Element(q("ocf", "container"), nsmap={"ocf": NS["ocf"]})
    files = etree.SubElement(root, q("ocf", "rootfiles"))
    for path, media in (
        ("Contents/content.hpf", "application/hwpml-package+xml"),
        ("Preview/PrvText.txt", "text/plain"),
    ):
        etree.SubElement(files, q("ocf", "rootfile"), {"full-path": path, "media-type": media})
    return xml_bytes(root)


def manifest_xml() -> bytes:
    return xml_bytes(etree.Element(q("odf", "manifest"), nsmap={"odf": NS["odf"]}))


def content_hpf(r: Report) -> bytes:
    root = etree.Element(
        q("opf", "package"),
        {"version": "", "unique-identifier": "", "id": ""},
        nsmap={"opf": NS["opf"], "dc": NS["dc"]},
    )
    meta = etree.SubElement(root, q("opf", "metadata"))
    etree.SubElement(meta, q("opf", "title")).text = r.t("title")
    etree.SubElement(meta, q("opf", "language")).text = r.lang
    for name, value in (
        ("creator", r.t("issuer")),
        ("subject", f"snapshot {r.snapshot_id}"),
        (
            "description",
            f"snapshot={r.snapshot_id} catalog={r.catalog_version} digest={r.catalog_digest} "
            f"reference={r.reference_digest}",
        ),
        ("CreatedDate", kst_naive_to_utc(r.built_at).strftime("%Y-%m-%dT%H:%M:%SZ")),
    ):
        etree.SubElement(meta, q("opf", "meta"), {"name": name, "content": "text"}).text = value
    manifest = etree.SubElement(root, q("opf", "manifest"))
    for item_id, href in (
        ("header", "Contents/header.xml"),
        ("section0", "Contents/section0.xml"),
        ("settings", "settings.xml"),
    ):
        etree.SubElement(manifest, q("opf", "item"), {"id": item_id, "href": href, "media-type": "application/xml"})
    spine = etree.SubElement(root, q("opf", "spine"))
    for item_id in ("header", "section0"):
        etree.SubElement(spine, q("opf", "itemref"), {"idref": item_id, "linear": "yes"})
    return xml_bytes(root)


def settings_xml() -> bytes:
    root = etree.Element(q("ha", "HWPApplicationSetting"), nsmap={"ha": NS["ha"]})
    etree.SubElement(root, q("ha", "CaretPosition"), {"listIDRef": "0", "paraIDRef": "0", "pos": "0"})
    return xml_bytes(root)


def build_hwpx(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = report.built_at.timetuple()[:6]
    preview = "\n".join(line.render() for line in summary_lines(report)).encode("utf-8")
    parts = [
        ("mimetype", MIMETYPE.encode("ascii"), zipfile.ZIP_STORED),
        ("version.xml", version_xml(), zipfile.ZIP_STORED),
        ("Contents/header.xml", header_xml(), zipfile.ZIP_DEFLATED),
        ("Contents/section0.xml", section_xml(report), zipfile.ZIP_DEFLATED),
        ("settings.xml", settings_xml(), zipfile.ZIP_DEFLATED),
        ("Preview/PrvText.txt", preview, zipfile.ZIP_DEFLATED),
        ("META-INF/container.xml", container_xml(), zipfile.ZIP_DEFLATED),
        ("META-INF/manifest.xml", manifest_xml(), zipfile.ZIP_DEFLATED),
        ("Contents/content.hpf", content_hpf(report), zipfile.ZIP_DEFLATED),
    ]
    with zipfile.ZipFile(path, "w") as z:
        for name, data, method in parts:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = method
            z.writestr(info, data)
    return path
