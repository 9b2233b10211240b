"""Where a build spends its time: `python -m bench.profile_build [GOVDASH_HOME]`.

Runs the steps of etl.build on the store into a scratch DuckDB file (nothing is published) and prints the
time of each step and of each SQL model (a view's time is only its creation; its cost falls on whatever
reads it), slowest first.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import duckdb

from etl import build as b
from etl import ledger
from etl.sqlrun import discover, run_order
from etl.store import open_store
from metrics.kst import now_kst
from metrics.settings import PROJECT_ROOT, get_settings
from metrics.snapshot import OFFLINE_CONFIG


def main() -> None:
    settings = get_settings()
    if len(sys.argv) > 1:
        from dataclasses import replace

        settings = replace(
            settings,
            home=Path(sys.argv[1]).resolve(),
            database_url=f"sqlite:///{Path(sys.argv[1]).resolve() / 'ledger.sqlite'}",
        )
    store = open_store(settings)
    times: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "profile.duckdb"), config=dict(OFFLINE_CONFIG))
        t = time.perf_counter()
        with store.session() as session:
            rows = ledger.all_submissions(session)
        times.append(("step: read the ledger", time.perf_counter() - t))
        built_at = now_kst()
        as_of = b.ref.latest_period(rows)
        t = time.perf_counter()
        b._load_reference(con, store, rows, as_of, built_at)
        times.append(("step: reference tables", time.perf_counter() - t))
        t = time.perf_counter()
        b._load_sources(con, settings.archive_dir, [r for r in rows if r.status == ledger.ACCEPTED])
        times.append(("step: source tables from the archive's Parquet", time.perf_counter() - t))
        for m in run_order(discover(PROJECT_ROOT / "sql")):
            t = time.perf_counter()
            con.execute(f"create or replace {m.kind} {m.name} as\n{m.sql}")
            times.append((f"{m.kind}: {m.name}", time.perf_counter() - t))
        t = time.perf_counter()
        con.execute("checkpoint")
        times.append(("step: checkpoint", time.perf_counter() - t))
        con.close()
    total = sum(s for _, s in times)
    print(f"total {total:.2f} s")
    for name, s in sorted(times, key=lambda x: -x[1]):
        if s >= 0.01:
            print(f"{s:8.2f} s  {s / total:5.1%}  {name}")


if __name__ == "__main__":
    main()
