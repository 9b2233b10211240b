"""Task narratives (과제 추진 경과): per task and quarter, the owning ministry's 추진실적, 부진사유, 향후계획 and
지원요청, in three states: draft (초안) → submitted (제출) → reviewed (위원회 검토).

Every save is a new version row: nothing is edited in place, so each version a reader or the committee saw
stays. Drafts are visible only to those who may write the task's narrative (its owning agency's officers
and administrators); submitted and reviewed versions to every reader. Text is stored exactly as written and
shown inert by pages and reports. Every action is audited (narrative.save, narrative.submit,
narrative.review), with the task, agency, quarter and state in the entry's details.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import polars as pl
from sqlmodel import col, select

from etl.access import authz
from etl.access.actors import Actor
from etl.governance import audit, comments
from etl.ledger.tables import TaskNarrative, session
from metrics import clock
from metrics.kst import utc_naive_to_kst

DRAFT, SUBMITTED, REVIEWED = "draft", "submitted", "reviewed"
STATES: dict[str, tuple[str, str]] = {
    DRAFT: ("초안", "draft"),
    SUBMITTED: ("제출", "submitted"),
    REVIEWED: ("위원회 검토", "reviewed by the committee"),
}
MAX_FIELD = 4_000  # characters per field: a quarter's briefing, not a report
# The four fields, with their Korean and English names (the upload template's headers are the Korean ones).
FIELDS: dict[str, tuple[str, str]] = {
    "achievements": ("추진실적", "achievements"),
    "reasons": ("부진사유", "reasons for lagging"),
    "plans": ("향후계획", "next steps"),
    "requests": ("지원요청", "support requested"),
}
# Until every task names its owning ministry in data/catalog (owner_code), the ministry that runs the strategy.
FALLBACK_OWNER = "1741000"  # 행정안전부


@dataclass(frozen=True)
class Texts:
    achievements: str = ""
    reasons: str = ""
    plans: str = ""
    requests: str = ""

    @classmethod
    def of(cls, values: Mapping[str, str | None]) -> Texts:
        return cls(**{k: values.get(k) or "" for k in FIELDS})

    def as_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in FIELDS}


def task_owner(store, task_code: str) -> str:  # type: ignore[no-untyped-def]
    """The 7-digit code of the ministry that owns the task (its narratives are theirs to write). Reads the
    catalog's owner_code where the catalog has one; the fallback stands in until every task names its owner."""
    task = comments.known_task(store.catalog, task_code)
    return getattr(task, "owner_code", None) or FALLBACK_OWNER


def may_write(actor: Actor | None, owner: str) -> bool:
    return actor is not None and authz.allowed(actor, "narrate", agency_code=owner)


def check_texts(texts: Texts, *, lagging: bool, submit: bool) -> Texts:
    """The limits every version meets, with a message naming the field. A draft needs one field written; a
    submitted version its 추진실적, and its 부진사유 when the task is 주의/미흡 in the quarter."""
    for key, (ko, en) in FIELDS.items():
        value = getattr(texts, key)
        if len(value) > MAX_FIELD:
            raise ValueError(
                f"{ko}이(가) {len(value):,}자로 최대 {MAX_FIELD:,}자를 넘습니다. 줄여서 다시 입력하십시오 "
                f"(the {en} has {len(value):,} characters; at most {MAX_FIELD:,})"
            )
        if value.strip():
            audit.check_free_text(value, ko, en)  # NUL characters
    if not any(v.strip() for v in texts.as_dict().values()):
        raise ValueError("추진 경과의 항목이 모두 비어 있습니다 (every field of the narrative is empty)")
    if submit and not texts.achievements.strip():
        raise ValueError("제출하려면 추진실적을 입력하십시오 (a submitted narrative needs its achievements)")
    if submit and lagging and not texts.reasons.strip():
        raise ValueError(
            "이 과제는 해당 분기에 주의 또는 미흡 상태이므로 부진사유를 입력해야 제출할 수 있습니다 "
            "(the task is 'watch' or 'off track' in the quarter: give the reasons for lagging before submitting)"
        )
    return texts


def lagging_tasks(store, quarter: str) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Per task, whether it is 주의/미흡 in the quarter's latest month in the published snapshot
    (sql/queries/task_quarter_status.sql). No snapshot yet: no figures, so no task is lagging."""
    from metrics.snapshot import NoSnapshot
    from metrics.warehouse import Warehouse

    try:
        frame = Warehouse(store.settings.snapshot_dir).query("task_quarter_status", quarter=quarter)
    except NoSnapshot:
        return {}
    return dict(zip(frame["task_code"].to_list(), frame["lagging"].to_list(), strict=True))


def save(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    task_code: str,
    quarter: str,
    texts: Texts,
    *,
    submit: bool = False,
    lagging: bool | None = None,
    now: datetime | None = None,
) -> TaskNarrative:
    """A new version: a draft, or (submit) the version the committee and every reader see. `lagging`
    defaults to the published snapshot's status of the task in the quarter."""
    label = comments.quarter_label(quarter)
    owner = task_owner(store, task_code)
    target = f"narrative:{task_code}/{label}"
    audit.require(store, actor, "narrate", target, agency_code=owner, now=now)
    if lagging is None:
        lagging = lagging_tasks(store, label).get(task_code, False)
    check_texts(texts, lagging=lagging, submit=submit)
    at = now or clock.now_utc()
    with session(store) as s, s.begin():
        row = TaskNarrative(
            task_code=task_code,
            quarter=label,
            version=_next_version(s, task_code, label),
            state=SUBMITTED if submit else DRAFT,
            agency_code=owner,
            author=actor.user_id,
            created_at=at,
            submitted_at=at if submit else None,
            achievements=texts.achievements,
            reasons=texts.reasons,
            plans=texts.plans,
            requests=texts.requests,
        )
        s.add(row)
        action = "narrative.submit" if submit else "narrative.save"
        audit.record(s, actor, action, target, after=_details(row), now=at)
    return row


