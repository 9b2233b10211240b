"""The page-render harness (bench/render.py) runs every page in every time window on a store without writing
to it, and the report judges its figures against the budgets."""

from __future__ import annotations

from pathlib import Path

from bench.render import PAGES, WITHOUT_WINDOW, cases, measure
from bench.report import render_budgets, render_lines
from metrics.queries import WINDOWS
from metrics.settings import Settings


def listing(home: Path) -> list[tuple[str, int, int]]:
    return sorted((str(p.relative_to(home)), p.stat().st_size, p.stat().st_mtime_ns) for p in home.rglob("*"))


def test_every_page_in_every_window() -> None:
    windowed = [p for p in PAGES if p not in WITHOUT_WINDOW]
    assert len(cases()) == len(windowed) * len(WINDOWS) + len(WITHOUT_WINDOW)
    assert {w for _, w in cases()} == {*WINDOWS, None}


def test_measures_every_page_and_leaves_the_store_as_it_was(fixture_store: Settings) -> None:
    before = listing(fixture_store.home)
    result = measure(fixture_store.home, runs=1, browser_runs=0)
    assert listing(fixture_store.home) == before
    assert result["errors"] == {}
    assert [(r["page"], r["window"]) for r in result["pages"]] == cases()
    for row in result["pages"]:
        for state in ("cached", "first_view"):
            assert 0 < row[state]["p50_ms"] <= row[state]["p95_ms"] <= row[state]["max_ms"]
    assert "browser" not in result
    assert any(line.startswith("| overview | month |") for line in render_lines(result))
    # the replay after a publish asked every distinct query the pages asked, and left the pages cached
    warm = result["warm_up"]
    assert warm["queries"] > len(cases())
    assert warm["seconds"] > 0 and warm["first_view_max_ms"] > 0
    assert any("queries replayed" in line for line in render_lines(result))


def test_budgets_say_met_or_missed() -> None:
    result = {
        "worst_cached_p95_ms": 120.0,
        "worst_first_view_p95_ms": 301.0,
        "errors": {},
        "browser": {"runs_s": [1.2, 1.9], "max_s": 1.9},
    }
    verdicts = [(name.split(",")[-1].strip(), verdict) for name, _, _, verdict in render_budgets(result)]
    assert verdicts == [
        ("cached (slowest page and view)", "met"),
        ("first view after a publish (slowest page and view)", "**missed**"),
        ("browser first render of the overview (slowest of 2 visits)", "met"),
    ]
