"""The HWPX package checked as a whole: the OWPML zip layout, every part against the published OWPML schema
(KS X 6101, as python-hwpx ships it) and python-hwpx's document and package validators, and the bytes of a
second export."""

from __future__ import annotations

import zipfile
from pathlib import Path

import hwpx.tools
import pytest
from hwpx.tools.package_validator import validate_editor_open_safety, validate_package
from hwpx.tools.validator import validate_document
from lxml import etree

from reports.hwpx import build_hwpx
from reports.hwpx.owpml import NS, ROOT_NS
from reports.model import ReportOptions, gather
from tests.reports.hwpx_read import Hwpx, tag

SCHEMAS = Path(hwpx.tools.__file__).parent / "_schemas"
# Hancom writes the 2011 namespaces; the published schema declares the 2024 ones.
SCHEMA_NAMESPACES = [
    (f"http://www.hancom.co.kr/hwpml/2011/{n}", f"http://www.owpml.org/owpml/2024/{n}")
    for n in ("paragraph", "section", "core", "head", "master-page", "history")
]
# Where every document Hancom Office itself writes departs from the 2024 schema (python-hwpx's list of
# "known deviations" holds these among others): the only departures allowed here, named one by one.
HANCOM_PRACTICE = {
    ("header", "fillBrush", "This element is not expected"),
    ("header", "autoSpacing", "This element is not expected"),
    ("header", "charPr", "shadeColor"),  # "none", as Hancom writes it, where the schema wants a colour
    ("section", "secPr", "tabStop"),
}


# The national Korean month report, and an agency's English quarter report
OPTIONS = {
    o.slug: o
    for o in (ReportOptions.parse("2026-10"), ReportOptions.parse("2026-10", agency="1741000", lang="en", quarter=True))
}


@pytest.fixture(scope="module", params=list(OPTIONS))
def package(request, warehouse, tmp_path_factory) -> Path:
    report = gather(warehouse, OPTIONS[request.param])
    return build_hwpx(report, tmp_path_factory.mktemp("hwpx") / f"{request.param}.hwpx")


def test_the_package_has_the_owpml_layout(package):
    z = zipfile.ZipFile(package)
    first = z.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert z.read("mimetype") == b"application/hwp+zip"
    names = set(z.namelist())
    for part in ("version.xml", "META-INF/container.xml", "META-INF/manifest.xml", "Contents/content.hpf"):
        assert part in names
    assert {"Contents/header.xml", "Contents/section0.xml", "Contents/section1.xml"} <= names
    for name in names - {"mimetype", "Preview/PrvText.txt"}:
        etree.fromstring(z.read(name))  # every XML part is well-formed
    container = etree.fromstring(z.read("META-INF/container.xml"))
    assert "Contents/content.hpf" in [r.get("full-path") for r in container.iter(f"{{{NS['ocf']}}}rootfile")]
    hpf = etree.fromstring(z.read("Contents/content.hpf"))
    assert [i.get("href") for i in hpf.iter(tag("opf", "item"))] == [
        "Contents/header.xml",
        "Contents/section0.xml",
        "Contents/section1.xml",
        "settings.xml",
    ]
    assert [i.get("idref") for i in hpf.iter(tag("opf", "itemref"))] == ["header", "section0", "section1"]
    doc = Hwpx(package)
    assert doc.header.get("secCnt") == "2"
    # Hancom Office expects the full set of HWPML namespaces declared on the header and section roots
    for root in (doc.header, *doc.sections):
        assert {p: u for p, u in root.nsmap.items() if p in ROOT_NS} == ROOT_NS
    assert doc.header.find("hh:trackchangeConfig", {"hh": NS["hh"]}) is not None  # required by the schema
    # every shape a paragraph, run, table or cell refers to is defined in the header
    defined = {
        kind: {x.get("id") for x in doc.header.iter(tag("hh", kind))} for kind in ("charPr", "paraPr", "borderFill")
    }
    for section in doc.sections:
        assert {r.get("charPrIDRef") for r in section.iter(tag("hp", "run"))} <= defined["charPr"]
        assert {p.get("paraPrIDRef") for p in section.iter(tag("hp", "p"))} <= defined["paraPr"]
        fills = {x.get("borderFillIDRef") for x in section.iter(tag("hp", "tc"))}
        assert fills | {x.get("borderFillIDRef") for x in section.iter(tag("hp", "tbl"))} <= defined["borderFill"]
    for kind in ("charPr", "paraPr", "borderFill"):  # and the header counts what it holds
        parent = next(doc.header.iter(tag("hh", kind))).getparent()
        assert parent.get("itemCnt") == str(len(defined[kind]))


