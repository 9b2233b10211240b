"""Page render time on a store: the server-side time of a full script run of each dashboard page, and the
time a browser takes to show the overview. The store is only read.

    python -m bench.render --home DIR [--runs 20] [--browser-runs 5] [--json FILE]

Server side: each page is run by streamlit.testing's AppTest in this process (the whole script: app.py's router,
the page, its queries, tables and charts) against the store's published snapshot, with the default filters
(latest month, every agency) in each time window of metrics.queries.WINDOWS. Each run is a new session (a new
AppTest). Per page and window: one warm-up run, then --runs timed runs in each of two states:
- cached: Streamlit's query cache holds the page's answers, as for every view of a snapshot after its first;
- first view: the query cache is emptied and the snapshot's connection reopened before each run, as for the
  first view of a newly published snapshot (the snapshot file itself is in the OS cache, as a new one is).

Browser: `govdash serve` on the store and headless Chromium (as the browser tests launch it); the time from
navigation start to the overview showing every task with its figure, each visit in a new browser context (a
new session, nothing in the browser's cache). One untimed visit comes first: the server's first run imports
the libraries and fills the query cache.

The dashboard is pointed at a scratch home (a temporary folder) that links to the store's snapshots and holds a
copy of its ledger: pages read agencies' comments from the ledger, and opening a SQLite ledger can write to it.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import data
from bench.stats import percentile
from metrics.settings import PROJECT_ROOT, Settings

APP = str(PROJECT_ROOT / "dashboard" / "app.py")
# The pages a reader opens; all but the last two have the month / window filters.
PAGES = (
    "overview",
    "strategies",
    "kpi",
    "agencies",
    "complaints",
    "participation",
    "meetings",
    "rewards",
    "submissions",
    "reports",
)
WITHOUT_WINDOW = ("submissions", "reports")
BROWSER_TIMEOUT_MS = 120_000
# Resolves, on the animation frame where every task card shows its figure, to the time since navigation start.
TASKS_SHOWN = """(tasks) => {
  const shown = document.querySelectorAll("[class*='st-key-task-'] [data-testid='stMetricValue']").length;
  return shown >= tasks ? performance.now() : false;
}"""


def say(message: str) -> None:
    print(f"[render {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def scratch_home(home: Path, scratch: Path) -> Settings:
    """Settings for a scratch home that reads `home`'s snapshots (a link) and a copy of its ledger."""
    scratch.mkdir(parents=True, exist_ok=True)
    (scratch / "snapshots").symlink_to((home / "snapshots").resolve(), target_is_directory=True)
    for name in ("ledger.sqlite", "ledger.sqlite-wal"):  # the WAL holds what is not yet in the file
        if (home / name).exists():
            shutil.copyfile(home / name, scratch / name)
    settings = data.settings_for(scratch)
    if (home / "reference").is_dir():  # a store with its own reference folder (the test fixture's layout)
        settings = Settings(
            home=settings.home,
            database_url=settings.database_url,
            catalog_dir=settings.catalog_dir,
            reference_dir=(home / "reference").resolve(),
            keep_snapshots=settings.keep_snapshots,
        )
    return settings


def cases() -> list[tuple[str, str | None]]:
    """(page, time window) pairs: each window of the filter (the first one is the default view) for the
    pages that have it, None for the others."""
    from metrics.queries import WINDOWS

    out: list[tuple[str, str | None]] = []
    for page in PAGES:
        windows: tuple[str | None, ...] = (None,) if page in WITHOUT_WINDOW else tuple(WINDOWS)
        out += [(page, w) for w in windows]
    return out


class RenderFailed(RuntimeError):
    pass


_components: list[Any] = []  # AppTest's registry of custom components, shared by every run


