"""`make bench` (python -m bench.run): the national-scale benchmark, beside its peers, in one run.

    python -m bench.run [--scale 1.0] [--repeat 3] [--work bench/out] [--from-store DIR] [--calls 20]
                        [--render-runs 20] [--browser-runs 5] [--years 1] [--meeting-sessions 50]
                        [--meeting-window 60] [--replicas 1,2] [--skip render,render_browser,meeting,…]

--years N > 1 adds the growth table: the same figures on a store of N whole years (bench/history.py,
bench/growth.py). The council meeting (bench/meeting.py) runs once per number of dashboard processes in
--replicas; the CPU-per-step profile of a full build (bench/profile_build.py) goes into the report too.

--scale 1.0 is the national volume (about 1.2 million complaints a month, 2025-01 … 2026-10); smaller
scales generate proportionally smaller stores and files (the 1,000,000-row ingest file becomes
1,000,000 × scale rows). Each figure is the median of --repeat runs, each run in a fresh process whose
peak memory (maximum resident set, VmHWM) is reported by the process itself. The page-render stage
(bench/render.py) runs every page whole in one process and opens the overview in Chromium against a server.
Writes docs/benchmarks.md and <work>/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import data
from bench.data import context
from bench.growth import growth_stage
from bench.report import write_report
from bench.stats import percentile
from metrics import clock
from metrics.settings import PROJECT_ROOT


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_child(task: str, args: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """Run one task in a fresh process; its result plus its peak memory in MiB."""
    import tempfile

    full_env = {**os.environ, **env, "PYTHONPATH": str(PROJECT_ROOT)}
    with (
        tempfile.NamedTemporaryFile("w", suffix=".json") as arg_file,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        json.dump(args, arg_file, default=str)  # a file: the list of Parquet paths is too long for argv
        arg_file.flush()
        cmd = [sys.executable, "-m", "bench.child", task, arg_file.name]
        # Output to files, not pipes: the child is reaped here by wait4, so nothing may wait on it
        # before, and a full pipe could not block it.
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=full_env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode(errors="replace")
    if code != 0:
        raise RuntimeError(f"bench task {task} failed ({code}):\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    # The task's own high-water mark where the system reports it; wait4's figure (KiB) as the fallback.
    result["peak_mib"] = result.get("own_peak_mib") or usage.ru_maxrss / 1024
    return result


def repeated(task: str, runs: list[dict[str, Any]], env: dict[str, str]) -> dict[str, Any]:
    results = []
    for i, args in enumerate(runs):
        r = run_child(task, args, env)
        say(f"  {task} #{i + 1}: {r['seconds']:.3f} s, peak {r['peak_mib']:.0f} MiB")
        results.append(r)
    return summarise(results)


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "median_s": statistics.median(r["seconds"] for r in results),
        "runs_s": [r["seconds"] for r in results],
        # CPU time of the task (all its threads): on a shared machine, less noisy than the wall clock.
        "cpu_median_s": statistics.median(r.get("cpu_seconds", float("nan")) for r in results),
        "peak_mib": max(r["peak_mib"] for r in results),
        "runs": results,
    }


def summarise_queries(r: dict[str, Any]) -> dict[str, Any]:
    """p50/p95 per query, per page and over all calls, from task_page_queries' times."""
    per_query = {
        name: {"p50_ms": percentile(v, 0.5) * 1000, "p95_ms": percentile(v, 0.95) * 1000, "calls": len(v)}
        for name, v in r["times"].items()
    }
    every = [t for v in r["times"].values() for t in v]
    per_page = {
        page: {"p50_ms": percentile(v, 0.5) * 1000, "p95_ms": percentile(v, 0.95) * 1000, "calls": len(v)}
        for page, v in r["pages"].items()
    }
    return {
        "per_query": per_query,
        "per_page": per_page,
        "worst_page_p95_ms": max((p["p95_ms"] for p in per_page.values()), default=float("nan")),
        "errors": r["errors"],
        "p50_ms": percentile(every, 0.5) * 1000,
        "p95_ms": percentile(every, 0.95) * 1000,
        "worst_p95_ms": max(q["p95_ms"] for q in per_query.values()),
        "peak_mib": r["peak_mib"],
    }


def render_stage(home: Path, runs: int, browser_runs: int, env: dict[str, str]) -> dict[str, Any]:
    """bench/render.py in a process of its own (it runs the dashboard's pages in-process); its figures."""
    import tempfile

    say(f"page render ({runs} runs per page and view, {browser_runs} browser visits)…")
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        cmd = [sys.executable, "-m", "bench.render", "--home", str(home), "--runs", str(runs)]
        cmd += ["--browser-runs", str(browser_runs), "--json", out.name]
        full_env = {**os.environ, **env, "PYTHONPATH": str(PROJECT_ROOT)}
        # Progress goes to this stderr; the printed table is in the report.
        subprocess.run(cmd, cwd=PROJECT_ROOT, env=full_env, check=True, stdout=subprocess.DEVNULL)
        return json.loads(Path(out.name).read_text())


