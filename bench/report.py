"""docs/benchmarks.md from one run's results: machine, versions, figures, ratios, budgets met or missed.

Everything above the notes marker is rewritten on every run; the notes below it (analysis written by hand)
are kept.
"""

from __future__ import annotations

import contextlib
import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.report_growth import (
    growth_budgets,
    growth_lines,
    meeting_budgets,
    meeting_lines,
    profile_lines,
    resubmission_profile_lines,
    verdict,
)

NOTES_MARKER = "<!-- notes: kept across runs -->"
NATIONAL_INGEST_ROWS = 1_000_000
NATIONAL_COMPLAINTS = 1_200_000 * 22  # about 1.2 million a month, 2025-01 … 2026-10
PACKAGES = ("duckdb", "polars", "pandas", "pyarrow", "sqlalchemy", "sqlmodel", "streamlit")


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{mem_kib / 1024 / 1024:.1f} GiB"
    except OSError:
        memory = "unknown"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return {
        "CPU": f"{cpu}; {os.cpu_count()} logical cores",
        "Memory": memory,
        "System": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "Python": platform.python_version(),
        "Load average when the report was written (1, 5, 15 min)": load,
    }


def versions() -> str:
    out = []
    for name in PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            out.append(f"{name} {metadata.version(name)}")
    return ", ".join(out)


