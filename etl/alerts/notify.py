"""`govdash notify`: find what is due (etl/alerts/events.py), put it in each recipient's inbox, and mail each
recipient one digest when GOVDASH_SMTP_URL is set (docs/decisions.md §22).

Idempotent: a notification is keyed (user, event key) in the ledger (etl/alerts/inbox.py), so a second run with no
change delivers and mails nothing. A run compares the published snapshot with the one the previous run saw
(the newest older snapshot kept, on the first run); it reads the audit trail from where that run stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from etl.access.actors import Actor
from etl.alerts import events as alert_events
from etl.alerts import inbox, mailer, subscriptions
from etl.alerts.events import Event, Outgoing, link
from etl.governance import audit
from etl.ledger.tables import Account, Notification, NotifyRun, session
from metrics import clock
from metrics.queries import reporting_month
from metrics.snapshot import connect_readonly, current_snapshot
from metrics.warehouse import query_text


@dataclass
class RunResult:
    snapshot_id: str
    compared_with: str | None
    month: date
    outgoing: list[Outgoing]
    mailed: int = 0
    dry_run: bool = False

    @property
    def delivered(self) -> int:
        return sum(len(o.events) for o in self.outgoing)


def _previous(snapshot_dir: Path, current: Path, last: NotifyRun | None) -> Path | None:
    if last is not None:
        path = snapshot_dir / f"{last.snapshot_id}.duckdb"
        return path if path.is_file() and path != current else None
    older = sorted(p for p in snapshot_dir.glob("*.duckdb") if p.name < current.name)
    return older[-1] if older else None


def find_events(store, today: date, last: NotifyRun | None) -> tuple[list[Event], dict]:  # type: ignore[no-untyped-def,type-arg]
    snapshot_dir = store.settings.snapshot_dir
    current = current_snapshot(snapshot_dir)
    prev = _previous(snapshot_dir, current, last)
    con = connect_readonly(current)
    try:
        months = con.sql(query_text("periods"), params={"today": today}).pl()
        month = reporting_month(months)
        events = alert_events.due(con, today)
        if prev is not None:
            path = str(prev).replace("'", "''")
            con.execute(f"attach '{path}' as prev (read_only)")  # our own snapshot folder, not user input
            events = alert_events.offtrack(con, month) + events
    finally:
        con.close()
    disputes, audit_upto = alert_events.disputes(store, last.audit_upto if last else 0)
    info = {"snapshot_id": current.stem, "compared_with": prev.stem if prev else None, "month": month}
    return disputes + events, info | {"audit_upto": audit_upto}


def _accounts(store) -> list[Account]:  # type: ignore[no-untyped-def]
    with session(store) as s:
        return [a for a in s.exec(select(Account).order_by(Account.username)) if not a.disabled]


def recipients(store, account: Account, events: list[Event]) -> list[Event]:  # type: ignore[no-untyped-def]
    """The events `account` hears of: a due notice only as an officer of its agency (subscribed by default),
    the rest by subscription (and a new dispute by every administrator)."""
    follows = subscriptions.subjects(store, account.username, account.role, account.agency_code)
    chosen = []
    for e in events:
        if e.officers_of is not None:
            hit = account.role == "agency" and subscriptions.Subject("agency", e.officers_of) in follows
            hit = hit and account.agency_code == e.officers_of
        else:
            hit = bool(e.subjects & follows) or (e.admins and account.role == "admin")
        if hit:
            chosen.append(e)
    return chosen


def user_lang(account: Account) -> str:
    """Accounts keep no language yet: every digest is Korean (English titles are in the inbox)."""
    return getattr(account, "lang", None) or "ko"


def plan(store, events: list[Event]) -> list[Outgoing]:  # type: ignore[no-untyped-def]
    out = []
    for account in _accounts(store):
        seen = inbox.delivered_keys(store, account.username)
        new = [e for e in recipients(store, account, events) if e.key not in seen]
        if new:
            out.append(Outgoing(account.username, account.email, user_lang(account), new))
    return out


def _deliver(store, actor: Actor, result: RunResult, audit_upto: int, now: datetime) -> int:  # type: ignore[no-untyped-def]
    with session(store) as s, s.begin():
        run = NotifyRun(
            run_at=now,
            snapshot_id=result.snapshot_id,
            compared_with=result.compared_with,
            audit_upto=audit_upto,
            delivered=result.delivered,
        )
        s.add(run)
        s.flush()
        for o in result.outgoing:
            for e in o.events:
                s.add(
                    Notification(
                        username=o.username,
                        event_key=e.key,
                        kind=e.kind,
                        title_ko=e.title_ko,
                        title_en=e.title_en,
                        link=link(e, o.lang),
                        run_id=run.id,
                        created_at=now,
                    )
                )
        after = {"snapshot": result.snapshot_id, "compared_with": result.compared_with, "delivered": result.delivered}
        audit.record(s, actor, "notify.run", f"notify:{run.id}", after=after, now=now)
        return run.id or 0


def run(store, actor: Actor, *, dry_run: bool = False, today: date | None = None) -> RunResult:  # type: ignore[no-untyped-def]
    """Find, deliver and mail what is due. `dry_run`: find and plan only (nothing is written or sent)."""
    audit.require(store, actor, "notify", "notify")
    today = today or clock.today()
    last = inbox.last_run(store)
    events, info = find_events(store, today, last)
    result = RunResult(info["snapshot_id"], info["compared_with"], info["month"], plan(store, events), dry_run=dry_run)
    if dry_run:
        return result
    now = clock.now_utc()
    try:
        run_id = _deliver(store, actor, result, info["audit_upto"], now)
    except IntegrityError:
        # Two runs at once: the other delivered first. Nothing of this run was written; the next run
        # delivers whatever the other did not.
        return RunResult(result.snapshot_id, result.compared_with, result.month, [])
    result.mailed = _mail(store, result, run_id, now)
    return result


def _mail(store, result: RunResult, run_id: int, now: datetime) -> int:  # type: ignore[no-untyped-def]
    from etl.alerts import digest

    config = mailer.configured()
    if config is None:
        return 0
    batch = [(o, digest.compose(config.sender, o, result.month)) for o in result.outgoing if o.email]
    sent = mailer.send(config, [m for _, m in batch])
    names = [o.username for o, _ in batch]
    with session(store) as s, s.begin():
        stmt = select(Notification).where(
            Notification.run_id == run_id,
            Notification.username.in_(names),  # type: ignore[attr-defined]
        )
        for n in s.exec(stmt):
            n.emailed_at = now
            s.add(n)
        run = s.get(NotifyRun, run_id)
        if run is not None:
            run.mailed = sent
            s.add(run)
    return sent
