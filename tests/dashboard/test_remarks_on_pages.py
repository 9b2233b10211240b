"""The KPI page shows the agencies' comments on that KPI and month; the strategies page shows the committee's
assessments of the task for the month's quarter."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from etl.access.actors import Actor
from etl.governance import comments
from etl.ledger.store import open_store
from metrics.settings import PROJECT_ROOT, Settings

APP = str(PROJECT_ROOT / "dashboard" / "app.py")
AGENCY = Actor("desk-1741000", "agency", "1741000")
COMMITTEE = Actor("expert-1", "committee", None)


def _open(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _cells(at: AppTest) -> set[str]:
    return {str(v) for df in at.dataframe for col in df.value.columns for v in df.value[col]}


def test_comments_and_assessments_appear_beside_the_figures(store_copy: Settings, use_store) -> None:  # type: ignore[no-untyped-def]
    use_store(store_copy)
    store = open_store(store_copy)
    comments.add_comment(store, AGENCY, "S1-T2-K1", "1741000", "2026-09", "9월 공개율은 시스템 개편으로 하락")
    comments.add_assessment(store, COMMITTEE, "S1-T1", "2026-Q3", "poor", "참여 실적이 목표에 못 미침")

    kpi_page = _open("kpi", kpi="S1-T2-K1", month="2026-09")
    assert "9월 공개율은 시스템 개편으로 하락" in _cells(kpi_page)
    other_month = _open("kpi", kpi="S1-T2-K1", month="2026-10")
    assert "9월 공개율은 시스템 개편으로 하락" not in _cells(other_month)

    task_page = _open("strategies", task="S1-T1", month="2026-09")
    assert "참여 실적이 목표에 못 미침" in _cells(task_page)
