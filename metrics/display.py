"""How figures are written for people: Korean number and date style, units, status words and icons.
Shared by the dashboard and the reports so a figure reads the same everywhere."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import cache
from pathlib import Path
from typing import NamedTuple

# The status tolerance is written once, as a SQL macro that the status rule uses; read from there so that a
# shown figure is judged by the very same comparison.
_TOLERANCE_FILE = Path(__file__).resolve().parent.parent / "sql" / "macros" / "status_tolerance.sql"

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
# The same hues darkened for status words on a page: the palette's orange, amber and green are 2.3–3.9:1 on
# white, too faint for text (KWCAG 2.2 asks 4.5:1); these are 5.0–7.0:1 on white and on the sidebar's grey.
# Bars and chart marks keep STATUS_COLOR (graphics need 3:1, and their word is printed beside them).
STATUS_TEXT_COLOR = {
    "on_track": "#00785A",
    "watch": "#8A5A00",
    "off_track": "#AE4A00",
    "no_data": "#595959",
    "na": "#595959",
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


BOUND_MARK = {
    "ko": {"floor": "하한 적용", "cap": "상한 적용"},
    "en": {"floor": "floor applied", "cap": "cap applied"},
}


class Thresholds(NamedTuple):
    """The achievement (%) at or above which a status applies (ref_settings: on_track, watch)."""

    on_track: float
    watch: float


def _missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@cache
def status_tolerance() -> float:
    """The tolerance of the status rule (sql/macros/status_tolerance.sql: its one line that is not a comment)."""
    lines = [x.strip() for x in _TOLERANCE_FILE.read_text(encoding="utf-8").splitlines()]
    (body,) = [x for x in lines if x and not x.startswith("--")]
    return float(body)


def toward_boundary(
    value: float, boundaries: Sequence[float | None], decimals: int = 1, *, higher_is_better: bool = True
) -> float:
    """`value` rounded to `decimals`, but never across a status boundary: the shown figure passes a boundary
    exactly when the exact value does (as the status rule judges it, with its tolerance). Nearest rounding
    where that holds; else rounded toward the exact value's side: 99.96 against 100 → 99.9, not 100.0;
    99.476 against an ↑ target of 99.5 → 99.4; a ↓ value of 4.004 against a target of 4.00 (2 decimals) →
    4.01. Used for every judged achievement and every value shown beside its target."""
    shown = round(value, decimals)
    tolerance = status_tolerance()
    for b in boundaries:
        if b is None or _missing(b):
            continue
        passes = value >= b - tolerance if higher_is_better else value <= b + tolerance
        shows_pass = shown >= b if higher_is_better else shown <= b
        if passes != shows_pass:
            # round up to pass an ↑ boundary or to fail a ↓ one; down otherwise
            rounding = ROUND_CEILING if passes == higher_is_better else ROUND_FLOOR
            shown = float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=rounding))
    return shown


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
    """A rate that is not judged (an on-time rate, a share). A judged achievement goes through achievement()."""
    return "—" if _missing(value) else f"{value:,.{decimals}f}%"


def achievement_figure(value: float | None, thresholds: Sequence[float]) -> float | None:
    """A judged (bounded) achievement as it is shown, one decimal, on its status's side of every threshold:
    the number a spreadsheet cell or a chart bar carries."""
    return None if value is None or _missing(value) else toward_boundary(value, thresholds)


def achievement(value: float | None, thresholds: Sequence[float]) -> str:
    """A judged achievement: '99.9%' for 99.96 (watch), never '100.0%'."""
    figure = achievement_figure(value, thresholds)
    return "—" if figure is None else f"{figure:,.1f}%"


def bound_applied(achieved: float | None, raw: float | None) -> str | None:
    """'floor' or 'cap' when the raw achievement lay outside [0, cap] and was bounded; else None."""
    if achieved is None or raw is None or _missing(achieved) or _missing(raw) or raw == achieved:
        return None
    return "floor" if raw < achieved else "cap"


def raw_achievement(achieved: float | None, raw: float | None, lang: str = "ko") -> str | None:
    """The raw ratio and the mark, where one was bounded: '-601.1% (하한 적용)'; else None."""
    bound = bound_applied(achieved, raw)
    return None if bound is None else f"{raw:,.1f}% ({BOUND_MARK[lang][bound]})"


def achievement_text(achieved: float | None, raw: float | None, thresholds: Sequence[float], lang: str = "ko") -> str:
    """A KPI's judged achievement, with its raw ratio beside it when that was bounded:
    '-601.1% → 0.0% (하한 적용)', '135.2% → 120.0% (cap applied)'; else as achievement()."""
    bound = bound_applied(achieved, raw)
    shown = achievement(achieved, thresholds)
    return shown if bound is None else f"{raw:,.1f}% → {shown} ({BOUND_MARK[lang][bound]})"


def won(value: float | int | None, lang: str = "ko") -> str:
    """Money in 원 with 억/만 units (ko) or in millions of won (en): 933,800,000 → '9억 3,380만 원' (money)."""
    return money(value, lang)


def beside_target(
    value: float | int | None, decimals: int, target: float | None = None, direction: str | None = None
) -> float | int | None:
    """A KPI value rounded for showing beside its target: toward_boundary with the target as the boundary
    (↑ 'up' must reach it, ↓ 'down' must stay at or under it). Without a target or direction, as it is."""
    if value is None or _missing(value) or target is None or direction not in ("up", "down"):
        return value
    return toward_boundary(float(value), [target], decimals, higher_is_better=direction == "up")


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


# --- money, units and KPI values: the one number rule of the dashboard and every report format ---
MONEY = "원"
UNIT_EN = {
    "%": "%",
    "건": "cases",
    "명": "people",
    "분": "min",
    "원": "KRW",
    "일": "days",
    "회": "times",
    "개": "count",
    "가구": "households",
    "단계": "stage",
}
MAN, EOK = 10_000, 100_000_000


def unit_label(unit: str | None, lang: str = "ko") -> str:
    """A KPI unit in the report's language (ko as the catalog writes it)."""
    if not unit:
        return ""
    return UNIT_EN.get(unit, unit) if lang == "en" else unit