def profile_stage(home: Path, env: dict[str, str], *, full: bool = True) -> dict[str, Any]:
    """bench/profile_build.py on the store (into a scratch file): wall and CPU time of each step; with `full`
    a full build, without it the build that would run now (after an unbuilt re-submission: its build)."""
    say(f"profile of {'a full build' if full else 'a re-submission’s build'} (CPU per step)…")
    cmd = [sys.executable, "-m", "bench.profile_build", str(home), *(["--full"] if full else [])]
    full_env = {**os.environ, **env, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(cmd, cwd=PROJECT_ROOT, env=full_env, check=True, capture_output=True, text=True)
    return {"lines": done.stdout.strip().splitlines()}


def resubmission_profile(home: Path, resubmit: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """Where a re-submission's build spends its time: the re-submission accepted, the build that follows it
    profiled step by step, then published as `govdash build` would (so the store is left as it was used)."""
    run_child("resubmit_unbuilt", resubmit, env)
    profile = profile_stage(home, env, full=False)
    run_child("build", {"full": False}, env)
    return profile


def meeting_stage(a, snap, ctx, slot, resubmission_rows, env) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The council meeting (bench/meeting.py) once per number of dashboard processes in --replicas."""
    from bench.meeting import summary

    out = {}
    for replicas in (int(x) for x in a.replicas.split(",") if x.strip()):
        say(f"council meeting: {a.meeting_sessions} viewers in {replicas} process(es) within {a.meeting_window:g} s…")
        resubmit = slot.resubmission(resubmission_rows, repetition=2000 + 100 * replicas)
        args = {**snap, **ctx, "sessions": a.meeting_sessions, "replicas": replicas, "window": a.meeting_window}
        m = summary(run_child("meeting", {**args, "resubmit": resubmit}, env))
        failed = len(m["failures"])
        say(f"  {m['page_views']} views, p95 {m['p95_ms']:.0f} ms, {m['builds']} builds, {failed} failed")
        out[str(replicas)] = m
    return out


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale", type=float, default=1.0, help="1.0 = national volume")
    p.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is reported)")
    p.add_argument("--calls", type=int, default=20, help="timed calls per page query")
    p.add_argument("--work", type=Path, default=PROJECT_ROOT / "bench" / "out")
    p.add_argument("--from-store", type=Path, default=None, help="copy this built store instead of generating")
    p.add_argument("--report", type=Path, default=PROJECT_ROOT / "docs" / "benchmarks.md")
    p.add_argument("--ingest-rows", type=int, default=None, help="rows of the ingest file (default 1,000,000 × scale)")
    p.add_argument("--sessions", type=int, default=20, help="simultaneous viewers in the load measurement")
    p.add_argument("--render-runs", type=int, default=20, help="timed runs per page and view in the render stage")
    p.add_argument("--browser-runs", type=int, default=5, help="timed browser visits of the overview")
    p.add_argument("--meeting-sessions", type=int, default=50, help="viewers of the council-meeting load")
    p.add_argument("--meeting-window", type=float, default=60.0, help="seconds over which the meeting's viewers arrive")
    p.add_argument("--replicas", default="1,2", help="dashboard processes of the meeting load, one run per number")
    p.add_argument("--years", type=int, default=1, help="N > 1: also measure a store of N whole years (growth)")
    p.add_argument("--skip", default="", help="comma-separated measurements to leave out (e.g. export, render)")
    a = p.parse_args(argv)
    skip = a.skip_set = {s.strip() for s in a.skip.split(",") if s.strip()}
    a.work.mkdir(parents=True, exist_ok=True)
    started, started_at = time.perf_counter(), clock.now_utc()

    settings = data.prepare_store(a.work, a.scale, a.from_store, say)
    env = data.env_for(settings)
    slot = data.largest_complaints_file(settings)
    ctx = context(settings, slot)
    paths = data.active_complaint_parquet(settings)
    ingest_rows = a.ingest_rows or max(1000, round(data.NATIONAL_INGEST_ROWS * a.scale))
    resubmission_rows = max(slot.rows, round(data.NATIONAL_RESUBMISSION_ROWS * a.scale))
    utf8, cp949 = data.write_ingest_files(a.work, slot, ingest_rows)
    say(
        f"store: {ctx['sizes']['src_complaints']:,} complaints; largest agency-month {slot.agency_code} "
        f"{slot.period} ({slot.rows:,} rows, re-submitted as {resubmission_rows:,}); ingest file {ingest_rows:,} rows"
    )
    R = range(a.repeat)
    snap = {"snapshot_dir": str(settings.snapshot_dir)}
    results: dict[str, Any] = {}

    def measure(name: str, task: str, runs: list[dict[str, Any]], task_env: dict[str, str] | None = None) -> None:
        if name in skip:
            return
        say(f"{name}…")
        results[name] = repeated(task, runs, task_env or env)

    measure("build", "build", [{} for _ in R])
    measure("floor_marts", "floor_marts", [{"paths": paths, "check": i == 0, **snap} for i in R])
    measure("pandas_marts", "pandas_marts", [{"paths": paths, "check": i == 0, **snap} for i in R])
    measure("read_csv_utf8", "read_csv", [{"path": str(utf8)} for _ in R])
    for label, path in (("ingest_utf8", utf8), ("ingest_cp949", cp949)):
        if label in skip:
            continue
        say(f"{label}…")
        runs = []
        for i in R:
            scratch = data.settings_for(a.work / "scratch" / f"{label}-{i}-{os.getpid()}")
            args = {"path": str(path), "agency": slot.agency_code, "period": slot.period}
            runs.append(run_child("ingest", args, data.env_for(scratch)))
            say(f"  ingest #{i + 1}: {runs[-1]['seconds']:.3f} s, peak {runs[-1]['peak_mib']:.0f} MiB")
        results[label] = summarise(runs)
    if "page_queries" not in skip:
        say("page queries…")
        results["page_queries"] = summarise_queries(run_child("page_queries", {**snap, **ctx, "calls": a.calls}, env))
    if "render" not in skip:
        browser_runs = 0 if "render_browser" in skip else a.browser_runs
        results["render"] = render_stage(settings.home, a.render_runs, browser_runs, env)
    if "load" not in skip:
        say(f"{a.sessions} viewer sessions while a re-submission builds…")
        resubmit = slot.resubmission(resubmission_rows, repetition=1000)
        r = run_child("load", {**snap, **ctx, "sessions": a.sessions, "resubmit": resubmit}, env)
        page_times = [s for _, s, _ in r["samples"]]
        seen = {page for page, _, _ in r["samples"]}
        results["load"] = {
            "sessions": r["sessions"],
            "page_views": len(page_times),
            "pages_answered": sorted(seen),
            "failures": r["failures"],
            "p50_ms": percentile(page_times, 0.5) * 1000,
            "p95_ms": percentile(page_times, 0.95) * 1000,
            "build_seconds": r["build_seconds"],
            "saw_new_snapshot": any(snap_id == r["published"] for _, _, snap_id in r["samples"]),
            "peak_mib": r["peak_mib"],
        }
        say(
            f"  load: {len(page_times)} page views, p95 {results['load']['p95_ms']:.0f} ms, "
            f"build {r['build_seconds']:.1f} s, failures {len(r['failures'])}"
        )
    if "profile" not in skip:
        results["profile"] = profile_stage(settings.home, env)
    if "meeting" not in skip:
        results["meeting"] = meeting_stage(a, snap, ctx, slot, resubmission_rows, env)
    measure("export", "export", [{**snap, **ctx, "out_dir": str(a.work / "export" / str(i))} for i in R])
    # Last: it changes the store (a new active file with the same figures).
    measure("resubmit", "resubmit", [slot.resubmission(resubmission_rows, repetition=i) for i in R])
    if "profile" not in skip and "resubmit" not in skip:
        results["profile_resubmit"] = resubmission_profile(
            settings.home, slot.resubmission(resubmission_rows, repetition=a.repeat), env
        )

    if a.years > 1 and "growth" not in skip:
        results["growth"] = growth_stage(
            a, say, repeated, run_child, summarise_queries, render_stage, resubmission_profile
        )

    meta = {
        "scale": a.scale,
        "repeat": a.repeat,
        "calls": a.calls,
        # The options exactly as given, so that the report's "how to reproduce" line repeats this run.
        "argv": " ".join(shlex.quote(x) for x in (sys.argv[1:] if argv is None else argv)),
        "ingest_rows": ingest_rows,
        "largest_slot": {"agency": slot.agency_code, "period": slot.period, "rows": slot.rows},
        "resubmission_rows": resubmission_rows,
        "complaint_files": len(paths),
        "context": ctx,
        "started": started_at.strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": time.perf_counter() - started,
    }
    (a.work / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1, default=str))
    write_report(a.report, meta, results)
    say(f"wrote {a.report} and {a.work / 'results.json'} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