SCHEMA_FILES = {"header": "owpml-header.xsd", "section": "owpml-body.xsd"}


def _schema(kind: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / SCHEMA_FILES[kind])))


def _violations(payload: bytes, kind: str) -> set[tuple[str, str, str]]:
    """The schema's complaints about one part, as (part kind, element, what)."""
    text = payload.decode("utf-8")
    for old, new in SCHEMA_NAMESPACES:
        text = text.replace(old, new)
    root = etree.fromstring(text.encode("utf-8"))
    for sec_pr in root.iter("{http://www.owpml.org/owpml/2024/paragraph}secPr"):
        # Hancom writes grid before startNum, the schema the other way round: checked in the schema's order
        grid, start = sec_pr[0], sec_pr[1]
        assert etree.QName(grid).localname == "grid" and etree.QName(start).localname == "startNum"
        sec_pr.remove(start)
        sec_pr.insert(0, start)
    schema = _schema(kind)
    if schema.validate(root):
        return set()
    found = set()
    for error in schema.error_log:
        element = error.message.split("'")[1].split("}")[-1]
        what = "This element is not expected" if "This element is not expected" in error.message else ""
        if "attribute" in error.message:
            what = error.message.split("attribute '")[1].split("'")[0]
        found.add((kind, element, what or error.message))
    return found


def test_every_part_meets_the_published_owpml_schema_but_for_hancoms_own_practice(package):
    z = zipfile.ZipFile(package)
    found = _violations(z.read("Contents/header.xml"), "header")
    for name in ("Contents/section0.xml", "Contents/section1.xml"):
        found |= _violations(z.read(name), "section")
    assert found <= HANCOM_PRACTICE, found - HANCOM_PRACTICE


def test_the_schema_check_can_fail():
    """A section with a misplaced element and an unknown attribute is refused by the same check."""
    bad = (
        f'<hs:sec xmlns:hs="{NS["hs"]}" xmlns:hp="{NS["hp"]}"><hp:p id="1" paraPrIDRef="0" styleIDRef="0" '
        'pageBreak="0" columnBreak="0" merged="0" colour="red"><hp:t>x</hp:t></hp:p></hs:sec>'
    ).encode()
    assert _violations(bad, "section") - HANCOM_PRACTICE


def test_python_hwpx_validators_pass_without_a_warning(package):
    document = validate_document(package)
    assert document.ok and document.validated_parts == (
        "Contents/header.xml",
        "Contents/section0.xml",
        "Contents/section1.xml",
    )
    assert document.issues == ()
    structure = validate_package(package)
    assert structure.ok
    # the one warning: content.hpf does not list version.xml, as Hancom's own files do not
    assert [i.message for i in structure.issues] == [
        "manifest does not reference a version part; engine will fall back to 'version.xml'"
    ]
    safety = validate_editor_open_safety(package)
    assert safety.blocking_package_errors == () and safety.reopen_ok


def test_a_second_export_is_byte_identical(package, warehouse, tmp_path):
    report = gather(warehouse, OPTIONS[package.stem])
    again = build_hwpx(report, tmp_path / package.name)
    assert again.read_bytes() == package.read_bytes()
    # entry times are the snapshot's build time, not the clock's
    assert {i.date_time for i in zipfile.ZipFile(package).infolist()} == {report.built_at.timetuple()[:6]}
