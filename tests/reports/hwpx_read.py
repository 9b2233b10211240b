"""Reading an HWPX report back for the tests: its parts parsed with lxml, paragraphs and tables as text."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from reports.hwpx.owpml import NS

HP = {"hp": NS["hp"], "hh": NS["hh"], "hc": NS["hc"]}


def tag(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


@dataclass
class Hwpx:
    path: Path

    def __post_init__(self) -> None:
        self.zip = zipfile.ZipFile(self.path)
        self.header = etree.fromstring(self.zip.read("Contents/header.xml"))
        names = sorted(n for n in self.zip.namelist() if n.startswith("Contents/section"))
        self.sections = [etree.fromstring(self.zip.read(n)) for n in names]

    def para_shapes(self) -> dict[str, etree._Element]:
        return {p.get("id"): p for p in self.header.iter(tag("hh", "paraPr"))}

    def body_paragraphs(self, section: int = 0) -> list[etree._Element]:
        """The section's top-level paragraphs (not those inside tables, headers or footers)."""
        return self.sections[section].findall("hp:p", HP)

    def tables(self, section: int = 0) -> list[etree._Element]:
        return list(self.sections[section].iter(tag("hp", "tbl")))


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(tag("hp", "t")))


def cells(table: etree._Element) -> list[list[str]]:
    return [[text(tc) for tc in tr.findall("hp:tc", HP)] for tr in table.findall("hp:tr", HP)]


def cell_rows(table: etree._Element) -> list[list[etree._Element]]:
    return [tr.findall("hp:tc", HP) for tr in table.findall("hp:tr", HP)]


def table_after(section: etree._Element, heading: str) -> etree._Element:
    """The first table after the top-level paragraph whose text is `heading`."""
    paragraphs = section.findall("hp:p", HP)
    start = next(i for i, p in enumerate(paragraphs) if text(p) == heading)
    for p in paragraphs[start + 1 :]:
        found = p.find(".//hp:tbl", HP)
        if found is not None:
            return found
    raise AssertionError(f"no table after {heading!r}")


def tables_in_part(section: etree._Element, heading: str) -> list[etree._Element]:
    """Every table from the top-level paragraph whose text is `heading` to the next part's heading (Ⅰ. Ⅱ. …)."""
    paragraphs = section.findall("hp:p", HP)
    start = next(i for i, p in enumerate(paragraphs) if text(p) == heading)
    found = []
    for p in paragraphs[start + 1 :]:
        if text(p)[:2] in ("Ⅰ.", "Ⅱ.", "Ⅲ.", "Ⅳ.", "Ⅴ.", "Ⅵ."):
            break
        found += p.findall(".//hp:tbl", HP)
    return found
