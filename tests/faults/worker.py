"""Real processes for the fault and load tests.

    python -m tests.faults.worker fork SPEC_JSON RESULT_JSON
    python -m tests.faults.worker read STOP_FILE RESULT_JSON

`fork` imports the project once and then forks one child process per job (an ingest or a build), so that
twenty processes cost one start-up. Forking happens before anything has started a thread (no query has
run, no store is open), which is what makes it safe with polars and DuckDB; each child opens its own store.

A job is killed with SIGKILL either by itself, at a named point (GOVDASH_FAULT_AT: the ingest points in
etl/ingest/accept.py and etl/ledger/archive.py, or a build step "build:reference" … "build:publish" reported through the
build's progress), or from outside after `kill_after` seconds. Jobs run one after another ("sequential"),
the ledger and the published pointer recorded after each, or all at once behind a start line ("go").

`read` asks the published snapshot as the dashboard does, until STOP_FILE appears, and records failures.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path

NOW = datetime(2026, 11, 20, 3, 0)  # naive UTC, as in the submission tests


def _die_at(point: str) -> None:
    if os.environ.get("GOVDASH_FAULT_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


def _ingest(job: dict) -> dict:
    from etl.access.actors import Actor
    from etl.ingest.accept import submit
    from etl.ledger.store import open_store

    store = open_store()
    agency = job["agency"]
    outcome = submit(
        store,
        Path(job["file"]).read_bytes(),
        filename=Path(job["file"]).name,
        dataset=job["dataset"],
        agency_code=agency,
        period=job["month"],
        actor=Actor(f"officer-{agency}", "agency", agency),
        now=NOW,
    )
    return {"status": outcome.status, "id": outcome.submission_id}


def _build(job: dict) -> dict:
    from etl.builder.publish import build
    from etl.ledger.store import open_store

    result = build(open_store(), progress=lambda step, _done, _total: _die_at(f"build:{step}"))
    return {"build_id": result.build_id}


def _child(job: dict, go: str | None) -> None:
    """Runs in the forked child; never returns."""
    code = 0
    try:
        if job.get("fault"):
            os.environ["GOVDASH_FAULT_AT"] = job["fault"]
        if go:
            while not Path(go).exists():  # the start line for every child, not a wait for a result
                time.sleep(0.002)
        result = _ingest(job) if job["kind"] == "ingest" else _build(job)
        Path(job["out"]).write_text(json.dumps(result), encoding="utf-8")
    except BaseException as exc:  # reported to the parent through the exit code and the out file
        Path(job["out"]).write_text(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), encoding="utf-8")
        code = 1
    finally:
        os._exit(code)


def _exit_of(status: int) -> dict:
    if os.WIFSIGNALED(status):
        return {"signal": os.WTERMSIG(status), "code": None}
    return {"signal": None, "code": os.WEXITSTATUS(status)}


def _state(home: Path) -> dict:
    """The ledger (id, status) and the published pointer, read without starting any thread."""
    con = sqlite3.connect(home / "ledger.sqlite", timeout=30)
    try:
        rows = con.execute("select id, status from submissions order by id").fetchall()
    finally:
        con.close()
    pointer = home / "snapshots" / "CURRENT"
    return {"ledger": rows, "current": pointer.read_text().strip() if pointer.exists() else None}


def _spawn(job: dict, go: str | None) -> int:
    pid = os.fork()
    if pid == 0:
        _child(job, go)
    return pid


def _fork(spec_path: str, result_path: str) -> int:
    import etl.builder.publish  # noqa: F401  (imported once, before forking: the children share it)
    import etl.ingest.accept  # noqa: F401
    import etl.ledger.store  # noqa: F401

    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    home = Path(os.environ["GOVDASH_HOME"])
    results = []
    if spec.get("go"):
        pids = [_spawn(job, spec["go"]) for job in spec["jobs"]]
        Path(spec["ready"]).touch()
        results = [_exit_of(os.waitpid(pid, 0)[1]) for pid in pids]
    else:
        for job in spec["jobs"]:
            pid = _spawn(job, None)
            if job.get("kill_after"):
                time.sleep(job["kill_after"])  # a moment to strike from outside, chosen by the test
                with contextlib.suppress(ProcessLookupError):  # it may have finished already
                    os.kill(pid, signal.SIGKILL)
            results.append({**_exit_of(os.waitpid(pid, 0)[1]), **_state(home)})
    Path(result_path).write_text(json.dumps(results), encoding="utf-8")
    return 0


def _read(stop_file: str, result_path: str) -> int:
    from metrics.settings import get_settings
    from metrics.warehouse import Warehouse

    warehouse = Warehouse(get_settings().snapshot_dir)
    answers, failures, snapshots, longest = 0, [], set(), 0.0
    last = time.monotonic()
    while not Path(stop_file).exists():
        try:
            rows = warehouse.query("submission_matrix", period=None, agency=None, dataset=None, cell=None)
            assert rows.height > 0
            snapshots.add(warehouse.snapshot_id)
            answers += 1
            if answers == 1:
                Path(result_path + ".started").touch()
            now = time.monotonic()
            longest, last = max(longest, now - last), now
        except Exception as exc:  # every failure is the finding
            failures.append(f"{type(exc).__name__}: {exc}")
    result = {"answers": answers, "failures": failures, "snapshots": sorted(snapshots), "longest_gap_s": longest}
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    sys.exit({"fork": _fork, "read": _read}[command](*args))
