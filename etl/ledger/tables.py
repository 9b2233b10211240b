"""Every ledger table but the submissions' (etl/ledger/__init__.py), in one place: the accounts and their
sessions, the append-only audit trail, period locks, target and holiday changes, comments and assessments,
task narratives, disputes, chart annotations, subscriptions and the inbox.

The services that read and write them live above, in etl/governance and etl/alerts; this module imports nothing
of theirs, so any of them can use any table without an import cycle. Importing it registers every table with
SQLModel's metadata, so `ensure_tables` (and the ledger's create_all) makes them all at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from weakref import WeakSet

from pydantic import NaiveDatetime
from sqlalchemy import DDL, UniqueConstraint, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Field, Session, SQLModel

from etl.access.actors import Actor


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entries"

    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime = Field(index=True)  # naive UTC, like every ledger time
    actor_id: str = Field(index=True)
    actor_role: str
    actor_agency: str | None = None
    action: str = Field(index=True)  # e.g. submission.accepted, login.failed, period.locked
    target: str = Field(index=True)  # what was acted on, e.g. submission:12, period:2026-09, user:kim
    before: str | None = None  # JSON of the state before, when there was one
    after: str | None = None  # JSON of the state after (or of the refused request)


_APPEND_ONLY_SQLITE = [
    "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
    "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END",
]
_APPEND_ONLY_POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit trail is append-only'; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries "
    "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()",
]
for _statement in _APPEND_ONLY_SQLITE:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))  # type: ignore[attr-defined]
for _statement in _APPEND_ONLY_POSTGRESQL:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))  # type: ignore[attr-defined]


class Account(SQLModel, table=True):
    __tablename__ = "accounts"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True, max_length=64)
    display_name: str = ""
    role: str = Field(max_length=12)
    agency_code: str | None = Field(default=None, max_length=7)
    email: str | None = Field(default=None, unique=True, index=True)  # single sign-on identity → this account
    password_hash: str | None = None  # argon2id; None for an account that signs in only through SSO
    disabled: bool = False
    failed_logins: int = 0
    locked_until: NaiveDatetime | None = None
    created_at: NaiveDatetime
    password_changed_at: NaiveDatetime | None = None
    last_login_at: NaiveDatetime | None = None

    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.agency_code)  # type: ignore[arg-type]


class DashboardSession(SQLModel, table=True):
    __tablename__ = "dashboard_sessions"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str | None = Field(default=None, unique=True, index=True, max_length=64)
    handoff_hash: str | None = Field(default=None, unique=True, index=True, max_length=64)
    handoff_until: NaiveDatetime | None = None
    user_id: str = Field(index=True, max_length=64)
    created_at: NaiveDatetime  # naive UTC, as every time in the ledger
    last_seen: NaiveDatetime
    expires_at: NaiveDatetime
    revoked_at: NaiveDatetime | None = None
    revoked_reason: str | None = Field(default=None, max_length=24)


class PeriodLock(SQLModel, table=True):
    __tablename__ = "period_locks"

    id: int | None = Field(default=None, primary_key=True)
    period: str = Field(index=True, max_length=7)  # YYYY-MM
    reason: str
    locked_by: str
    locked_at: NaiveDatetime  # naive UTC
    unlocked_by: str | None = None
    unlocked_at: NaiveDatetime | None = None
    unlock_reason: str | None = None
    # The snapshot published when the month was locked, whose figures of the month every build keeps
    # (None: nothing was published then, so the month's figures are not frozen).
    snapshot_id: str | None = Field(default=None, max_length=40)


class TargetChange(SQLModel, table=True):
    __tablename__ = "target_changes"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=10)  # target | threshold
    kpi_code: str | None = Field(default=None, index=True)  # targets only
    name: str  # the target's year, or the threshold's name (on_track | watch)
    old_value: float
    new_value: float
    reason: str
    changed_by: str
    changed_at: NaiveDatetime  # naive UTC


class HolidayChange(SQLModel, table=True):
    __tablename__ = "holiday_changes"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    action: str = Field(max_length=10)  # add | remove
    name_ko: str | None = None  # the added holiday's name, or the removed one's (for the audit and the list)
    reason: str
    changed_by: str
    changed_at: NaiveDatetime  # naive UTC


class KpiComment(SQLModel, table=True):
    __tablename__ = "kpi_comments"

    id: int | None = Field(default=None, primary_key=True)
    kpi_code: str = Field(index=True)
    agency_code: str = Field(index=True, max_length=7)
    period: str = Field(max_length=7)  # YYYY-MM
    text: str
    author: str
    created_at: NaiveDatetime


class TaskAssessment(SQLModel, table=True):
    __tablename__ = "task_assessments"

    id: int | None = Field(default=None, primary_key=True)
    task_code: str = Field(index=True)
    quarter: str = Field(max_length=7)  # YYYY-Qn
    rating: str
    text: str
    author: str
    created_at: NaiveDatetime


class TaskNarrative(SQLModel, table=True):
    __tablename__ = "task_narratives"

    id: int | None = Field(default=None, primary_key=True)
    task_code: str = Field(index=True)
    quarter: str = Field(index=True, max_length=7)  # YYYY-Qn
    version: int  # 1, 2, … per task and quarter
    state: str = Field(max_length=12)
    agency_code: str = Field(max_length=7)  # the owning ministry when it was written
    achievements: str = ""
    reasons: str = ""
    plans: str = ""
    requests: str = ""
    author: str  # who wrote the text of this version
    created_at: NaiveDatetime  # naive UTC, when this version was saved
    submitted_at: NaiveDatetime | None = None
    reviewer: str | None = None
    reviewed_at: NaiveDatetime | None = None
    review_note: str | None = None


class KpiDispute(SQLModel, table=True):
    __tablename__ = "kpi_disputes"

    id: int | None = Field(default=None, primary_key=True)
    kpi_code: str = Field(index=True)
    agency_code: str = Field(index=True, max_length=7)
    period: str = Field(max_length=7)  # YYYY-MM
    reason: str
    state: str = Field(default="open", max_length=10)
    outcome: str | None = None  # resubmission | correction, when accepted
    answer: str | None = None
    evidence_name: str | None = None
    evidence_path: str | None = None  # relative to the archive root
    evidence_sha256: str | None = None
    evidence_size: int | None = None
    opened_by: str
    opened_at: NaiveDatetime  # naive UTC
    answered_by: str | None = None
    answered_at: NaiveDatetime | None = None


class Annotation(SQLModel, table=True):
    __tablename__ = "annotations"

    id: int | None = Field(default=None, primary_key=True)
    date: date
    text: str
    scope: str = Field(max_length=4)  # all | task | kpi
    scope_code: str | None = Field(default=None, index=True)  # the task or KPI code; None for 'all'
    author: str
    created_at: NaiveDatetime  # naive UTC
    withdrawn_by: str | None = None
    withdrawn_at: NaiveDatetime | None = None


class Subscription(SQLModel, table=True):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("username", "kind", "code", name="one_subscription_per_subject"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, max_length=64)
    kind: str = Field(max_length=6)  # task | kpi | agency
    code: str
    active: bool = True
    changed_at: NaiveDatetime  # naive UTC


class Notification(SQLModel, table=True):
    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("username", "event_key", name="one_notification_per_event"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, max_length=64)
    event_key: str  # e.g. offtrack:kpi:S1-T2-K1:2026-10, due:overdue:1741000:complaints:2026-10
    kind: str = Field(max_length=20)  # offtrack | dispute_open | dispute_answer | due_reminder | due_overdue
    title_ko: str
    title_en: str
    link: str  # the page and its URL query, e.g. kpi?kpi=S1-T2-K1&month=2026-10 (GOVDASH_PUBLIC_URL in front)
    run_id: int | None = Field(default=None, index=True)
    created_at: NaiveDatetime  # naive UTC
    read_at: NaiveDatetime | None = None
    emailed_at: NaiveDatetime | None = None


class NotifyRun(SQLModel, table=True):
    __tablename__ = "notify_runs"

    id: int | None = Field(default=None, primary_key=True)
    run_at: NaiveDatetime  # naive UTC
    snapshot_id: str  # the published snapshot this run looked at
    compared_with: str | None = None  # the snapshot it was compared against (None: nothing to compare)
    audit_upto: int = 0  # the last audit entry id read
    delivered: int = 0
    mailed: int = 0


_ready: WeakSet[Engine] = WeakSet()


def ensure_tables(engine: Engine) -> None:
    """Create the account, audit, lock, comment and target tables in a ledger made before they existed."""
    if engine in _ready:
        return
    try:
        SQLModel.metadata.create_all(engine)
    except DBAPIError:
        # Another process (a demo worker, a second replica) created a table between the check and the
        # CREATE; the second pass finds every table there.
        SQLModel.metadata.create_all(engine)
    _ready.add(engine)


def session(store: Any) -> Session:
    """A ledger session on a store whose security tables exist."""
    ensure_tables(store.engine)
    return store.session()
