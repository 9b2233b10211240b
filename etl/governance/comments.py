"""Agencies' comments on their KPI figures (per KPI, agency and month) and the committee's assessments
(per task and quarter: a rating and a text).

Text is stored exactly as written (no trimming, no escaping): pages and exports escape it when they show
it. Nothing is edited in place: a new comment or assessment for the same slot is a new row, the latest
one is shown, and the earlier ones stay (and every one is in the audit trail).
"""

from __future__ import annotations

import re
from datetime import datetime

import polars as pl
from sqlmodel import col, select

from etl.access.actors import Actor
from etl.governance import audit
from etl.ledger.tables import KpiComment, TaskAssessment, session
from metrics import clock
from metrics.catalog import Catalog, Kpi, Task
from metrics.kst import parse_period, period_label, utc_naive_to_kst
from metrics.ratings import RATINGS

MAX_TEXT = audit.MAX_TEXT
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def _text(text: str) -> str:
    return audit.check_free_text(text, "내용", "text")


def known_kpi(catalog: Catalog, kpi_code: str) -> Kpi:
    """The catalog's KPI of this code; an unknown code is refused with a clear message."""
    try:
        return catalog.kpi(kpi_code)
    except KeyError:
        raise ValueError(f"지표 코드 '{kpi_code}'은(는) 카탈로그에 없습니다 (unknown KPI code '{kpi_code}')") from None


def known_task(catalog: Catalog, task_code: str) -> Task:
    """The catalog's task of this code; an unknown code is refused with a clear message."""
    for task in catalog.tasks:
        if task.code == task_code:
            return task
    raise ValueError(f"과제 코드 '{task_code}'은(는) 카탈로그에 없습니다 (unknown task code '{task_code}')")


def quarter_label(value: str) -> str:
    text = (value or "").strip().upper()
    if not _QUARTER.match(text):
        raise ValueError(f"분기 '{value}'은(는) 2026-Q3 형식이어야 합니다 (a quarter looks like 2026-Q3)")
    return text


def add_comment(
    store,
    actor: Actor,
    kpi_code: str,
    agency_code: str,
    period: str,
    text: str,
    *,  # type: ignore[no-untyped-def]
    now: datetime | None = None,
) -> KpiComment:
    label = period_label(parse_period(period))
    target = f"comment:{kpi_code}/{agency_code}/{label}"
    audit.require(store, actor, "comment", target, agency_code=agency_code, now=now)
    known_kpi(store.catalog, kpi_code)
    row = KpiComment(
        kpi_code=kpi_code,
        agency_code=agency_code,
        period=label,
        text=_text(text),
        author=actor.user_id,
        created_at=now or clock.now_utc(),
    )
    with session(store) as s, s.begin():
        s.add(row)
        audit.record(s, actor, "comment.added", target, after={"text": row.text}, now=row.created_at)
    return row


def add_assessment(
    store,
    actor: Actor,
    task_code: str,
    quarter: str,
    rating: str,
    text: str,
    *,  # type: ignore[no-untyped-def]
    now: datetime | None = None,
) -> TaskAssessment:
    label = quarter_label(quarter)
    target = f"assessment:{task_code}/{label}"
    audit.require(store, actor, "assess", target, now=now)
    known_task(store.catalog, task_code)
    if rating not in RATINGS:
        raise ValueError(f"평가 등급은 {', '.join(RATINGS)} 중 하나입니다 (rating must be one of {', '.join(RATINGS)})")
    row = TaskAssessment(
        task_code=task_code,
        quarter=label,
        rating=rating,
        text=_text(text),
        author=actor.user_id,
        created_at=now or clock.now_utc(),
    )
    with session(store) as s, s.begin():
        s.add(row)
        audit.record(
            s, actor, "assessment.added", target, after={"rating": rating, "text": row.text}, now=row.created_at
        )
    return row


def comments(
    store,
    *,
    kpi_code: str | None = None,
    agency_code: str | None = None,  # type: ignore[no-untyped-def]
    period: str | None = None,
    latest_only: bool = True,
) -> list[KpiComment]:
    """Comments, newest first; with latest_only, one per (KPI, agency, month). Every role may read them."""
    stmt = select(KpiComment)
    if kpi_code:
        stmt = stmt.where(KpiComment.kpi_code == kpi_code)
    if agency_code:
        stmt = stmt.where(KpiComment.agency_code == agency_code)
    if period:
        stmt = stmt.where(KpiComment.period == period_label(parse_period(period)))
    with session(store) as s:
        rows = list(s.exec(stmt.order_by(col(KpiComment.id).desc())))
    return _latest(rows, lambda r: (r.kpi_code, r.agency_code, r.period)) if latest_only else rows


def assessments(
    store,
    *,
    task_code: str | None = None,
    quarter: str | None = None,  # type: ignore[no-untyped-def]
    latest_only: bool = True,
) -> list[TaskAssessment]:
    """Assessments, newest first; with latest_only, one per (task, quarter, member)."""
    stmt = select(TaskAssessment)
    if task_code:
        stmt = stmt.where(TaskAssessment.task_code == task_code)
    if quarter:
        stmt = stmt.where(TaskAssessment.quarter == quarter_label(quarter))
    with session(store) as s:
        rows = list(s.exec(stmt.order_by(col(TaskAssessment.id).desc())))
    return _latest(rows, lambda r: (r.task_code, r.quarter, r.author)) if latest_only else rows


def _latest(rows, key):  # type: ignore[no-untyped-def]
    seen, out = set(), []
    for row in rows:  # newest first
        if key(row) not in seen:
            seen.add(key(row))
            out.append(row)
    return out


COMMENTS_SCHEMA = pl.Schema(
    [
        ("kpi_code", pl.String()),
        ("agency_code", pl.String()),
        ("period", pl.Date()),
        ("text", pl.String()),
        ("author", pl.String()),
        ("created_at", pl.Datetime("us")),
    ]
)
ASSESSMENTS_SCHEMA = pl.Schema(
    [
        ("task_code", pl.String()),
        ("quarter", pl.String()),
        ("rating", pl.String()),
        ("text", pl.String()),
        ("author", pl.String()),
        ("created_at", pl.Datetime("us")),
    ]
)


def _frame(rows: list[dict], schema: pl.Schema) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def comments_frame(store) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """The latest comment per KPI × agency × month, for the snapshot (`ref_kpi_comments`; times in KST), so a
    report shows the comments as they stood when its snapshot was built."""
    rows = [
        {
            "kpi_code": c.kpi_code,
            "agency_code": c.agency_code,
            "period": parse_period(c.period),
            "text": c.text,
            "author": c.author,
            "created_at": utc_naive_to_kst(c.created_at),
        }
        for c in comments(store)
    ]
    return _frame(rows, COMMENTS_SCHEMA)


def assessments_frame(store) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """The latest assessment per task × quarter × member, for the snapshot (`ref_task_assessments`; KST)."""
    rows = [
        {
            "task_code": a.task_code,
            "quarter": a.quarter,
            "rating": a.rating,
            "text": a.text,
            "author": a.author,
            "created_at": utc_naive_to_kst(a.created_at),
        }
        for a in assessments(store)
    ]
    return _frame(rows, ASSESSMENTS_SCHEMA)
