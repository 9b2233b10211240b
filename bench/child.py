"""One measured task in its own process: `python -m bench.child TASK ARGS.json`. Prints one JSON line.

A task runs in a fresh process so that its peak memory (VmHWM, reported at its end) is its own, and
its time is measured here around the work only, not the interpreter's start or the imports.
"""

from __future__ import annotations

import json
import math
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.meeting import task_meeting, task_meeting_viewers  # noqa: F401 (tasks dispatched by name)

MART_COLUMNS = (
    "agency_code, period, complaint_type, received, resolved, pending, transferred, withdrawn, outreach, "
    "median_days, p90_days"
)
# The complaint statistics per agency (or 'ALL') × month × complaint type (or 'ALL'), as the build computes
# them (mart_complaint_windows: the monthly window of each agency's and the nation's total and types).
MART_ROWS = (
    "select scope as agency_code, period, case when dimension = 'total' then 'ALL' else key end as complaint_type, * "
    "from mart_complaint_windows where time_window = 'month' and dimension in ('total', 'type') "
    "and scope not in ('central', 'local')"
)


def _norm(row: tuple) -> tuple:
    out = []
    for v in row:
        if hasattr(v, "item"):  # numpy scalars from pandas
            v = v.item()
        if isinstance(v, float) and math.isnan(v):
            v = None
        if isinstance(v, date):
            v = v.isoformat()[:10]
        out.append(v)
    return tuple(out)


def _mart_rows(snapshot_dir: Path) -> list[tuple]:
    from metrics.snapshot import connect_readonly, current_snapshot

    con = connect_readonly(current_snapshot(snapshot_dir))
    try:
        return [_norm(r) for r in con.sql(f"select {MART_COLUMNS} from ({MART_ROWS})").fetchall()]  # noqa: S608
    finally:
        con.close()


def _same(a: tuple, b: tuple) -> bool:
    """Counts equal; days equal to 1e-9 (a floating-point sum in another order differs in the last bits)."""
    if a is None or b is None:
        return a is b
    for x, y in zip(a, b, strict=True):
        if isinstance(x, float) and isinstance(y, float):
            if not math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9):
                return False
        elif x != y:
            return False
    return True


def _compare(found: list[tuple], snapshot_dir: Path) -> dict[str, Any]:
    mart = {r[:3]: r[3:] for r in _mart_rows(snapshot_dir)}
    mine = {r[:3]: r[3:] for r in found}
    differing = sum(not _same(mine.get(k), mart.get(k)) for k in set(mine) | set(mart))  # type: ignore[arg-type]
    return {"rows": len(mine), "mart_rows": len(mart), "same_as_mart": differing == 0, "differing_rows": differing}


def task_build(a: dict[str, Any]) -> dict[str, Any]:
    """A full build (the default): everything read and computed from the archive, none of the published
    snapshot's rows kept (the re-submission measures a build that keeps them). With `full` false, a build as
    `govdash build` runs it, keeping what it can."""
    from etl.builder.publish import build
    from etl.ledger.store import open_store

    store = open_store()
    t, c = time.perf_counter(), time.process_time()
    result = build(store, full=a.get("full", True))
    return {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c, "build_id": result.build_id}


def task_floor_marts(a: dict[str, Any]) -> dict[str, Any]:
    from bench.floor import complaint_marts

    t, c = time.perf_counter(), time.process_time()
    rows = complaint_marts(a["paths"])
    out: dict[str, Any] = {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c}
    if a.get("check"):
        out |= _compare([_norm(r) for r in rows], Path(a["snapshot_dir"]))
    return out


def task_pandas_marts(a: dict[str, Any]) -> dict[str, Any]:
    from bench.pandas_marts import complaint_marts

    t, c = time.perf_counter(), time.process_time()
    frame = complaint_marts(a["paths"])
    out: dict[str, Any] = {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c}
    if a.get("check"):
        out |= _compare([_norm(r) for r in frame.itertuples(index=False, name=None)], Path(a["snapshot_dir"]))
    return out


