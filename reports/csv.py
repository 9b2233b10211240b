"""CSV for analysts: one file per report table, UTF-8 with a BOM (so Excel opens Korean correctly), raw
values (numbers exact, a whole number as an integer: reports.numbers.exact_text; dates ISO), units in the
report's language, text neutralised against formulas. The same report gives the same bytes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from metrics.display import unit_label
from metrics.safe import neutralise
from reports.model import Report
from reports.numbers import exact_text
from reports.table_cells import Table, status_word
from reports.tables import all_tables


def table_csv(table: Table, lang: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(c.header) for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(row.get(c.key), c.text_kind, lang) for c in table.columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object, kind: str, lang: str) -> str:
    if value is None:
        return ""
    if kind == "status":
        return neutralise(status_word(str(value), lang) or "")
    if kind == "unit":
        return neutralise(unit_label(str(value), lang))
    if isinstance(value, str):
        return neutralise(value)
    return exact_text(value)


def write_csv(report: Report, out_dir: Path) -> list[Path]:
    """One `<slug>-<table>.csv` per table; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in all_tables(report):
        path = out_dir / f"{report.options.slug}-{table.key}.csv"
        path.write_bytes(table_csv(table, report.lang))
        paths.append(path)
    return paths
