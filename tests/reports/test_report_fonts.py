"""The Korean font is found, not assumed: through fontconfig, else the packaged Noto Sans CJK; a clear message
in Korean and English when there is none (also with fontconfig pointed at an empty configuration)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from metrics.settings import PROJECT_ROOT
from reports import fonts

NANUM = fonts.FontFile(Path("/x/NanumGothic.ttf"), 0, ("NanumGothic", "나눔고딕"), False)
NANUM_BOLD = fonts.FontFile(Path("/x/NanumGothicBold.ttf"), 0, ("NanumGothic", "나눔고딕"), True, 200)
NANUM_LIGHT = fonts.FontFile(Path("/x/NanumGothicLight.ttf"), 0, ("NanumGothic",), False, 50)
NANUM_HEAVY = fonts.FontFile(Path("/x/NanumGothicExtraBold.ttf"), 0, ("NanumGothic",), True, 205)
OTHER = fonts.FontFile(Path("/x/Other.ttf"), 0, ("Some Hangul Face",), False)


def test_the_preferred_family_wins_with_its_bold_face():
    faces = [OTHER, NANUM_HEAVY, NANUM_LIGHT, NANUM_BOLD, NANUM]
    font = fonts.find_font(installed=lambda: faces, packaged=lambda: [])
    assert (font.family, font.regular, font.bold, font.source) == ("NanumGothic", NANUM, NANUM_BOLD, "fontconfig")


def test_any_korean_face_is_used_when_no_preferred_one_is_installed():
    font = fonts.find_font(installed=lambda: [OTHER], packaged=lambda: [])
    assert (font.family, font.bold) == ("Some Hangul Face", OTHER)


def test_the_packaged_font_is_used_when_fontconfig_has_none():
    font = fonts.find_font(installed=lambda: [])
    assert font.source == "package"
    assert font.regular.path.is_file() and font.regular.index == 1  # Noto Sans CJK KR in the collection


def test_none_found_says_what_to_install_in_korean_and_english():
    with pytest.raises(fonts.FontMissing) as caught:
        fonts.find_font(installed=lambda: [], packaged=lambda: [])
    message = str(caught.value)
    assert "한글 글꼴을 찾을 수 없습니다" in message and "no Korean font found" in message
    assert "fonts-nanum" in message and "noto-cjk-sans-otc" in message


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    conf = tmp_path / "fonts.conf"
    conf.write_text("<?xml version='1.0'?><fontconfig></fontconfig>\n", encoding="utf-8")
    env = os.environ | {"FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)


def test_with_an_empty_fontconfig_the_message_is_clear(tmp_path):
    code = "from reports import fonts\nassert fonts.fontconfig_faces() == []\nfonts.find_font(packaged=lambda: [])\n"
    done = _run(code, tmp_path)
    assert done.returncode != 0
    assert "FontMissing" in done.stderr and "apt-get install fonts-nanum" in done.stderr


def test_with_an_empty_fontconfig_the_packaged_font_is_found(tmp_path):
    done = _run("from reports import fonts\nprint(fonts.korean_font().source, fonts.korean_font().family)", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["package", "Noto", "Sans", "CJK", "KR"]
    assert "FONTCONFIG_FILE" in _run("from reports import fonts\nprint(fonts.fontconfig_env())", tmp_path).stdout


def test_this_machine_finds_its_font_through_fontconfig():
    font = fonts.korean_font()
    assert font.source == "fontconfig" and font.regular.path.is_file()
