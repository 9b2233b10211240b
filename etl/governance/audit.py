"""The audit trail: who did what, when, to what, with the state before and after. Append-only.

This module has no update or delete path, and the database refuses both as well (a trigger on SQLite and
PostgreSQL), so an entry once committed stays as written. Reading it is restricted to the roles the
authorisation matrix allows (etl/access/authz.py: read_audit).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from etl import ledger
from etl.access import authz
from etl.access.actors import Actor
from etl.ledger.tables import AuditEntry, session
from metrics import clock

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


MAX_TEXT = 20_000  # characters of any free text kept in the ledger: a briefing note, not a document


def check_free_text(text: str, what_ko: str, what_en: str) -> str:
    """Free text (a comment, an assessment, a reason) is kept exactly as written, with three limits: not
    empty, not over MAX_TEXT, and no NUL character (PostgreSQL cannot store one in text)."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{what_ko}을(를) 입력하십시오 (the {what_en} is empty)")
    if len(text) > MAX_TEXT:
        raise ValueError(
            f"{what_ko}이(가) {len(text):,}자로 최대 {MAX_TEXT:,}자를 넘습니다. 줄여서 다시 입력하십시오 "
            f"(the {what_en} has {len(text):,} characters; at most {MAX_TEXT:,})"
        )
    if "\x00" in text:
        position = text.index("\x00") + 1
        raise ValueError(
            f"{what_ko}의 {position}번째 글자가 NUL(0) 문자입니다. 지우고 다시 입력하십시오 "
            f"(character {position} of the {what_en} is a NUL character; remove it)"
        )
    return text


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(
    session: Session,
    actor: Actor,
    action: str,
    target: str,
    before: Any = None,
    after: Any = None,
    *,
    now: datetime | None = None,
) -> AuditEntry:
    """Add one entry to the caller's transaction: it commits (or not) together with the change it describes."""
    entry = AuditEntry(
        at=now or clock.now_utc(),
        actor_id=actor.user_id,
        actor_role=actor.role,
        actor_agency=actor.agency_code,
        action=action,
        target=target,
        before=_json(before),
        after=_json(after),
    )
    session.add(entry)
    return entry


def record_now(
    store: Any,
    actor: Actor,
    action: str,
    target: str,
    before: Any = None,
    after: Any = None,
    *,
    now: datetime | None = None,
) -> None:
    """One entry in its own transaction (for events with no other write: a refusal, a failed login)."""
    with session(store) as s, s.begin():
        record(s, actor, action, target, before, after, now=now)


def require(
    store: Any, actor: Actor, action: str, target: str, *, agency_code: str | None = None, now: datetime | None = None
) -> None:
    """authz.require, with a refused attempt written to the trail before PermissionDenied is raised."""
    decision = authz.decide(actor, action, agency_code=agency_code)
    if not decision.allowed:
        record_now(
            store, actor, "permission.denied", target, after={"action": action, "message": decision.message}, now=now
        )
        authz.require(actor, action, agency_code=agency_code)


def search(
    store: Any,
    actor: Actor,
    *,
    text: str | None = None,
    action: str | None = None,
    actor_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 5000,
) -> list[AuditEntry]:
    """Entries newest first. `text` matches target, before or after; `action` matches a prefix."""
    require(store, actor, "read_audit", "audit")
    stmt = select(AuditEntry)
    if action:
        stmt = stmt.where(col(AuditEntry.action).startswith(action, autoescape=True))
    if actor_id:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    if since:
        stmt = stmt.where(AuditEntry.at >= since)
    if until:
        stmt = stmt.where(AuditEntry.at < until)
    if text:
        like = col(AuditEntry.target).contains(text, autoescape=True)
        like = like | col(AuditEntry.before).contains(text, autoescape=True)
        like = like | col(AuditEntry.after).contains(text, autoescape=True)
        stmt = stmt.where(like)
    stmt = stmt.order_by(col(AuditEntry.id).desc()).limit(limit)
    with session(store) as s:
        return list(s.exec(stmt))


COLUMNS = ("id", "at", "actor_id", "actor_role", "actor_agency", "action", "target", "before", "after")


def inert(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading formula character is escaped with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def export_csv(entries: Iterable[AuditEntry]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads Hangul), every cell inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow([inert(getattr(e, name)) for name in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- submissions (called from etl/ingest/accept.py's submit) -------------------------------------------------


def submission_refused(
    store: Any, actor: Actor, dataset: str, agency_code: str, period: object, reason: Exception
) -> None:
    request = {"dataset": dataset, "agency_code": agency_code, "period": str(period), "reason": str(reason)}
    record_now(store, actor, "submission.refused", f"slot:{dataset}/{agency_code}/{period}", after=request)


def submission_outcome(
    store: Any, actor: Actor, outcome: Any, *, dataset: str, agency_code: str, period: str, filename: str
) -> Any:
    """Audit the outcome of one submit() (accepted, rejected, duplicate or restored, and the file it
    superseded if any) and return it unchanged."""
    with session(store) as s, s.begin():
        record_submission(s, actor, outcome, dataset=dataset, agency_code=agency_code, period=period, filename=filename)
    return outcome


def record_submission(
    s: Session, actor: Actor, outcome: Any, *, dataset: str, agency_code: str, period: str, filename: str
) -> None:
    """submission_outcome's entries, added to the caller's transaction (etl/ingest/accept_batch.py commits a batch's
    submissions and their entries together)."""
    status = "restored" if getattr(outcome, "restored", False) else outcome.status
    after = {
        "dataset": dataset,
        "agency_code": agency_code,
        "period": period,
        "filename": filename,
        "status": outcome.status,
        "rows": outcome.row_count,
        "errors": sum(1 for p in outcome.problems if p.severity == "error"),
    }
    record(s, actor, f"submission.{status}", f"submission:{outcome.submission_id}", after=after)
    if outcome.superseded_id:
        record(
            s,
            actor,
            "submission.superseded",
            f"submission:{outcome.superseded_id}",
            before={"status": ledger.ACCEPTED},
            after={"status": ledger.SUPERSEDED, "superseded_by": outcome.submission_id},
        )
