"""Disputes (이의 제기): an agency officer flags one of their own agency's KPI figures (KPI, agency, month)
with a reason and, optionally, an evidence file; an administrator answers — accepted (and what follows: the
agency resubmits its file, or the figure is corrected) or rejected with a reason.

While a dispute is open the figure is marked "이의 제기 중" on pages (read from the ledger here, so the mark
appears and clears at once) and in reports (read from the snapshot's ref_kpi_disputes; the page starts a
rebuild after each open and answer so the next snapshot agrees: docs/decisions.md §21). The row is updated
when it is answered — its opening stays in the audit trail (dispute.open) as it was written, its answer in
dispute.answer.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl
from sqlmodel import col, select

from etl.access import authz
from etl.access.actors import Actor, PermissionDenied
from etl.governance import audit, comments, evidence
from etl.ledger.tables import KpiDispute, session
from metrics import clock
from metrics.kst import parse_period, period_label, utc_naive_to_kst

OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"
STATES: dict[str, tuple[str, str]] = {
    OPEN: ("이의 제기 중", "under dispute"),
    ACCEPTED: ("수용", "accepted"),
    REJECTED: ("기각", "rejected"),
}
# What follows an accepted dispute.
OUTCOMES: dict[str, tuple[str, str]] = {
    "resubmission": ("재제출 요청", "resubmission requested"),
    "correction": ("수치 정정", "figure corrected"),
}


def _details(row: KpiDispute) -> dict:
    return {
        "dispute_id": row.id,
        "kpi_code": row.kpi_code,
        "agency_code": row.agency_code,
        "period": row.period,
        "state": row.state,
        "reason": row.reason,
        "outcome": row.outcome,
        "answer": row.answer,
        "evidence_sha256": row.evidence_sha256,
    }


def open_dispute(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    kpi_code: str,
    agency_code: str,
    period: str,
    reason: str,
    *,
    evidence_file: tuple[str, bytes] | None = None,
    now: datetime | None = None,
) -> KpiDispute:
    label = period_label(parse_period(period))
    target = f"dispute:{kpi_code}/{agency_code}/{label}"
    audit.require(store, actor, "dispute", target, agency_code=agency_code, now=now)
    comments.known_kpi(store.catalog, kpi_code)
    audit.check_free_text(reason, "이의 제기 사유", "reason")
    if open_for(store, kpi_code, agency_code, label):
        raise ValueError(
            f"{kpi_code} {agency_code} {label} 수치에는 이미 처리 중인 이의 제기가 있습니다 "
            f"(this figure is already under an open dispute)"
        )
    kept = None
    if evidence_file is not None:
        slot = Path("disputes") / label / agency_code / kpi_code
        kept = evidence.store_file(store.settings.archive_dir, slot, *evidence_file)
    at = now or clock.now_utc()
    row = KpiDispute(
        kpi_code=kpi_code,
        agency_code=agency_code,
        period=label,
        reason=reason,
        opened_by=actor.user_id,
        opened_at=at,
        evidence_name=kept.filename if kept else None,
        evidence_path=kept.path if kept else None,
        evidence_sha256=kept.sha256 if kept else None,
        evidence_size=kept.size_bytes if kept else None,
    )
    with session(store) as s, s.begin():
        s.add(row)
        s.flush()
        audit.record(s, actor, "dispute.open", f"dispute:{row.id}", after=_details(row), now=at)
    return row


def answer_dispute(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    dispute_id: int,
    *,
    accepted: bool,
    outcome: str | None = None,
    answer: str = "",
    now: datetime | None = None,
) -> KpiDispute:
    """Accepted needs what follows (OUTCOMES); rejected needs the reason. Only an open dispute is answered."""
    target = f"dispute:{dispute_id}"
    audit.require(store, actor, "answer_dispute", target, now=now)
    if accepted and outcome not in OUTCOMES:
        raise ValueError(
            "수용할 때는 후속 조치(재제출 요청 또는 수치 정정)를 고르십시오 "
            "(an accepted dispute needs what follows: resubmission or correction)"
        )
    if not accepted and not (answer or "").strip():
        raise ValueError("기각할 때는 사유를 입력하십시오 (a rejected dispute needs the reason)")
    if (answer or "").strip():
        audit.check_free_text(answer, "답변", "answer")
    at = now or clock.now_utc()
    with session(store) as s, s.begin():
        row = s.get(KpiDispute, dispute_id)
        if row is None:
            raise ValueError(f"이의 제기 {dispute_id}번이 없습니다 (no dispute {dispute_id})")
        if row.state != OPEN:
            raise ValueError(
                f"이의 제기 {dispute_id}번은 이미 답변되었습니다({STATES[row.state][0]}) "
                f"(dispute {dispute_id} was answered already: {row.state})"
            )
        before = _details(row)
        row.state = ACCEPTED if accepted else REJECTED
        row.outcome = outcome if accepted else None
        row.answer = answer or None
        row.answered_by, row.answered_at = actor.user_id, at
        s.add(row)
        audit.record(s, actor, "dispute.answer", target, before=before, after=_details(row), now=at)
        s.flush()
        s.refresh(row)
    return row


def open_for(store, kpi_code: str, agency_code: str, period: str) -> KpiDispute | None:  # type: ignore[no-untyped-def]
    stmt = select(KpiDispute).where(
        KpiDispute.kpi_code == kpi_code,
        KpiDispute.agency_code == agency_code,
        KpiDispute.period == period_label(parse_period(period)),
        KpiDispute.state == OPEN,
    )
    with session(store) as s:
        return s.exec(stmt).first()


def open_marks(store, *, period: str | None = None, kpi_code: str | None = None) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(kpi_code, agency_code, 'YYYY-MM') of every figure under an open dispute: what every reader sees."""
    stmt = select(KpiDispute).where(KpiDispute.state == OPEN)
    if period:
        stmt = stmt.where(KpiDispute.period == period_label(parse_period(period)))
    if kpi_code:
        stmt = stmt.where(KpiDispute.kpi_code == kpi_code)
    with session(store) as s:
        return {(d.kpi_code, d.agency_code, d.period) for d in s.exec(stmt)}


