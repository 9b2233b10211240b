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

Money, units and a value's decimals (money, unit_label, value_text, value_with_unit, decimals, UNIT_EN) are
written in metrics/display.py, because the dashboard shows them too: import them from there.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from metrics import display

# Column kinds (reports.table_cells.Column.kind) whose cells are numbers: right-aligned in every format.
NUMERIC_KINDS = frozenset({"pct", "bounded", "pp", "value", "actual", "int"})


def is_numeric(kind: str) -> bool:
    """True for a column a format right-aligns and keeps on one line."""
    return kind in NUMERIC_KINDS


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


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
    status thresholds (table_cells.shown) for the kinds pct and bounded."""
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
        return display.value_text(value, row.get("unit", ""), lang, **beside)  # type: ignore[arg-type]
    if kind == "int":
        return count(value)  # type: ignore[arg-type]
    if kind == "unit":
        return display.unit_label(str(value), lang)
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
