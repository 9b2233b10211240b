"""The ledger: the system of record of every submission (SQLModel; SQLite by default, any SQLAlchemy URL).

One row per file received. A file is 'accepted' or 'rejected' when it is recorded; an accepted file
becomes 'superseded' when a newer file for the same agency, dataset and month is accepted, and a
superseded file becomes 'accepted' again when it is restored (the one it replaces is then superseded).
A rejected file never counts. Nothing is deleted. A partial unique index guarantees at most one accepted file per
(dataset, agency, month), whatever races between processes.
"""

from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import Index, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool
from sqlmodel import Field, Session, SQLModel, create_engine, select

ACCEPTED, SUPERSEDED, REJECTED = "accepted", "superseded", "rejected"


class Submission(SQLModel, table=True):
    __tablename__ = "submissions"
    __table_args__ = (
        Index(
            "one_accepted_per_slot",
            "dataset",
            "agency_code",
            "period",
            unique=True,
            sqlite_where=text("status = 'accepted'"),
            postgresql_where=text("status = 'accepted'"),
        ),
        Index("by_slot", "dataset", "agency_code", "period"),
    )

    id: int | None = Field(default=None, primary_key=True)
    dataset: str
    agency_code: str = Field(max_length=7)
    period: str = Field(max_length=7)  # YYYY-MM, the file's 기준월
    filename: str
    sha256: str = Field(index=True, max_length=64)
    size_bytes: int
    row_count: int
    status: str = Field(max_length=12)
    submitted_by: str
    submitted_at: NaiveDatetime  # naive UTC: the same on SQLite and PostgreSQL
    archive_path: str  # original bytes, relative to the archive root
    parquet_path: str | None = None  # normalised rows (accepted files), relative to the archive root
    report_path: str | None = None  # validation problems as JSON, relative to the archive root
    error_count: int = 0
    warning_count: int = 0
    supersedes_id: int | None = None


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # NullPool: no connection outlives its session, so no file stays locked between calls.
        engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        SQLModel.metadata.create_all(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        with engine.begin() as conn:
            # Processes starting together (replicas, ingest workers) would race to create the same tables
            # and PostgreSQL refuses the loser (pg_type unique violation): one at a time, under a lock.
            conn.execute(text("select pg_advisory_xact_lock(20251202)"))
            SQLModel.metadata.create_all(conn)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    # WAL lets readers go on while one process writes; FULL sync so an accepted file survives power loss.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def find_same_bytes(session: Session, dataset: str, agency_code: str, period: str, sha256: str) -> Submission | None:
    stmt = (
        select(Submission)
        .where(
            Submission.dataset == dataset,
            Submission.agency_code == agency_code,
            Submission.period == period,
            Submission.sha256 == sha256,
        )
        .order_by(Submission.id)  # type: ignore[arg-type]
    )
    return session.exec(stmt).first()


def active_submission(session: Session, dataset: str, agency_code: str, period: str) -> Submission | None:
    stmt = select(Submission).where(
        Submission.dataset == dataset,
        Submission.agency_code == agency_code,
        Submission.period == period,
        Submission.status == ACCEPTED,
    )
    return session.exec(stmt).first()


def all_submissions(session: Session) -> list[Submission]:
    return list(session.exec(select(Submission).order_by(Submission.id)))  # type: ignore[arg-type]


def get(session: Session, submission_id: int) -> Submission | None:
    return session.get(Submission, submission_id)


def reactivate(session: Session, submission_id: int) -> int | None:
    """Make an earlier accepted (now superseded) file the active one for its slot again, inside the
    caller's transaction. Returns the id of the file it replaces (None when the slot had none)."""
    row = session.get(Submission, submission_id)
    if row is None or row.status not in (SUPERSEDED, ACCEPTED):
        raise ValueError(f"submission {submission_id} cannot be made active (status {row and row.status})")
    if row.status == ACCEPTED:
        return None
    current = active_submission(session, row.dataset, row.agency_code, row.period)
    if current is not None:
        current.status = SUPERSEDED
        session.add(current)
        session.flush()  # the unique index allows one accepted file per slot: retire the current one first
    row.status = ACCEPTED
    session.add(row)
    session.flush()
    return current.id if current else None


def slot_history(session: Session, dataset: str, agency_code: str, period: str) -> list[Submission]:
    stmt = (
        select(Submission)
        .where(Submission.dataset == dataset, Submission.agency_code == agency_code, Submission.period == period)
        .order_by(Submission.id)  # type: ignore[arg-type]
    )
    return list(session.exec(stmt))


def find(
    session: Session,
    *,
    dataset: str | None = None,
    agency_code: str | None = None,
    period: str | None = None,
    status: str | None = None,
    limit: int = 200,
) -> list[Submission]:
    """The newest submissions first (by submission time; the id breaks a tie), narrowed by any of the filters."""
    stmt = select(Submission)
    for column, value in (
        (Submission.dataset, dataset),
        (Submission.agency_code, agency_code),
        (Submission.period, period),
        (Submission.status, status),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    stmt = stmt.order_by(Submission.submitted_at.desc(), Submission.id.desc()).limit(limit)  # type: ignore[attr-defined,union-attr]
    return list(session.exec(stmt))
