"""The administrator's holiday changes (etl/governance/calendar.py, `govdash calendar`): only an administrator may make
them, each is audited, bad input is refused with a clear message and changes nothing, and the store's
holidays (what the next build uses) are the file with the changes applied."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from etl.access.actors import PermissionDenied
from etl.cli.main import app
from etl.governance import audit, calendar
from etl.ledger.holidays import effective_holidays
from etl.ledger.store import Store, open_store
from metrics.reference import load_holidays
from metrics.settings import Settings
from tests.fixture_store import fixture_env
from tests.security.conftest import ACTORS, NOW

ADMIN = ACTORS["admin"]


def _effective(store: Store) -> dict[date, str]:
    frame = effective_holidays(store)
    return dict(zip(frame["date"].to_list(), frame["name_ko"].to_list(), strict=True))


@pytest.mark.parametrize("role", ["agency", "council", "committee"])
def test_only_an_administrator_changes_the_calendar_and_a_refusal_is_audited(blank_store: Store, role: str) -> None:
    before = _effective(blank_store)
    actor = ACTORS[role]
    with pytest.raises(PermissionDenied, match="공휴일 달력 변경"):
        calendar.add_holiday(blank_store, actor, "2027-05-04", "임시공휴일", "사유", now=NOW)
    with pytest.raises(PermissionDenied):
        calendar.remove_holiday(blank_store, actor, "2027-05-05", "사유", now=NOW)
    assert _effective(blank_store) == before
    denied = audit.search(blank_store, ACTORS["system"], action="permission.denied", actor_id=actor.user_id)
    assert [e.target for e in denied] == ["holiday:2027-05-05", "holiday:2027-05-04"]


def test_add_and_remove_apply_in_order_over_the_file_and_are_audited(blank_store: Store) -> None:
    from_file = dict(load_holidays(blank_store.settings.reference_dir).iter_rows())
    calendar.add_holiday(blank_store, ADMIN, "2027-05-04", "임시공휴일", "국무회의 의결", now=NOW)
    calendar.remove_holiday(blank_store, ADMIN, "2027-10-11", "월력요항 정정", now=NOW)
    got = _effective(blank_store)
    assert got[date(2027, 5, 4)] == "임시공휴일" and date(2027, 10, 11) not in got
    # everything else is the file's: one day added, one removed
    assert len(got) == len(from_file) and {d: n for d, n in got.items() if d != date(2027, 5, 4)} == {
        d: n for d, n in from_file.items() if d != date(2027, 10, 11)
    }
    entries = audit.search(blank_store, ADMIN, action="holiday.")
    assert [(e.action, e.target, e.actor_id) for e in entries] == [
        ("holiday.removed", "holiday:2027-10-11", "admin-lee"),
        ("holiday.added", "holiday:2027-05-04", "admin-lee"),
    ]
    assert "대체공휴일(한글날)" in (entries[0].before or "")
    listed = calendar.list_holidays(blank_store, 2027)
    sources = dict(zip(listed["date"].to_list(), listed["source"].to_list(), strict=True))
    assert sources[date(2027, 5, 4)] == "admin-lee 2026-11-25 UTC: 국무회의 의결"
    assert sources[date(2027, 5, 5)] == "holidays.csv"
    assert listed.height == 24 - 1 + 1  # the file's 24 days of 2027, one removed, one added
    # a store opened afterwards (the next build's) sees the changes
    again = open_store(blank_store.settings)
    try:
        assert again.holidays["date"].to_list() == sorted(got)
    finally:
        again.engine.dispose()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: calendar.add_holiday(s, ADMIN, "2027-02-30", "x", "y"), r"'2027-02-30'은\(는\) 날짜가 아닙니다"),
        (lambda s: calendar.add_holiday(s, ADMIN, "27-5-4", "x", "y"), r"write it as YYYY-MM-DD"),
        (lambda s: calendar.add_holiday(s, ADMIN, "1927-05-04", "x", "y"), r"the year must be 2000-2099"),
        (lambda s: calendar.add_holiday(s, ADMIN, "2027-05-05", "x", "y"), r"already a holiday \(어린이날\)"),
        (lambda s: calendar.add_holiday(s, ADMIN, "2027-05-04", " ", "y"), r"the holiday name is empty"),
        (lambda s: calendar.add_holiday(s, ADMIN, "2027-05-04", "a\nb", "y"), r"one line of at most 50"),
        (lambda s: calendar.add_holiday(s, ADMIN, "2027-05-04", "x", ""), r"the reason for the change is empty"),
        (lambda s: calendar.remove_holiday(s, ADMIN, "2027-05-04", "y"), r"2027-05-04 is not a holiday"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(blank_store: Store, call, message) -> None:  # type: ignore[no-untyped-def]
    before = _effective(blank_store)
    with pytest.raises(ValueError, match=message):
        call(blank_store)
    assert _effective(blank_store) == before
    assert calendar.list_changes(blank_store) == []


def test_the_command_line_escapes_a_name_that_looks_like_markup(
    blank_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in fixture_env(blank_settings.home).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GOVDASH_USER", "operator-kim")
    runner = CliRunner()
    added = runner.invoke(app, ["calendar", "add", "2027-05-04", "--name", "[/]", "--reason", "[bold]시험"])
    assert added.exit_code == 0, added.output
    assert "추가 (added): 2027-05-04 [/]" in added.output
    listed = runner.invoke(app, ["calendar", "list", "--year", "2027"])
    assert listed.exit_code == 0, listed.output
    assert "[/]" in listed.output and "[bold]시험" in listed.output and "24일 (days)" not in listed.output
    assert "날짜 (date)" in listed.output and "25일 (days)" in listed.output  # the file's 24 days and this one
    refused = runner.invoke(app, ["calendar", "add", "2027-13-01", "--name", "[/]", "--reason", "r"])
    assert refused.exit_code == 2 and "YYYY-MM-DD" in refused.output
    store = open_store(blank_settings)
    try:
        [entry] = audit.search(store, ACTORS["system"], action="holiday.added")
        assert (entry.actor_id, entry.actor_role) == ("operator-kim", "system")
    finally:
        store.engine.dispose()