def _s(x: float) -> str:
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def budgets(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(budget, measured, limit, verdict) for each budget whose measurements exist in this run."""
    rows = []

    def add(name: str, value: float, limit: str, ok: bool, fmt: str) -> None:
        rows.append((name, fmt.format(value), limit, "met" if ok else "**missed**"))

    if "build" in r and "floor_marts" in r:
        x = r["build"]["median_s"] / r["floor_marts"]["median_s"]
        add("full build ÷ floor query", x, "≤ 2×", x <= 2, "{:.1f}×")
    if "build" in r and "pandas_marts" in r:
        x = r["pandas_marts"]["median_s"] / r["build"]["median_s"]
        add("pandas version ÷ full build", x, "≥ 5×", x >= 5, "{:.2f}×")
    if "read_csv_utf8" in r:
        for label, limit in (("ingest_utf8", 1.5), ("ingest_cp949", 2.5)):
            if label in r:
                x = r[label]["median_s"] / r["read_csv_utf8"]["median_s"]
                add(f"{label.replace('_', ' (')}) ÷ DuckDB read_csv (UTF-8)", x, f"≤ {limit}×", x <= limit, "{:.1f}×")
    if "resubmit" in r:
        x = r["resubmit"]["median_s"]
        add("large re-submission to a published snapshot", x, "≤ 5 s", x <= 5, "{:.2f} s")
    if "page_queries" in r:
        x = r["page_queries"]["worst_page_p95_ms"]
        add("page queries p95 (slowest page, all its queries)", x, "≤ 100 ms", x <= 100, "{:.1f} ms")
        x = r["page_queries"]["worst_p95_ms"]
        add("page queries p95 (slowest single query)", x, "≤ 100 ms", x <= 100, "{:.1f} ms")
    if "render" in r:
        rows += render_budgets(r["render"])
    if "load" in r:
        ld = r["load"]
        ok = not ld["failures"]
        rows.append(
            (
                f"every page answers with {ld['sessions']} viewers during a build",
                f"{ld['page_views']} views, {len(ld['failures'])} failed",
                "0 failed",
                "met" if ok else "**missed**",
            )
        )
    if "build" in r:
        x = r["build"]["peak_mib"]
        add("peak memory of a build", x, "≤ 4096 MiB", x <= 4096, "{:.0f} MiB")
    if "meeting" in r:
        rows += meeting_budgets(r["meeting"])
    if "growth" in r:
        rows += growth_budgets(r["growth"])
    return rows


RENDER_BUDGET_MS = 300
BROWSER_BUDGET_S = 2.0


def render_budgets(rr: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(budget, measured, limit, verdict) for the page-render measurement (bench/render.py)."""
    rows = []
    for state, label in (("cached", "cached"), ("first_view", "first view after a publish")):
        x = rr[f"worst_{state}_p95_ms"]
        rows.append(
            (
                f"page render p95, server side, {label} (slowest page and view)",
                f"{x:.0f} ms",
                f"≤ {RENDER_BUDGET_MS} ms",
                verdict(x <= RENDER_BUDGET_MS),
            )
        )
    if rr["errors"]:
        rows.append(("every page renders", f"{len(rr['errors'])} failed", "0 failed", verdict(False)))
    if "browser" in rr:
        b = rr["browser"]
        rows.append(
            (
                f"browser first render of the overview (slowest of {len(b['runs_s'])} visits)",
                f"{b['max_s']:.2f} s",
                f"≤ {BROWSER_BUDGET_S:g} s",
                verdict(b["max_s"] <= BROWSER_BUDGET_S),
            )
        )
    return rows


def render_lines(rr: dict[str, Any]) -> list[str]:
    """The "Page render" section: server-side time per page and view, and the browser's first render."""
    lines = [
        "## Page render",
        "",
        f"Each page run whole (router, page, queries, tables, charts) by Streamlit's AppTest against snapshot "
        f"{rr['snapshot']} ({rr['complaints']:,} complaints, months up to {rr['as_of'][:7]}), with the default "
        f"filters (latest month, every agency) in each view; each run a new session. Per page and view one "
        f"warm-up run, then {rr['runs']} timed runs *cached* (the answers in Streamlit's query cache, as for "
        f"every view of a snapshot after its first) and {rr['runs']} *first view* (query cache emptied and the "
        "snapshot connection reopened before each run, as for the first view after a publish). Budget: p95 "
        f"≤ {RENDER_BUDGET_MS} ms per page at national scale. `python -m bench.render --home STORE` measures "
        "any store.",
        "",
        "| page | view | cached p50 (ms) | cached p95 (ms) | first view p50 (ms) | first view p95 (ms) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in rr["pages"]:
        c, f = row["cached"], row["first_view"]
        lines.append(
            f"| {row['page']} | {row['window'] or '—'} | {c['p50_ms']:.0f} | {c['p95_ms']:.0f} | "
            f"{f['p50_ms']:.0f} | {f['p95_ms']:.0f} |"
        )
    if rr["errors"]:
        lines += ["", "Pages that failed:", *[f"- {n}: `{e}`" for n, e in rr["errors"].items()]]
    if "warm_up" in rr:
        w = rr["warm_up"]
        lines += [
            "",
            f"After a publish, each dashboard process replays the queries of the views opened lately on the new "
            f"snapshot (dashboard/components/warmup.py). With every page in every view opened before: "
            f"{w['queries']} queries replayed in **{w['seconds']:.1f} s** on a new connection; a first view "
            f"after that answers from the cache (slowest page and view: {w['first_view_max_ms']:.0f} ms). The "
            "*first view* columns above are what a viewer who arrives before the replay ends, or asks for a "
            "view nobody opened, waits.",
        ]
    if "browser" in rr:
        b = rr["browser"]
        lines += [
            "",
            f"Browser: `govdash serve` on the same store and headless Chromium; from navigation start until the "
            f"overview shows all {b['tasks']} tasks with their figures, each visit a new browser context (new "
            f"session, empty browser cache), after one untimed visit ({b['first_visit_s']:.2f} s, the server's "
            f"first run): median **{b['median_s']:.2f} s**, slowest **{b['max_s']:.2f} s** over "
            f"{len(b['runs_s'])} visits ({', '.join(f'{x:.2f}' for x in b['runs_s'])} s). Budget: ≤ "
            f"{BROWSER_BUDGET_S:g} s.",
        ]
    return lines


LABELS = {
    "build": "full build to a published snapshot",
    "floor_marts": "floor: one DuckDB query over the Parquet (complaint marts)",
    "pandas_marts": "pandas: complaint marts",
    "read_csv_utf8": "floor: DuckDB read_csv of the ingest CSV (UTF-8)",
    "ingest_utf8": "ingest of the CSV, UTF-8 (validate, archive, record)",
    "ingest_cp949": "ingest of the CSV, CP949",
    "export": "one full cabinet report, every format",
    "resubmit": "re-submission of the largest agency-month → new snapshot published",
}


def write_report(path: Path, meta: dict[str, Any], r: dict[str, Any]) -> None:
    scale = meta["scale"]
    ctx = meta["context"]
    national = scale >= 1.0
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench.run`); everything above the notes is rewritten by each run.",
        "",
        f"**Scale of these figures: {scale:g}** "
        + (
            "(the national volume)."
            if national
            else f"({scale:g} × the national volume). These are NOT national-scale figures; run "
            "`make bench` (scale 1.0) for those."
            + (
                f" Only the ingest file has its full national size ({meta['ingest_rows']:,} rows)."
                if meta["ingest_rows"] >= NATIONAL_INGEST_ROWS
                else ""
            )
        ),
        "",
        f"Run {meta['started']}, {meta['seconds'] / 60:.1f} min "
        f"in all; each figure the median of {meta['repeat']} runs, each run in a fresh process (peak memory = "
        "its own maximum resident set, VmHWM; not counting processes it starts, such as the chart renderer).",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in machine().items()],
        f"- Packages: {versions()}",
        "- Wall-clock times carry the noise of whatever else ran on the machine (the load average above: the",
        "  bench's own processes keep it near the number of cores). The CPU column (user + system time of the",
        "  task's process, all threads) is steadier; the budgets are judged on the wall-clock medians, as the",
        "  issue asks.",
        "",
        "## Data",
        "",
        f"- Store: {ctx['sizes']['src_complaints']:,} complaints in {meta['complaint_files']:,} accepted files, "
        f"{ctx['agencies']} agencies, months up to {ctx['as_of'][:7]} "
        f"({ctx['sizes']['src_complaints'] / NATIONAL_COMPLAINTS:.3f} of the national "
        f"{NATIONAL_COMPLAINTS / 1e6:.1f} million); other datasets: "
        + ", ".join(f"{k.removeprefix('src_')} {v:,}" for k, v in ctx["sizes"].items() if k != "src_complaints")
        + " rows.",
        f"- Re-submission: the largest agency-month, {meta['largest_slot']['agency']} "
        f"{meta['largest_slot']['period']} ({meta['largest_slot']['rows']:,} complaints in the store), replaced by a "
        f"file of {meta.get('resubmission_rows', meta['largest_slot']['rows']):,} complaints (its rows repeated with "
        "new complaint numbers; the issue's large agency-month has 300,000 at national scale).",
        f"- Ingest file: {meta['ingest_rows']:,} complaint rows for that agency-month "
        "(the issue's file has 1,000,000), UTF-8 with BOM and CP949, each run into an empty ledger.",
        "",
        "## Figures",
        "",
        "| measurement | median (s) | runs (s) | CPU, median (s) | peak memory (MiB) |",
        "|---|---:|---|---:|---:|",
    ]
    for key, label in LABELS.items():
        if key in r:
            m = r[key]
            runs = ", ".join(_s(x) for x in m["runs_s"])
            lines.append(f"| {label} | {_s(m['median_s'])} | {runs} | {_s(m['cpu_median_s'])} | {m['peak_mib']:.0f} |")
    lines += ["", "## Budgets", "", "| budget | measured | limit | verdict |", "|---|---:|---:|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in budgets(r)]
    if not any(k in r for k in ("build", "page_queries", "render")):
        lines.append("| (no budgeted measurement ran) | | | |")
    lines.append("")
    if "load" in r:
        ld = r["load"]
        lines += [
            f"- Under load: {ld['sessions']} viewer sessions (threads of one server process sharing its snapshot "
            f"connection) went round every page while a re-submission was ingested and built in another process "
            f"({ld['build_seconds']:.1f} s): {ld['page_views']} page views, page time p50 {ld['p50_ms']:.0f} ms, "
            f"**p95 {ld['p95_ms']:.0f} ms**; pages answered: {', '.join(ld['pages_answered'])}; failures: "
            f"{len(ld['failures'])}; the sessions moved to the new snapshot: "
            f"{'yes' if ld['saw_new_snapshot'] else 'no'}.",
            *[f"  - failure: `{f}`" for f in ld["failures"][:5]],
        ]
    for key in ("floor_marts", "pandas_marts"):
        if key in r.get("growth", {}) and "same_as_mart" in r["growth"][key]["runs"][0]:
            c = r["growth"][key]["runs"][0]
            verdict = "the same as" if c["same_as_mart"] else f"**different from** ({c['differing_rows']} rows)"
            years = r["growth"]["years"]
            peer = key.split("_")[0]
            lines.append(f"- Check, {years}-year store: {peer} gives {c['rows']:,} rows, {verdict} the mart.")
        if key in r and "same_as_mart" in r[key]["runs"][0]:
            c = r[key]["runs"][0]
            verdict = "the same as" if c["same_as_mart"] else f"**different from** ({c['differing_rows']} rows)"
            lines.append(
                f"- Check: {LABELS[key].split(':')[0]} gives {c['rows']:,} rows, {verdict} "
                "the month rows of mart_complaint_windows (an agency or ALL × month × a type or the total) on every "
                "column it computes (all but on-time)."
            )
    if "meeting" in r:
        lines += ["", *meeting_lines(r["meeting"])]
    if "growth" in r:
        lines += ["", *growth_lines(r["growth"], r, meta)]
    if "profile" in r:
        lines += ["", *profile_lines(r["profile"])]
    if "profile_resubmit" in r:
        lines += ["", *resubmission_profile_lines(r)]
    if "page_queries" in r:
        q = r["page_queries"]
        lines += [
            "",
            "## Page queries",
            "",
            f"Every `sql/queries/*.sql` through `metrics.warehouse.Warehouse.query` on the published snapshot "
            f"(one warm-up call, then {meta['calls']} timed calls each; no Streamlit cache): p50 "
            f"{q['p50_ms']:.1f} ms, p95 {q['p95_ms']:.1f} ms over all calls.",
            "",
            "| page (its queries in turn) | p50 (ms) | p95 (ms) |",
            "|---|---:|---:|",
            *[f"| {n} | {v['p50_ms']:.1f} | {v['p95_ms']:.1f} |" for n, v in q.get("per_page", {}).items()],
            "",
            "| query | p50 (ms) | p95 (ms) |",
            "|---|---:|---:|",
            *[f"| {n} | {v['p50_ms']:.1f} | {v['p95_ms']:.1f} |" for n, v in sorted(q["per_query"].items())],
        ]
        if q["errors"]:
            lines += ["", "Queries this harness could not run:", *[f"- {n}: `{e}`" for n, e in q["errors"].items()]]
    if "render" in r:
        lines += ["", *render_lines(r["render"])]
    lines += [
        "",
        "## How to reproduce",
        "",
        "```",
        "make bench                                   # national scale (scale 1.0): generates about 26 million",
        "                                             # complaints first; needs time and disk",
        "make bench BENCH_ARGS='--years 3'            # and beside it a store of 2025-01 … 2027-12 (growth)",
        *([f"make bench BENCH_ARGS='{meta['argv']}'   # these figures"] if meta.get("argv") else []),
        "```",
        "",
        "The generated store is kept in bench/out/ (the N-year one in bench/out/store-Ny/) and reused by the next "
        "run at the same scale.",
        "",
    ]
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    notes = old.split(NOTES_MARKER, 1)[1] if NOTES_MARKER in old else "\n## Notes\n\n(none yet)\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n" + NOTES_MARKER + notes, encoding="utf-8")
