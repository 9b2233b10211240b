"""The one number rule of every report format, written once.

- Money (unit 원) as text in 억 and 만: "9억 3,380만 원", "80억 원", "3,380만 원" (ko); "KRW 933.8M" (en).
  The money cell carries its unit, in every text format (PDF, PPTX, HWPX) and in the dashboard.
- Counts (건, 명, 개, 가구, 회) as integers with thousands separators; days with two decimals, percentages,
  minutes and stages with one.
- Units in the report's language: 건 → cases, 명 → people, 원 → KRW … (UNIT_EN covers every unit of
  data/catalog/kpis.yaml; a test checks that).
- A figure shown beside its target is rounded never across it (display.toward_boundary), money too.
- Numeric columns (is_numeric) are right-aligned and never wrapped in every format.
- CSV writes exact values, but a whole number as an integer: "113416", never "113416.0".
"""

from __future__ import annotations

import math
from datetime import date, datetime

from metrics import display

# Column kinds (reports.tables.Column.kind) whose cells are numbers: right-aligned in every format.
NUMERIC_KINDS = frozenset({"pct", "bounded", "pp", "value", "actual", "int"})
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


def is_numeric(kind: str) -> bool:
    """True for a column a format right-aligns and keeps on one line."""
    return kind in NUMERIC_KINDS


def unit_label(unit: str | None, lang: str = "ko") -> str:
    """A KPI unit in the report's language (ko as the catalog writes it)."""
    if not unit:
        return ""
    return UNIT_EN.get(unit, unit) if lang == "en" else unit


def decimals(unit: str) -> int:
    """A KPI value's decimals: 2 for days, 1 for shares, minutes and stages, 0 for counts and money."""
    return 2 if unit == "일" else (1 if unit in ("%", "분", "단계") else 0)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _beside(value: float, step: float, places: int, target: float | None, direction: str | None) -> float:
    """`value` in units of `step`, rounded to `places` but never across its target (display.beside_target)."""
    scaled_target = None if target is None else target / step
    shown = display.beside_target(value / step, places, scaled_target, direction)
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
    shown = display.beside_target(value, decimals(unit), target, direction)
    return display.number(shown, decimals(unit))


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


def count(value: float | int | None) -> str:
    """A count: an integer with thousands separators."""
    return display.number(value, 0)


def percent(value: float | None) -> str:
    """A percentage (without the sign, the header names it): one decimal."""
    return display.number(value, 1)


def points(value: float | None) -> str:
    """A change in percentage points, signed, one decimal."""
    return "—" if _missing(value) else f"{value:+,.1f}"


def bounded_text(shown: float | None, raw: float | None, lang: str) -> str:
    """A KPI's achievement (as shown), with its raw ratio and the mark where it was bounded:
    '-601.1 → 0.0 (하한 적용)'."""
    bound = display.bound_applied(shown, raw)
    text = percent(shown)
    return text if bound is None else f"{percent(raw)} → {text} ({display.BOUND_MARK[lang][bound]})"


def cell_text(value: object, kind: str, lang: str, row: dict, shown: float | None = None) -> str:
    """A table cell as PDF, PPTX and HWPX print it. `shown` is the judged figure already rounded against the
    status thresholds (tables.shown) for the kinds pct and bounded."""
    if _missing(value):
        return "—"
    if kind == "pct":
        return percent(shown)
    if kind == "bounded":
        return bounded_text(shown, row.get("achievement_raw"), lang)
    if kind == "pp":
        return points(value)  # type: ignore[arg-type]
    if kind in ("value", "actual"):
        beside = {"target": row.get("target"), "direction": row.get("direction")} if kind == "actual" else {}
        return value_text(value, row.get("unit", ""), lang, **beside)  # type: ignore[arg-type]
    if kind == "int":
        return count(value)  # type: ignore[arg-type]
    if kind == "unit":
        return unit_label(str(value), lang)
    if kind == "month":
        return display.month_label(value, lang)  # type: ignore[arg-type]
    if kind == "date":
        return display.date_label(value, lang)  # type: ignore[arg-type]
    if kind == "datetime":
        return display.datetime_label(value, lang)  # type: ignore[arg-type]
    if kind == "status":
        return display.status_label(str(value), lang)
    return str(value)


def exact_text(value: object) -> str:
    """A number as CSV writes it: exact (repr of the double), a whole number as an integer."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
