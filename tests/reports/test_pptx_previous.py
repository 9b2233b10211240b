"""The lagging-task slide's "전기 대비" line, computed by hand: each task's achievement for October and for
September rebuilt in the test from its KPIs' raw national achievements (bounded to [0, 120], weighted by the
catalog weights over the KPIs that have one), shown as the page shows it, and their difference in points."""

from __future__ import annotations

from datetime import date

import pytest
from pptx import Presentation

from metrics import display
from tests.reports.helpers import rows, slide_texts

OCT, SEP = date(2026, 10, 1), date(2026, 9, 1)
THRESHOLDS = (100.0, 80.0)
CAP = 120.0


def task_by_hand(marts, task: str, period: date) -> float | None:
    kpis = rows(
        marts,
        "select k.weight, n.achievement_raw from ref_kpis k join mart_kpi_national_month n using (kpi_code)"
        " where k.task_code = ? and n.period = ? and n.time_window = 'month'",
        task,
        period,
    )
    counted = [(w, min(max(raw, 0.0), CAP)) for w, raw in kpis if raw is not None]
    if not counted or not sum(w for w, _ in counted):
        return None
    return sum(w * a for w, a in counted) / sum(w for w, _ in counted)


def test_each_lagging_slide_states_the_change_since_the_previous_month_as_computed_by_hand(built, marts):
    prs = Presentation(str(built.path(".pptx")))
    slides = {s.shapes.title.text: slide_texts(s) for s in prs.slides if s.shapes.title is not None}
    lagging = rows(
        marts,
        "select s.task_code, t.name_ko from mart_task_scores s join ref_tasks t using (task_code)"
        " where s.period = ? and s.time_window = 'month' and s.status in ('watch', 'off_track') order by 1",
        OCT,
    )
    checked = 0
    for task, name in lagging:
        now, then = task_by_hand(marts, task, OCT), task_by_hand(marts, task, SEP)
        text = slides[f"부진 과제 {task} {name}"]
        if now is None or then is None:
            assert "전기(" not in text, task
            continue
        shown_now = display.achievement_figure(now, THRESHOLDS)
        shown_then = display.achievement_figure(then, THRESHOLDS)
        assert shown_now is not None and shown_then is not None
        change = shown_now - shown_then
        want = f"전기(2026. 9.) {shown_then:,.1f}% 대비 {change:+,.1f}%p"
        assert want in text, (task, want, text[:300])
        checked += 1
    assert checked >= 5  # the fixture has lagging tasks with both months


@pytest.mark.parametrize("period", [SEP, OCT])
def test_the_hand_rule_is_the_marts_rule_for_every_task(marts, period):
    # The slide test above leans on this hand rule; it must be the task mart's figure for every task.
    tasks = rows(
        marts, "select task_code, achievement from mart_task_scores where period = ? and time_window = 'month'", period
    )
    assert len(tasks) == 12
    for task, achievement in tasks:
        by_hand = task_by_hand(marts, task, period)
        assert (achievement is None) == (by_hand is None), task
        if by_hand is not None:
            assert achievement == pytest.approx(by_hand, abs=1e-9), task
