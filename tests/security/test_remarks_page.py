"""Comments and assessments beside the figures: shown verbatim in data tables (never as markup), and the
forms offered only to the roles that may use them."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from etl.governance import comments
from etl.ledger.store import Store
from metrics.clock import now_utc
from metrics.settings import Settings
from tests.security.conftest import ACTORS, NOW, OWN_AGENCY
from tests.security.test_hostile_text import HOSTILE


def _view() -> None:
    from datetime import date

    from dashboard.components.remarks import kpi_comments, task_assessments

    kpi_comments("S1-T2-K1", date(2026, 9, 1), "ko")
    task_assessments("S1-T1", date(2026, 9, 1), "ko")


def _run_as(role: str | None) -> AppTest:
    at = AppTest.from_function(_view, default_timeout=30)
    if role:
        a = ACTORS[role]
        at.session_state["auth_user"] = {"user_id": a.user_id, "role": a.role, "agency_code": a.agency_code}
        at.session_state["auth_last_seen"] = now_utc()
    return at.run()


def test_remarks_are_shown_verbatim_and_forms_follow_the_role(
    blank_settings: Settings,
    blank_store: Store,
    use_store,  # type: ignore[no-untyped-def]
) -> None:
    use_store(blank_settings)
    comments.add_comment(blank_store, ACTORS["agency"], "S1-T2-K1", OWN_AGENCY, "2026-09", HOSTILE["html"], now=NOW)
    comments.add_assessment(blank_store, ACTORS["committee"], "S1-T1", "2026-Q3", "poor", HOSTILE["formula"], now=NOW)

    reader = _run_as(None)
    assert not reader.exception
    [comment_table, assessment_table] = [df.value for df in reader.dataframe]
    assert list(comment_table["내용"]) == [HOSTILE["html"]]
    assert list(assessment_table["내용"]) == [HOSTILE["formula"]] and list(assessment_table["평가 등급"]) == ["미흡"]
    assert all("<script>" not in m.value for m in reader.markdown)
    assert len(reader.text_area) == 0, "no form for a reader without a login"

    agency = _run_as("agency")
    assert [a.label for a in agency.text_area] == [f"의견 작성 (기관 {OWN_AGENCY})"]
    agency.text_area[0].input("9월 실적은 시스템 개편으로 지연 집계되었습니다.")
    agency.button[0].click().run()
    assert not agency.exception
    texts = [c.text for c in comments.comments(blank_store, latest_only=False)]
    assert texts == ["9월 실적은 시스템 개편으로 지연 집계되었습니다.", HOSTILE["html"]]

    committee = _run_as("committee")
    assert [a.label for a in committee.text_area] == ["평가 의견"]
    assert len(_run_as("council").text_area) == 0
