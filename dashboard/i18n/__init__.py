"""Every string the dashboard shows, in Korean (default) and English, from ko.toml and en.toml."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("ko", "en")
_DIR = Path(__file__).parent


@cache
def strings(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}")
    with open(_DIR / f"{lang}.toml", "rb") as f:
        return _flatten(tomllib.load(f))


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


def t(key: str, lang: str = "ko", **values: object) -> str:
    """The text for `key`; a missing key shows itself (and a test keeps both files complete)."""
    text = strings(lang).get(key) or strings("ko").get(key) or key
    return text.format(**values) if values else text
