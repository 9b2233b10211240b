"""Every dashboard string exists in Korean and English, and every key a page asks for is defined."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from dashboard.i18n import _flatten, strings, t
from metrics.settings import PROJECT_ROOT

I18N = PROJECT_ROOT / "dashboard" / "i18n"
DASHBOARD = PROJECT_ROOT / "dashboard"
# t("some.key", ...) with a literal key; keys built at run time (f-strings) are checked by the page tests
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")


def test_both_languages_have_exactly_the_same_keys() -> None:
    ko, en = set(strings("ko")), set(strings("en"))
    assert sorted(ko - en) == [], "only in Korean"
    assert sorted(en - ko) == [], "only in English"


def test_each_area_file_exists_in_both_languages_with_the_same_keys() -> None:
    ko_files = {p.name for p in (I18N / "ko").glob("*.toml")}
    en_files = {p.name for p in (I18N / "en").glob("*.toml")}
    assert ko_files == en_files
    for name in sorted(ko_files):
        ko = _flatten(tomllib.loads((I18N / "ko" / name).read_text(encoding="utf-8")))
        en = _flatten(tomllib.loads((I18N / "en" / name).read_text(encoding="utf-8")))
        assert set(ko) == set(en), name


def test_no_string_is_empty() -> None:
    for lang in ("ko", "en"):
        assert [k for k, v in strings(lang).items() if not v.strip()] == [], lang


def test_placeholders_match_between_languages() -> None:
    field = re.compile(r"\{(\w+)\}")
    ko, en = strings("ko"), strings("en")
    for key in ko:
        assert set(field.findall(ko[key])) == set(field.findall(en[key])), key


@pytest.mark.parametrize("path", sorted(DASHBOARD.rglob("*.py")), ids=lambda p: str(p.relative_to(DASHBOARD)))
def test_every_literal_key_used_in_the_dashboard_is_defined(path: Path) -> None:
    used = set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in strings("ko"))
    assert missing == []


def test_a_missing_key_shows_itself_rather_than_failing() -> None:
    assert t("no.such.key", "en") == "no.such.key"
