"""How every report format writes a number: which columns hold numbers (right-aligned, never wrapped)."""

from __future__ import annotations

# Column kinds (reports.tables.Column.kind) whose cells are numbers: right-aligned in every format.
NUMERIC_KINDS = frozenset({"pct", "bounded", "pp", "value", "actual", "int"})


def is_numeric(kind: str) -> bool:
    """True for a column a format right-aligns and keeps on one line."""
    return kind in NUMERIC_KINDS
