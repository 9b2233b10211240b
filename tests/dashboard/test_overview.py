"""The overview shows the marts' figures: overall, the 4 strategies and the 12 tasks with their statuses."""

from __future__ import annotations

import pytest

from metrics.display import percent, status_label
from metrics.queries import WINDOWS

LATEST = "2026-10"


def metric_values(at) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.label: m.value for m in at.metric}


def badges(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.value for m in at.markdown if 'class="gd-status"' in m.value]


@pytest.mark.parametrize("view", WINDOWS)
def test_overview_figures_equal_the_marts(app, marts, view: str) -> None:
    at = app("overview", month=LATEST, view=view)
    shown = metric_values(at)

    (overall,) = marts.execute(
        "select achievement from mart_overall_scores where period = date '2026-10-01' and time_window = ?", [view]
    ).fetchall()
    assert shown["종합 달성률"] == percent(overall[0])

    strategies = marts.execute(
        "select s.strategy_code, r.name_ko, s.achievement, s.status from mart_strategy_scores s "
        "join ref_strategies r using (strategy_code) where period = date '2026-10-01' and time_window = ? "
        "order by r.sort_order",
        [view],
    ).fetchall()
    assert len(strategies) == 4
    for code, name, achievement, _ in strategies:
        assert shown[f"{code} · {name}"] == percent(achievement)

    tasks = marts.execute(
        "select s.task_code, r.name_ko, s.achievement, s.status from mart_task_scores s "
        "join ref_tasks r using (task_code) where period = date '2026-10-01' and time_window = ? "
        "order by task_code",
        [view],
    ).fetchall()
    assert len(tasks) == 12
    for code, name, achievement, _ in tasks:
        assert shown[f"{code} · {name}"] == percent(achievement)

    # every strategy and task shows its status as shape and word (overall + 4 + 12 badges)
    statuses = [s for *_, s in strategies] + [s for *_, s in tasks]
    shown_badges = badges(at)
    assert len(shown_badges) == 1 + 4 + 12
    for status, badge in zip(statuses, shown_badges[1:], strict=True):
        assert status_label(status, "ko") in badge


def test_overview_change_since_last_month_is_the_marts_difference(app, marts) -> None:
    at = app("overview", month=LATEST, view="month")
    overall = {m.label: m for m in at.metric}["종합 달성률"]
    rows = dict(
        marts.execute(
            "select period, achievement from mart_overall_scores where time_window = 'month' "
            "and period in (date '2026-09-01', date '2026-10-01')"
        ).fetchall()
    )
    values = list(rows.values())
    expected = f"{max(rows.items())[1] - min(rows.items())[1]:+,.1f}%p"
    assert overall.proto.delta == expected, values


def test_overview_freshness_names_the_snapshot(app, marts) -> None:
    at = app("overview", month=LATEST)
    (build_id,) = marts.execute("select build_id from build_info").fetchall()[0]
    captions = " ".join(c.value for c in at.caption)
    assert f"스냅샷 {build_id}" in captions
    assert "기준월 2026. 10." in captions
    assert "2026. 11. 25. 09:00" in captions  # the fixture store's build time, Korea time


def test_overview_in_english(app) -> None:
    at = app("overview", month=LATEST, lang="en")
    assert "Overall achievement" in metric_values(at)
    assert any("On track" in b or "Off track" in b or "Watch" in b for b in badges(at))


def test_a_baseline_year_month_has_no_target(app, marts) -> None:
    at = app("overview", month="2025-03", view="ytd")
    (row,) = marts.execute(
        "select achievement from mart_overall_scores where period = date '2025-03-01' and time_window = 'ytd'"
    ).fetchall()
    assert metric_values(at)["종합 달성률"] == percent(row[0])
