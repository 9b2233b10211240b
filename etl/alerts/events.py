"""The events a notification run finds (docs/decisions.md §22). Each rule is one SQL file or one audit read:

- offtrack      sql/queries/alert_offtrack.sql: a task or KPI that turned 미흡 between the snapshot the last
                run saw and the published one, in the published one's reporting month
- dispute_*     the audit trail's `dispute.open` / `dispute.answer` entries written since the last run
- due_*         sql/queries/alert_due.sql: files missing three days before their due date, or after it

An event names who may hear of it: the subjects a subscriber follows (`subjects`), the one agency whose
officers alone get a due notice (`officers_of`), and whether every administrator gets it (`admins`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import duckdb
from sqlmodel import col, select

from etl.alerts import mailer
from etl.alerts.subscriptions import Subject
from etl.ledger.tables import AuditEntry, session
from metrics.kst import period_label
from metrics.warehouse import query_text

DATASET_NAMES = {
    "complaints": ("민원 처리", "complaints"),
    "participation": ("국민 참여", "participation"),
    "meetings": ("회의", "meetings"),
    "rewards": ("포상금", "rewards"),
    "kpi_progress": ("지표 실적", "KPI progress"),
}


@dataclass(frozen=True)
class Event:
    key: str
    kind: str
    title_ko: str
    title_en: str
    page: str
    params: tuple[tuple[str, str], ...]
    subjects: frozenset[Subject] = field(default_factory=frozenset)
    officers_of: str | None = None
    admins: bool = False


def _rows(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[dict]:  # type: ignore[type-arg]
    return con.sql(query_text(name), params=params).pl().to_dicts()


def offtrack(con: duckdb.DuckDBPyConnection, month: date) -> list[Event]:
    """Needs the compared snapshot attached as `prev`."""
    events = []
    label = period_label(month)
    for r in _rows(con, "alert_offtrack", month=month):
        code, scope = r["code"], r["scope"]
        subjects = {Subject(scope, code), Subject("task", r["task_code"])}
        page, params = ("kpi", (("kpi", code),)) if scope == "kpi" else ("strategies", (("task", code),))
        what = ("지표", "KPI") if scope == "kpi" else ("과제", "task")
        events.append(
            Event(
                key=f"offtrack:{scope}:{code}:{label}",
                kind="offtrack",
                title_ko=f"미흡 전환 — {what[0]} {code} {r['name_ko']} ({label})",
                title_en=f"Turned off track — {what[1]} {code} {r['name_en']} ({label})",
                page=page,
                params=(("month", label), *params),
                subjects=frozenset(subjects),
            )
        )
    return events


def due(con: duckdb.DuckDBPyConnection, today: date) -> list[Event]:
    events = []
    for r in _rows(con, "alert_due", today=today):
        label, agency, dataset = period_label(r["period"]), r["agency_code"], r["dataset"]
        ko, en = DATASET_NAMES.get(dataset, (dataset, dataset))
        due_on = f"{r['due_date']:%Y-%m-%d}"
        if r["notice"] == "reminder":
            title_ko = f"제출 기한 임박(D-3) — {r['agency_name_ko']} {ko} {label} 파일, 기한 {due_on}"
            title_en = f"Due soon (D-3) — {r['agency_name_en']} {en} file for {label}, due {due_on}"
        else:
            title_ko = f"제출 기한 경과(D+1) — {r['agency_name_ko']} {ko} {label} 파일 미제출, 기한 {due_on}"
            title_en = f"Overdue (D+1) — {r['agency_name_en']} {en} file for {label} missing, was due {due_on}"
        events.append(
            Event(
                key=f"due:{r['notice']}:{agency}:{dataset}:{label}",
                kind=f"due_{r['notice']}",
                title_ko=title_ko,
                title_en=title_en,
                page="submissions",
                params=(("month", label), ("agency", agency)),
                officers_of=agency,
            )
        )
    return events


def disputes(store, after_id: int) -> tuple[list[Event], int]:  # type: ignore[no-untyped-def]
    """The dispute entries of the audit trail after entry `after_id`, and the last entry id read."""
    stmt = select(AuditEntry).where(col(AuditEntry.id) > after_id)
    with session(store) as s:
        last = s.exec(select(AuditEntry.id).order_by(col(AuditEntry.id).desc())).first() or after_id
        rows = list(s.exec(stmt.where(col(AuditEntry.action).in_(("dispute.open", "dispute.answer")))))
    events = []
    for e in rows:
        details = {**json.loads(e.before or "{}"), **json.loads(e.after or "{}")}
        kpi, agency, period = details.get("kpi_code", ""), details.get("agency_code", ""), details.get("period", "")
        month = str(period)[:7]
        where = f"{kpi} · {agency} · {month}"
        if e.action == "dispute.open":
            kind, title_ko, title_en = "dispute_open", f"이의 제기 — {where}", f"Figure disputed — {where}"
        else:
            state = details.get("state", "")
            kind = "dispute_answer"
            title_ko, title_en = f"이의 제기 답변({state}) — {where}", f"Dispute answered ({state}) — {where}"
        events.append(
            Event(
                key=f"dispute:{e.id}",
                kind=kind,
                title_ko=title_ko,
                title_en=title_en,
                page="kpi",
                params=(("month", month), ("kpi", kpi)) if month else (("kpi", kpi),),
                subjects=frozenset({Subject("kpi", kpi), Subject("agency", agency)}),
                admins=e.action == "dispute.open",
            )
        )
    return events, int(last)


@dataclass
class Outgoing:
    username: str
    email: str | None
    lang: str
    events: list[Event] = field(default_factory=list)


def link(event: Event, lang: str) -> str:
    """The page and URL query that reopen the event's view (GOVDASH_PUBLIC_URL goes in front when shown)."""
    return mailer.relative_link(event.page, {"lang": lang, **dict(event.params)})