def task_read_csv(a: dict[str, Any]) -> dict[str, Any]:
    from bench.floor import read_csv

    t, c = time.perf_counter(), time.process_time()
    rows = read_csv(Path(a["path"]))
    return {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c, "rows": rows}


def task_ingest(a: dict[str, Any]) -> dict[str, Any]:
    """Submit one file into an empty ledger (a fresh scratch store each time): validate, archive, record."""
    from etl.access.actors import Actor
    from etl.ingest.accept import submit
    from etl.ledger.store import open_store

    store = open_store()
    content = Path(a["path"]).read_bytes()
    t, c = time.perf_counter(), time.process_time()
    outcome = submit(
        store,
        content,
        filename=Path(a["path"]).name,
        dataset="complaints",
        agency_code=a["agency"],
        period=a["period"],
        actor=Actor("bench", "admin"),
        isolated=False,  # the ingest's own work; the bounded child's start (etl.ingest.check_worker) is measured apart
    )
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    if not outcome.accepted:
        raise SystemExit(f"ingest was not accepted: {outcome.status} {outcome.problems[:3]}")
    return {"seconds": seconds, "cpu_seconds": cpu, "rows": outcome.row_count}


def task_resubmit(a: dict[str, Any]) -> dict[str, Any]:
    """A corrected file for the largest agency-month, through ingest to a newly published snapshot."""
    from etl.builder.publish import build

    store, slot, content = _resubmission(a)
    t, c = time.perf_counter(), time.process_time()
    outcome = _submit_resubmission(store, slot, content)
    t_ingest = time.perf_counter() - t
    result = build(store)
    return {
        "seconds": time.perf_counter() - t,
        "cpu_seconds": time.process_time() - c,
        "ingest_seconds": t_ingest,
        "build_id": result.build_id,
        "rows": outcome.row_count,
    }


def task_resubmit_unbuilt(a: dict[str, Any]) -> dict[str, Any]:
    """The same corrected file accepted into the ledger and not built: what the profile of a re-submission's
    build (bench/profile_build.py without --full) starts from."""
    outcome = _submit_resubmission(*_resubmission(a))
    return {"seconds": 0.0, "cpu_seconds": 0.0, "rows": outcome.row_count}


def _resubmission(a: dict[str, Any]) -> tuple[Any, Any, bytes]:
    """The store, the slot and the file of a re-submission (task_resubmit's arguments): made before the clock starts."""
    from bench.data import Slot, reordered
    from etl.ledger.store import open_store

    slot = Slot(a["agency"], a["period"], a["rows"], Path(a["original"]))
    return open_store(), slot, reordered(slot, a["repetition"], a.get("resubmission_rows"))


def _submit_resubmission(store: Any, slot: Any, content: bytes) -> Any:
    """Ingest the re-submission; its outcome, once it has superseded the agency-month's file."""
    from etl.access.actors import Actor
    from etl.ingest.accept import submit

    outcome = submit(
        store,
        content,
        filename="resubmission.csv",
        dataset="complaints",
        agency_code=slot.agency_code,
        period=slot.period,
        actor=Actor("bench", "admin"),
        isolated=False,  # the ingest's own work; the bounded child's start (etl.ingest.check_worker) is measured apart
    )
    if not outcome.accepted or outcome.superseded_id is None:
        raise SystemExit(f"re-submission did not supersede: {outcome.status}")
    return outcome


def task_page_queries(a: dict[str, Any]) -> dict[str, Any]:
    """Every sql/queries/*.sql through Warehouse.query on the published snapshot, as a running server
    does (one open connection, a cursor per query): one warm-up call, then `calls` timed calls each; then
    each page (its queries one after another) `calls` times."""
    from bench.pages import existing_pages, query_params, run_page
    from metrics.warehouse import QUERY_DIR, Warehouse

    wh = Warehouse(Path(a["snapshot_dir"]))
    times: dict[str, list[float]] = {}
    errors: dict[str, str] = {}
    for path in sorted(QUERY_DIR.glob("*.sql")):
        name = path.stem
        params = query_params(name, a)
        try:
            wh.query(name, **params)
        except Exception as exc:  # a query this harness cannot feed: reported, not hidden
            errors[name] = repr(exc)[:200]
            continue
        runs = []
        for _ in range(a["calls"]):
            t = time.perf_counter()
            wh.query(name, **params)
            runs.append(time.perf_counter() - t)
        times[name] = runs
    pages = {page: [run_page(wh, names, a) for _ in range(a["calls"])] for page, names in existing_pages().items()}
    wh.close()
    return {"seconds": sum(sum(v) for v in times.values()), "times": times, "pages": pages, "errors": errors}


