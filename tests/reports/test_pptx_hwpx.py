"""The HWPX package checked part by part: zip layout, every XML part parses, the manifest names real parts,
and the scorecard cells equal the marts. (The PPTX deck's tests are in test_pptx_deck.py.)"""

from __future__ import annotations

import zipfile
from datetime import date

from lxml import etree

from reports.hwpx import NS, ROOT_NS, Body
from tests.reports.helpers import rows

OCT = date(2026, 10, 1)


def test_the_hwpx_package_has_the_owpml_layout(built):
    z = zipfile.ZipFile(built.path(".hwpx"))
    first = z.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert z.read("mimetype") == b"application/hwp+zip"
    names = set(z.namelist())
    for part in (
        "version.xml",
        "META-INF/container.xml",
        "META-INF/manifest.xml",
        "Contents/content.hpf",
        "Contents/header.xml",
        "Contents/section0.xml",
    ):
        assert part in names
    for name in names - {"mimetype", "Preview/PrvText.txt"}:
        etree.fromstring(z.read(name))  # every XML part is well-formed
    container = etree.fromstring(z.read("META-INF/container.xml"))
    assert "Contents/content.hpf" in [r.get("full-path") for r in container.iter(f"{{{NS['ocf']}}}rootfile")]
    hpf = etree.fromstring(z.read("Contents/content.hpf"))
    for item in hpf.iter(f"{{{NS['opf']}}}item"):
        assert item.get("href") in names
    header = etree.fromstring(z.read("Contents/header.xml"))
    section = etree.fromstring(z.read("Contents/section0.xml"))
    # Hancom Office expects the full set of HWPML namespaces declared on the header and section roots
    for root in (header, section):
        assert {p: u for p, u in root.nsmap.items() if p in ROOT_NS} == ROOT_NS
    assert header.find("hh:trackchangeConfig", {"hh": NS["hh"]}) is not None  # required by the schema
    # every shape a paragraph or run refers to is defined in the header
    char_ids = {c.get("id") for c in header.iter(f"{{{NS['hh']}}}charPr")}
    para_ids = {p.get("id") for p in header.iter(f"{{{NS['hh']}}}paraPr")}
    assert {r.get("charPrIDRef") for r in section.iter(f"{{{NS['hp']}}}run")} <= char_ids
    assert {p.get("paraPrIDRef") for p in section.iter(f"{{{NS['hp']}}}p")} <= para_ids


def test_the_hwpx_scorecard_cells_equal_the_marts(built, marts):
    section = etree.fromstring(zipfile.ZipFile(built.path(".hwpx")).read("Contents/section0.xml"))
    hp = {"hp": NS["hp"]}
    table = section.find(".//hp:tbl", hp)
    assert table.get("rowCnt") == "13" and table.get("colCnt") == "9"
    cells = [["".join(tc.itertext()) for tc in tr.findall("hp:tc", hp)] for tr in table.findall("hp:tr", hp)]
    assert cells[0][:5] == ["전략", "코드", "과제", "산정 지표", "달성률(%)"]
    got = {row[1]: row for row in cells[1:]}
    for code, achievement, name in rows(
        marts,
        "select s.task_code, s.achievement, t.name_ko from mart_task_scores s join ref_tasks t using (task_code)"
        " where period = ? and time_window = 'month'",
        OCT,
    ):
        assert got[code][2] == name and got[code][4] == f"{achievement:.1f}"
    text = "".join(section.itertext())
    assert "□ 종합 달성률" in text and built.result.report.snapshot_id in text


def test_hwpx_text_cannot_break_the_markup():
    body = Body()
    body.paragraph('</hp:t></hp:run><hp:run charPrIDRef="99"><hp:t>& "x" <script>')
    raw = etree.tostring(body.sec)
    assert b"&lt;/hp:t&gt;" in raw and b"&amp;" in raw
    parsed = etree.fromstring(raw)
    assert len(list(parsed.iter(f"{{{NS['hp']}}}run"))) == 1
    assert "".join(parsed.itertext()) == '</hp:t></hp:run><hp:run charPrIDRef="99"><hp:t>& "x" <script>'
