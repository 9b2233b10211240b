"""Compare the results of page and report queries before and after a change of sql/, for every parameter
value the store offers.

Used with scripts/compare_stores.py when the SQL is restructured: a query that now selects from a mart must
return what its old text returned. For each named query, the old text (`git show REV:sql/queries/NAME.sql`)
runs on the old snapshot and the current text on the new one, for every combination of its parameters:

    .venv/bin/python scripts/compare_query_results.py OLD_HOME NEW_HOME --base c8261d7 agency_ranking ...

Parameters: $month every published month; $from/$to the whole range and the last month alone; $window month,
quarter, ytd; $group 'all' and each agency group; $agency null and each agency; $kpi each KPI; $task each task; $period
null, the first and the last month; $dataset null and each dataset; $cell null, missing, rejected, late; $today
the last month's first day and the latest due date.
Column names and types must agree; rows are compared as sorted lists of their values (floats to the
letter). Prints one line per query (runs, rows)
and exits 1 when any run differs.
"""

from __future__ import annotations

import argparse
import itertools
import re
import subprocess
import sys
from pathlib import Path

import duckdb

from metrics.snapshot import OFFLINE_CONFIG, current_snapshot
from metrics.warehouse import query_text

ROOT = Path(__file__).resolve().parent.parent


def snapshot_file(arg: str) -> Path:
    path = Path(arg)
    return path if path.is_file() else current_snapshot(path / "snapshots")


def old_text(rev: str, name: str) -> str:
    return subprocess.run(
        ["git", "show", f"{rev}:sql/queries/{name}.sql"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def values(con: duckdb.DuckDBPyConnection) -> dict[str, list[object]]:
    """Every value each parameter takes, read from the (old) snapshot."""
    months = [r[0] for r in con.sql("select distinct period from mart_overall_scores order by 1").fetchall()]
    one = lambda sql: [r[0] for r in con.sql(sql).fetchall()]  # noqa: E731
    return {
        "month": months,
        "range": [(months[0], months[-1]), (months[-1], months[-1])],
        "window": ["month", "quarter", "ytd"],
        "group": ["all", *one("select distinct agency_group from ref_agencies order by 1")],
        "agency": [None, *one("select agency_code from ref_agencies order by 1")],
        "kpi": one("select kpi_code from ref_kpis order by 1"),
        "task": one("select task_code from ref_tasks order by 1"),
        "period": [None, months[0], months[-1]],
        "dataset": [None, *one("select distinct dataset from mart_submission_status order by 1")],
        "cell": [None, "missing", "rejected", "late"],
        "today": [months[-1], *one("select max(due_date) from mart_submission_status")],
    }


def grid(sql: str, domain: dict[str, list[object]]) -> list[dict[str, object]]:
    """Every combination of the parameters the query text names."""
    names = sorted(set(re.findall(r"\$([a-z_]+)", re.sub(r"--[^\n]*", "", sql))))
    axes: list[list[dict[str, object]]] = []
    if "from" in names or "to" in names:
        axes.append([{"from": a, "to": b} for a, b in domain["range"]])  # type: ignore[misc]
    axes += [[{n: v} for v in domain[n]] for n in names if n not in ("from", "to")]
    return [dict(kv for part in combo for kv in part.items()) for combo in itertools.product(*axes)]


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object]) -> list[str]:
    """The result's column names and types, then its rows in sorted order."""
    result = con.sql(sql, params=params)
    return [repr(list(zip(result.columns, map(str, result.types), strict=True)))] + sorted(
        repr(r) for r in result.fetchall()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--base", required=True, help="the revision whose sql/queries texts ran on OLD")
    args = parser.parse_args(argv)
    old = duckdb.connect(str(snapshot_file(args.old)), read_only=True, config=OFFLINE_CONFIG)
    new = duckdb.connect(str(snapshot_file(args.new)), read_only=True, config=OFFLINE_CONFIG)
    domain = values(old)
    failed = False
    for name in args.queries:
        before, after = old_text(args.base, name), query_text(name)
        runs = grid(before, domain)
        total, bad = 0, 0
        for params in runs:
            a, b = rows(old, before, params), rows(new, after, params)
            total += len(a) - 1
            if a != b:
                bad += 1
                if bad <= 3:
                    print(f"  {name} {params}: {len(a)} rows before, {len(b)} after, differ")
        failed |= bad > 0
        print(f"{name}: {len(runs)} runs, {total:,} rows, {bad} runs differ{'  <-- DIFFERS' if bad else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
