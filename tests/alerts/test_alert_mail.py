"""Alerts after builds, delivered to the inbox and mailed through a real SMTP server (tests/alerts/conftest.py).

The fixture store's reporting month on the pinned day (2026-11-25) is 2026-10, due 2026-11-10: seven of its
files are missing, five of them 서울특별시's (6110000) and two 국민권익위원회's (1140100), none of
행정안전부's (1741000). KPI S1-T1-K2 is on track in 2026-10 (10.01 against a target of 10); a target of 1000
for 2026 makes it 1.0 % of target: 미흡.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from etl.access.actors import SYSTEM, Actor
from etl.alerts import inbox, subscriptions
from etl.alerts.notify import run
from etl.builder.publish import build
from etl.governance import accounts, targets
from etl.ledger.store import Store, open_store
from metrics.settings import Settings
from tests.alerts.conftest import PUBLIC_URL, Inbox, text_of

SEOUL, MOIS = "6110000", "1741000"
KPI = "S1-T1-K2"


@pytest.fixture
def store(store_copy: Settings, use_store) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    use_store(store_copy)
    s = open_store(store_copy)
    accounts.add_user(s, SYSTEM, "kim", "council", email="kim@example.go.kr")
    accounts.add_user(s, SYSTEM, "seoul", "agency", agency_code=SEOUL, email="seoul@example.go.kr")
    accounts.add_user(s, SYSTEM, "mois", "agency", agency_code=MOIS, email="mois@example.go.kr")
    accounts.add_user(s, SYSTEM, "boss", "admin", email="boss@example.go.kr")
    subscriptions.set_subscription(s, Actor("kim", "council"), "kim", "kpi", KPI)
    yield s
    s.engine.dispose()


def test_due_notice_then_one_digest_for_the_kpi_that_turned_off_track_then_nothing(store: Store, smtp: Inbox) -> None:
    first = run(store, SYSTEM)
    # the overdue files go to 서울특별시's officer only: one digest naming its five files, none of 1140100's
    assert [m["To"] for m in smtp.messages] == ["seoul@example.go.kr"]
    body = text_of(smtp.messages[0])
    assert body.count("제출 기한 경과(D+1)") == 5 and "서울특별시" in body
    assert "국민권익위원회" not in body and "행정안전부" not in body
    assert f"{PUBLIC_URL}/submissions?lang=ko&month=2026-10&agency={SEOUL}" in body
    assert first.compared_with is None  # the fixture store has one snapshot: nothing can have turned
    assert {o.username for o in first.outgoing} == {"seoul"}

    targets.change_target(store, SYSTEM, KPI, 2026, 1000.0, "목표 상향")
    build(store)
    second = run(store, SYSTEM)
    assert second.compared_with == first.snapshot_id
    kim = smtp.to("kim@example.go.kr")
    assert len(smtp.messages) == 2 and len(kim) == 1, "exactly one new digest, to the subscriber"
    body = text_of(kim[0])
    assert f"미흡 전환 — 지표 {KPI}" in body and "(2026-10)" in body
    assert f"{PUBLIC_URL}/kpi?lang=ko&month=2026-10&kpi={KPI}" in body
    assert "1건" in str(kim[0]["Subject"])

    build(store)  # nothing changed
    third = run(store, SYSTEM)
    assert third.delivered == 0 and third.mailed == 0
    assert len(smtp.messages) == 2, "a second build with no change sends nothing"


def test_the_inbox_holds_each_alert_once_and_marks_it_read(store: Store, smtp: Inbox) -> None:
    run(store, SYSTEM)
    run(store, SYSTEM)  # the same snapshot and day again: nothing new
    seoul = Actor("seoul", "agency", SEOUL)
    mine = inbox.messages(store, seoul)
    assert len(mine) == 5 and all(m.read_at is None and m.emailed_at is not None for m in mine)
    assert inbox.unread_count(store, "seoul") == 5
    assert inbox.mark_read(store, seoul, [m.id for m in mine[:2]]) == 2  # type: ignore[misc]
    assert inbox.unread_count(store, "seoul") == 3
    with pytest.raises(PermissionError):
        inbox.mark_read(store, Actor("mois", "agency", MOIS), [mine[2].id])  # type: ignore[list-item]
    assert inbox.unread_count(store, "seoul") == 3
    assert inbox.messages(store, Actor("mois", "agency", MOIS)) == []


def test_an_officer_who_turned_the_agency_off_gets_no_due_notice(store: Store, smtp: Inbox) -> None:
    seoul = Actor("seoul", "agency", SEOUL)
    subscriptions.set_subscription(store, seoul, "seoul", "agency", SEOUL, active=False)
    result = run(store, SYSTEM, dry_run=True)
    assert result.outgoing == [] and smtp.messages == []


def test_a_dry_run_writes_and_sends_nothing(store: Store, smtp: Inbox) -> None:
    planned = run(store, SYSTEM, dry_run=True)
    assert planned.delivered == 5 and smtp.messages == []
    assert inbox.last_run(store) is None and inbox.unread_count(store, "seoul") == 0


def test_report_send_delivers_one_message_with_the_pdf_and_the_hwpx(store: Store, smtp: Inbox, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from etl.alerts.report_mail import send_report
    from reports.model import ReportOptions

    sent = send_report(store, SYSTEM, ReportOptions.parse("2026-10"), "a@example.go.kr,b@example.go.kr", charts=False)
    assert len(smtp.messages) == 1
    msg = smtp.messages[0]
    assert str(msg["To"]) == "a@example.go.kr, b@example.go.kr"
    files = {a.get_filename(): a.get_content() for a in msg.iter_attachments()}
    assert sorted(n.rsplit(".", 1)[1] for n in files) == ["hwpx", "pdf"] and sorted(files) == sorted(sent.files)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(next(v for k, v in files.items() if k.endswith(".pdf")))
    first_page = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2026" in first_page and "10" in first_page and "정부혁신" in first_page
    hwpx = next(v for k, v in files.items() if k.endswith(".hwpx"))
    assert hwpx[:2] == b"PK"  # a ZIP container
    assert "종합" in text_of(msg) and sent.snapshot_id in text_of(msg)


def test_report_send_refuses_a_bad_address_and_sends_nothing(store: Store, smtp: Inbox) -> None:
    from etl.alerts.report_mail import send_report
    from reports.model import ReportOptions

    with pytest.raises(ValueError, match="받는 사람"):
        send_report(store, SYSTEM, ReportOptions.parse("2026-10"), "a@example.go.kr\nBcc: x@evil.example")
    assert smtp.messages == []
