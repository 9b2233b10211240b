"""The audit trail as people read it (etl/audit_view.py): KST time labelled, actor with role, action and object
in words, before → after as text with no JSON and no "None"; the CSV and XLSX exports read back, a typed
formula kept as text."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import openpyxl
import pytest

from etl import accounts, audit, audit_view
from etl.store import Store
from tests.security.conftest import ACTORS, NOW

FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def trail(blank_store: Store) -> Store:
    admin = ACTORS["admin"]
    accounts.add_user(blank_store, admin, "kim", "council", now=NOW)  # 10:00 KST
    accounts.set_disabled(blank_store, admin, "kim", now=NOW + timedelta(minutes=5))
    audit.record_now(
        blank_store,
        admin,
        "period.locked",
        "period:2026-09",
        {"locked": False},
        {"locked": True, "reason": FORMULA, "snapshot": None},
        now=NOW + timedelta(minutes=10),
    )
    return blank_store


def test_entries_read_as_words_in_korea_time(trail: Store) -> None:
    rows = audit_view.readable(audit.search(trail, ACTORS["admin"]), "ko")
    assert [(r.time, r.actor, r.action, r.subject, r.change) for r in rows] == [
        (
            "2026-11-25 10:10:00 KST",
            "admin-lee (관리자)",
            "기간 잠금",
            "기간 2026-09",
            f"잠금: 아니요 → 예; 사유: {FORMULA}; 스냅숏: —",
        ),
        (
            "2026-11-25 10:05:00 KST",
            "admin-lee (관리자)",
            "계정 사용 중지",
            "계정 kim",
            "사용 중지: 아니요 → 예",
        ),
        (
            "2026-11-25 10:00:00 KST",
            "admin-lee (관리자)",
            "계정 생성",
            "계정 kim",
            "기관코드: —; 사용 중지: 아니요; 전자우편: —; 역할: 협의회 위원",  # the ledger keeps fields sorted
        ),
    ]
    english = audit_view.readable(audit.search(trail, ACTORS["admin"]), "en")
    assert english[2].action == "account created" and english[2].subject == "account kim"
    assert english[2].change == "agency code: —; disabled: no; e-mail: —; role: council member"
    for row in rows + english:
        assert "None" not in row.change and "{" not in row.change and "null" not in row.change


def test_every_recorded_action_has_words() -> None:
    for action, (ko, en) in audit_view.ACTIONS.items():
        assert ko and en and ko != action and en != action


def test_the_filters_narrow_by_actor_action_and_date(trail: Store) -> None:
    admin = ACTORS["admin"]
    assert audit_view.actor_ids(trail, admin) == ["admin-lee"]
    assert [e.action for e in audit.search(trail, admin, action="account.")] == ["account.disabled", "account.created"]
    window = audit.search(trail, admin, since=NOW + timedelta(minutes=1), until=NOW + timedelta(minutes=6))
    assert [e.action for e in window] == ["account.disabled"]
    assert audit.search(trail, admin, actor_id="someone-else") == []


def test_the_csv_export_reads_back_with_the_formula_as_text(trail: Store) -> None:
    rows = audit_view.readable(audit.search(trail, ACTORS["admin"]), "ko")
    data = audit_view.export_csv(rows, "ko")
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == ["번호", "시각 (KST)", "수행자", "작업", "대상", "변경 내용 (이전 → 이후)"]
    assert [r[3] for r in table[1:]] == ["기간 잠금", "계정 사용 중지", "계정 생성"]
    assert table[1][1] == "2026-11-25 10:10:00 KST"
    assert table[1][5] == f"잠금: 아니요 → 예; 사유: {FORMULA}; 스냅숏: —"  # starts with 잠금: no escape needed


def test_the_xlsx_export_reads_back_and_a_formula_stays_text(trail: Store) -> None:
    audit.record_now(trail, ACTORS["admin"], "report.sent", "report:2026-10", None, FORMULA, now=NOW)
    rows = audit_view.readable(audit.search(trail, ACTORS["admin"]), "en")
    book = openpyxl.load_workbook(io.BytesIO(audit_view.export_xlsx(rows, "en")))
    sheet = book["Audit trail"]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0] == ["No.", "Time (KST)", "Actor", "Action", "Object", "Change (before → after)"]
    assert [v[3] for v in values[1:]] == ["report sent", "month locked", "account disabled", "account created"]
    assert isinstance(values[1][0], int)
    report = sheet.cell(2, 6)
    assert report.data_type == "s" and report.value == "'" + FORMULA  # not a formula: shown as written
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
