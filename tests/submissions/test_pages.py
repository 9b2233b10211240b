"""The 업로드 and 제출 현황 pages run in-process (AppTest) on a writable copy of the fixture store."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from etl.contracts import DATASETS
from metrics.clock import now_utc
from metrics.settings import PROJECT_ROOT
from tests.submissions.helpers import snapshot_rows

APP = str(PROJECT_ROOT / "dashboard" / "app.py")
TITLES = {d: DATASETS[d].title_ko for d in DATASETS}


@pytest.fixture
def open_page(store_copy, use_store):  # type: ignore[no-untyped-def]
    use_store(store_copy)

    def run(page: str, as_user: tuple[str, str | None] | None = ("admin", None), **params: str) -> AppTest:
        """The page run once; logged in as (role, agency) unless as_user is None."""
        at = AppTest.from_file(APP, default_timeout=60)
        if as_user:
            role, agency = as_user
            at.session_state["auth_user"] = {"user_id": f"test-{role}", "role": role, "agency_code": agency}
            at.session_state["auth_last_seen"] = now_utc()
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(f"views/{page}.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


def test_the_upload_page_asks_for_a_login_and_refuses_roles_that_do_not_submit(open_page):
    anonymous = open_page("upload", as_user=None)
    assert "로그인하십시오" in " ".join(i.value for i in anonymous.info)
    assert not anonymous.get("file_uploader") and not anonymous.sidebar.selectbox
    council = open_page("upload", as_user=("council", None))
    assert "파일을 제출할 수 없습니다" in " ".join(w.value for w in council.warning)
    assert not council.get("file_uploader")


def test_an_agency_officer_submits_for_their_own_agency_only(open_page):
    at = open_page("upload", as_user=("agency", "1741000"))
    assert not [s for s in at.sidebar.selectbox if s.key == "acting_agency"]  # no agency to choose
    assert "제출 기관: 행정안전부" in " ".join(m.value for m in at.sidebar.markdown)
    assert at.get("file_uploader")


def test_the_upload_page_offers_dataset_month_templates_and_the_acting_agency(open_page):
    at = open_page("upload")  # an administrator chooses the agency to act for
    assert at.title[0].value == "업로드"
    assert at.sidebar.selectbox(key="acting_agency").value
    assert at.selectbox(key="upload_dataset").value == "complaints"
    labels = [b.label for b in at.get("download_button")]
    # The dataset's two templates first; the task narratives' two follow (dashboard/components/narratives.py).
    assert labels[:2] == ["서식 내려받기 (CSV)", "서식 내려받기 (XLSX)"]


def test_the_submissions_page_shows_the_months_matrix_from_the_mart(open_page, store_copy):
    at = open_page("submissions")
    assert at.title[0].value == "제출 현황"
    at.selectbox(key="sub_month").set_value(at.selectbox(key="sub_month").options[0]).run()
    month = at.selectbox(key="sub_month").value
    expected = snapshot_rows(
        store_copy,
        f"select status, count(*) from mart_submission_status where period = '{month}' group by 1",  # noqa: S608
    )
    counts = dict(expected)
    text = " ".join(m.value for m in at.markdown)
    assert f"정시 {counts.get('on_time', 0)}" in text and f"미제출 {counts.get('missing', 0)}" in text
    matrix = at.table[0].value  # agencies × datasets, as labels
    agencies = snapshot_rows(
        store_copy,
        f"select distinct agency_code from mart_submission_status where period = '{month}'",  # noqa: S608
    )
    assert len(matrix) == len(agencies)
    missing = snapshot_rows(
        store_copy,
        f"select agency_code, dataset from mart_submission_status where period = '{month}' and status = 'missing'",  # noqa: S608
    )
    by_agency = {str(a).rsplit("(", 1)[1].rstrip(")"): row for a, row in matrix.iterrows()}
    assert missing
    for code, dataset in missing:
        assert by_agency[code][TITLES[dataset]] == "missing"  # shown as "× 미제출" by the table's formatter


def test_the_upload_page_checks_a_file_and_records_its_rejection_in_english(open_page, store_copy):
    from datetime import date

    from tests.submissions.helpers import ledger_rows, meetings_csv, store_of

    at = open_page("upload", as_user=("agency", "1741000"), lang="en")
    at.selectbox(key="upload_dataset").set_value("meetings")
    at.selectbox(key="upload_month").set_value(date(2026, 10, 1))
    at.run()
    bad = meetings_csv([30, 0], tag="A")  # row 3: 0 minutes, out of range
    at.file_uploader[0].set_value(("meetings.csv", bad, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert "The file has errors and was rejected" in errors
    table = at.table[-1].value  # the report (the column guide comes first)
    assert table.iloc[0].tolist()[:3] == [3, "소요시간분", "0"]
    assert [b.label for b in at.get("download_button")][-2:] == [
        "Validation report (CSV)",
        "Validation report (XLSX, cells marked)",
    ]
    rows = [r for r in ledger_rows(store_of(store_copy)) if r.filename == "meetings.csv"]
    assert [r.status for r in rows] == ["rejected"]
    at.run()  # the page runs again on every click: the rejection stays recorded once
    assert len([r for r in ledger_rows(store_of(store_copy)) if r.filename == "meetings.csv"]) == 1
