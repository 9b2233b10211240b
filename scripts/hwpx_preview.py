"""Draw the first page of an HWPX report as a PNG (docs/images/report-hwpx.png) for the documentation.

python-hwpx's layout preview (approximate HTML: page boxes, margins, alignment, tables; no page header or
footer, no bold) rendered by headless Chromium. Its CSS pulls a hanging indent's first line left of the
margin; Hancom starts that line at the margin and the others further in, so the indent is redrawn that way.
This machine has no viewer that opens HWPX itself (LibreOffice 7.4 does not import it).

    .venv/bin/python scripts/hwpx_preview.py REPORT.hwpx docs/images/report-hwpx.png
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from hwpx.tools.layout_preview import render_layout_preview

HANGING = re.compile(r"margin-left: ([\d.]+)mm; text-indent: -([\d.]+)mm")


def first_page_html(source: Path) -> str:
    preview = render_layout_preview(source)
    pages = preview.page_fragments
    start = preview.html.index(pages[0])
    html = preview.html[:start] + pages[0] + preview.html[start + sum(len(p) for p in pages) :]
    return HANGING.sub(lambda m: f"margin-left: {float(m[1]) + float(m[2]):.2f}mm; text-indent: -{m[2]}mm", html)


def main(source: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(first_page_html(source), encoding="utf-8")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=870,1190"]
        subprocess.run(["chromium", *flags, f"--screenshot={target.resolve()}", page.as_uri()], check=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
