"""Run the SQL models of sql/ in dependency order: staging as views (or tables, when the file's header says
``-- materialized: table``), marts as tables.

Two more materializations let a build start from the previous snapshot (etl/builder/incremental.py):

- ``-- materialized: table per submission``: every row belongs to one submission (a ``submission_id`` column)
  and is a pure function of that submission's rows and of the reference data. A build may keep the rows of
  the submissions still active and add only the new ones' (``add_submission_rows``); ``run_sql_models`` then
  leaves the table as it is (``keep_submission_tables``).
- ``-- materialized: table recomputed by month``: every row belongs to a month (``period``) and, when the
  table has a ``time_window`` column, to a window of it (int_period_windows); it depends only on the data of
  the month, or of the window's months. A build may keep the rows of the months whose data did not change and
  recompute the others, the months listed in ``int_recomputed_months`` (``recompute_by_month``). The model's
  SQL computes the rows of the windows that contain a listed month, which in a full build is every month.

Each file under ``sql/staging/`` and ``sql/marts/`` holds one SELECT statement; its stem is the name of the
relation it builds (``sql/marts/mart_kpi_national_month.sql`` builds ``mart_kpi_national_month``). A file
under ``sql/macros/`` holds the SELECT of a table macro named by its stem, with a ``-- parameters: a, b``
header line, or, with a ``-- kind: scalar`` header line, the expression of a scalar macro (its parameter list
may then be empty); the macros are kept in the snapshot, so page queries use them too (a step written once,
used by marts and queries alike). A file
depends on another when its text (comments and string literals left out) mentions the other's relation
name as a whole word. Files run in a topological order of those dependencies (ties in name order, staging
before marts), so the order is the same on every machine. A cycle is an error that names the files in it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LAYERS = (("macros", "macro"), ("staging", "view"), ("marts", "table"))
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# A staging model that many relations (and page queries) read can ask to be a table, computed once per build.
_AS_TABLE = re.compile(r"^--\s*materialized:\s*table\b", re.MULTILINE)
_PER_SUBMISSION = re.compile(r"^--\s*materialized:\s*table per submission\s*$", re.MULTILINE)
_PARAMETERS = re.compile(
    r"^--[ \t]*parameters:[ \t]*([a-z_][a-z0-9_]*(?:[ \t]*,[ \t]*[a-z_][a-z0-9_]*)*)?[ \t]*$", re.MULTILINE
)
# A macro file whose body is an expression (a scalar macro) rather than a SELECT (a table macro).
_SCALAR = re.compile(r"^--\s*kind:\s*scalar\s*$", re.MULTILINE)
_BY_MONTH = re.compile(r"^--\s*materialized:\s*table recomputed by month\s*$", re.MULTILINE)
RECOMPUTED_MONTHS = "int_recomputed_months"
# The rows of a table recomputed by month that a build replaces: those of a listed month, or of a window that
# holds one. `{t}` is the table (or query) whose rows are tested. Fixed text, no user input.
_MONTH_ROWS = "{t}.period in (select period from int_recomputed_months)"
_WINDOW_ROWS = (
    "exists (select 1 from int_period_windows as w "  # noqa: S608
    "inner join int_recomputed_months as r on r.period = w.member_period "
    "where w.period = {t}.period and w.time_window = {t}.time_window)"
)
# Single-quoted literals ('' escapes a quote), line comments and block comments.
_NOISE = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.DOTALL)


class SqlModelError(ValueError):
    """A sql/ folder that cannot be run: a bad file name, a duplicate relation or a dependency cycle."""


@dataclass(frozen=True)
class SqlModel:
    name: str
    kind: str  # "macro", "view" or "table"
    path: Path
    sql: str
    per_submission: bool = False  # rows keyed by submission_id, kept across builds (see the module doc)
    by_month: bool = False  # rows keyed by month (and window), recomputed for the changed months only
    parameters: str = ""  # a macro's, as written in its header ("a, b")
    scalar: bool = False  # a macro whose body is an expression

    def create_statement(self) -> str:
        """The statement that creates the relation (or macro) from scratch."""
        if self.kind == "macro":
            table = "" if self.scalar else " table"
            return f"create or replace macro {self.name}({self.parameters}) as{table}\n{self.sql}"
        return f"create or replace {self.kind} {self.name} as\n{self.sql}"


def discover(sql_dir: Path) -> list[SqlModel]:
    """Every model file of sql_dir, checked for a usable relation name and uniqueness."""
    models: list[SqlModel] = []
    seen: dict[str, Path] = {}
    for layer, layer_kind in LAYERS:
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
            per_submission, by_month = bool(_PER_SUBMISSION.search(sql)), bool(_BY_MONTH.search(sql))
            if (per_submission or by_month) and layer_kind != "table":
                raise SqlModelError(f"{path}: a table per submission or by month belongs in sql/marts")
            kind = "table" if layer_kind == "view" and _AS_TABLE.search(sql) else layer_kind
            scalar = kind == "macro" and bool(_SCALAR.search(sql))
            parameters = _parameters(path, sql, kind, scalar)
            models.append(SqlModel(name, kind, path, sql, per_submission, by_month, parameters, scalar))
    return models


def _parameters(path: Path, sql: str, kind: str, scalar: bool) -> str:
    if kind != "macro":
        return ""
    found = _PARAMETERS.search(sql)
    if not found or not (found.group(1) or scalar):
        raise SqlModelError(f"{path}: a macro file needs a header line '-- parameters: a, b'")
    return ", ".join(p.strip() for p in (found.group(1) or "").split(",") if p.strip())


def mentions(model: SqlModel) -> set[str]:
    """Every name-like word of the model's SQL, comments and string literals left out."""
    return set(re.findall(r"\b[a-z][a-z0-9_]*\b", _NOISE.sub(" ", model.sql).lower()))


