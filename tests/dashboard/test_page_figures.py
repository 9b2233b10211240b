"""What the pages show equals the marts (and, for the submissions behind a figure, the ledger itself)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from dashboard.components.inert import as_shown
from metrics.display import (
    Thresholds,
    achievement_text,
    datetime_label,
    number,
    percent,
    status_label,
    value_with_unit,
    won,
)
from metrics.display import achievement as shown_achievement
from metrics.queries import WINDOWS

THRESHOLDS = Thresholds(on_track=100.0, watch=80.0)  # the catalog's, as the fixture store is built


def table(at, index: int = 0):  # type: ignore[no-untyped-def]
    """The table as a reader sees it: cells are escaped Markdown source (dashboard/components/inert.py)."""
    return at.table[index].value.map(lambda v: as_shown(v) if isinstance(v, str) else v)


def table_with(at, *columns: str):  # type: ignore[no-untyped-def]
    """The first table holding these columns: a chart's own "표로 보기" table may come before it."""
    return next(tb for i in range(len(at.table)) if set(columns) <= set((tb := table(at, i)).columns))


def metric_pairs(at) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.label, m.value) for m in at.metric]


def test_strategies_page_shows_the_tasks_kpis_as_in_the_mart(app, marts) -> None:
    at = app("strategies", task="S1-T3", month="2026-10", view="month")
    rows = marts.execute(
        "select n.kpi_code, k.unit, n.value, n.target, n.achievement, n.status, k.direction, n.achievement_raw "
        "from mart_kpi_national_month n join ref_kpis k using (kpi_code) "
        "where n.task_code = 'S1-T3' and n.period = date '2026-10-01' and n.time_window = 'month' "
        "order by k.sort_order"
    ).fetchall()
    (task,) = marts.execute(
        "select achievement from mart_task_scores where task_code = 'S1-T3' "
        "and period = date '2026-10-01' and time_window = 'month'"
    ).fetchall()
    # achievements and values are rounded never across a threshold or the target (S1-T3-K2 reads 99.476 %
    # against 99.5 %: shown 99.4 %, achievement 99.976 % shown 99.9 %, not 99.5 % and 100.0 %)
    expected = [("달성률", shown_achievement(task[0], THRESHOLDS))]
    for _, unit, value, target, achievement, _, direction, raw in rows:
        expected += [("실적", value_with_unit(value, unit, target=target, direction=direction))]
        expected += [("목표", value_with_unit(target, unit))]
        expected += [("달성률", achievement_text(achievement, raw, THRESHOLDS))]
    assert metric_pairs(at) == expected
    badges = [m.value for m in at.markdown if "gd-status" in m.value]
    assert [status_label(r[5]) in b for r, b in zip(rows, badges[1:], strict=True)] == [True] * len(rows)
    assert at.radio(key="pick_strategy").value == "S1"


def test_kpi_page_figures_and_agency_ranking_equal_the_marts(app, marts) -> None:
    at = app("kpi", kpi="S1-T3-K1", month="2026-10", view="ytd")
    ((value, target, achievement),) = marts.execute(
        "select value, target, achievement from mart_kpi_national_month "
        "where kpi_code = 'S1-T3-K1' and period = date '2026-10-01' and time_window = 'ytd'"
    ).fetchall()
    assert metric_pairs(at)[:3] == [
        ("실적", value_with_unit(value, "일")),
        ("목표", value_with_unit(target, "일")),
        ("달성률", percent(achievement)),
    ]
    agencies = marts.execute(
        "select a.name_ko, m.value, m.achievement, m.status from mart_kpi_agency_month m "
        "join ref_agencies a using (agency_code) where m.kpi_code = 'S1-T3-K1' "
        "and m.period = date '2026-10-01' and m.time_window = 'ytd'"
    ).fetchall()
    ranking = table(at, 1)  # 0 is the definition
    shown = {r["기관"]: (r["실적"], r["달성률"], r["상태"]) for _, r in ranking.iterrows()}
    assert shown == {n: (value_with_unit(v, "일"), percent(a), status_label(s)) for n, v, a, s in agencies}
    # rank within the group follows achievement, best first
    central = ranking[ranking["구분"] == "중앙"]
    ranked = central[central["구분 내 순위"] != "—"]
    assert list(ranked["구분 내 순위"]) == [str(i) for i in range(1, len(ranked) + 1)]


def test_kpi_page_lists_the_submissions_behind_the_figure_as_the_ledger_has_them(app, fixture_store) -> None:
    at = app("kpi", kpi="S1-T3-K1", month="2026-10", view="month")
    shown = table(at, 2)
    ledger = sqlite3.connect(fixture_store.home / "ledger.sqlite")
    accepted = {
        agency: (filename, by, at_utc, rows)
        for agency, filename, by, at_utc, rows in ledger.execute(
            "select agency_code, filename, submitted_by, submitted_at, row_count from submissions "
            "where dataset = 'complaints' and period = '2026-10' and status = 'accepted'"
        )
    }
    assert len(shown) > 0
    files = {r["파일"] for _, r in shown.iterrows()}
    for filename, by, submitted_utc, rows in accepted.values():
        assert filename in files
        row = shown[shown["파일"] == filename].iloc[0]
        kst = datetime.fromisoformat(str(submitted_utc)) + timedelta(hours=9)  # the ledger keeps UTC
        assert (row["제출자"], row["제출 시각 (KST)"], row["행 수"]) == (by, datetime_label(kst), number(rows))
    missing = shown[shown["파일"] == "—"]
    assert set(missing["제출 상태"]) <= {"미제출"}


