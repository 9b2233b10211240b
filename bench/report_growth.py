"""The report's growth table (bench/growth.py) and council-meeting load (bench/meeting.py): their budgets and
their sections of docs/benchmarks.md."""

from __future__ import annotations

from typing import Any

MEETING_P95_BUDGET_MS = 1500
RESUBMIT_BUDGET_S = 5.0
PAGE_P95_BUDGET_MS = 100
BUILD_RATIO_BUDGET = 2.0
MEMORY_BUDGET_MIB = 4096


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def meeting_budgets(meeting: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows = []
    for replicas, m in meeting.items():
        where = "one dashboard process" if replicas == "1" else f"{replicas} dashboard processes"
        ok = not m["failures"] and m["page_views"] == m["expected_views"]
        rows.append(
            (
                f"council meeting, {m['sessions']} viewers in {m['window']:g} s, {where}, during rebuilds: failed",
                f"{len(m['failures'])} of {m['expected_views']}",
                "0 failed",
                verdict(ok),
            )
        )
        rows.append(
            (
                f"council meeting, {where}: page p95",
                f"{m['p95_ms']:.0f} ms",
                f"≤ {MEETING_P95_BUDGET_MS} ms",
                verdict(m["p95_ms"] <= MEETING_P95_BUDGET_MS),
            )
        )
    return rows


def growth_budgets(g: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    n = g["years"]
    rows = []
    if "build" in g and "floor_marts" in g:
        x = g["build"]["median_s"] / g["floor_marts"]["median_s"]
        rows.append((f"{n} years: full build ÷ floor query", f"{x:.1f}×", "≤ 2×", verdict(x <= BUILD_RATIO_BUDGET)))
    if "resubmit" in g:
        x = g["resubmit"]["median_s"]
        rows.append((f"{n} years: large re-submission", f"{x:.2f} s", "≤ 5 s", verdict(x <= RESUBMIT_BUDGET_S)))
    if "page_queries" in g:
        x = g["page_queries"]["worst_page_p95_ms"]
        rows.append((f"{n} years: page queries p95 (slowest page)", f"{x:.1f} ms", "≤ 100 ms", verdict(x <= 100)))
    if "build" in g:
        x = g["build"]["peak_mib"]
        rows.append((f"{n} years: peak memory of a build", f"{x:.0f} MiB", "≤ 4096 MiB", verdict(x <= 4096)))
    return rows


def meeting_lines(meeting: dict[str, Any]) -> list[str]:
    lines = [
        "## A council meeting",
        "",
        "Viewers arrive evenly over the window, each opening the overview, the strategies page and the KPI page in "
        "turn (each page its queries one after another through `Warehouse.query`, without Streamlit's cache, so "
        "every view pays its queries: stricter than a server, where the later sessions read the cache). The "
        "sessions are threads of the dashboard processes, divided among them in turn; each process shares one "
        "snapshot connection among its sessions, as `govdash serve` does. Meanwhile re-submissions of the "
        "largest agency-month are ingested and built one after another in another process until every session "
        "is done. All on this one machine (see its cores above). `python -m bench.run --replicas 1,2 "
        "--meeting-sessions 50` repeats it.",
        "",
        "| dashboard processes | viewers | page views | failed | p50 (ms) | p95 (ms) | slowest (ms) | p95 by page (ms) "
        "| rebuilds (s each) | moved to a new snapshot |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for replicas, m in meeting.items():
        pages = ", ".join(f"{p} {v:.0f}" for p, v in m["per_page_p95_ms"].items())
        builds = ", ".join(f"{s:.1f}" for s in m["build_seconds"])
        lines.append(
            f"| {replicas} | {m['sessions']} | {m['page_views']} | {len(m['failures'])} | {m['p50_ms']:.0f} | "
            f"**{m['p95_ms']:.0f}** | {m['max_ms']:.0f} | {pages} | {m['builds']} ({builds}) | "
            f"{'yes' if m['saw_new_snapshot'] else 'no'} |"
        )
    for m in meeting.values():
        lines += [f"- failure: `{f}`" for f in m["failures"][:5]]
    return [*lines, ""]


def growth_lines(g: dict[str, Any], main: dict[str, Any], meta: dict[str, Any]) -> list[str]:
    """The main store's figures beside the N-year store's, measured the same way in the same run."""
    n, ctx = g["years"], g["context"]

    def cell(r: dict[str, Any], key: str, fmt: str) -> str:
        return fmt.format(r[key]["median_s"]) if key in r else "—"

    def ratio(r: dict[str, Any]) -> str:
        if "build" in r and "floor_marts" in r:
            return f"{r['build']['median_s'] / r['floor_marts']['median_s']:.2f}×"
        return "—"

    def first_view(r: dict[str, Any]) -> str:
        return f"{r['render']['worst_first_view_p95_ms']:.0f}" if "render" in r else "—"

    def pages(r: dict[str, Any]) -> str:
        return f"{r['page_queries']['worst_page_p95_ms']:.1f}" if "page_queries" in r else "—"

    def mem(r: dict[str, Any]) -> str:
        return f"{r['build']['peak_mib']:.0f}" if "build" in r else "—"

    def row(label: str, r: dict[str, Any], c: dict[str, Any]) -> str:
        cells = [
            label,
            f"{c['sizes']['src_complaints']:,}",
            cell(r, "build", "{:.1f}"),
            cell(r, "floor_marts", "{:.2f}"),
            ratio(r),
            cell(r, "resubmit", "{:.2f}"),
            pages(r),
            first_view(r),
            mem(r),
        ]
        return "| " + " | ".join(cells) + " |"

    mctx = meta["context"]
    return [
        "## Growth: more years of history",
        "",
        f"The same measurements on a store of {n} whole years (2025-01 … {ctx['as_of'][:7]}, "
        f"{ctx['sizes']['src_complaints']:,} complaints in {g['complaint_files']:,} files, the clock pinned to the "
        "month after its last; generated by the benchmark at the same scale, with the bench's copy of the "
        "reference folder adding 2028's holidays for the deadlines that run into it). The re-submission replaces "
        f"its largest agency-month ({g['largest_slot']['agency']} {g['largest_slot']['period']}) with "
        f"{g['resubmission_rows']:,} complaints. Render: first view after a publish, "
        "slowest page and view, fewer runs than above.",
        "",
        "| store | complaints | full build (s) | floor (s) | build ÷ floor | re-submission (s) | page queries p95, "
        "slowest page (ms) | first view p95 (ms) | build peak memory (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        row(f"demo history, to {mctx['as_of'][:7]}", main, mctx),
        row(f"{n} years, to {ctx['as_of'][:7]}", g, ctx),
        "",
    ]


def profile_lines(profile: dict[str, Any], top: int = 25) -> list[str]:
    """The full build's steps, slowest first (bench/profile_build.py --full), as it printed them."""
    head, steps = _head_and_steps(profile)
    return [
        "## Where a full build spends its time",
        "",
        "`python -m bench.profile_build STORE --full`: the steps of etl.builder.publish run one by one into a "
        "scratch file "
        "(nothing published), each step's wall-clock and CPU time (user + system, all threads; the steadier "
        f"figure on a shared machine), the {top} slowest. A view's time is only its creation; its cost falls on "
        "whatever reads it.",
        "",
        "```",
        *head,
        *steps[: top + 1],
        "```",
        "",
    ]


def resubmission_profile_lines(r: dict[str, Any], top: int = 15) -> list[str]:
    """The build after a re-submission, step by step (bench/profile_build.py without --full), on the main
    store and, with --years, on the N-year one: what grows with history and what does not."""
    profiles = [("the main store", r.get("profile_resubmit"))]
    if "growth" in r:
        profiles.append((f"{r['growth']['years']} years", r["growth"].get("profile_resubmit")))
    lines = [
        "## Where a re-submission's build spends its time",
        "",
        "The largest agency-month's re-submission accepted, then `python -m bench.profile_build STORE` (without "
        "--full: the build that starts from the published snapshot, as after every upload), its steps one by one "
        f"into a scratch file, the {top} slowest; then built and published. The profile's own steps (one at a "
        "time, each timed) make its total longer than the re-submission's figure above.",
        "",
    ]
    for title, profile in profiles:
        if not profile:
            continue
        head, steps = _head_and_steps(profile)
        lines += [f"{title}:", "", "```", *head, *steps[:top], "```", ""]
    return lines


def _head_and_steps(profile: dict[str, Any]) -> tuple[list[str], list[str]]:
    """bench/profile_build.py's printout: its header lines, and its step lines (slowest first, each starting
    with its time)."""
    lines = profile["lines"]
    return [x for x in lines if not x.lstrip()[:1].isdigit()], [x for x in lines if x.lstrip()[:1].isdigit()]