def decimals(unit: str) -> int:
    """A KPI value's decimals: 2 for days, 1 for shares, minutes and stages, 0 for counts and money."""
    return 2 if unit == "일" else (1 if unit in ("%", "분", "단계") else 0)


def _beside(value: float, step: float, places: int, target: float | None, direction: str | None) -> float:
    """`value` in units of `step`, rounded to `places` but never across its target (beside_target)."""
    scaled_target = None if target is None else target / step
    shown = beside_target(value / step, places, scaled_target, direction)
    return round(float(shown), places)  # type: ignore[arg-type]


def money(
    value: float | int | None, lang: str = "ko", *, target: float | None = None, direction: str | None = None
) -> str:
    """Money in 원: '9억 3,380만 원' (to the nearest 만 원), '5,000원' under 1만; English 'KRW 933.8M'.
    Beside its target it is rounded never across the target."""
    if _missing(value):
        return "—"
    v = float(value)  # type: ignore[arg-type]
    sign = "-" if v < 0 else ""
    if lang == "en":
        if abs(v) < 1e6:
            return f"KRW {v:,.0f}"
        return f"KRW {_beside(v, 1e6, 1, target, direction):,.1f}M"  # M: millions, short enough for a table cell
    if abs(v) < MAN:
        return f"{v:,.0f}원"
    mans = abs(int(_beside(v, MAN, 0, target, direction)))
    eok, man = divmod(mans, MAN)
    parts = ([f"{eok:,}억"] if eok else []) + ([f"{man:,}만"] if man else [])
    return f"{sign}{' '.join(parts)} 원"


def value_text(
    value: float | int | None,
    unit: str,
    lang: str = "ko",
    *,
    target: float | None = None,
    direction: str | None = None,
) -> str:
    """A KPI value for a table cell whose unit has its own column: the number alone, money with its unit
    (it is written in 억/만). Given its target and direction it is rounded never across the target."""
    if unit == MONEY:
        return money(value, lang, target=target, direction=direction)
    shown = beside_target(value, decimals(unit), target, direction)
    return number(shown, decimals(unit))


def value_with_unit(
    value: float | int | None,
    unit: str,
    lang: str = "ko",
    *,
    target: float | None = None,
    direction: str | None = None,
) -> str:
    """A KPI value with its unit in the report's language: '22 건' / '22 cases', '99.4%', '9억 3,380만 원'."""
    text = value_text(value, unit, lang, target=target, direction=direction)
    if unit == MONEY or text == "—":
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit_label(unit, lang)}"
