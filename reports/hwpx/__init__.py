"""The report as an HWPX 보고서, the open document format (OWPML, KS X 6101) that the government's document
system takes and Hancom Office opens.

Written directly with zipfile and lxml: the package is small and fixed, and building every element with lxml
means user text is always escaped. Package layout, as the format requires: `mimetype` first and stored
uncompressed, `version.xml`, `META-INF/container.xml` (pointing at `Contents/content.hpf`),
`META-INF/manifest.xml`, `Contents/content.hpf` (OPF manifest and spine), `Contents/header.xml` (fonts,
borders, character and paragraph shapes, styles), `Contents/section0.xml` (the body, A4 portrait) and
`Contents/section1.xml` (the annex, A4 landscape), `settings.xml` and `Preview/PrvText.txt`.

Reproducible: entry times and document dates come from the snapshot's build time, ids are counted, and
nothing else varies, so two exports of one snapshot are byte-identical.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from metrics.kst import kst_naive_to_utc
from reports.hwpx.content import annex_section, main_section, title
from reports.hwpx.header import header_xml
from reports.hwpx.owpml import NS, q, xml_bytes, xml_text
from reports.model import Report
from reports.summary import summary_lines

MIMETYPE = "application/hwp+zip"


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


def content_hpf(r: Report, sections: int) -> bytes:
    root = etree.Element(
        q("opf", "package"),
        {"version": "", "unique-identifier": "", "id": ""},
        nsmap={"opf": NS["opf"], "dc": NS["dc"]},
    )
    meta = etree.SubElement(root, q("opf", "metadata"))
    etree.SubElement(meta, q("opf", "title")).text = xml_text(title(r))
    etree.SubElement(meta, q("opf", "language")).text = r.lang
    created = kst_naive_to_utc(r.built_at).strftime("%Y-%m-%dT%H:%M:%SZ")
    for name, value in (
        ("creator", r.t("issuer")),
        ("subject", f"snapshot {r.snapshot_id}"),
        (
            "description",
            f"snapshot={r.snapshot_id} catalog={r.catalog_version} digest={r.catalog_digest} "
            f"reference={r.reference_digest}",
        ),
        ("CreatedDate", created),
        ("ModifiedDate", created),
    ):
        etree.SubElement(meta, q("opf", "meta"), {"name": name, "content": "text"}).text = value
    manifest = etree.SubElement(root, q("opf", "manifest"))
    items = [("header", "Contents/header.xml")]
    items += [(f"section{i}", f"Contents/section{i}.xml") for i in range(sections)]
    for item_id, href in [*items, ("settings", "settings.xml")]:
        etree.SubElement(manifest, q("opf", "item"), {"id": item_id, "href": href, "media-type": "application/xml"})
    spine = etree.SubElement(root, q("opf", "spine"))
    for item_id, _ in items:
        etree.SubElement(spine, q("opf", "itemref"), {"idref": item_id, "linear": "yes"})
    return xml_bytes(root)


def settings_xml() -> bytes:
    root = etree.Element(q("ha", "HWPApplicationSetting"), nsmap={"ha": NS["ha"]})
    etree.SubElement(root, q("ha", "CaretPosition"), {"listIDRef": "0", "paraIDRef": "0", "pos": "0"})
    return xml_bytes(root)


def section_parts(report: Report) -> list[bytes]:
    """section0 (the body) and section1 (the annex), their paragraph and object ids counted on from one to
    the next."""
    body = main_section(report)
    annex = annex_section(report, body.next_id)
    return [xml_bytes(body.sec), xml_bytes(annex.sec)]


def build_hwpx(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = report.built_at.timetuple()[:6]
    preview = "\n".join(line.render() for line in summary_lines(report)).encode("utf-8")
    sections = section_parts(report)
    parts = [
        ("mimetype", MIMETYPE.encode("ascii"), zipfile.ZIP_STORED),
        ("version.xml", version_xml(), zipfile.ZIP_STORED),
        ("Contents/header.xml", header_xml(len(sections)), zipfile.ZIP_DEFLATED),
        *((f"Contents/section{i}.xml", data, zipfile.ZIP_DEFLATED) for i, data in enumerate(sections)),
        ("settings.xml", settings_xml(), zipfile.ZIP_DEFLATED),
        ("Preview/PrvText.txt", preview, zipfile.ZIP_DEFLATED),
        ("META-INF/container.xml", container_xml(), zipfile.ZIP_DEFLATED),
        ("META-INF/manifest.xml", manifest_xml(), zipfile.ZIP_DEFLATED),
        ("Contents/content.hpf", content_hpf(report, len(sections)), zipfile.ZIP_DEFLATED),
    ]
    with zipfile.ZipFile(path, "w") as z:
        for name, data, method in parts:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = method
            info.external_attr = 0o644 << 16  # fixed permissions: nothing from the machine that wrote it
            z.writestr(info, data)
    return path
