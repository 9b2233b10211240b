"""The XLSX and PPTX pages as a reader sees them: each file converted to PDF by LibreOffice (its own profile
folder, so parallel runs do not share one) and every page rendered by pdftoppm. Page counts as expected and no
blank page. Skipped with the reason when LibreOffice is missing, except in CI (CI=1), where that fails."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

SHEETS = 12  # 9 data sheets and 3 chart sheets
MAX_XLSX_PAGES = 40  # one page wide on A4 landscape (the annex printed on 125 pages before)


def _office() -> str:
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        reason = "LibreOffice (soffice) and poppler-utils are needed: scripts/system-deps.sh installs them"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"required in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    return soffice


def _pages(source: Path, out: Path) -> list[Path]:
    """`source` converted to PDF by LibreOffice, its pages rendered at 30 dpi."""
    profile = out / "profile"
    subprocess.run(
        [
            _office(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = out / f"{source.stem}.pdf"
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(out / "page")], check=True, timeout=120)
    return sorted(out.glob("page-*.png"))


@pytest.fixture(scope="module")
def rendered(built, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    return {
        suffix: _pages(built.path(suffix), tmp_path_factory.mktemp(f"render{suffix}")) for suffix in (".xlsx", ".pptx")
    }


def ink(page: Path, top: int = 6, bottom: int = 6) -> float:
    """The share of the page that is not white, its furniture left out (`top` and `bottom` per cent: the
    running header and footer of a sheet; the title, its rule and the footer band of a slide): a page holding
    only its furniture is blank."""
    image = Image.open(page).convert("L")
    width, height = image.size
    body = image.crop((0, height * top // 100, width, height - height * bottom // 100))
    dark = sum(body.histogram()[:200])
    return dark / (body.size[0] * body.size[1])


def test_the_workbook_prints_on_a_bounded_number_of_pages_none_blank(rendered):
    pages = rendered[".xlsx"]
    assert SHEETS <= len(pages) <= MAX_XLSX_PAGES
    blank = [p.name for p in pages if ink(p) < 0.002]
    assert not blank


def test_the_deck_prints_one_page_per_slide_none_blank(rendered, built):
    pages = rendered[".pptx"]
    assert len(pages) == len(Presentation(str(built.path(".pptx"))).slides)
    blank = [p.name for p in pages if ink(p, top=17, bottom=7) < 0.002]  # below the title rule (1.12 in)
    assert not blank
    # a 16:9 page: LibreOffice keeps the deck's page size
    width, height = Image.open(pages[0]).size
    assert abs(width / height - 16 / 9) < 0.02
