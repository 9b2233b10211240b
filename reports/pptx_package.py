"""The same deck is the same bytes: a saved PPTX rewritten with fixed zip entry times, its extended properties
(docProps/app.xml) written from what the deck holds, and the chart workbooks embedded in it (one XLSX per
native chart, written by python-pptx through xlsxwriter with today's date) given the snapshot's date.

python-pptx writes the parts in a fixed order; only the times come from the clock, and they are all fixed
here. Used for the template (reports/pptx_template.py) and every exported deck (reports/pptx.py)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can hold: no date from the clock
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>govdash</Application><PresentationFormat>{format}</PresentationFormat>"
    "<Slides>{slides}</Slides><Company>{company}</Company>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc></Properties>"
)
WIDESCREEN = "와이드스크린 (16:9)"
_DATES = re.compile(rb"(<dcterms:(?:created|modified) xsi:type=\"dcterms:W3CDTF\">)[^<]*(</dcterms:)")


def w3c(moment: datetime) -> str:
    """A core-properties date as OOXML writes it (UTC, whole seconds)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def app_xml(slides: int, company: str) -> bytes:
    return APP_XML.format(format=WIDESCREEN, slides=slides, company=escape(company)).encode("utf-8")


def _entry(name: str, data: bytes, out: zipfile.ZipFile) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16  # the same mode wherever it is written
    out.writestr(info, data)


def rezip(data: bytes, replace: dict[str, bytes] | None = None, edit=None) -> bytes:  # noqa: ANN001
    """The zip `data` again, entry for entry in its order, with fixed times; `replace` swaps whole entries,
    `edit(name, bytes) -> bytes` rewrites others."""
    replace = replace or {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w") as out:
        for info in src.infolist():
            body = replace.get(info.filename)
            if body is None:
                body = src.read(info.filename)
                body = edit(info.filename, body) if edit else body
            _entry(info.filename, body, out)
    return buffer.getvalue()


def fixed_workbook(data: bytes, moment: datetime) -> bytes:
    """An embedded chart workbook with its created/modified dates set to `moment` and fixed zip times."""
    stamp = w3c(moment).encode()

    def edit(name: str, body: bytes) -> bytes:
        return _DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", body) if name == "docProps/core.xml" else body

    return rezip(data, edit=edit)


def finish(path: Path, moment: datetime, slides: int, company: str) -> Path:
    """Rewrite the saved deck at `path` so that it is a function of its content and `moment`."""

    def edit(name: str, body: bytes) -> bytes:
        if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
            return fixed_workbook(body, moment)
        return body

    path.write_bytes(rezip(path.read_bytes(), {"docProps/app.xml": app_xml(slides, company)}, edit))
    return path
