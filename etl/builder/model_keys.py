"""The declared key of every SQL model, and the check that a built snapshot honours it.

Each file under ``sql/staging/`` and ``sql/marts/`` states its key as its FIRST line::

    -- key: kpi_code, agency_code, period, time_window

the columns that are unique together (the grain written in prose just below, as columns) and not null. A
column written with a trailing ``?`` (``resolution_hour?``) may be NULL, and NULL is then a value of its own
("not resolved", "not judged"): it is left out of the not-null check and two NULLs count as equal in the
uniqueness check. The check runs one query per model (rows, distinct keys, rows with a NULL key column), as
dbt's and sqlmesh's unique / not_null audits do; ``python -m etl.builder.model_keys SNAPSHOT.duckdb`` runs it on any
snapshot, read-only.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.builder.sqlrun import PROJECT_ROOT, SqlModel, SqlModelError, discover

_KEY_LINE = re.compile(r"^--[ \t]*key:(.*)$")
_COLUMN = re.compile(r"^([a-z_][a-z0-9_]*)(\??)$")


@dataclass(frozen=True)
class KeyColumn:
    name: str
    nullable: bool = False  # written "name?": NULL is a value of the grain


@dataclass(frozen=True)
class KeyAudit:
    model: str
    path: Path
    rows: int
    distinct: int  # distinct key tuples (NULLs equal)
    null_rows: int  # rows with a NULL in a column not marked "?"

    @property
    def problems(self) -> list[str]:
        found = []
        if self.distinct != self.rows:
            found.append(f"{self.rows - self.distinct} duplicate key(s) in {self.rows} rows")
        if self.null_rows:
            found.append(f"{self.null_rows} row(s) with a NULL key column")
        return found


def model_key(model: SqlModel) -> tuple[KeyColumn, ...]:
    """The key the model's first line declares; an error naming the file when it is missing or malformed."""
    first = model.path.read_text(encoding="utf-8").splitlines()[:1]
    found = _KEY_LINE.match(first[0]) if first else None
    if not found:
        raise SqlModelError(f"{model.path}: the first line must declare the model's key: '-- key: col_a, col_b'")
    columns = [c.strip() for c in found.group(1).split(",")]
    parsed = [_COLUMN.match(c) for c in columns]
    if not columns or not all(parsed):
        raise SqlModelError(f"{model.path}: a key line lists column names, comma-separated: '-- key: col_a, col_b?'")
    key = tuple(KeyColumn(m.group(1), bool(m.group(2))) for m in parsed if m)
    if len({c.name for c in key}) != len(key):
        raise SqlModelError(f"{model.path}: the key names a column twice")
    return key


def keyed_models(sql_dir: Path = PROJECT_ROOT / "sql") -> list[tuple[SqlModel, tuple[KeyColumn, ...]]]:
    """Every staging view and mart table with its key (macros have none)."""
    return [(m, model_key(m)) for m in discover(sql_dir) if m.kind != "macro"]


def audit_query(name: str, key: tuple[KeyColumn, ...]) -> str:
    """One scan: rows, distinct key tuples (a struct, so NULL fields compare equal) and rows with a NULL in
    a column that must not be NULL. Names come from project files (checked by discover), never user input."""
    columns = ", ".join(c.name for c in key)
    strict = [f"{c.name} is null" for c in key if not c.nullable]
    nulls = f"count(*) filter (where {' or '.join(strict)})" if strict else "0"
    return f"select count(*), count(distinct row({columns})), {nulls} from {name}"  # noqa: S608


def audit(con: duckdb.DuckDBPyConnection, model: SqlModel, key: tuple[KeyColumn, ...]) -> KeyAudit:
    try:
        rows, distinct, null_rows = con.execute(audit_query(model.name, key)).fetchone() or (0, 0, 0)
    except duckdb.Error as exc:
        raise SqlModelError(f"{model.path}: the key cannot be checked: {exc}") from exc
    return KeyAudit(model.name, model.path, rows, distinct, null_rows)


def audit_all(con: duckdb.DuckDBPyConnection, sql_dir: Path = PROJECT_ROOT / "sql") -> list[KeyAudit]:
    return [audit(con, m, key) for m, key in keyed_models(sql_dir)]


def main(argv: list[str] | None = None) -> int:
    """Check the keys on the snapshots named (read-only); print one line per model that breaks its key."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m etl.builder.model_keys SNAPSHOT.duckdb [...]", file=sys.stderr)
        return 2
    failed = 0
    for snapshot in args:
        con = duckdb.connect(snapshot, read_only=True)
        try:
            results = audit_all(con)
        finally:
            con.close()
        bad = [r for r in results if r.problems]
        failed += len(bad)
        print(f"{snapshot}: {len(results)} models, {len(bad)} breaking their key")
        for r in bad:
            print(f"  {r.path.relative_to(PROJECT_ROOT)}: {'; '.join(r.problems)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
