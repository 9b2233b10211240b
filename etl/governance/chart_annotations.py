"""Events an administrator marks on the trend charts (date, text, scope: all, a task or a KPI).

Target changes and period locks are drawn as annotations too, from their own ledger tables; this module
holds only the events typed by hand. Text is stored verbatim (pages show it inert). Nothing is edited in
place: an annotation is added or withdrawn (withdrawn_at set), both audited, and the build copies the ones
not withdrawn into the snapshot as `ref_annotations` (docs/decisions.md §22), so a snapshot's charts always
show the same markers.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
from sqlmodel import col, select

from etl.access.actors import Actor
from etl.governance import audit
from etl.ledger.tables import Annotation, session
from metrics import clock
from metrics.kst import utc_naive_to_kst

SCOPES = ("all", "task", "kpi")
MAX_TEXT = 200  # a chart label and a line under the chart, not a narrative

SCHEMA = pl.Schema(
    [
        ("annotation_id", pl.Int64()),
        ("date", pl.Date()),
        ("text", pl.String()),
        ("scope", pl.String()),
        ("scope_code", pl.String()),
        ("author", pl.String()),
        ("created_at", pl.Datetime("us")),  # Korea time, like every ref_* time
    ]
)


def _check_scope(store, scope: str, scope_code: str | None) -> str | None:  # type: ignore[no-untyped-def]
    if scope not in SCOPES:
        raise ValueError(f"범위는 {', '.join(SCOPES)} 중 하나입니다 (scope must be one of {', '.join(SCOPES)})")
    if scope == "all":
        return None
    code = (scope_code or "").strip()
    known = {t.code for t in store.catalog.tasks} if scope == "task" else {k.code for k in store.catalog.kpis}
    if code not in known:
        what = ("과제", "task") if scope == "task" else ("지표", "KPI")
        raise ValueError(f"{what[0]} 코드 '{code}'은(는) 카탈로그에 없습니다 (unknown {what[1]} code '{code}')")
    return code


def _check_text(text: str) -> str:
    text = audit.check_free_text(text, "주석 내용", "annotation text")
    if len(text) > MAX_TEXT:
        raise ValueError(
            f"주석은 {MAX_TEXT}자 이하로 입력하십시오 ({len(text)}자) "
            f"(an annotation has at most {MAX_TEXT} characters; this one has {len(text)})"
        )
    return text


def add(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    on: date,
    text: str,
    scope: str = "all",
    scope_code: str | None = None,
    *,
    now: datetime | None = None,
) -> Annotation:
    """Add an event to the charts of `scope` (administrators only; effective from the next build)."""
    target = f"annotation:{scope}/{scope_code or '-'}/{on}"
    audit.require(store, actor, "annotate", target, now=now)
    if not isinstance(on, date):
        raise ValueError("날짜를 입력하십시오 (the date is missing)")
    row = Annotation(
        date=on,
        text=_check_text(text),
        scope=scope,
        scope_code=_check_scope(store, scope, scope_code),
        author=actor.user_id,
        created_at=now or clock.now_utc(),
    )
    with session(store) as s, s.begin():
        s.add(row)
        s.flush()
        after = {"date": str(on), "text": row.text, "scope": scope, "scope_code": row.scope_code}
        audit.record(s, actor, "annotation.added", f"annotation:{row.id}", after=after, now=row.created_at)
    return row


def withdraw(store, actor: Actor, annotation_id: int, *, now: datetime | None = None) -> Annotation:  # type: ignore[no-untyped-def]
    target = f"annotation:{annotation_id}"
    audit.require(store, actor, "annotate", target, now=now)
    with session(store) as s, s.begin():
        row = s.get(Annotation, annotation_id)
        if row is None or row.withdrawn_at is not None:
            raise ValueError(
                f"주석 {annotation_id}번은 없거나 이미 철회되었습니다 (annotation {annotation_id} does not exist "
                f"or was withdrawn already)"
            )
        row.withdrawn_by, row.withdrawn_at = actor.user_id, now or clock.now_utc()
        s.add(row)
        audit.record(s, actor, "annotation.withdrawn", target, before={"text": row.text}, now=row.withdrawn_at)
        s.flush()
        s.refresh(row)
        s.expunge(row)
    return row


def current(store) -> list[Annotation]:  # type: ignore[no-untyped-def]
    """The annotations not withdrawn, oldest date first."""
    with session(store) as s:
        stmt = select(Annotation).where(col(Annotation.withdrawn_at).is_(None))
        return list(s.exec(stmt.order_by(col(Annotation.date), col(Annotation.id))))


def annotations_frame(store) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """`ref_annotations`, the snapshot's copy (times in Korea time)."""
    rows = [
        (a.id, a.date, a.text, a.scope, a.scope_code, a.author, utc_naive_to_kst(a.created_at)) for a in current(store)
    ]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row") if rows else pl.DataFrame(schema=SCHEMA)
