"""Before 제출 확정: what a checked file replaces (the active submission, when, by whom) and its figures before →
after, from sql/queries/upload_compare_<dataset>.sql over the archived active rows and the checked rows."""

from __future__ import annotations

import pytest

from etl.actors import Actor, PermissionDenied
from etl.ingest import preview, submit
from etl.upload_compare import compare
from tests.submissions.helpers import AGENCY, MONTH, NOW, OFFICER, meetings_csv, store_of


def _checked(store, content: bytes):  # the preview's frame, as the upload page holds it
    result = preview(
        store, content, filename="m.csv", dataset="meetings", agency_code=AGENCY, period=MONTH, actor=OFFICER, now=NOW
    ).result
    assert result.ok and result.frame is not None
    return result.frame


def _figures(comparison) -> list[tuple]:
    return [tuple(r.values()) for r in comparison.figures.iter_rows(named=True)]


def test_a_replacing_file_says_what_it_replaces_and_its_figures_before_and_after(store_copy):
    store = store_of(store_copy)
    first = submit(
        store,
        meetings_csv([60, 30, 45, 15], tag="A"),
        filename="10월_회의.csv",
        dataset="meetings",
        agency_code=AGENCY,
        period=MONTH,
        actor=OFFICER,
        now=NOW,
    )
    assert first.accepted
    comparison = compare(
        store, OFFICER, "meetings", AGENCY, MONTH, _checked(store, meetings_csv([60, 30, 45], tag="B"))
    )
    replaced = comparison.replaces
    assert replaced is not None
    assert (replaced.submission_id, replaced.submitted_at, replaced.submitted_by) == (
        first.submission_id,
        NOW,
        OFFICER.user_id,
    )
    assert (replaced.filename, replaced.row_count) == ("10월_회의.csv", 4)
    # Attendees are 10 + i: person-minutes 60·11 + 30·12 + 45·13 + 15·14 = 1815 before, 1605 after.
    assert _figures(comparison) == [
        ("meetings", "count", 4.0, 3.0, True),
        ("person_hours", "hours", 1815 / 60, 1605 / 60, True),
        ("remote_meetings", "count", 0.0, 0.0, False),
    ]
    assert comparison.changes_anything


def test_the_same_figures_are_said_to_change_nothing(store_copy):
    store = store_of(store_copy)
    content = meetings_csv([60, 30], tag="S")
    submit(
        store, content, filename="a.csv", dataset="meetings", agency_code=AGENCY, period=MONTH, actor=OFFICER, now=NOW
    )
    comparison = compare(store, OFFICER, "meetings", AGENCY, MONTH, _checked(store, meetings_csv([60, 30], tag="T")))
    assert not comparison.changes_anything


def test_an_empty_slot_has_nothing_to_replace(store_copy):
    store = store_of(store_copy)
    frame = _checked(store, meetings_csv([20], tag="N"))
    comparison = compare(store, OFFICER, "meetings", AGENCY, "2024-12", frame)
    assert comparison.replaces is None
    assert _figures(comparison)[0] == ("meetings", "count", 0.0, 1.0, True)


def test_only_those_who_may_submit_for_the_agency_see_it(store_copy):
    store = store_of(store_copy)
    frame = _checked(store, meetings_csv([20], tag="P"))
    with pytest.raises(PermissionDenied):
        compare(store, Actor("officer-x", "agency", "1352000"), "meetings", AGENCY, MONTH, frame)
    with pytest.raises(PermissionDenied):
        compare(store, Actor("council-choi", "council"), "meetings", AGENCY, MONTH, frame)
