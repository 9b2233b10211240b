"""Text that users wrote (notes, reasons, names) must stay text in a spreadsheet: a cell that starts with
= + - @ tab or carriage return is read as a formula by Excel and LibreOffice, so such text is prefixed with an
apostrophe-like quote. Numbers are never passed through here: they are written as numbers."""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """'=HYPERLINK("http://x","y")' → "'=HYPERLINK(…)"; other text unchanged."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def cell_value(value: object) -> object:
    """A value ready for a spreadsheet cell: strings neutralised, everything else as it is."""
    return neutralise(value) if isinstance(value, str) else value
