"""Task narratives through the service (etl/governance/narratives.py): versions kept, states, the required 부진사유 of a
lagging task, who may write, see and review, the audit entries, and verbatim storage."""

from __future__ import annotations

import json

import pytest

from etl.access.actors import SYSTEM, Actor, PermissionDenied
from etl.builder.publish import build
from etl.governance import audit, narratives
from etl.ledger.store import Store
from metrics.warehouse import Warehouse
from tests.security.conftest import ACTORS, NOW

HOSTILE = '=HYPERLINK("http://x.example","클릭")\n**굵게** <script>alert(1)</script> [링크](http://x) ${1+1}'


def _owner(store: Store, task: str) -> Actor:
    return Actor("owner-kim", "agency", narratives.task_owner(store, task))


def _stranger(store: Store, task: str) -> Actor:
    owner = narratives.task_owner(store, task)
    return Actor("stranger-han", "agency", "1352000" if owner != "1352000" else "1721000")


def test_the_owner_falls_back_to_the_strategy_ministry_until_the_catalog_names_one(store: Store) -> None:
    task = store.catalog.tasks[0]
    expected = getattr(task, "owner_code", None) or "1741000"
    assert narratives.task_owner(store, task.code) == expected
    with pytest.raises(ValueError, match="S9-T9"):
        narratives.task_owner(store, "S9-T9")


def test_every_save_is_a_new_version_and_earlier_ones_stay(store: Store) -> None:
    owner = _owner(store, "S1-T1")
    first = narratives.save(store, owner, "S1-T1", "2026-Q3", narratives.Texts("초안 1"), now=NOW)
    second = narratives.save(store, owner, "S1-T1", "2026-q3", narratives.Texts("초안 2", plans="계획"), now=NOW)
    third = narratives.save(store, owner, "S1-T1", "2026-Q3", narratives.Texts("제출본"), submit=True, now=NOW)
    assert [first.version, second.version, third.version] == [1, 2, 3]
    assert [first.state, second.state, third.state] == ["draft", "draft", "submitted"]
    assert third.submitted_at == NOW and first.submitted_at is None
    rows = narratives.versions(store, owner, task_code="S1-T1", quarter="2026-Q3")
    assert [(r.version, r.achievements) for r in rows] == [(3, "제출본"), (2, "초안 2"), (1, "초안 1")]
    assert narratives.latest_shown(store, None, "S1-T1", "2026-Q3").version == 3  # type: ignore[union-attr]


def test_drafts_are_seen_only_by_the_owning_agency_and_administrators(store: Store) -> None:
    owner = _owner(store, "S1-T2")
    narratives.save(store, owner, "S1-T2", "2026-Q3", narratives.Texts("초안"), now=NOW)
    for reader in (ACTORS["admin"], owner):
        assert [r.state for r in narratives.versions(store, reader, task_code="S1-T2")] == ["draft"]
    for reader in (None, ACTORS["council"], ACTORS["committee"], _stranger(store, "S1-T2")):
        assert narratives.versions(store, reader, task_code="S1-T2") == []
    assert narratives.latest_shown(store, owner, "S1-T2", "2026-Q3") is None
    narratives.save(store, owner, "S1-T2", "2026-Q3", narratives.Texts("제출"), submit=True, now=NOW)
    assert [r.state for r in narratives.versions(store, None, task_code="S1-T2")] == ["submitted"]


def test_the_snapshot_decides_which_tasks_are_lagging_in_the_quarter(store: Store) -> None:
    # The fixture store's 2026-09 (Q3's latest month) task statuses: S1-T1 정상, S2-T1 미흡.
    lagging = narratives.lagging_tasks(store, "2026-Q3")
    assert lagging["S1-T1"] is False and lagging["S2-T1"] is True
    assert narratives.lagging_tasks(store, "2019-Q1") == dict.fromkeys(lagging, False)  # no figures then


def test_a_lagging_task_is_not_submitted_without_its_reasons(store: Store) -> None:
    owner = _owner(store, "S2-T1")
    with pytest.raises(ValueError, match="부진사유") as refused:
        narratives.save(store, owner, "S2-T1", "2026-Q3", narratives.Texts("실적만"), submit=True, now=NOW)
    assert "reasons for lagging" in str(refused.value)
    assert narratives.versions(store, SYSTEM, task_code="S2-T1") == []
    # a draft may wait for its reasons; the on-track task is submitted without them
    narratives.save(store, owner, "S2-T1", "2026-Q3", narratives.Texts("실적만"), now=NOW)
    narratives.save(store, _owner(store, "S1-T1"), "S1-T1", "2026-Q3", narratives.Texts("실적"), submit=True)
    done = narratives.save(store, owner, "S2-T1", "2026-Q3", narratives.Texts("실적", "사유"), submit=True, now=NOW)
    assert (done.version, done.state, done.reasons) == (2, "submitted", "사유")


