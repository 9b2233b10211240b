"""The shape of the code, read from the files: test module names used once, no module over 400 lines, no import
cycle, imports that only go down the layers (docs/decisions.md §36), and every name imported from the module that
writes it, never through a facade (§41).

Test modules share one namespace (the test folders are not packages): two files of one name would stop the
whole suite at collection, so each name is used once."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from metrics.settings import PROJECT_ROOT

CODE = ("metrics", "etl", "reports", "dashboard", "bench", "scripts")
MAX_LINES = 400

# Lower number, lower layer: a module may import its own layer (without a cycle) and the layers below it.
LAYERS = {
    "metrics": 0,  # the core: settings, clock, catalog, reference, snapshot, warehouse, queries, number rules
    "etl.access": 1,  # who acts and what each role may do: pure rules, no I/O
    "etl.ledger": 2,  # the system of record: every ledger table, the archive, the store handle
    "etl.ingest": 3,
    "etl.builder": 3,
    "etl.governance": 3,
    "reports": 4,  # read the published snapshot through metrics; nothing of the ledger
    "etl.alerts": 5,  # the mailed report builds on reports
    "etl.demo": 6,  # demo generation, apart: only the CLI and the tools above it use it
    "dashboard": 6,
    "etl.cli": 7,  # the composition root: the `govdash` command may import everything
    "etl": 7,  # the package itself (empty)
    "bench": 8,
    "scripts": 8,
}


def _modules() -> dict[str, Path]:
    found = {}
    for top in CODE:
        for path in sorted((PROJECT_ROOT / top).rglob("*.py")):
            parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an import names (the longest prefix that is one), or None for a library."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    """Every project module this one imports, at the top or inside a function (both make a dependency)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            named.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in map(_resolve, named) if m and m != module}


GRAPH = {module: imports_of(module) for module in MODULES}


def layer(module: str) -> int:
    prefix = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[prefix]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while (w := stack.pop()) != v:
                component.append(w)
            if component:
                found.append(sorted([v, *component]))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_test_module_name_is_used_once():
    names = Counter(path.name for path in (PROJECT_ROOT / "tests").rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []


def test_no_module_outside_tests_is_over_400_lines():
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in sizes.items() if n > MAX_LINES} == {}


def test_the_import_reader_sees_every_kind_of_import():
    # a top-level import, a name from a package, and an import inside a function all count
    assert "etl.ledger" in GRAPH["etl.ledger.store"]
    assert "etl.builder.publish" in GRAPH["etl.cli.main"]
    assert all(layer(m) >= 0 for m in MODULES)


def test_the_cycle_finder_finds_a_cycle_through_three_modules():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycle():
    assert cycles(GRAPH) == []


def test_no_cycle_between_the_etl_packages():
    # ingest, builder and governance share a layer: one may use another, but not both ways
    package = {m: ".".join(m.split(".")[:2]) for m in MODULES}
    graph: dict[str, set[str]] = {p: set() for p in package.values()}
    for m, deps in GRAPH.items():
        graph[package[m]] |= {package[d] for d in deps if package[d] != package[m]}
    assert cycles(graph) == []


def test_imports_go_down_the_layers():
    upward = sorted(f"{m} → {d}" for m, deps in GRAPH.items() for d in deps if layer(d) > layer(m))
    assert upward == []


def test_only_the_cli_and_the_tools_use_the_demo_generator():
    users = {m for m, deps in GRAPH.items() for d in deps if d.startswith("etl.demo") and not m.startswith("etl.demo")}
    assert {m for m in users if layer(m) < LAYERS["etl.cli"]} == set()


def written_names(tree: ast.Module) -> set[str]:
    """The names a module writes at its top level (functions, classes, assignments, also under if/try), not the
    names it imports."""
    names: set[str] = set()
    blocks = [tree.body]
    while blocks:
        for node in blocks.pop():
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
            elif isinstance(node, ast.If | ast.Try):
                blocks += [node.body, node.orelse, *[h.body for h in getattr(node, "handlers", [])]]
    return names


def borrowed(tree: ast.Module) -> list[str]:
    """`from a.b import x` where the project module a.b does not write x (it imports x from elsewhere): the
    importer should name the module that does. A name that is a submodule (`from etl import ledger`) is fine."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in MODULES and not node.level:
            written = WRITTEN.setdefault(node.module, written_names(ast.parse(MODULES[node.module].read_text())))
            found += [
                f"{node.module}.{a.name}"
                for a in node.names
                if a.name not in written and f"{node.module}.{a.name}" not in MODULES
            ]
    return found


WRITTEN: dict[str, set[str]] = {}


def test_the_borrow_finder_sees_a_name_imported_through_another_module():
    # etl.governance.accounts imports Account from the ledger: importing it from accounts borrows it
    source = "from etl.governance.accounts import Account, add_user\nfrom etl import ledger\n"
    assert borrowed(ast.parse(source)) == ["etl.governance.accounts.Account"]


def test_every_name_is_imported_from_the_module_that_writes_it():
    paths = [*MODULES.values(), *(PROJECT_ROOT / "tests").rglob("*.py")]
    found = {str(p.relative_to(PROJECT_ROOT)): b for p in paths if (b := borrowed(ast.parse(p.read_text())))}
    assert found == {}