def listing(store, actor: Actor, *, state: str | None = None) -> list[KpiDispute]:  # type: ignore[no-untyped-def]
    """Disputes with their reasons, answers and evidence, newest first: all of them for administrators, an
    agency officer's own agency's for them; nobody else (readers see the marks: open_marks)."""
    stmt = select(KpiDispute)
    if not authz.allowed(actor, "answer_dispute"):
        audit.require(store, actor, "dispute", "disputes", agency_code=actor.agency_code)
        stmt = stmt.where(KpiDispute.agency_code == actor.agency_code)
    if state:
        stmt = stmt.where(KpiDispute.state == state)
    with session(store) as s:
        return list(s.exec(stmt.order_by(col(KpiDispute.id).desc())))


def evidence_bytes(store, actor: Actor, row: KpiDispute) -> bytes:  # type: ignore[no-untyped-def]
    """The evidence file, for those who may list the dispute."""
    if not any(d.id == row.id for d in listing(store, actor)):
        raise PermissionDenied(f"{actor.user_id}은(는) 이 증빙을 볼 수 없습니다 (may not read this evidence)")
    if not row.evidence_path:
        raise ValueError("증빙 파일이 없습니다 (no evidence file)")
    return (store.settings.archive_dir / row.evidence_path).read_bytes()


SCHEMA = pl.Schema(
    [
        ("dispute_id", pl.Int32()),
        ("kpi_code", pl.String()),
        ("agency_code", pl.String()),
        ("period", pl.Date()),
        ("reason", pl.String()),
        ("state", pl.String()),
        ("answer", pl.String()),
        ("opened_by", pl.String()),
        ("opened_at", pl.Datetime("us")),
        ("answered_by", pl.String()),
        ("answered_at", pl.Datetime("us")),
    ]
)


def disputes_frame(store) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """Every dispute as it stands, for the snapshot (`ref_kpi_disputes`; times in KST)."""
    with session(store) as s:
        rows = list(s.exec(select(KpiDispute).order_by(col(KpiDispute.id))))
    data = [
        {
            "dispute_id": d.id,
            "kpi_code": d.kpi_code,
            "agency_code": d.agency_code,
            "period": parse_period(d.period),
            "reason": d.reason,
            "state": d.state,
            "answer": d.answer,
            "opened_by": d.opened_by,
            "opened_at": utc_naive_to_kst(d.opened_at),
            "answered_by": d.answered_by,
            "answered_at": utc_naive_to_kst(d.answered_at) if d.answered_at else None,
        }
        for d in rows
    ]
    return pl.DataFrame(data, schema=SCHEMA, orient="row") if data else pl.DataFrame(schema=SCHEMA)
