"""The 보고서 page run in-process (AppTest) on the fixture store: the summary preview equals the report
model, the scorecard shows the marts' figures, a download button per format."""

from __future__ import annotations

import shutil
from datetime import date

import duckdb
from streamlit.testing.v1 import AppTest

from metrics.settings import PROJECT_ROOT
from metrics.snapshot import current_snapshot
from tests.reports.helpers import rows

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


def open_reports(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("views/reports.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_previews_the_summary_with_the_marts_figures(fixture_store, use_store, marts):
    use_store(fixture_store)
    at = open_reports()
    assert at.title[0].value == "보고서"
    texts = [t.value for t in at.text]
    (overall,) = rows(
        marts,
        "select achievement from mart_overall_scores where period = ? and time_window = 'month'",
        date(2026, 10, 1),
    )[0]
    assert texts[0] == f"□ 종합 달성률 {overall:.1f}% (▲ 주의)" or texts[0].startswith(f"□ 종합 달성률 {overall:.1f}%")
    frame = at.dataframe[0].value
    assert len(frame) == 12
    labels = [b.proto.label for b in at.get("download_button")]
    assert len(labels) == 5 and labels[0].startswith("PDF")


def test_the_page_speaks_english_and_makes_an_agency_report(fixture_store, use_store):
    use_store(fixture_store)
    at = open_reports(lang="en")
    assert at.title[0].value == "Reports"
    at.selectbox(key="rep_agency").set_value("1741000").run()
    assert not at.exception
    assert any("counts only the KPIs that judge agencies" in t.value for t in at.text)


def test_a_kept_snapshot_of_an_earlier_version_is_refused_on_the_page(store_copy, use_store):
    # An earlier version's snapshot: the published one copied under an older id, without a table the page reads.
    use_store(store_copy)
    old_id = "20260101T090000-0a0b0c"
    old = store_copy.snapshot_dir / f"{old_id}.duckdb"
    shutil.copyfile(current_snapshot(store_copy.snapshot_dir), old)
    con = duckdb.connect(str(old))
    con.execute("drop table mart_overall_scores")
    con.execute("update build_info set sql_digest = 'the SQL of an earlier version'")
    con.close()

    at = open_reports()
    at.selectbox(key="rep_snapshot").set_value(old_id).run()
    assert not at.exception, [e.value for e in at.exception]
    (error,) = [e.value.replace("\\", "") for e in at.error]  # shown as plain text: Markdown escaped
    assert old_id in error and "이전 버전의 govdash" in error
    assert not at.get("download_button")  # nothing offered from it
    at.selectbox(key="rep_snapshot").set_value(current_snapshot(store_copy.snapshot_dir).stem).run()
    assert not at.error and len(at.get("download_button")) == 5  # the published one still works