def run_page(page: str, window: str | None) -> float:
    """One full script run of `page` in a new session; its wall-clock seconds."""
    from streamlit.testing.v1 import AppTest

    main = sys.modules.get("__main__")
    at = AppTest.from_file(APP, default_timeout=600)
    # A new AppTest scans every installed package for custom components on its first run (over 100 ms), where
    # a server does it once when it starts: every run after the first reuses the first one's registry.
    if _components:
        at._bidi_component_manager = _components[0]
    if window is not None:
        at.query_params["view"] = window
    if page != "overview":  # the default page
        at.switch_page(f"views/{page}.py")
    started = time.perf_counter()
    try:
        at.run()
    finally:
        if main is not None:
            sys.modules["__main__"] = main  # AppTest installs the page as __main__
    seconds = time.perf_counter() - started
    if not _components:
        _components.append(at._bidi_component_manager)
    if at.exception:
        raise RenderFailed("; ".join(str(e.value) for e in at.exception)[:500])
    if not at.title:
        raise RenderFailed("the page showed no title")
    return seconds


def forget_answers(settings: Settings) -> None:
    """What a newly published snapshot starts with: no cached answers, a new connection."""
    from dashboard.components import context

    context._cached.clear()
    old = context.warehouse(str(settings.snapshot_dir))
    context.warehouse.clear()
    old.close()  # closed now, so that the next connection does not share its warm buffers


def summary(seconds: list[float]) -> dict[str, Any]:
    ms = [s * 1000 for s in seconds]
    return {"p50_ms": percentile(ms, 0.5), "p95_ms": percentile(ms, 0.95), "max_ms": max(ms), "runs": len(ms)}


def server_side(settings: Settings, runs: int) -> dict[str, Any]:
    """Every page in every window: a warm-up run, `runs` cached runs, `runs` first-view runs."""
    rows, errors = [], {}
    for page, window in cases():
        name = page if window is None else f"{page} ({window})"
        try:
            run_page(page, window)  # warm-up: imports, compiled queries, the cache filled
            cached = [run_page(page, window) for _ in range(runs)]
            first = []
            for _ in range(runs):
                forget_answers(settings)
                first.append(run_page(page, window))
        except RenderFailed as exc:
            errors[name] = str(exc)
            say(f"  {name}: failed: {exc}")
            continue
        row: dict[str, Any] = {"page": page, "window": window, "cached": summary(cached), "first_view": summary(first)}
        rows.append(row)
        say(
            f"  {name}: cached p50 {row['cached']['p50_ms']:.0f} / p95 {row['cached']['p95_ms']:.0f} ms; "
            f"first view p50 {row['first_view']['p50_ms']:.0f} / p95 {row['first_view']['p95_ms']:.0f} ms"
        )
    worst = {state: max((r[state]["p95_ms"] for r in rows), default=float("nan")) for state in ("cached", "first_view")}
    return {
        "pages": rows,
        "errors": errors,
        "worst_cached_p95_ms": worst["cached"],
        "worst_first_view_p95_ms": worst["first_view"],
        "warm_up": warm_up(settings, [(r["page"], r["window"]) for r in rows]),
    }


def warm_up(settings: Settings, rendered: list[tuple[str, str | None]]) -> dict[str, Any]:
    """What the server's watcher does after a publish (dashboard/components/warmup.py): replay the queries of
    the views opened lately — here every page in every view that rendered above — on a new connection with
    nothing cached; then each of those pages once more, as the first viewer after the warm-up sees it."""
    from dashboard.components import context
    from dashboard.components.warmup import Warmer

    forget_answers(settings)
    wh = context.current_warehouse()
    started = time.perf_counter()
    replayed = Warmer(wh, context.RECENT, context._cached).warm(wh.snapshot_id)
    seconds = time.perf_counter() - started
    after = [run_page(page, window) * 1000 for page, window in rendered]
    return {"queries": replayed, "seconds": seconds, "first_view_max_ms": max(after, default=float("nan"))}