def test_agency_ranking_follows_the_rollup_rule_computed_by_hand(app, marts) -> None:
    at = app("agencies", month="2026-10", view="month", group="central")
    rows = marts.execute(
        "select a.name_ko, k.weight, m.achievement from mart_kpi_agency_month m "
        "join ref_kpis k using (kpi_code) join ref_agencies a using (agency_code) "
        "where k.judge_agencies and m.period = date '2026-10-01' and m.time_window = 'month' "
        "and a.agency_group = 'central'"
    ).fetchall()
    (cap,) = marts.execute("select rollup_cap from ref_settings").fetchall()[0]
    sums: dict[str, list[float]] = {}
    for name, weight, achievement in rows:
        if achievement is not None:
            acc = sums.setdefault(name, [0.0, 0.0])
            acc[0] += weight * min(achievement, cap)
            acc[1] += weight
    scores = {name: s / w for name, (s, w) in sums.items()}
    shown = table(at, 0)
    assert {r["기관"]: r["기관 점수"] for _, r in shown.iterrows() if r["기관 점수"] != "—"} == {
        n: percent(v) for n, v in scores.items()
    }
    best_first = sorted(scores, key=lambda n: -scores[n])
    assert list(shown["기관"])[: len(best_first)] == best_first


def test_agency_scorecard_is_the_agencys_own_row_in_the_mart(app, marts) -> None:
    at = app("agencies", month="2026-10", view="ytd", agency="1741000")
    rows = marts.execute(
        "select m.kpi_code, k.unit, m.value, m.achievement, m.target, k.direction, k.judge_agencies,"
        " m.achievement_raw from mart_kpi_agency_month m "
        "join ref_kpis k using (kpi_code) where m.agency_code = '1741000' "
        "and m.period = date '2026-10-01' and m.time_window = 'ytd' order by m.kpi_code"
    ).fetchall()
    # the scorecard: the table with a plain 실적 column (the period comparison after it names its months)
    card = next(tb for i in range(len(at.table)) if "실적" in (tb := table(at, i)).columns)
    shown = {r["지표"].split(" ")[0]: (r["실적"], r["달성률"]) for _, r in card.iterrows()}
    # a judged KPI's value is rounded against its target, its achievement against the thresholds (S1-T3-K2:
    # 99.476 % against 99.5 % shows 99.4 %, its achievement 99.976 % shows 99.9 %), with the raw ratio marked
    # where it was bounded
    assert shown == {
        c: (
            value_with_unit(v, u, target=t, direction=d) if j else value_with_unit(v, u),
            achievement_text(a, raw, THRESHOLDS),
        )
        for c, u, v, a, t, d, j, raw in rows
    }
    assert shown["S1-T3-K2"] == ("99.4%", "99.9%")


@pytest.mark.parametrize("view", WINDOWS)
def test_complaint_figures_equal_the_marts(app, marts, view: str) -> None:
    at = app("complaints", month="2026-10", view=view)
    metrics = dict(metric_pairs(at))
    national = dict(
        marts.execute(
            "select kpi_code, value from mart_kpi_national_month where period = date '2026-10-01' "
            "and time_window = ? and kpi_code in ('S1-T3-K1', 'S1-T3-K2', 'S1-T3-K3')",
            [view],
        ).fetchall()
    )
    assert metrics["처리기간 중앙값"] == f"{national['S1-T3-K1']:,.2f}일"
    assert metrics["법정기한 준수율"] == percent(national["S1-T3-K2"])
    assert metrics["처리기간 90백분위"] == f"{national['S1-T3-K3']:,.2f}일"
    if view == "month":  # by type and by agency it must match the monthly window of the mart row for row
        stats = marts.execute(
            "select scope, case when dimension = 'total' then 'ALL' else key end, received, median_days, "
            "on_time_rate from mart_complaint_windows where period = date '2026-10-01' and time_window = 'month' "
            "and ((scope = 'ALL' and dimension in ('total', 'type')) or (dimension = 'total' and scope <> 'ALL' "
            "and scope not in ('central', 'local')))"
        ).fetchall()
        (total,) = [s for s in stats if s[0] == "ALL" and s[1] == "ALL"]
        assert metrics["접수 건수"] == number(total[2])
        by_type = {
            r["유형"]: (r["접수 건수"], r["처리기간 중앙값"], r["법정기한 준수율"])
            for _, r in table_with(at, "유형", "법정기한 준수율").iterrows()
        }
        assert by_type == {
            t: (number(n), f"{m:,.2f}일", percent(o)) for a, t, n, m, o in stats if a == "ALL" and t != "ALL"
        }
        names = dict(marts.execute("select agency_code, name_ko from ref_agencies").fetchall())
        table_by_agency = table_with(at, "기관", "접수 건수", "처리기간 중앙값")
        by_agency = {r["기관"]: (r["접수 건수"], r["처리기간 중앙값"]) for _, r in table_by_agency.iterrows()}
        assert by_agency == {
            names[a]: (number(n), f"{m:,.2f}일") for a, t, n, m, _ in stats if a != "ALL" and t == "ALL"
        }


