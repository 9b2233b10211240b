"""The overview shows the marts' figures: overall, the 4 strategies and the 12 tasks with their statuses."""

from __future__ import annotations

import html
import re

import pytest

from metrics.display import percent, status_label
from metrics.queries import WINDOWS

LATEST = "2026-10"


def metric_values(at) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.label: m.value for m in at.metric}


def html_elements(at) -> list[str]:  # type: ignore[no-untyped-def]
    """What the page drew as HTML, in order (the overview uses st.html, other pages st.markdown)."""
    return [e.value for e in at.main if e.type in ("html", "markdown")]


def badges(at) -> list[str]:  # type: ignore[no-untyped-def]
    """The overall, strategy and task badges (the attention list's rows have badges of their own)."""
    return [v for v in html_elements(at) if 'class="gd-status"' in v and "gd-attention" not in v]


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
    (build_id, version, catalog, reference) = marts.execute(
        "select build_id, catalog_version, catalog_digest, reference_digest from build_info"
    ).fetchall()[0]
    captions = " ".join(c.value for c in at.caption)
    assert f"스냅샷 {build_id}" in captions
    assert f"카탈로그 {version} (SHA-256 {catalog[:12]})" in captions
    assert f"기준정보(기관·공휴일) SHA-256 {reference[:12]}" in captions
    assert "기준월 2026. 10." in captions
    assert "2026. 11. 25. 09:00" in captions  # the fixture store's build time, Korea time


def test_overview_in_english(app) -> None:
    at = app("overview", month=LATEST, lang="en")
    assert "Overall achievement" in metric_values(at)
    assert any("On track" in b or "Off track" in b or "Watch" in b for b in badges(at))


def test_the_language_switch_speaks_the_language_it_switched_to(app) -> None:
    # The run the click starts draws the page in the new language: the switch's own label too, at once.
    at = app("overview", month=LATEST, lang="en")
    assert at.sidebar.radio(key="lang_switch").label == "Language"
    at.sidebar.radio(key="lang_switch").set_value("ko").run()
    assert "종합 달성률" in metric_values(at)
    assert at.sidebar.radio(key="lang_switch").label == "언어"
    at.sidebar.radio(key="lang_switch").set_value("en").run()
    assert at.sidebar.radio(key="lang_switch").label == "Language" and "Overall achievement" in metric_values(at)


def test_a_baseline_year_month_has_no_target(app, marts) -> None:
    at = app("overview", month="2025-03", view="ytd")
    (row,) = marts.execute(
        "select achievement from mart_overall_scores where period = date '2025-03-01' and time_window = 'ytd'"
    ).fetchall()
    assert metric_values(at)["종합 달성률"] == percent(row[0])


def test_each_task_card_draws_its_trend_and_names_every_figure(app, marts) -> None:
    """The sparkline of a task card is the task's achievement over the twelve months up to the month (months
    without one left out), oldest first; its text alternative names every figure the line draws."""
    at = app("overview", month=LATEST, view="quarter")
    labels = [
        html.unescape(m.group(1))
        for value in html_elements(at)
        if (m := re.search(r'<img class="gd-spark" src="data:image/svg\+xml;base64,[^"]+" alt="([^"]*)"', value))
    ]
    rows = marts.execute(
        "select task_code, list(achievement order by period) filter (where achievement is not null) "
        "from mart_task_scores where time_window = 'quarter' "
        "and period > date '2025-10-01' and period <= date '2026-10-01' group by task_code order by task_code"
    ).fetchall()
    assert len(rows) == 12
    expected = {f"{code} · 최근 12개월 달성률 추이: " + " · ".join(percent(v) for v in values) for code, values in rows}
    assert set(labels[1:]) == expected  # the first is the overall score's

    (overall,) = marts.execute(
        "select list(achievement order by period) filter (where achievement is not null) from mart_overall_scores "
        "where time_window = 'quarter' and period <= date '2026-10-01'"
    ).fetchall()[0]
    assert labels[0] == "종합 달성률 · 최근 12개월 달성률 추이: " + " · ".join(percent(v) for v in overall[-12:])


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_task_chart_prints_each_figure_and_status_in_words(app, marts, lang: str) -> None:
    at = app("overview", month=LATEST, view="ytd", lang=lang)
    (chart,) = [v for v in html_elements(at) if 'class="gd-bars"' in v]
    assert "plotly" not in " ".join(e.type for e in at.main)  # the overview loads no chart library
    rows = re.findall(
        r'class="gd-bar-label"[^>]*>([^<]*)</div>.*?class="gd-bar-text"[^>]*>([^<]*)</div>', chart, flags=re.S
    )
    # the bars lead with the task furthest from its target: lowest achievement first, no figure last, ties in
    # catalog order
    tasks = marts.execute(
        f"select s.task_code, r.name_{lang}, s.achievement, s.status from mart_task_scores s "
        "join ref_tasks r using (task_code) join ref_strategies g on g.strategy_code = r.strategy_code "
        "where period = date '2026-10-01' and time_window = 'ytd' "
        "order by s.achievement asc nulls last, g.sort_order, r.sort_order"
    ).fetchall()
    catalog = marts.execute("select task_code from ref_tasks order by task_code").fetchall()
    assert [code for code, *_ in tasks] != [code for (code,) in catalog]  # the fixture's order differs from codes'
    assert [html.unescape(label) for label, _ in rows] == [f"{code} {name}" for code, name, _, _ in tasks]
    for (_, text), (_, _, achievement, status) in zip(rows, tasks, strict=True):
        assert html.unescape(text) == f"{percent(achievement)} {status_label(status, lang)}"
    title = "세부과제별 달성률 (연간 누계 (1월~기준월), 2026. 10.)" if lang == "ko" else "Achievement by task"
    assert title in html.unescape(chart)


@pytest.mark.parametrize("view", WINDOWS)
def test_overview_counts_tasks_and_each_cards_kpis(app, marts, view: str) -> None:
    at = app("overview", month=LATEST, view=view)
    rows = marts.execute(
        "select children_counted, children_total, achievement from mart_task_scores "
        "where period = date '2026-10-01' and time_window = ? order by task_code",
        [view],
    ).fetchall()
    shown = " ".join(html.unescape(v) for v in html_elements(at))
    # "산정 과제" counts the 12 tasks (those with an achievement / all), not the 4 strategies of the overall row
    tasks_counted = sum(1 for *_, achievement in rows if achievement is not None)
    assert f"산정 과제 {tasks_counted}/12" in shown
    # each task card says how many of its KPIs were averaged, as the mart counted them
    cards = [v for v in html_elements(at) if "산정 지표" in v]
    assert len(cards) == 12
    for (counted, total, _), card in zip(rows, cards, strict=True):
        assert f"산정 지표 {counted}/{total}" in html.unescape(card)