def dependencies(models: list[SqlModel]) -> dict[str, set[str]]:
    """For each model, the other models whose relation name its SQL mentions as a whole word."""
    names = {m.name for m in models}
    return {m.name: (mentions(m) & names) - {m.name} for m in models}


def run_order(models: list[SqlModel]) -> list[SqlModel]:
    """Topological order (Kahn); among ready models, macros before staging before marts, then by name."""
    deps = dependencies(models)
    by_name = {m.name: m for m in models}
    rank = {m.name: ({"macro": 0, "view": 1}.get(m.kind, 2), m.name) for m in models}
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


def run_sql_models(
    con: duckdb.DuckDBPyConnection,
    sql_dir: Path = PROJECT_ROOT / "sql",
    *,
    keep_submission_tables: bool = False,
    recompute_by_month: bool = False,
) -> list[str]:
    """Create every staging view and mart table of sql_dir in `con`; return the relation names in run order.

    With `keep_submission_tables`, the tables per submission already hold their rows (add_submission_rows)
    and are left as they are. With `recompute_by_month`, the tables recomputed by month hold the previous
    build's rows and the caller has written int_recomputed_months: only the rows of those months change."""
    ordered = run_order(discover(sql_dir))
    for m in ordered:
        if m.per_submission and keep_submission_tables:
            continue
        if recompute_by_month and m.name == RECOMPUTED_MONTHS:
            continue
        if m.by_month and recompute_by_month:
            _recompute(con, m)
        else:
            _execute(con, m, m.create_statement())
    return [m.name for m in ordered]


def _recompute(con: duckdb.DuckDBPyConnection, m: SqlModel) -> None:
    """Replace the rows of the recomputed months (or of their windows) of a table recomputed by month."""
    columns = {c for (c, *_) in con.execute(f"describe {m.name}").fetchall()}
    rows = _WINDOW_ROWS if "time_window" in columns else _MONTH_ROWS
    _execute(con, m, f"delete from {m.name} where {rows.format(t=m.name)}")  # noqa: S608 (project text only)
    insert = f"insert into {m.name} by name\nselect * from (\n{m.sql}\n) as n where {rows.format(t='n')}"  # noqa: S608
    _execute(con, m, insert)


def models_of(kind: str, sql_dir: Path = PROJECT_ROOT / "sql") -> list[SqlModel]:
    """The models of a kind ("per_submission" or "by_month") and every model they read, directly or not, in
    run order: what their rows depend on besides the reference tables."""
    ordered = run_order(discover(sql_dir))
    deps = dependencies(ordered)
    needed = {m.name for m in ordered if getattr(m, kind)}
    for m in reversed(ordered):
        if m.name in needed:
            needed |= deps[m.name]
    return [m for m in ordered if m.name in needed]


def submission_models(sql_dir: Path = PROJECT_ROOT / "sql") -> list[SqlModel]:
    """The tables per submission, and the views they read (directly or through other views), in run order."""
    return models_of("per_submission", sql_dir)


def add_submission_rows(con: duckdb.DuckDBPyConnection, sql_dir: Path = PROJECT_ROOT / "sql") -> None:
    """Append to each table per submission the rows its SQL gives now. The caller makes the source tables
    hold only the submissions to add while this runs; the views on the way are created as they are."""
    for m in submission_models(sql_dir):
        if m.per_submission:
            _execute(con, m, f"insert into {m.name} by name\n{m.sql}")
        elif m.kind in ("view", "macro"):
            _execute(con, m, m.create_statement())
        else:
            raise SqlModelError(f"{m.path}: a table per submission may read views and reference tables only")


def _execute(con: duckdb.DuckDBPyConnection, m: SqlModel, statement: str) -> None:
    # The name matched _NAME above and the body is a project file, never user input.
    try:
        if m.per_submission:
            # Its rows have no order that means anything: let DuckDB write them from every thread.
            con.execute("set preserve_insertion_order = false")
        con.execute(statement)
    except duckdb.Error as exc:
        raise SqlModelError(f"{m.path}: {exc}") from exc
    finally:
        if m.per_submission:
            con.execute("reset preserve_insertion_order")


def sql_digest(sql_dir: Path = PROJECT_ROOT / "sql") -> str:
    """SHA-256 of every model and macro file of sql_dir (names and text): what a snapshot's tables are built by.
    A published snapshot whose build_info holds another digest was built by other SQL (an older version)."""
    h = hashlib.sha256()
    for m in discover(sql_dir):
        h.update(f"{m.kind} {m.name}\n{m.sql}\n".encode())
    return h.hexdigest()
