"""The OWPML vocabulary the HWPX builder writes with: namespaces, element helpers, and text made safe for XML.

Every element is built with lxml, so user text is always escaped (a note cannot break the markup)."""

from __future__ import annotations

import re

from lxml import etree

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

# Characters XML 1.0 cannot hold at all (C0 controls other than tab, newline, carriage return; lone
# surrogates; U+FFFE/FFFF). A note pasted with one of them would stop the export; it shows as U+FFFD instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def q(prefix: str, tag: str) -> str:
    return f"{{{NS[prefix]}}}{tag}"


def el(parent: etree._Element | None, prefix: str, tag: str, **attrs: object) -> etree._Element:
    """A new element (a root declaring every HWPML namespace when parent is None)."""
    attrib = {k: str(v) for k, v in attrs.items()}
    if parent is None:
        return etree.Element(q(prefix, tag), attrib, nsmap=ROOT_NS)
    return etree.SubElement(parent, q(prefix, tag), attrib)


def xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def xml_text(text: str) -> str:
    """Text as written, except the few characters XML cannot carry (lxml escapes & < > itself)."""
    return _NOT_XML.sub("\ufffd", text)


def text_lines(text: str | None) -> list[str]:
    """A multi-line user text as its lines (each its own paragraph: OWPML has no newline inside hp:t)."""
    if not text:
        return []
    return [xml_text(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
