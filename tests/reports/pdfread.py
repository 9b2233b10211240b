"""Reading a PDF back for the tests: text (pdftotext), word boxes (pdftotext -bbox), the outline (pdftohtml
-xml), pdfinfo's fields, and its pages rendered to PNG (pdftoppm)."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageStat


def text(path: Path, *, layout: bool = False, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    args += (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pages_text(path: Path) -> list[str]:
    return text(path, layout=True).split("\f")[: info(path)["pages"]]


def info(path: Path) -> dict:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    return {
        "pages": int(fields["Pages"]),
        "version": fields["PDF version"].strip(),
        "tagged": fields["Tagged"].strip(),
    }


def outline(path: Path) -> list[tuple[int, str]]:
    """(page, title) of every bookmark, nested ones included, in order."""
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-stdout", "-i", "-q", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return [(int(p), html.unescape(t)) for p, t in re.findall(r'<item page="(\d+)">([^<]*)</item>', xml)]


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(path: Path) -> list[Word]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    found, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', line)
        if m:
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            found.append(Word(page, x0, y0, x1, y1, html.unescape(m.group(5))))
    return found


def render(path: Path, out: Path, resolution: int = 30) -> list[Path]:
    """Every page as a PNG, in page order."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), str(path), str(out / "p")], check=True)
    return sorted(out.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))


def ink(png: Path, footer_share: float = 0.06) -> float:
    """How much is drawn on a page above its footer: the standard deviation of its grey levels (0 blank)."""
    image = Image.open(png).convert("L")
    body = image.crop((0, 0, image.width, int(image.height * (1 - footer_share))))
    return ImageStat.Stat(body).stddev[0]
