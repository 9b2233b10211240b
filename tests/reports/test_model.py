"""The report model on the fixture store: the options (quarter, one agency, English), the agency rollup
checked against a hand computation from the agency KPI mart, and clear refusals of bad options."""

from __future__ import annotations

from datetime import date

import pytest

from reports.model import ReportError, ReportOptions, gather, period_label
from reports.summary import status_changes, summary_lines
from tests.reports.helpers import rows

AGENCY = "1741000"  # 행정안전부


def test_a_quarter_report_uses_the_year_to_date_window_and_the_previous_quarter(warehouse, marts):
    r = gather(warehouse, ReportOptions.parse("2026-09", quarter=True))
    assert r.options.window == "ytd" and r.previous == date(2026, 6, 1)
    assert period_label(r.options) == "2026년 3분기"
    assert period_label(ReportOptions.parse("2026-10", quarter=True)) == "2026년 4분기 (10월 기준)"
    (ytd,) = rows(
        marts, "select achievement from mart_overall_scores where period = ? and time_window = 'ytd'", date(2026, 9, 1)
    )[0]
    assert r.overall()["achievement"] == ytd


def test_an_agency_scorecard_is_the_capped_weighted_mean_of_its_judged_kpis(warehouse, marts):
    r = gather(warehouse, ReportOptions.parse("2026-10", agency=AGENCY))
    cap, on_track, watch = rows(marts, "select rollup_cap, on_track, watch from ref_settings")[0]
    kpis = rows(
        marts,
        "select k.task_code, k.weight, a.achievement from mart_kpi_agency_month a join ref_kpis k using (kpi_code) "
        "where a.agency_code = ? and a.period = ? and a.time_window = 'month'",
        AGENCY,
        date(2026, 10, 1),
    )
    by_task: dict[str, list[tuple[float, float]]] = {}
    for task, weight, achievement in kpis:
        if achievement is not None:
            by_task.setdefault(task, []).append((weight, min(achievement, cap)))
    tasks = r.score_lookup("task", r.period)
    assert by_task, "the fixture agency has judged KPIs"
    for task, pairs in by_task.items():
        want = sum(w * a for w, a in pairs) / sum(w for w, _ in pairs)
        assert tasks[task]["achievement"] == pytest.approx(want, rel=1e-12)
        status = "on_track" if want >= on_track else "watch" if want >= watch else "off_track"
        assert tasks[task]["status"] == status
    for code, row in tasks.items():
        if code not in by_task:
            assert row["achievement"] is None and row["status"] in ("na", "no_data")
    assert set(r.kpis["kpi_code"].to_list()) <= {
        k for (k,) in rows(marts, "select kpi_code from mart_kpi_agency_month where agency_code = ?", AGENCY)
    }


def test_the_english_report_speaks_english(warehouse):
    r = gather(warehouse, ReportOptions.parse("2026-10", lang="en"))
    lines = [line.render() for line in summary_lines(r)]
    assert lines[0].startswith("□ Overall achievement ")
    assert any("Strategies" in line for line in lines)
    assert r.agency_name is None and r.options.slug == "govdash-report-2026-10-en"


def test_changes_compare_statuses_with_the_previous_month(warehouse, marts):
    r = gather(warehouse, ReportOptions.parse("2026-10"))
    improved, slipped = status_changes(r)
    before = dict(
        rows(
            marts,
            "select task_code, status from mart_task_scores where period = ? and time_window = 'month'",
            date(2026, 9, 1),
        )
    )
    now = dict(
        rows(
            marts,
            "select task_code, status from mart_task_scores where period = ? and time_window = 'month'",
            date(2026, 10, 1),
        )
    )
    rank = {"on_track": 3, "watch": 2, "off_track": 1}
    want_up = {t for t in now if now[t] in rank and before.get(t) in rank and rank[now[t]] > rank[before[t]]}
    want_down = {t for t in now if now[t] in rank and before.get(t) in rank and rank[now[t]] < rank[before[t]]}
    assert {n.split()[0] for n, _, _ in improved if n.count("-") == 1} == want_up
    assert {n.split()[0] for n, _, _ in slipped if n.count("-") == 1} == want_down


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (dict(month="2030-01"), "2030-01"),
        (dict(month="2026-10", agency="0000000"), "0000000"),
        (dict(month="2026-10", lang="fr"), "ko 또는 en"),
        (dict(month="2026/10"), "2026-10 형식"),
    ],
)
def test_bad_options_are_refused_with_a_clear_message(warehouse, options, words):
    with pytest.raises(ValueError, match=words) as info:
        gather(warehouse, ReportOptions.parse(**options))
    assert "(" in str(info.value)  # Korean first, English in parentheses
    assert isinstance(info.value, ReportError | ValueError)


def test_the_english_agency_pdf_speaks_english(warehouse, tmp_path):
    import subprocess

    from reports.export import export

    options = ReportOptions.parse("2026-10", agency=AGENCY, lang="en", quarter=True)
    path = export(options, ["pdf"], tmp_path, warehouse=warehouse, charts=False).files[0]
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())  # the cover title wraps
    for words in (
        "Government Innovation Performance Report: Ministry of the Interior and Safety",
        "Summary",
        "Scorecard of the 12 tasks",
        "Tasks and KPIs on watch or off track",
        "Annex 2. Submissions by agency",
        "Q4 2026 (to October)",
        "25 Nov 2026",
    ):
        assert words in text, words
