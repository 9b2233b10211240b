"""A report table on a PDF page: column widths from what the cells hold, numbers right-aligned on one line.

fpdf2 wraps a cell at spaces, and cuts a word that is wider than its column anywhere ("933,800,00⏎0",
"Strate⏎gy"). So every column is at least as wide as: its widest number, status, date or unit (the numeric and
short kinds never wrap), its header's widest word, and its text's widest word (capped, so that one long word
cannot take the page). What is left of the page goes to the text columns by their weights (Column.width).
Where the minimums do not fit the page, the font shrinks (down to MIN_FONT) before anything is cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.fonts import FontFace

from reports import numbers
from reports.table_cells import Column, Table

HEADER_FILL = (221, 227, 234)
PAD_X, PAD_Y = 1.0, 0.7  # mm, left/right and top/bottom of every cell
SLACK = 0.6  # mm beyond the measured text: fpdf2 breaks a line that is exactly as wide as its cell
MIN_FONT = 5.5
WORD_CAP_MM = 38  # a text column need not hold a longer word than this on one line
UNBROKEN = frozenset({"status", "month", "date", "datetime", "unit"})  # short kinds kept on one line too


@dataclass(frozen=True)
class Layout:
    font_size: float
    widths: list[float]


def keeps_whole(kind: str) -> bool:
    """Cells of this kind are never wrapped: numbers (numbers.is_numeric) and the short kinds."""
    return numbers.is_numeric(kind) or kind in UNBROKEN


def _words(text: str) -> list[str]:
    return [w for line in text.splitlines() for w in line.split(" ") if w]


def _minimum(pdf: FPDF, column: Column, header: str, cells: Sequence[str], bold: str) -> float:
    """The narrowest the column may be at the current font size (mm)."""
    pdf.set_font(style=bold)
    need = max((pdf.get_string_width(w) for w in _words(header)), default=0)
    pdf.set_font(style="")
    kind = column.text_kind
    if keeps_whole(kind):
        lines = [line for c in cells for line in c.splitlines()]
        need = max([need] + [pdf.get_string_width(x) for x in lines])
    else:
        words = [min(pdf.get_string_width(w), WORD_CAP_MM) for c in cells for w in _words(c)]
        need = max([need, *words])
    return need + 2 * PAD_X + SLACK


def _natural(pdf: FPDF, cells: Sequence[str]) -> float:
    """The column's width with every cell on one line (text columns need no more)."""
    return max((pdf.get_string_width(line) for c in cells for line in c.splitlines()), default=0) + 2 * PAD_X + SLACK


def layout(pdf: FPDF, table: Table, texts: list[list[str]], width: float, font_size: float, family: str) -> Layout:
    """Font size and column widths (mm) that fit `width` without breaking a number or a word."""
    columns = table.text_columns
    size = font_size
    while True:
        pdf.set_font(family, "", size)
        cols = list(zip(*texts, strict=True)) if texts else [() for _ in columns]
        minimum = [_minimum(pdf, c, c.header, cells, "B") for c, cells in zip(columns, cols, strict=True)]
        if sum(minimum) <= width or size <= MIN_FONT:
            break
        size -= 0.5
    natural = [max(m, _natural(pdf, cells)) for m, cells in zip(minimum, cols, strict=True)]
    widths = _spread(columns, minimum, natural, width)
    return Layout(size, widths)


def _spread(columns: list[Column], minimum: list[float], natural: list[float], width: float) -> list[float]:
    """Give what is left over the minimums to the wrapping columns, by weight, up to what they need on one
    line; then, if any is left, to every column alike (the table spans the page)."""
    widths = list(minimum)
    free = [i for i, c in enumerate(columns) if not keeps_whole(c.text_kind)]
    left = width - sum(widths)
    while left > 0.01 and free:
        weight = sum(columns[i].width for i in free)
        grown = []
        for i in free:
            share = left * columns[i].width / weight
            add = min(share, natural[i] - widths[i])
            widths[i] += add
            if widths[i] < natural[i] - 0.01:
                grown.append(i)
        left = width - sum(widths)
        if grown == free:
            break
        free = grown
    if left > 0.01:
        widths = [w + left / len(widths) for w in widths]
    return widths


def draw(pdf: FPDF, table: Table, texts: list[list[str]], font_size: float, family: str) -> None:
    """The table across the page width: header row repeated on every page, numbers right-aligned."""
    columns = table.text_columns
    fit = layout(pdf, table, texts, pdf.epw, font_size, family)
    pdf.set_font(family, "", fit.font_size)
    align = tuple("RIGHT" if numbers.is_numeric(c.text_kind) else "LEFT" for c in columns)
    headings = FontFace(emphasis="BOLD", fill_color=HEADER_FILL)
    with pdf.table(
        col_widths=fit.widths,
        line_height=fit.font_size * 0.5,
        headings_style=headings,
        text_align=align,
        padding=(PAD_Y, PAD_X),
    ) as t:
        row = t.row()
        for c, a in zip(columns, align, strict=True):
            row.cell(c.header, align=a)
        for cells in texts:
            row = t.row()
            for text in cells:
                row.cell(text)
