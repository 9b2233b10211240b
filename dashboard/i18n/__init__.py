"""Every string the dashboard shows, in Korean (default) and English.

Strings live in `ko/*.toml` and `en/*.toml`, one file per page or area (common.toml for what pages share), so
that pages are added without touching each other's files. A key defined in two files is an error.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("ko", "en")
_DIR = Path(__file__).parent


@cache
def strings(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}")
    merged: dict[str, str] = {}
    for path in sorted((_DIR / lang).glob("*.toml")):
        with open(path, "rb") as f:
            flat = _flatten(tomllib.load(f))
        clash = merged.keys() & flat.keys()
        if clash:
            raise ValueError(f"{path}: keys already defined in another file: {sorted(clash)}")
        merged.update(flat)
    return merged


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
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


def category(value: str | None, lang: str = "ko") -> str:
    """A category the upload files carry in Korean (a complaint type, channel, platform, meeting or reward
    type) in the page's language: category.toml; a value without an entry shows as it is."""
    if value is None:
        return "—"
    return strings(lang).get(f"category.{value}", value)
