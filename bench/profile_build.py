"""Where a build spends its time: `python -m bench.profile_build [GOVDASH_HOME] [--full]`.

Runs the steps of etl.builder.publish on the store into a scratch DuckDB file (nothing is published) and prints the
time of each step and of each SQL model, wall-clock and CPU (user + system of all threads; the steadier
figure on a shared machine), slowest first (a view's time is only its creation; its cost falls on whatever
reads it). Without --full it starts from the published snapshot when etl.builder.publish would
(etl/builder/incremental.py), so it shows what a build after a re-submission costs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb

from etl import ledger
from etl.builder import incremental, sources
from etl.builder import publish as b
from etl.builder import reference_tables as ref
from etl.builder.sqlrun import RECOMPUTED_MONTHS, _execute, _recompute, discover, run_order
from etl.ledger.store import open_store
from metrics.clock import now_kst
from metrics.settings import PROJECT_ROOT, get_settings
from metrics.snapshot import OFFLINE_CONFIG


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("home", nargs="?", type=Path, default=None)
    p.add_argument("--full", action="store_true", help="build everything from the archive")
    a = p.parse_args()
    settings = get_settings()
    if a.home:
        home = a.home.resolve()
        settings = replace(settings, home=home, database_url=f"sqlite:///{home / 'ledger.sqlite'}")
    store = open_store(settings)
    times: list[tuple[str, float, float]] = []

    def timed(name: str, step: Callable[[], Any]) -> Any:
        t, c = time.perf_counter(), time.process_time()
        result = step()
        times.append((name, time.perf_counter() - t, time.process_time() - c))
        return result

    archive_dir = settings.archive_dir
    with tempfile.TemporaryDirectory(dir=settings.snapshot_dir.parent) as tmp_dir:
        tmp = Path(tmp_dir) / "profile.duckdb"
        rows = timed("step: read the ledger", lambda: _ledger(store))
        active = [r for r in rows if r.status == ledger.ACCEPTED]
        built_at = now_kst()
        as_of = ref.latest_period(rows)
        reference = timed("step: reference frames", lambda: b._reference_frames(store, rows, as_of, built_at))
        key = timed("step: digests", lambda: incremental.digests(reference))
        reuse = None if a.full else timed("step: plan", lambda: incremental.plan(settings.snapshot_dir, active, key))
        con = None
        if reuse:
            con = timed("step: copy the previous snapshot", lambda: incremental.start(reuse, tmp, active))
        if con is None:
            reuse = None
            con = duckdb.connect(str(tmp), config=dict(OFFLINE_CONFIG))
        for name, frame in reference.items():
            timed(f"reference: {name}", lambda n=name, f=frame: b._create(con, n, f))
        if reuse:
            print(
                f"starting from {reuse.build_id}: {len(reuse.kept)} submissions kept, {len(reuse.added)} added, "
                f"months recomputed: {sorted(str(m) for m in reuse.changed_months) if reuse.keep_months else 'all'}"
            )
            timed("step: rows of the new submissions", lambda: incremental.add(con, archive_dir, reuse))
        else:
            print("full build")
            for d in sources.TABLE_DATASETS:
                found = sources.files(active, d, archive_dir)
                timed(f"source table: src_{d}", lambda d=d, f=found: sources.create_table(con, d, f))
        for d in sources.VIEW_DATASETS:
            found = sources.files(active, d, archive_dir)
            timed(f"source view: src_{d}", lambda d=d, f=found: sources.create_view(con, d, f))
        for m in run_order(discover(PROJECT_ROOT / "sql")):
            if reuse and m.per_submission or reuse and reuse.keep_months and m.name == RECOMPUTED_MONTHS:
                continue
            if reuse and reuse.keep_months and m.by_month:
                timed(f"{m.kind} (changed months): {m.name}", lambda m=m: _recompute(con, m))
            else:
                timed(f"{m.kind}: {m.name}", lambda m=m: _execute(con, m, m.create_statement()))
        timed("step: checkpoint", lambda: con.execute("checkpoint"))
        con.close()
        print(f"snapshot file: {tmp.stat().st_size / 2**20:.0f} MiB")
    total, cpu = sum(s for _, s, _ in times), sum(c for _, _, c in times)
    print(f"total {total:.2f} s, CPU {cpu:.2f} s")
    print(f"{'wall':>10} {'share':>6} {'CPU':>9}")
    for name, s, c in sorted(times, key=lambda x: -x[1]):
        if s >= 0.01:
            print(f"{s:8.2f} s  {s / total:5.1%}  {c:6.2f} s  {name}")


def _ledger(store: Any) -> list[ledger.Submission]:
    with store.session() as session:
        return ledger.all_submissions(session)


if __name__ == "__main__":
    main()