def kpi_values(marts, view: str, *codes: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    marks = ", ".join("?" for _ in codes)
    return dict(
        marts.execute(
            f"select kpi_code, value from mart_kpi_national_month where period = date '2026-10-01' "
            f"and time_window = ? and kpi_code in ({marks})",
            [view, *codes],
        ).fetchall()
    )


@pytest.mark.parametrize("view", WINDOWS)
def test_participation_totals_equal_the_kpis(app, marts, view: str) -> None:
    at = app("participation", month="2026-10", view=view)
    metrics = dict(metric_pairs(at))
    kpis = kpi_values(marts, view, "S1-T1-K1", "S1-T1-K2", "S1-T1-K3")
    assert metrics["제안 접수"] == number(kpis["S1-T1-K1"])
    assert metrics["채택률"] == percent(kpis["S1-T1-K2"])
    assert metrics["참여자"] == number(kpis["S1-T1-K3"])


@pytest.mark.parametrize("view", WINDOWS)
def test_meeting_totals_equal_the_kpis(app, marts, view: str) -> None:
    at = app("meetings", month="2026-10", view=view)
    metrics = dict(metric_pairs(at))
    kpis = kpi_values(marts, view, "S3-T2-K1", "S3-T2-K2")
    assert metrics["인·시 감축률"] == percent(kpis["S3-T2-K1"])
    assert metrics["평균 회의시간 (분)"] == number(kpis["S3-T2-K2"], 1)


@pytest.mark.parametrize("view", WINDOWS)
def test_reward_amounts_by_type_equal_the_kpis(app, marts, view: str) -> None:
    at = app("rewards", month="2026-10", view=view)
    kpis = kpi_values(marts, view, "S3-T3-K1", "S3-T3-K2", "S3-T3-K3")
    assert dict(metric_pairs(at))["수령 인원"] == number(kpis["S3-T3-K2"])
    by_type = {
        r["포상 유형"]: int(r["지급액 (원)"].replace(",", ""))
        for _, r in table_with(at, "포상 유형", "지급액 (원)").iterrows()
    }
    assert by_type.get("특별성과", 0) == kpis["S3-T3-K1"]
    assert by_type.get("재난대응", 0) + by_type.get("민원대응", 0) == kpis["S3-T3-K3"]
    total = dict(metric_pairs(at))["지급액"]
    assert total == won(sum(by_type.values()))


def test_strategies_page_shows_the_agencies_notes_from_their_progress_files(app, marts) -> None:
    at = app("strategies", task="S1-T2", month="2026-10", view="month")
    notes = marts.execute(
        "select p.kpi_code, a.name_ko, p.note from stg_kpi_progress p join ref_agencies a using (agency_code) "
        "join ref_kpis k using (kpi_code) join stg_submissions s on s.submission_id = p.submission_id "
        "where s.is_active and k.task_code = 'S1-T2' and p.period = date '2026-10-01' "
        "and coalesce(trim(p.note), '') <> ''"
    ).fetchall()
    assert notes, "the fixture store has notes on this task"
    shown = table_with(at, "지표", "기관", "의견")
    assert sorted(map(tuple, shown[["지표", "기관", "의견"]].values.tolist())) == sorted(notes)


@pytest.mark.parametrize(
    ("kpi", "lang", "heading", "rule"),
    [
        ("S3-T2-K1", "ko", "회의 인·시 감축률", "두 해 모두 제출한 기관·월만 비교합니다"),
        ("S3-T2-K1", "en", "Reduction of meeting person-hours vs 2025", "Matched agency-months only"),
        ("S1-T1-K3", "ko", "국민참여 연인원 (월별 참여자 수 합계)", "연인원: 월별 참여자 수의 합계"),
        ("S1-T1-K3", "en", "Participant-visits (monthly participants summed)", "Person-visits: the monthly"),
        ("S4-T3-K1", "en", "Mean of agencies' AI impact-assessment rates", None),
    ],
)
def test_kpi_definition_names_what_is_counted(app, kpi: str, lang: str, heading: str, rule: str | None) -> None:
    at = app("kpi", kpi=kpi, month="2026-10", view="month", lang=lang)
    assert any(h.value == f"{kpi} · {heading}" for h in at.subheader)
    definition = table(at, 0)
    rules = [v for v in definition.iloc[:, 1] if rule and v.startswith(rule)]
    assert len(rules) == (1 if rule else 0)
    if rule is None:  # a KPI without a counting rule of its own shows the seven fields only
        assert len(definition) == 7