@pytest.mark.parametrize(
    ("texts", "submit", "message"),
    [
        (narratives.Texts(), False, "모두 비어"),
        (narratives.Texts(plans="계획만"), True, "추진실적"),
        (narratives.Texts("가" * 4001), False, "4,001자"),
        (narratives.Texts("실적", requests="a\x00b"), False, "NUL"),
    ],
)
def test_bad_texts_are_refused_with_the_field_named(
    store: Store, texts: narratives.Texts, submit: bool, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        narratives.save(store, _owner(store, "S1-T1"), "S1-T1", "2026-Q3", texts, submit=submit, lagging=False)
    assert narratives.versions(store, SYSTEM, task_code="S1-T1") == []


@pytest.mark.parametrize("who", ["stranger", "council", "committee"])
def test_only_the_owning_agency_and_administrators_write(store: Store, who: str) -> None:
    actor = _stranger(store, "S1-T3") if who == "stranger" else ACTORS[who]
    with pytest.raises(PermissionDenied):
        narratives.save(store, actor, "S1-T3", "2026-Q3", narratives.Texts("실적", "사유"), submit=True)
    [denied] = audit.search(store, SYSTEM, action="permission.denied", actor_id=actor.user_id)
    assert denied.target == "narrative:S1-T3/2026-Q3"
    row = narratives.save(store, ACTORS["admin"], "S1-T3", "2026-Q3", narratives.Texts("실적", "사유"), submit=True)
    assert row.agency_code == narratives.task_owner(store, "S1-T3") and row.author == "admin-lee"


def test_only_committee_members_review_and_only_a_submitted_version(store: Store) -> None:
    owner, member = _owner(store, "S3-T1"), ACTORS["committee"]
    narratives.save(store, owner, "S3-T1", "2026-Q3", narratives.Texts("초안"), now=NOW)
    with pytest.raises(ValueError, match="검토할 제출본이 없습니다"):
        narratives.review(store, member, "S3-T1", "2026-Q3")
    narratives.save(store, owner, "S3-T1", "2026-Q3", narratives.Texts("실적", "사유"), submit=True, now=NOW)
    for actor in (owner, ACTORS["admin"], ACTORS["council"]):
        with pytest.raises(PermissionDenied):
            narratives.review(store, actor, "S3-T1", "2026-Q3", "검토")
    reviewed = narratives.review(store, member, "S3-T1", "2026-Q3", "보완 필요", now=NOW)
    assert (reviewed.version, reviewed.state, reviewed.reviewer, reviewed.review_note) == (
        3,
        "reviewed",
        "committee-jung",
        "보완 필요",
    )
    assert (reviewed.achievements, reviewed.reasons, reviewed.author) == ("실적", "사유", "owner-kim")
    with pytest.raises(ValueError, match="검토할 제출본이 없습니다"):
        narratives.review(store, member, "S3-T1", "2026-Q3")  # reviewed already


def test_every_action_is_audited_with_its_details(store: Store) -> None:
    owner = _owner(store, "S3-T2")
    narratives.save(store, owner, "S3-T2", "2026-Q3", narratives.Texts("초안"), now=NOW)
    narratives.save(store, owner, "S3-T2", "2026-Q3", narratives.Texts("실적", "사유"), submit=True, now=NOW)
    narratives.review(store, ACTORS["committee"], "S3-T2", "2026-Q3", now=NOW)
    entries = audit.search(store, SYSTEM, action="narrative.")
    assert [e.action for e in entries][:3] == ["narrative.review", "narrative.submit", "narrative.save"]
    details = [json.loads(e.after or "{}") for e in entries[:3]]
    assert [d["state"] for d in details] == ["reviewed", "submitted", "draft"]
    assert {(d["task_code"], d["agency_code"], d["period"]) for d in details} == {
        ("S3-T2", owner.agency_code, "2026-Q3")
    }
    assert entries[0].target == "narrative:S3-T2/2026-Q3" and entries[0].actor_id == "committee-jung"


def test_text_is_stored_verbatim_and_reaches_the_snapshot_without_drafts(store: Store) -> None:
    owner = _owner(store, "S4-T1")
    texts = narratives.Texts(HOSTILE, "  앞뒤 공백  ", "@SUM(1)", "+82-2\t탭")
    narratives.save(store, owner, "S4-T1", "2026-Q3", narratives.Texts("비공개 초안"), now=NOW)
    narratives.save(store, owner, "S4-T1", "2026-Q3", texts, submit=True, now=NOW)
    [kept, _] = narratives.versions(store, owner, task_code="S4-T1")
    assert (kept.achievements, kept.reasons, kept.plans, kept.requests) == (
        HOSTILE,
        "  앞뒤 공백  ",
        "@SUM(1)",
        "+82-2\t탭",
    )
    build(store)
    frame = Warehouse(store.settings.snapshot_dir).query("report_narratives", quarter="2026-Q3")
    [row] = frame.filter(frame["task_code"] == "S4-T1").to_dicts()
    assert (row["achievements"], row["plans"], row["version"], row["state"]) == (HOSTILE, "@SUM(1)", 2, "submitted")
    # 2026-11-25 01:00 UTC is 10:00 in Korea
    assert row["submitted_at"].strftime("%Y-%m-%d %H:%M") == "2026-11-25 10:00"
    copied = narratives.narratives_frame(store)
    assert "비공개 초안" not in copied["achievements"].to_list()