def review(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    task_code: str,
    quarter: str,
    note: str = "",
    *,
    now: datetime | None = None,
) -> TaskNarrative:
    """The committee's review of the latest submitted version: a new version with the same text, state
    reviewed, the reviewer, the time and the optional note."""
    label = comments.quarter_label(quarter)
    target = f"narrative:{task_code}/{label}"
    audit.require(store, actor, "review_narrative", target, now=now)
    if note.strip():
        audit.check_free_text(note, "검토 의견", "review note")
    at = now or clock.now_utc()
    with session(store) as s, s.begin():
        shown = _latest_shown(s, task_code, label)
        if shown is None or shown.state != SUBMITTED:
            raise ValueError(
                f"{task_code} {label}에는 검토할 제출본이 없습니다 "
                f"(there is no submitted narrative of {task_code} for {label} awaiting review)"
            )
        row = TaskNarrative(
            **shown.model_dump(exclude={"id", "version", "state", "reviewer", "reviewed_at", "review_note"}),
            version=_next_version(s, task_code, label),
            state=REVIEWED,
            reviewer=actor.user_id,
            reviewed_at=at,
            review_note=note or None,
        )
        s.add(row)
        audit.record(s, actor, "narrative.review", target, before={"version": shown.version}, after=_details(row))
    return row


def _details(row: TaskNarrative) -> dict:
    return {
        "task_code": row.task_code,
        "agency_code": row.agency_code,
        "period": row.quarter,
        "version": row.version,
        "state": row.state,
        **{k: getattr(row, k) for k in FIELDS},
        **({"review_note": row.review_note} if row.review_note else {}),
    }


def _next_version(s, task_code: str, quarter: str) -> int:  # type: ignore[no-untyped-def]
    stmt = select(TaskNarrative.version).where(TaskNarrative.task_code == task_code, TaskNarrative.quarter == quarter)
    return max(s.exec(stmt).all(), default=0) + 1


def _latest_shown(s, task_code: str, quarter: str) -> TaskNarrative | None:  # type: ignore[no-untyped-def]
    stmt = (
        select(TaskNarrative)
        .where(TaskNarrative.task_code == task_code, TaskNarrative.quarter == quarter, TaskNarrative.state != DRAFT)
        .order_by(col(TaskNarrative.version).desc())
    )
    return s.exec(stmt).first()


def visible(actor: Actor | None, row: TaskNarrative) -> bool:
    """Submitted and reviewed versions: every reader. Drafts: those who may write the task's narrative."""
    return row.state != DRAFT or may_write(actor, row.agency_code)


def versions(
    store,  # type: ignore[no-untyped-def]
    actor: Actor | None,
    *,
    task_code: str | None = None,
    quarter: str | None = None,
) -> list[TaskNarrative]:
    """The versions the actor may see, newest first (None: a reader who has not logged in, where reading
    needs no login: etl/governance/accounts.py)."""
    stmt = select(TaskNarrative)
    if task_code:
        stmt = stmt.where(TaskNarrative.task_code == task_code)
    if quarter:
        stmt = stmt.where(TaskNarrative.quarter == comments.quarter_label(quarter))
    with session(store) as s:
        rows = list(s.exec(stmt.order_by(col(TaskNarrative.id).desc())))
    return [r for r in rows if visible(actor, r)]


def latest_shown(store, actor: Actor | None, task_code: str, quarter: str) -> TaskNarrative | None:  # type: ignore[no-untyped-def]
    """The version every reader sees (the latest submitted or reviewed), or None."""
    return next((r for r in versions(store, actor, task_code=task_code, quarter=quarter) if r.state != DRAFT), None)


SCHEMA = pl.Schema(
    [
        ("task_code", pl.String()),
        ("quarter", pl.String()),
        ("version", pl.Int32()),
        ("state", pl.String()),
        ("agency_code", pl.String()),
        ("achievements", pl.String()),
        ("reasons", pl.String()),
        ("plans", pl.String()),
        ("requests", pl.String()),
        ("author", pl.String()),
        ("submitted_at", pl.Datetime("us")),
        ("reviewer", pl.String()),
        ("reviewed_at", pl.Datetime("us")),
    ]
)


def _kst(value: datetime | None) -> datetime | None:
    return utc_naive_to_kst(value) if value else None


def narratives_frame(store) -> pl.DataFrame:  # type: ignore[no-untyped-def]
    """Every submitted and reviewed version, for the snapshot (`ref_task_narratives`; times in KST). Drafts
    stay in the ledger: a snapshot is readable by every reader, and a draft only by its agency."""
    with session(store) as s:
        rows = s.exec(select(TaskNarrative).where(TaskNarrative.state != DRAFT).order_by(col(TaskNarrative.id)))
        data = [
            {
                **{k: getattr(r, k) for k in ("task_code", "quarter", "version", "state", "agency_code", "author")},
                **{k: getattr(r, k) for k in FIELDS},
                "submitted_at": _kst(r.submitted_at),
                "reviewer": r.reviewer,
                "reviewed_at": _kst(r.reviewed_at),
            }
            for r in rows
        ]
    return pl.DataFrame(data, schema=SCHEMA, orient="row") if data else pl.DataFrame(schema=SCHEMA)