def task_load(a: dict[str, Any]) -> dict[str, Any]:
    """`sessions` viewers (threads of one server process sharing its Warehouse, as Streamlit runs sessions)
    going round the pages while a re-submission is ingested and built by another process (as an upload's
    rebuild is). Runs until the build has published and every session has shown every page at least once."""
    import os
    import subprocess
    import tempfile
    import threading

    from bench.pages import existing_pages, run_page
    from metrics.warehouse import Warehouse

    wh = Warehouse(Path(a["snapshot_dir"]))
    pages = list(existing_pages().items())
    before = wh.snapshot_id
    samples: list[tuple[str, float, str]] = []  # page, seconds, snapshot seen after it
    failures: list[str] = []
    lock = threading.Lock()
    builder_done = threading.Event()

    def viewer(k: int) -> None:
        i, shown = k, 0
        while shown < len(pages) or not builder_done.is_set():
            page, names = pages[i % len(pages)]
            try:
                seconds = run_page(wh, names, a)
                with lock:
                    samples.append((page, seconds, wh.snapshot_id))
            except Exception as exc:  # a page that does not answer is a finding, not a crash
                with lock:
                    failures.append(f"{page}: {exc!r}"[:300])
            i, shown = i + 1, shown + 1

    with tempfile.NamedTemporaryFile("w", suffix=".json") as args_file:
        json.dump(a["resubmit"], args_file)
        args_file.flush()
        t = time.perf_counter()
        builder = subprocess.Popen(
            [sys.executable, "-m", "bench.child", "resubmit", args_file.name],
            env=os.environ.copy(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        threads = [threading.Thread(target=viewer, args=(k,)) for k in range(a["sessions"])]
        for th in threads:
            th.start()
        out, err = builder.communicate()
        build_seconds = time.perf_counter() - t
        builder_done.set()
        for th in threads:
            th.join()
    wh.close()
    if builder.returncode != 0:
        raise SystemExit(f"the build under load failed: {err.decode(errors='replace')[-2000:]}")
    published = json.loads(out.decode().strip().splitlines()[-1])["build_id"]
    return {
        "seconds": time.perf_counter() - t,
        "build_seconds": build_seconds,
        "samples": samples,
        "failures": failures,
        "before": before,
        "published": published,
        "sessions": a["sessions"],
    }


def task_export(a: dict[str, Any]) -> dict[str, Any]:
    """One full cabinet report in every format (charts rendered for the PDF)."""
    from metrics.warehouse import Warehouse
    from reports.export import FORMATS, export
    from reports.model import ReportOptions

    wh = Warehouse(Path(a["snapshot_dir"]))
    t, c = time.perf_counter(), time.process_time()
    result = export(ReportOptions.parse(a["as_of"][:7]), list(FORMATS), Path(a["out_dir"]), warehouse=wh)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    wh.close()
    return {"seconds": seconds, "cpu_seconds": cpu, "files": [p.name for p in result.files], "formats": list(FORMATS)}


def own_peak_mib() -> float | None:
    """This process's peak resident memory since it started (VmHWM). Not wait4's ru_maxrss: on Linux that
    also counts the parent's memory copied at fork, before exec, so a large parent inflates every child."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def main() -> None:
    task, args = sys.argv[1], json.loads(Path(sys.argv[2]).read_text())
    result = globals()[f"task_{task}"](args)
    result["own_peak_mib"] = own_peak_mib()
    sys.stdout.write(json.dumps(result, default=str) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
