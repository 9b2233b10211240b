"""Growth: the same measurements on a store of N whole years (`python -m bench.run --years N`).

The history grows by about 15 million complaints a year at national scale. Beside the main figures (the demo's
history, 2025-01 … 2026-10), this builds a store of 2025-01 … (2025 + N − 1)-12 at the same scale (its own
folder under the work folder, the clock pinned to the month after its last, and the bench's copy of the
reference folder with 2028's holidays for the deadlines that run into it) and measures what must not grow
with history (a re-submission to a published snapshot, the pages' queries, the first view after a publish)
and what may grow but must keep its ratio and memory (a full build against the floor query over the same
Parquet).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import data
from bench.data import context
from bench.history import history_env, prepare_history


def growth_stage(
    a: Any, say, repeated, run_child, summarise_queries, render_stage, resubmission_profile
) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Figures of the N-year store, keyed as the main results are (build, floor_marts, resubmit, …)."""
    settings = prepare_history(a.work, a.scale, a.years, say)
    env = history_env(settings, a.years)
    slot = data.largest_complaints_file(settings)
    ctx = context(settings, slot)
    paths = data.active_complaint_parquet(settings)
    snap = {"snapshot_dir": str(settings.snapshot_dir)}
    R = range(a.repeat)
    say(f"{a.years}-year store: {ctx['sizes']['src_complaints']:,} complaints in {len(paths):,} files")
    out: dict[str, Any] = {"years": a.years, "context": ctx, "complaint_files": len(paths)}
    say(f"{a.years} years: build…")
    out["build"] = repeated("build", [{} for _ in R], env)
    say(f"{a.years} years: floor…")
    out["floor_marts"] = repeated("floor_marts", [{"paths": paths, "check": i == 0, **snap} for i in R], env)
    say(f"{a.years} years: page queries…")
    out["page_queries"] = summarise_queries(run_child("page_queries", {**snap, **ctx, "calls": a.calls}, env))
    if "render" not in a.skip_set:
        out["render"] = render_stage(settings.home, max(5, a.render_runs // 2), 0, env)
    resubmission_rows = max(slot.rows, round(data.NATIONAL_RESUBMISSION_ROWS * a.scale))
    say(f"{a.years} years: re-submission…")
    out["resubmit"] = repeated("resubmit", [slot.resubmission(resubmission_rows, repetition=i) for i in R], env)
    if "profile" not in a.skip_set:
        out["profile_resubmit"] = resubmission_profile(
            settings.home, slot.resubmission(resubmission_rows, repetition=a.repeat), env
        )
    out["largest_slot"] = {"agency": slot.agency_code, "period": slot.period, "rows": slot.rows}
    out["resubmission_rows"] = resubmission_rows
    out["home"] = str(Path(settings.home))
    return out
