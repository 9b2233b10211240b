"""The Korean font every report builder and chart uses, found once, never at one hard-coded path.

Looked for, in order: through fontconfig (`fc-list :lang=ko`, the fonts the machine has installed: NanumGothic
from Debian's fonts-nanum, Noto Sans CJK KR, Malgun Gothic, then any font that covers Korean), then the
Noto Sans CJK collection shipped by the PyPI package `noto-cjk-sans-otc` (OFL-1.1, a dependency of the project,
so `make install` provides it). Nothing found → FontMissing, saying in Korean and English what to install.

Charts are drawn by Chromium (kaleido), which finds fonts through fontconfig: a font that fontconfig does not
know (the package's) is made known to it by `fontconfig_env`, a fonts.conf that adds its folder.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PREFERRED = ("NanumGothic", "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "맑은 고딕", "Noto Sans CJK")
READABLE = (".ttf", ".otf", ".ttc", ".otc")  # what fpdf2 can embed


class FontMissing(RuntimeError):
    """No font with Hangul was found; the message says what to install."""


@dataclass(frozen=True)
class FontFile:
    """One face as fontconfig lists it: a file, its face index in a collection, its families and style."""

    path: Path
    index: int
    families: tuple[str, ...]
    bold: bool
    weight: int = 80  # fontconfig's scale: 80 regular, 200 bold (a light or black face is further off)


@dataclass(frozen=True)
class KoreanFont:
    family: str  # the name charts ask for and the PDF registers
    regular: FontFile
    bold: FontFile  # the regular face again where the family has no bold
    source: str  # "fontconfig" or "package"


MESSAGE = (
    "한글 글꼴을 찾을 수 없습니다. 나눔고딕(Debian/Ubuntu: sudo apt-get install fonts-nanum) 또는 "
    "Noto Sans CJK KR(fonts-noto-cjk)을 설치하거나, `make install`로 noto-cjk-sans-otc 패키지를 설치하십시오 "
    "(no Korean font found: install NanumGothic — sudo apt-get install fonts-nanum — or Noto Sans CJK KR "
    "— fonts-noto-cjk —, or the Python package noto-cjk-sans-otc with `make install`)"
)


def fontconfig_faces() -> list[FontFile]:
    """Every installed face that covers Korean, as fontconfig lists it (none where fc-list is missing)."""
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}\t%{index}\t%{family}\t%{weight}\n", ":lang=ko"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in sorted(out.splitlines()):  # sorted: fc-list's order is the cache's, not stable
        path, index, families, weight = (line.split("\t") + ["", "", "", ""])[:4]
        if not path.lower().endswith(READABLE):
            continue
        names = tuple(f.strip() for f in families.split(","))
        faces.append(FontFile(Path(path), int(index or 0), names, _is_bold(weight), _weight(weight)))
    return faces


def _is_bold(weight: str) -> bool:
    """fontconfig weight 200 is bold (80 regular); a variable font lists a range '[0 210]': not a bold face."""
    return weight.strip().isdigit() and int(weight) >= 200


def _weight(weight: str) -> int:
    return int(weight) if weight.strip().isdigit() else 80


def package_faces() -> list[FontFile]:
    """The Korean face of the Noto Sans CJK collection in the noto-cjk-sans-otc package (index 1: 'KR')."""
    try:
        import noto_cjk_sans_otc  # type: ignore[import-not-found]
    except ImportError:
        return []
    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    return [FontFile(path, 1, ("Noto Sans CJK KR",), False)] if path.is_file() else []


def choose(faces: Iterable[FontFile]) -> tuple[str, FontFile, FontFile] | None:
    """The first preferred family present (else any face), with its bold face where it has one."""
    faces = list(faces)
    for wanted in PREFERRED:
        family = [f for f in faces if wanted in f.families]
        regulars = sorted((f for f in family if not f.bold), key=lambda f: abs(f.weight - 80))
        bolds = sorted((f for f in family if f.bold), key=lambda f: abs(f.weight - 200))
        if regulars:
            return wanted, regulars[0], (bolds or regulars)[0]
    if faces:
        first = next((f for f in faces if not f.bold), faces[0])
        return first.families[0], first, first
    return None


def find_font(
    installed: Callable[[], list[FontFile]] = fontconfig_faces,
    packaged: Callable[[], list[FontFile]] = package_faces,
) -> KoreanFont:
    """The Korean font: installed first, else the packaged one; FontMissing (Korean and English) if neither."""
    for source, search in (("fontconfig", installed), ("package", packaged)):
        found = choose(search())
        if found:
            family, regular, bold = found
            return KoreanFont(family, regular, bold, source)
    raise FontMissing(MESSAGE)


@cache
def korean_font() -> KoreanFont:
    """The font of this process (searched once)."""
    return find_font()


def chart_family() -> str:
    """The CSS font family the charts ask Chromium for."""
    return f"{korean_font().family}, sans-serif"


def fontconfig_env() -> dict[str, str]:
    """Environment for a child (Chromium) that must see the font: a fonts.conf adding the packaged font's
    folder to the system's configuration; nothing to add when fontconfig found the font itself."""
    font = korean_font()
    if font.source == "fontconfig":
        return {}
    conf = Path(tempfile.gettempdir()) / "govdash-fonts.conf"
    system = os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")
    keep = Path(system).is_file() and Path(system) != conf  # never include itself
    include = f"<include ignore_missing='yes'>{system}</include>" if keep else ""
    conf.write_text(
        f"<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>{include}"
        f"<dir>{font.regular.path.parent}</dir></fontconfig>\n",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(conf)}