def task_count(settings: Settings) -> int:
    from metrics.snapshot import connect_readonly, current_snapshot

    con = connect_readonly(current_snapshot(settings.snapshot_dir))
    try:
        return int(con.sql("select count(*) from ref_tasks").fetchall()[0][0])
    finally:
        con.close()


def visit(browser, url: str, tasks: int) -> float:  # type: ignore[no-untyped-def]
    """Seconds from navigation start until every task card shows its figure, in a new browser context."""
    from tests.browser import VIEWPORT

    context = browser.new_context(viewport=VIEWPORT, locale="ko-KR", timezone_id="Asia/Seoul")
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        shown = page.wait_for_function(TASKS_SHOWN, arg=tasks, timeout=BROWSER_TIMEOUT_MS)
        return float(shown.json_value()) / 1000
    finally:
        context.close()


def browser_first_render(settings: Settings, env: dict[str, str], runs: int, log_path: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS
    from tests.e2e.server import serve

    tasks = task_count(settings)
    with serve(settings, log_path=log_path, store_env=env) as served, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            first = visit(browser, served.url(), tasks)
            say(f"  first visit after the server started: {first:.2f} s (not counted)")
            times = []
            for i in range(runs):
                times.append(visit(browser, served.url(), tasks))
                say(f"  visit #{i + 1}: {times[-1]:.2f} s")
        finally:
            browser.close()
    return {
        "tasks": tasks,
        "first_visit_s": first,
        "runs_s": times,
        "median_s": statistics.median(times),
        "max_s": max(times),
    }


def snapshot_facts(settings: Settings) -> dict[str, Any]:
    from metrics.snapshot import connect_readonly, current_snapshot

    path = current_snapshot(settings.snapshot_dir)
    con = connect_readonly(path)
    try:
        as_of = con.sql("select as_of_period from build_info").fetchall()[0][0]
        complaints = con.sql("select count(*) from src_complaints").fetchall()[0][0]
    finally:
        con.close()
    return {"snapshot": path.stem, "as_of": str(as_of), "complaints": complaints}


def measure(home: Path, runs: int, browser_runs: int) -> dict[str, Any]:
    """Both measurements on the store in `home` (read only); browser_runs 0 leaves the browser out."""
    # A new AppTest, and emptying the caches, happen outside a script run, and Streamlit warns each time.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").disabled = True
    home = home.resolve()
    if not (home / "snapshots" / "CURRENT").exists():
        raise SystemExit(f"{home} has no published snapshot (snapshots/CURRENT): build the store first")
    with tempfile.TemporaryDirectory(prefix="govdash-render-") as tmp:
        settings = scratch_home(home, Path(tmp) / "home")
        with data.environ(data.env_for(settings)) as env:  # pages read get_settings() on every run
            result: dict[str, Any] = {"home": str(home), "runs": runs, **snapshot_facts(settings)}
            started = time.perf_counter()
            say(f"server-side render of every page, {runs} runs each cached and first view…")
            result.update(server_side(settings, runs))
            if browser_runs > 0:
                say(f"browser: the overview in Chromium, {browser_runs} visits…")
                result["browser"] = browser_first_render(settings, env, browser_runs, Path(tmp) / "serve.log")
            result["seconds"] = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--home", type=Path, required=True, help="the store (GOVDASH_HOME) to measure; only read")
    p.add_argument("--runs", type=int, default=20, help="timed runs per page, window and state")
    p.add_argument("--browser-runs", type=int, default=5, help="timed browser visits (0: no browser)")
    p.add_argument("--json", type=Path, default=None, help="also write the figures here")
    a = p.parse_args(argv)
    result = measure(a.home, a.runs, a.browser_runs)
    if a.json is not None:
        a.json.write_text(json.dumps(result, indent=1, default=str))
    from bench.report import render_budgets, render_lines

    budgets = [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in render_budgets(result)]
    header = ["", "| budget | measured | limit | verdict |", "|---|---:|---:|---|"]
    print("\n".join([*render_lines(result), *header, *budgets]))


if __name__ == "__main__":
    main()
