"""A council meeting: many viewers open the same pages in the same minute while an upload rebuilds.

`task_meeting` (run by bench.child in a process of its own) starts `replicas` dashboard-like processes
(`task_meeting_viewers`, each one Warehouse shared by its sessions' threads, as one Streamlit server shares its
snapshot connection) and, beside them, re-submissions of the largest agency-month built one after another
until every session is done (an upload's rebuild, and the next one, for the whole minute). The sessions are
divided among the replicas in turn; session k arrives k × window ÷ sessions seconds after the common start (the
system's monotonic clock, shared by every process on the machine) and opens the overview, the strategies page
and the KPI page one after another, each page its queries in turn without Streamlit's cache (so every view
pays its queries; on a real server the later sessions would mostly read the cache).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

MEETING_PAGES = ("overview", "strategies", "kpi")
START_DELAY_S = 2.0  # time for the viewer processes to import and open the snapshot before the first arrival


def task_meeting_viewers(a: dict[str, Any]) -> dict[str, Any]:
    """One dashboard process: its sessions (threads) arrive on schedule and open the meeting's pages."""
    from bench.pages import PAGES, run_page
    from metrics.warehouse import Warehouse

    wh = Warehouse(Path(a["snapshot_dir"]))
    wh.query("build_info")  # the process is up and its connection open before the meeting starts
    samples: list[tuple[str, float, str, float]] = []  # page, seconds, snapshot after it, arrival offset
    failures: list[str] = []
    lock = threading.Lock()

    def session(arrival: float) -> None:
        delay = a["start"] + arrival - time.monotonic()
        if delay > 0:
            time.sleep(delay)  # the session's scheduled arrival (a bench schedule, not a wait in a test)
        for page in MEETING_PAGES:
            try:
                seconds = run_page(wh, PAGES[page], a)
                with lock:
                    samples.append((page, seconds, wh.snapshot_id, arrival))
            except Exception as exc:  # a page that does not answer is a finding, not a crash
                with lock:
                    failures.append(f"{page}: {exc!r}"[:300])

    threads = [threading.Thread(target=session, args=(arrival,)) for arrival in a["arrivals"]]
    t, c = time.perf_counter(), time.process_time()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    out = {"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c}
    wh.close()
    return out | {"samples": samples, "failures": failures}


def _spawn(task: str, args: dict[str, Any], folder: Path, name: str) -> tuple[subprocess.Popen, Path]:
    args_path, out_path = folder / f"{name}.json", folder / f"{name}.out"
    args_path.write_text(json.dumps(args, default=str))
    with out_path.open("wb") as out, out_path.with_suffix(".err").open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.child", task, str(args_path)],
            env=os.environ.copy(),
            stdout=out,
            stderr=err,
        )
    return proc, out_path


def _result(proc: subprocess.Popen, out_path: Path) -> dict[str, Any]:
    code = proc.wait()  # before reading: the file is complete only once the process has ended
    if code != 0:
        err = out_path.with_suffix(".err").read_text(errors="replace")
        raise SystemExit(f"a meeting process failed ({code}):\n{err[-2000:]}")
    return json.loads(out_path.read_text(errors="replace").strip().splitlines()[-1])


def task_meeting(a: dict[str, Any]) -> dict[str, Any]:
    """`sessions` viewers in `replicas` processes within `window` seconds, with rebuilds running throughout."""
    sessions, replicas, window = a["sessions"], a["replicas"], a["window"]
    start = time.monotonic() + START_DELAY_S
    arrivals = [k * window / sessions for k in range(sessions)]
    builds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        viewers = [
            _spawn("meeting_viewers", {**a, "start": start, "arrivals": arrivals[r::replicas]}, folder, f"viewers{r}")
            for r in range(replicas)
        ]
        # Rebuilds, one after another, until every viewer process has finished (at least one).
        k = 0
        while True:
            resubmit = {**a["resubmit"], "repetition": a["resubmit"]["repetition"] + k}
            t = time.perf_counter()
            proc, out = _spawn("resubmit", resubmit, folder, f"build{k}")
            result = _result(proc, out)
            builds.append({"seconds": time.perf_counter() - t, "build_id": result["build_id"]})
            k += 1
            if all(p.poll() is not None for p, _ in viewers):
                break
        results = [_result(p, out) for p, out in viewers]
    samples = [s for r in results for s in r["samples"]]
    return {
        "seconds": time.monotonic() - start,
        "sessions": sessions,
        "replicas": replicas,
        "window": window,
        "samples": samples,
        "failures": [f for r in results for f in r["failures"]],
        "viewer_cpu_s": [r["cpu_seconds"] for r in results],
        "builds": builds,
        "published": [b["build_id"] for b in builds],
    }


def summary(r: dict[str, Any]) -> dict[str, Any]:
    """The meeting's figures for the report: page views, failures, p50/p95 (overall and per page), builds."""
    from bench.run import percentile

    times = [s for _, s, _, _ in r["samples"]]
    per_page = {
        page: percentile([s for p, s, _, _ in r["samples"] if p == page], 0.95) * 1000
        for page in MEETING_PAGES
        if any(p == page for p, _, _, _ in r["samples"])
    }
    return {
        "sessions": r["sessions"],
        "replicas": r["replicas"],
        "window": r["window"],
        "page_views": len(times),
        "expected_views": r["sessions"] * len(MEETING_PAGES),
        "failures": r["failures"],
        "p50_ms": percentile(times, 0.5) * 1000 if times else float("nan"),
        "p95_ms": percentile(times, 0.95) * 1000 if times else float("nan"),
        "max_ms": max(times) * 1000 if times else float("nan"),
        "per_page_p95_ms": per_page,
        "builds": len(r["builds"]),
        "build_seconds": [b["seconds"] for b in r["builds"]],
        "saw_new_snapshot": any(snap in r["published"] for _, _, snap, _ in r["samples"]),
        "seconds": r["seconds"],
    }
