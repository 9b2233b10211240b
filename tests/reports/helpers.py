"""Helpers for the report tests."""

from __future__ import annotations

import duckdb


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    """All rows of a query on the marts (drained, so the connection is free for the next one)."""
    return con.execute(sql, list(params)).fetchall()


def slide_texts(slide) -> str:  # noqa: ANN001
    """All text of a PPTX slide: its text frames and its table cells."""
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)
