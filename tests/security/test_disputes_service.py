"""Disputes through the service (etl/governance/disputes.py): who may open and answer, the evidence file checked by its
bytes and kept in the archive with its SHA-256, the open mark, the answers, the audit entries."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest

from etl.access.actors import SYSTEM, Actor, PermissionDenied
from etl.builder.publish import build
from etl.governance import audit, disputes, evidence
from etl.ledger.store import Store
from metrics.warehouse import Warehouse
from tests.security.conftest import ACTORS, NOW, OTHER_AGENCY, OWN_AGENCY

OFFICER = ACTORS["agency"]  # 보건복지부 1352000
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return out.getvalue()


HWPX = _zip({"mimetype": b"application/hwp+zip", "Contents/section0.xml": b"<hs:sec/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def test_an_officer_disputes_an_own_figure_with_evidence_kept_in_the_archive(store: Store) -> None:
    row = disputes.open_dispute(
        store, OFFICER, "S1-T2-K1", OWN_AGENCY, "2026-09", "집계 누락 =1+1", evidence_file=("근거.pdf", PDF), now=NOW
    )
    assert (row.state, row.period, row.reason, row.opened_by) == ("open", "2026-09", "집계 누락 =1+1", "officer-park")
    sha = hashlib.sha256(PDF).hexdigest()
    assert row.evidence_sha256 == sha and row.evidence_size == len(PDF) and row.evidence_name == "근거.pdf"
    kept = store.settings.archive_dir / (row.evidence_path or "")
    assert kept.read_bytes() == PDF and kept.name == f"{sha}.evidence.pdf"
    assert disputes.evidence_bytes(store, OFFICER, row) == PDF
    assert disputes.open_marks(store, period="2026-09") == {("S1-T2-K1", OWN_AGENCY, "2026-09")}
    [entry] = audit.search(store, SYSTEM, action="dispute.open")
    details = json.loads(entry.after or "{}")
    assert (details["kpi_code"], details["agency_code"], details["period"], details["state"]) == (
        "S1-T2-K1",
        OWN_AGENCY,
        "2026-09",
        "open",
    )
    with pytest.raises(ValueError, match="이미 처리 중인 이의 제기"):
        disputes.open_dispute(store, OFFICER, "S1-T2-K1", OWN_AGENCY, "2026-09", "다시")


@pytest.mark.parametrize("who", ["other_officer", "admin", "council", "committee", "system"])
def test_only_an_officer_of_the_figures_agency_opens_a_dispute(store: Store, who: str) -> None:
    actor = Actor("officer-yoon", "agency", OTHER_AGENCY) if who == "other_officer" else ACTORS[who]
    with pytest.raises(PermissionDenied):
        disputes.open_dispute(store, actor, "S1-T2-K1", OWN_AGENCY, "2026-09", "남의 수치")
    assert audit.search(store, SYSTEM, action="permission.denied", actor_id=actor.user_id)
    assert disputes.open_marks(store) == set()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("근거.docx", PDF, "PDF, HWPX, XLSX만"),
        ("근거.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "PDF 파일이 아닙니다"),
        ("근거.xlsx", HWPX, "실제 형식: HWPX"),
        ("근거.hwpx", _zip({"a.txt": b"x"}), "HWPX 파일이 아닙니다"),
        ("근거.pdf", b"", "비어"),
    ],
)
def test_evidence_that_is_not_what_it_says_is_refused_and_nothing_is_kept(
    store: Store, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        disputes.open_dispute(store, OFFICER, "S1-T2-K1", OWN_AGENCY, "2026-09", "사유", evidence_file=(name, content))
    assert disputes.listing(store, SYSTEM) == []
    assert not (store.settings.archive_dir / "disputes").exists()


def test_evidence_over_the_size_limit_is_refused(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDASH_MAX_EVIDENCE_MB", "0.00003")  # 31 bytes
    with pytest.raises(ValueError, match="최대"):
        evidence.check("big.pdf", PDF + b"0" * 40)
    assert evidence.check("small.pdf", PDF[:20]) == ".pdf"


def test_hwpx_and_xlsx_evidence_are_recognised_by_their_parts() -> None:
    assert evidence.sniff(HWPX) == ".hwpx" and evidence.sniff(XLSX) == ".xlsx" and evidence.sniff(PDF) == ".pdf"
    assert evidence.check("증빙.HWPX", HWPX) == ".hwpx" and evidence.check("증빙.xlsx", XLSX) == ".xlsx"


def test_only_administrators_answer_and_the_mark_clears(store: Store) -> None:
    opened = disputes.open_dispute(store, OFFICER, "S1-T2-K1", OWN_AGENCY, "2026-09", "누락", now=NOW)
    for actor in (OFFICER, ACTORS["council"], ACTORS["committee"]):
        with pytest.raises(PermissionDenied):
            disputes.answer_dispute(store, actor, opened.id or 0, accepted=False, answer="기각")
    with pytest.raises(ValueError, match="후속 조치"):
        disputes.answer_dispute(store, ACTORS["admin"], opened.id or 0, accepted=True)
    with pytest.raises(ValueError, match="사유"):
        disputes.answer_dispute(store, ACTORS["admin"], opened.id or 0, accepted=False, answer="  ")
    assert disputes.open_marks(store) == {("S1-T2-K1", OWN_AGENCY, "2026-09")}
    done = disputes.answer_dispute(
        store, ACTORS["admin"], opened.id or 0, accepted=True, outcome="resubmission", answer="재제출 바랍니다", now=NOW
    )
    assert (done.state, done.outcome, done.answered_by, done.answer) == (
        "accepted",
        "resubmission",
        "admin-lee",
        "재제출 바랍니다",
    )
    assert disputes.open_marks(store) == set()
    with pytest.raises(ValueError, match="이미 답변"):
        disputes.answer_dispute(store, ACTORS["admin"], opened.id or 0, accepted=False, answer="기각")
    [entry] = audit.search(store, SYSTEM, action="dispute.answer")
    assert json.loads(entry.before or "{}")["state"] == "open"
    assert json.loads(entry.after or "{}")["state"] == "accepted"


def test_an_officer_lists_their_own_agencys_disputes_and_readers_none(store: Store) -> None:
    disputes.open_dispute(store, OFFICER, "S1-T2-K1", OWN_AGENCY, "2026-09", "우리 기관", now=NOW)
    other = Actor("officer-yoon", "agency", OTHER_AGENCY)
    disputes.open_dispute(store, other, "S1-T2-K1", OTHER_AGENCY, "2026-09", "다른 기관", now=NOW)
    assert [d.reason for d in disputes.listing(store, OFFICER)] == ["우리 기관"]
    assert [d.reason for d in disputes.listing(store, ACTORS["admin"])] == ["다른 기관", "우리 기관"]
    with pytest.raises(PermissionDenied):
        disputes.listing(store, ACTORS["council"])
    [theirs] = disputes.listing(store, other)
    with pytest.raises(PermissionDenied):
        disputes.evidence_bytes(store, OFFICER, theirs)


def test_an_open_dispute_reaches_the_snapshot_and_the_report_query(store: Store) -> None:
    reason = "<b>누락</b> @A1"
    disputes.open_dispute(store, OFFICER, "S1-T2-K1", OWN_AGENCY, "2026-09", reason, now=NOW)
    build(store)
    warehouse = Warehouse(store.settings.snapshot_dir)
    frame = warehouse.query("report_disputes", period="2026-09-01", agency=None)
    assert frame.select("kpi_code", "agency_code", "reason").rows() == [("S1-T2-K1", OWN_AGENCY, reason)]
    assert warehouse.query("report_disputes", period="2026-08-01", agency=None).is_empty()
    assert warehouse.query("report_disputes", period="2026-09-01", agency=OTHER_AGENCY).is_empty()
