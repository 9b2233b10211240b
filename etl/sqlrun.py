"""Run the SQL models of sql/ in dependency order: staging as views (or tables, when the file's header says
``-- materialized: table``), marts as tables.

Each file under ``sql/staging/`` and ``sql/marts/`` holds one SELECT statement; its stem is the name of the
relation it builds (``sql/marts/mart_kpi_national_month.sql`` builds ``mart_kpi_national_month``). A file
depends on another when its text (comments and string literals left out) mentions the other's relation
name as a whole word. Files run in a topological order of those dependencies (ties in name order, staging
before marts), so the order is the same on every machine. A cycle is an error that names the files in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LAYERS = (("staging", "view"), ("marts", "table"))
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# A staging model that many relations (and page queries) read can ask to be a table, computed once per build.
_AS_TABLE = re.compile(r"^--\s*materialized:\s*table\b", re.MULTILINE)
# Single-quoted literals ('' escapes a quote), line comments and block comments.
_NOISE = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.DOTALL)


class SqlModelError(ValueError):
    """A sql/ folder that cannot be run: a bad file name, a duplicate relation or a dependency cycle."""


@dataclass(frozen=True)
class SqlModel:
    name: str
    kind: str  # "view" or "table"
    path: Path
    sql: str


def discover(sql_dir: Path) -> list[SqlModel]:
    """Every model file of sql_dir, checked for a usable relation name and uniqueness."""
    models: list[SqlModel] = []
    seen: dict[str, Path] = {}
    for layer, kind in LAYERS:
        for path in sorted((sql_dir / layer).glob("*.sql")):
            name = path.stem
            if not _NAME.match(name):
                raise SqlModelError(f"{path}: a model file name must match {_NAME.pattern} (it names the relation)")
            if name in seen:
                raise SqlModelError(f"{path}: relation '{name}' is already built by {seen[name]}")
            seen[name] = path
            sql = path.read_text(encoding="utf-8").strip().rstrip(";").strip()
            if not sql:
                raise SqlModelError(f"{path}: the file is empty")
            models.append(SqlModel(name, "table" if _AS_TABLE.search(sql) else kind, path, sql))
    return models


def dependencies(models: list[SqlModel]) -> dict[str, set[str]]:
    """For each model, the other models whose relation name its SQL mentions as a whole word."""
    names = {m.name for m in models}
    deps: dict[str, set[str]] = {}
    for m in models:
        words = set(re.findall(r"\b[a-z][a-z0-9_]*\b", _NOISE.sub(" ", m.sql).lower()))
        deps[m.name] = (words & names) - {m.name}
    return deps


def run_order(models: list[SqlModel]) -> list[SqlModel]:
    """Topological order (Kahn); among ready models, staging before marts, then by name."""
    deps = dependencies(models)
    by_name = {m.name: m for m in models}
    rank = {m.name: (0 if m.kind == "view" else 1, m.name) for m in models}
    pending = {name: set(d) for name, d in deps.items()}
    ordered: list[SqlModel] = []
    while pending:
        ready = sorted((n for n, d in pending.items() if not d), key=rank.__getitem__)
        if not ready:
            raise SqlModelError("dependency cycle among sql files: " + _describe_cycle(pending, by_name))
        name = ready[0]
        ordered.append(by_name[name])
        del pending[name]
        for d in pending.values():
            d.discard(name)
    return ordered


def _describe_cycle(pending: dict[str, set[str]], by_name: dict[str, SqlModel]) -> str:
    """Follow dependencies from a blocked model until one repeats: that loop is a cycle."""
    path = [min(pending)]
    while True:
        nxt = min(pending[path[-1]])
        if nxt in path:
            loop = path[path.index(nxt) :] + [nxt]
            return " -> ".join(str(by_name[n].path) for n in loop)
        path.append(nxt)


def run_sql_models(con: duckdb.DuckDBPyConnection, sql_dir: Path = PROJECT_ROOT / "sql") -> list[str]:
    """Create every staging view and mart table of sql_dir in `con`; return the relation names in run order."""
    ordered = run_order(discover(sql_dir))
    for m in ordered:
        # The name matched _NAME above and the body is a project file, never user input.
        statement = f"create or replace {m.kind} {m.name} as\n{m.sql}"
        try:
            con.execute(statement)
        except duckdb.Error as exc:
            raise SqlModelError(f"{m.path}: {exc}") from exc
    return [m.name for m in ordered]
