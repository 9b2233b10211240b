"""The lineage pictures of docs/data-model.md, generated from the project's files: which relation or macro each
SQL file reads, and which Python module (page, report builder, command) reads each page query.

SQL: a file reads a model, a macro, a ``ref_``/``src_`` table or ``build_info`` when its text (comments and
string literals left out, as etl/builder/sqlrun.py does to order the build) names it as a whole word.

Python: a module reads a query when it passes the query's name as a string (or the start of an f-string) to
one of the functions that run query files (READERS), or calls a method of ``metrics.queries.Queries`` that
does. A page (``dashboard/views/*.py``) is credited with what the dashboard components it imports read,
directly or through other components.

``python -m etl.builder.lineage`` rewrites the block between the markers in docs/data-model.md (``make lineage``);
``--check`` exits 1 when the block is not what the files give now.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from etl.builder.sqlrun import PROJECT_ROOT, SqlModel, mentions

DOC = PROJECT_ROOT / "docs" / "data-model.md"
BEGIN = "<!-- lineage:begin -->"
END = "<!-- lineage:end -->"
SQL_FOLDERS = ("macros", "staging", "marts", "queries")
PYTHON_ROOTS = ("dashboard", "reports", "etl", "metrics")
# Tables the build writes from Python (reference data, sources, the build's own row) that SQL files read.
_EXTERNAL = re.compile(r"^(ref_[a-z0-9_]+|src_[a-z0-9_]+|build_info)$")
# Functions whose argument names a file of sql/queries: Warehouse.query, the dashboard's cached query,
# Queries._run, etl's query_text, and two wrappers that pass the name on.
READERS = frozenset({"query", "_run", "query_text", "_rows", "_ledger_query"})
QUERIES_MODULE = PROJECT_ROOT / "metrics" / "queries.py"
# The report's sibling of Queries (metrics/report_queries.py): its methods are read the same way.
REPORT_QUERIES_MODULE = PROJECT_ROOT / "metrics" / "report_queries.py"
QUERY_CLASSES = {QUERIES_MODULE: "Queries", REPORT_QUERIES_MODULE: "ReportQueries"}
COMPONENTS = "dashboard.components"


@dataclass(frozen=True)
class SqlFile:
    name: str
    folder: str  # one of SQL_FOLDERS
    reads: frozenset[str]  # relations and macros it names


def sql_files(sql_dir: Path = PROJECT_ROOT / "sql") -> list[SqlFile]:
    """Every SQL file with what it reads (a query file may share its name with a relation: build_info)."""
    texts = [(folder, p) for folder in SQL_FOLDERS for p in sorted((sql_dir / folder).glob("*.sql"))]
    defined = {p.stem for folder, p in texts if folder != "queries"}
    files = []
    for folder, path in texts:
        words = mentions(SqlModel(path.stem, folder, path, path.read_text(encoding="utf-8")))
        reads = {w for w in words if w in defined or _EXTERNAL.match(w)}
        reads.discard(path.stem if folder != "queries" else "")
        files.append(SqlFile(path.stem, folder, frozenset(reads)))
    return files


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _named_queries(node: ast.Call, queries: set[str]) -> set[str]:
    """The queries a call to a reader names: a string argument, or the fixed start of an f-string one."""
    found: set[str] = set()
    for arg in node.args:
        if isinstance(arg, ast.Constant) and arg.value in queries:
            found.add(arg.value)
        elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
            prefix = str(arg.values[0].value)
            found |= {q for q in queries if q.startswith(prefix)}
    return found


def direct_reads(tree: ast.AST, queries: set[str], readers: frozenset[str] | None = READERS) -> set[str]:
    """The queries named in calls to a reader (to any function when `readers` is None)."""
    return {
        q
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and (readers is None or _called_name(node) in readers)
        for q in _named_queries(node, queries)
    }


def method_queries(queries: set[str]) -> dict[str, set[str]]:
    """For each method of metrics.queries.Queries, the queries it runs: in that class a query name passed to
    any call is one (its private helpers pass names on)."""
    methods: dict[str, set[str]] = {}
    for module, class_name in QUERY_CLASSES.items():
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for cls in tree.body:
            if isinstance(cls, ast.ClassDef) and cls.name == class_name:
                for fn in cls.body:
                    if isinstance(fn, ast.FunctionDef) and not fn.name.startswith("_"):
                        methods[fn.name] = direct_reads(fn, queries, None)
    return methods


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)


def _imports(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def python_reads(queries: set[str]) -> dict[str, set[str]]:
    """Module path (relative, "dashboard/views/kpi.py") → the queries it reads, pages with their components."""
    methods = method_queries(queries)
    reads: dict[str, set[str]] = {}
    imports: dict[str, set[str]] = {}
    for root in PYTHON_ROOTS:
        for path in sorted((PROJECT_ROOT / root).rglob("*.py")):
            if path in QUERY_CLASSES:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            name = _module_name(path)
            found = direct_reads(tree, queries)
            if root == "dashboard" or {"metrics.queries", "metrics.report_queries"} & _imports(tree):
                for node in ast.walk(tree):
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                        found |= methods.get(node.func.attr, set())
            reads[name] = found
            imports[name] = {m for m in _imports(tree) if m.startswith(COMPONENTS + ".")}
    for page in [n for n in reads if n.startswith("dashboard.views.")]:
        reads[page] = reads[page] | _through_components(page, reads, imports)
    return {n.replace(".", "/") + ".py": q for n, q in reads.items() if q and not n.startswith(COMPONENTS + ".")}


def _through_components(page: str, reads: dict[str, set[str]], imports: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [m for m in imports[page] if m in reads]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += [m for m in imports.get(module, set()) if m in reads]
    return set().union(*(reads[m] for m in seen)) if seen else set()


# Groups, in the order drawn: (key, title).
GROUPS = (
    ("src", "src_* sources (etl/builder/sources.py)"),
    ("ref", "ref_* reference (etl/builder/reference_tables.py: catalog, agencies, ledger)"),
    ("built", "written by etl/builder/publish.py"),
    ("stg", "stg_* staging views (sql/staging)"),
    ("int", "int_* intermediate tables (sql/marts)"),
    ("mart", "mart_* marts (sql/marts)"),
    ("macro", "macros (sql/macros)"),
    ("query", "page queries (sql/queries)"),
    ("page", "pages (dashboard)"),
    ("report", "report builder (reports)"),
    ("command", "command line, build and services (etl)"),
)
MODEL_KINDS = ("stg", "int", "mart")
DATASETS = ("complaints", "participation", "meetings", "rewards", "kpi_progress")
# Where the KPI engine joins the datasets: these and every model built on them are drawn together.
ENGINE = ("int_kpi_measures", "int_kpi_reported")
_GROUP_READERS = (
    ("report", "the report builder (reports/)"),
    ("command", "the command line, the build and services (etl/)"),
)


@dataclass(frozen=True)
class Graph:
    reads: dict[str, frozenset[str]]  # node id → the node ids it reads
    kind: dict[str, str]  # node id → group key
    label: dict[str, str]


def _model_kind(f: SqlFile) -> str:
    """stg, int or mart by the name's prefix; a model named otherwise goes with its folder's layer."""
    prefix = f.name.split("_", 1)[0]
    return prefix if prefix in MODEL_KINDS else {"staging": "stg"}.get(f.folder, "mart")


def graph(sql_dir: Path = PROJECT_ROOT / "sql") -> Graph:
    files = sql_files(sql_dir)
    reads: dict[str, frozenset[str]] = {}
    kind: dict[str, str] = {}
    label: dict[str, str] = {}
    for f in files:
        node = f"q_{f.name}" if f.folder == "queries" else f.name
        reads[node], label[node] = f.reads, f.name
        kind[node] = {"queries": "query", "macros": "macro"}.get(f.folder) or _model_kind(f)
        for r in f.reads - kind.keys():
            kind.setdefault(r, r.split("_", 1)[0] if r[:4] in ("ref_", "src_") else "built")
    for module, queries in python_reads({f.name for f in files if f.folder == "queries"}).items():
        node = "py_" + re.sub(r"[^a-z0-9]", "_", module.removesuffix(".py").lower())
        reads[node], label[node] = frozenset(f"q_{q}" for q in queries), module
        kind[node] = (
            "page" if module.startswith("dashboard/") else "report" if module.startswith("reports/") else "command"
        )
    for node in kind.keys() - reads.keys():
        reads[node], label[node] = frozenset(), node
    return Graph(reads, kind, label)


def _closure(g: Graph, start: Iterable[str], down: bool) -> set[str]:
    """`start` and every node it reads (down=False) or that reads it (down=True), directly or not."""
    readers = {n: {m for m in g.reads if n in g.reads[m]} for n in g.reads} if down else g.reads
    found: set[str] = set()
    todo = list(start)
    while todo:
        n = todo.pop()
        if n not in found:
            found.add(n)
            todo += readers[n]
    return found


def _macros_read(g: Graph, nodes: set[str]) -> set[str]:
    """The macros `nodes` read, and the macros those read (a macro reads tables and other macros)."""
    found: set[str] = set()
    todo = [r for n in nodes for r in g.reads[n] if g.kind[r] == "macro"]
    while todo:
        m = todo.pop()
        if m not in found:
            found.add(m)
            todo += [r for r in g.reads[m] if g.kind[r] == "macro"]
    return found


def _node(g: Graph, n: str) -> str:
    if g.kind[n] == "macro":
        return f"{n}{{{{{g.label[n]}}}}}"
    return n if g.label[n] == n else f'{n}["{g.label[n]}"]'


def picture(g: Graph, title: str, targets: set[str], *, outputs: bool = False, one_ref: bool = False) -> list[str]:
    """`targets` and the macros they use, with what they read (and, with `outputs`, the models that read
    them), grouped by layer.
    With `one_ref`, the ref_* tables are one node (the build pictures name them)."""

    def name(n: str) -> str:
        return "ref_tables" if one_ref and g.kind[n] == "ref" else n

    targets = targets | _macros_read(g, targets)
    edges = {(name(r), t) for t in targets for r in g.reads[t]}
    if outputs:
        edges |= {
            (t, o) for o in g.reads if g.kind[o] in MODEL_KINDS and o not in targets for t in g.reads[o] & targets
        }
    nodes = {name(n) for n in targets} | {n for e in edges for n in e}
    # The one ref_* node stands alone: in a subgraph of its own, its many edges make the layout overlap.
    lines = ['  ref_tables["ref_* tables"]'] if "ref_tables" in nodes else []
    for key, group_title in GROUPS:
        mine = sorted(_node(g, n) for n in nodes if n in g.kind and g.kind[n] == key)
        if mine:
            lines += [f'  subgraph g_{key}["{group_title}"]', *(f"    {n}" for n in mine), "  end"]
    lines += [f"  {a} --> {b}" for a, b in sorted(edges)]
    return [f"**{title}**", "", "```mermaid", "flowchart LR", *lines, "```", ""]


def overview(g: Graph) -> list[str]:
    """One node per layer: how many files it has and how many reads go from one layer to the next."""
    count = {key: sum(1 for n in g.kind if g.kind[n] == key) for key, _ in GROUPS}
    links: dict[tuple[str, str], int] = {}
    for n, reads in g.reads.items():
        for r in reads:
            links[(g.kind[r], g.kind[n])] = links.get((g.kind[r], g.kind[n]), 0) + 1
    lines = [f'  {key}["{title}: {count[key]}"]' for key, title in GROUPS if count[key]]
    lines += [f"  {a} -->|{links[(a, b)]}| {b}" for a, b in sorted(links) if a != b]
    return [
        "**Overview: the layers, how many relations or files each has, and how many reads link them**",
        "",
        "```mermaid",
        "flowchart LR",
        *lines,
        "```",
        "",
    ]


def pictures(g: Graph) -> list[str]:
    models = {n for n in g.reads if g.kind[n] in MODEL_KINDS}
    engine = _closure(g, ENGINE, down=True) & models
    from_sources = {d: _closure(g, [f"src_{d}"], down=True) & models for d in DATASETS}
    out = overview(g)
    shared = models - set().union(*from_sources.values())
    out += picture(
        g, "Shared steps: calendar, submissions, agencies, windows, KPI filters and targets", shared, outputs=True
    )
    for d in DATASETS:
        out += picture(g, f"Dataset {d}: from src_{d} to the KPI engine", from_sources[d] - engine, outputs=True)
    out += picture(g, "KPI engine and scores: values, targets, achievement, status, roll-ups", engine, outputs=True)
    pages = sorted(n for n in g.reads if g.kind[n] == "page")
    readers = [(f"Read by the page {g.label[n]}", {n}) for n in pages]
    readers += [(f"Read by {t}", {n for n in g.reads if g.kind[n] == k}) for k, t in _GROUP_READERS]
    for title, group in readers:
        queries = set().union(*(g.reads[n] for n in group))
        out += picture(g, f"{title}: its page queries and what they read", group | queries, one_ref=True)
    return out


def generate(sql_dir: Path = PROJECT_ROOT / "sql") -> str:
    note = "<!-- generated by `make lineage` (python -m etl.builder.lineage) from sql/ and the Python: do not edit -->"
    return "\n".join([BEGIN, note, "", *pictures(graph(sql_dir)), END])


def doc_block(text: str) -> str:
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{DOC}: the lineage markers are missing ({BEGIN} … {END})")
    return text[start : end + len(END)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = DOC.read_text(encoding="utf-8")
    current, fresh = doc_block(text), generate()
    if "--check" in args:
        if current != fresh:
            print(f"{DOC} lineage picture is out of date: run `make lineage`", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text.replace(current, fresh), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
