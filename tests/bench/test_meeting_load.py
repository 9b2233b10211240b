"""The council-meeting load (bench/meeting.py): every session opens its three pages in every dashboard process
while re-submissions are built; the summary counts and ranks the page times; the report judges the budgets."""

from __future__ import annotations

import pytest

from bench.data import context, largest_complaints_file
from bench.meeting import MEETING_PAGES, summary, task_meeting
from bench.report_growth import meeting_budgets, meeting_lines
from metrics.settings import PROJECT_ROOT, Settings
from tests.fixture_store import fixture_env


def test_every_session_opens_its_pages_in_two_processes_while_an_upload_rebuilds(
    store_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for k, v in {**fixture_env(store_copy.home), "PYTHONPATH": str(PROJECT_ROOT)}.items():
        monkeypatch.setenv(k, v)
    slot = largest_complaints_file(store_copy)
    ctx = context(store_copy, slot)
    resubmit = {"agency": slot.agency_code, "period": slot.period, "rows": slot.rows, "original": str(slot.original)}
    before = (store_copy.snapshot_dir / "CURRENT").read_text()
    r = task_meeting(
        {
            "snapshot_dir": str(store_copy.snapshot_dir),
            **ctx,
            "sessions": 4,
            "replicas": 2,
            "window": 0.5,
            "resubmit": {**resubmit, "resubmission_rows": slot.rows, "repetition": 7},
        }
    )
    m = summary(r)
    assert m["failures"] == []
    assert m["page_views"] == m["expected_views"] == 4 * len(MEETING_PAGES)
    assert sorted({page for page, _, _, _ in r["samples"]}) == sorted(MEETING_PAGES)
    assert sorted({arrival for _, _, _, arrival in r["samples"]}) == [0.0, 0.125, 0.25, 0.375]
    assert m["builds"] >= 1 and (store_copy.snapshot_dir / "CURRENT").read_text() != before
    assert (store_copy.snapshot_dir / "CURRENT").read_text().strip() == f"{r['published'][-1]}.duckdb"
    assert len(r["viewer_cpu_s"]) == 2


def _result(times_ms: list[float], replicas: int = 1, failures: list[str] | None = None) -> dict:
    samples = [(MEETING_PAGES[i % 3], t / 1000, "new" if i == 0 else "old", 0.0) for i, t in enumerate(times_ms)]
    return {
        "sessions": len(times_ms) // 3,
        "replicas": replicas,
        "window": 60.0,
        "samples": samples,
        "failures": failures or [],
        "builds": [{"seconds": 4.0, "build_id": "new"}],
        "published": ["new"],
        "seconds": 61.0,
    }


def test_the_summary_ranks_page_times_and_sees_the_new_snapshot() -> None:
    m = summary(_result([100.0, 200.0, 300.0, 400.0, 500.0, 600.0]))
    assert m["page_views"] == m["expected_views"] == 6
    assert m["p50_ms"] == pytest.approx(350.0)
    assert m["p95_ms"] == pytest.approx(575.0)
    assert m["max_ms"] == pytest.approx(600.0)
    assert m["per_page_p95_ms"]["overview"] == pytest.approx(385.0)  # 100 and 400
    assert m["saw_new_snapshot"] is True


def test_budgets_say_met_or_missed_for_each_number_of_processes() -> None:
    meeting = {
        "1": summary(_result([100.0] * 4 + [1600.0, 1600.0])),
        "2": summary(_result([100.0] * 6, replicas=2, failures=["kpi: boom"])),
    }
    verdicts = [(name, measured, verdict) for name, measured, _, verdict in meeting_budgets(meeting)]
    assert [v for _, _, v in verdicts] == ["met", "**missed**", "**missed**", "met"]
    assert verdicts[2][1] == "1 of 6"
    lines = meeting_lines(meeting)
    assert any(line.startswith("| 1 | 2 | 6 | 0 |") for line in lines)
    assert "- failure: `kpi: boom`" in lines


def test_the_report_names_the_meeting_section() -> None:
    lines = meeting_lines({"2": summary(_result([50.0] * 3, replicas=2))})
    assert lines[0] == "## A council meeting"
