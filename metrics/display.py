"""How figures are written for people: Korean number and date style, units, status words and icons.
Shared by the dashboard and the reports so a figure reads the same everywhere."""

from __future__ import annotations

import math
from datetime import date, datetime

# Status: always a word and a shape, never colour alone. Colours from the Okabe–Ito palette (safe for
# colour-blind readers).
STATUS_ORDER = ("on_track", "watch", "off_track", "no_data", "na")
STATUS_ICON = {"on_track": "●", "watch": "▲", "off_track": "■", "no_data": "○", "na": "–"}
STATUS_COLOR = {
    "on_track": "#009E73",
    "watch": "#E69F00",
    "off_track": "#D55E00",
    "no_data": "#999999",
    "na": "#BBBBBB",
}
STATUS_WORD = {
    "ko": {"on_track": "정상", "watch": "주의", "off_track": "미흡", "no_data": "미제출", "na": "산정불가"},
    "en": {
        "on_track": "On track",
        "watch": "Watch",
        "off_track": "Off track",
        "no_data": "Not reported",
        "na": "Not computable",
    },
}


def _missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def status_label(status: str | None, lang: str = "ko") -> str:
    if not status:
        return "—"
    return f"{STATUS_ICON.get(status, '')} {STATUS_WORD[lang].get(status, status)}"


def number(value: float | int | None, decimals: int = 0) -> str:
    """1234567 → '1,234,567'; 12.345 with decimals=1 → '12.3'."""
    if _missing(value):
        return "—"
    return f"{value:,.{decimals}f}"


def percent(value: float | None, decimals: int = 1) -> str:
    return "—" if _missing(value) else f"{value:,.{decimals}f}%"


def won(value: float | int | None, lang: str = "ko") -> str:
    """Money in 원 with 억/만 units (ko) or in millions of won (en): 8,000,000,000 → '80억 원'."""
    if _missing(value):
        return "—"
    v = float(value)  # type: ignore[arg-type]
    if lang == "en":
        return f"KRW {v / 1e6:,.1f} million" if abs(v) >= 1e6 else f"KRW {v:,.0f}"
    if abs(v) >= 1e8:
        return f"{v / 1e8:,.1f}억 원".replace(".0억", "억")
    if abs(v) >= 1e4:
        return f"{v / 1e4:,.0f}만 원"
    return f"{v:,.0f}원"


def value_with_unit(value: float | int | None, unit: str, lang: str = "ko") -> str:
    if unit == "원":
        return won(value, lang)
    if unit == "%":
        return percent(value)
    decimals = 2 if unit in ("일",) else (1 if unit in ("분",) else 0)
    text = number(value, decimals)
    return text if text == "—" else f"{text} {unit}"


def month_label(value: date | datetime | None, lang: str = "ko") -> str:
    """공문서 style '2026. 10.' (ko) or 'Oct 2026' (en)."""
    if value is None:
        return "—"
    return f"{value.year}. {value.month}." if lang == "ko" else value.strftime("%b %Y")


def date_label(value: date | datetime | None, lang: str = "ko") -> str:
    if value is None:
        return "—"
    return f"{value.year}. {value.month}. {value.day}." if lang == "ko" else value.strftime("%d %b %Y")


def datetime_label(value: datetime | None, lang: str = "ko") -> str:
    if value is None:
        return "—"
    return f"{date_label(value, lang)} {value:%H:%M}"


def short_digest(value: object, length: int = 12) -> str:
    """The first characters of a SHA-256, as a status line shows it (git's habit: enough to tell two apart);
    a dash for a snapshot built before the digest was recorded."""
    return str(value)[:length] if value else "—"
