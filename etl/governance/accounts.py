"""Local accounts in the ledger: argon2 password hashes, lockout after repeated failures, idle timeout.

A password is never stored, logged or audited in clear: only its argon2id hash is kept, and the audit
entries of account changes list which fields changed, not their values. A generated password is returned
once to the caller (the command line prints it once) and is not kept anywhere.

Settings (read when asked, never at import):
GOVDASH_IDLE_MINUTES   minutes without activity before a dashboard login ends (default 30)
GOVDASH_PUBLIC_READ    1 (default): the dashboard's read-only pages open without a login; 0: login first
"""

from __future__ import annotations

from datetime import datetime

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import or_, update
from sqlmodel import col, select

from etl.access import authz
from etl.access.actors import PERSON_ROLES, Actor
from etl.governance import audit
from etl.governance.account_rules import (
    _DUMMY_HASH,
    LOCKOUT,
    MAX_FAILURES,
    AccountError,
    Issued,
    LoginFailed,
    _failed_error,
    _hasher,
    _locked_error,
    _username_problem,
    check_password_rules,
    generate_password,
    recorded_name,
    valid_username,
)
from etl.ledger.tables import Account, session
from metrics import clock


def _check_new_account(store, username: str, role: str | None, agency_code: str | None) -> str:  # type: ignore[no-untyped-def]
    """The role, once the request is found sound; AccountError (nothing created) otherwise."""
    if not valid_username(username):
        raise AccountError(_username_problem(username))
    if not role:
        # No default role: least privilege means the one creating the account says which, every time.
        raise AccountError(
            f"역할을 선택하십시오. 새 계정에는 기본 역할이 없습니다: {', '.join(PERSON_ROLES)} 중 하나 "
            f"(choose a role; a new account has no default role: one of {', '.join(PERSON_ROLES)})"
        )
    if role not in PERSON_ROLES:
        raise AccountError(
            f"역할 '{role}'은(는) 없습니다. 다음 중 하나: {', '.join(PERSON_ROLES)} "
            f"(unknown role '{role}'; use one of {', '.join(PERSON_ROLES)})"
        )
    if role == "agency" and agency_code not in store.agency_codes:
        raise AccountError(
            f"기관 담당자에게는 기관 목록에 있는 기관코드가 필요합니다: '{agency_code}' "
            f"(an agency officer needs an agency code from the agency list, not '{agency_code}')"
        )
    if role != "agency" and agency_code:
        raise AccountError("기관코드는 기관 담당자에게만 지정합니다 (only agency officers have an agency code)")
    return role


def _target(username: str) -> str:
    return f"user:{recorded_name((username or '').strip().lower())}"


def _summary(a: Account) -> dict[str, object]:
    # What the audit trail keeps of an account: never the hash, never a password.
    return {"role": a.role, "agency_code": a.agency_code, "email": a.email, "disabled": a.disabled}


def add_user(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    username: str,
    role: str | None,
    *,
    agency_code: str | None = None,
    password: str | None = None,
    email: str | None = None,
    display_name: str = "",
    sso_only: bool = False,
    now: datetime | None = None,
) -> Issued:
    audit.require(store, actor, "manage_users", _target(username), now=now)
    username = username.strip().lower()
    role = _check_new_account(store, username, role, agency_code)
    generated = None
    if not sso_only and password is None:
        password = generated = generate_password()
    if password is not None:
        check_password_rules(password)
    now = now or clock.now_utc()
    account = Account(
        username=username,
        display_name=display_name,
        role=role,
        agency_code=agency_code,
        email=email.strip().lower() if email else None,
        password_hash=_hasher.hash(password) if password is not None else None,
        created_at=now,
        password_changed_at=now if password is not None else None,
    )
    with session(store) as s, s.begin():
        if s.exec(select(Account).where(Account.username == username)).first():
            raise AccountError(f"계정 '{username}'이(가) 이미 있습니다 (user '{username}' already exists)")
        if account.email and s.exec(select(Account).where(Account.email == account.email)).first():
            raise AccountError(
                f"전자우편 '{account.email}'은(는) 이미 다른 계정에 연결되어 있습니다 "
                f"(e-mail '{account.email}' already belongs to another account)"
            )
        s.add(account)
        audit.record(s, actor, "account.created", f"user:{username}", after=_summary(account), now=now)
    return Issued(account, generated)


def list_users(store, actor: Actor) -> list[Account]:  # type: ignore[no-untyped-def]
    audit.require(store, actor, "manage_users", "users")
    with session(store) as s:
        return list(s.exec(select(Account).order_by(col(Account.username))))


def has_accounts(store) -> bool:  # type: ignore[no-untyped-def]
    with session(store) as s:
        return s.exec(select(Account.id).limit(1)).first() is not None


def has_user(store, username: str) -> bool:  # type: ignore[no-untyped-def]
    with session(store) as s:
        return s.exec(select(Account.id).where(Account.username == username.strip().lower())).first() is not None


def _get(s, username: str) -> Account:  # type: ignore[no-untyped-def]
    account = s.exec(select(Account).where(Account.username == username.strip().lower())).first()
    if account is None:
        raise AccountError(f"계정 '{username}'이(가) 없습니다 (no user '{username}')")
    return account


def set_disabled(
    store,
    actor: Actor,
    username: str,
    disabled: bool = True,
    *,  # type: ignore[no-untyped-def]
    now: datetime | None = None,
) -> Account:
    audit.require(store, actor, "manage_users", _target(username), now=now)
    with session(store) as s, s.begin():
        account = _get(s, username)
        before = _summary(account)
        account.disabled = disabled
        s.add(account)
        action = "account.disabled" if disabled else "account.enabled"
        audit.record(s, actor, action, f"user:{account.username}", before, _summary(account), now=now)
    return account


def reset_password(
    store,
    actor: Actor,
    username: str,
    password: str | None = None,
    *,  # type: ignore[no-untyped-def]
    now: datetime | None = None,
) -> Issued:
    """A new password (generated unless given); also clears a lockout."""
    audit.require(store, actor, "manage_users", _target(username), now=now)
    generated = None
    if password is None:
        password = generated = generate_password()
    check_password_rules(password)
    now = now or clock.now_utc()
    with session(store) as s, s.begin():
        account = _get(s, username)
        account.password_hash = _hasher.hash(password)
        account.password_changed_at = now
        account.failed_logins = 0
        account.locked_until = None
        s.add(account)
        audit.record(
            s,
            actor,
            "account.password_reset",
            f"user:{account.username}",
            after={"password": "changed", "lockout": "cleared"},
            now=now,
        )
    return Issued(account, generated)


def _anonymous(username: str) -> Actor:
    # Only the name typed is known of who tried; no role is granted by a failed attempt.
    return Actor(username or "?", "anonymous")  # type: ignore[arg-type]


def authenticate(store, username: str, password: str, *, now: datetime | None = None) -> Actor:  # type: ignore[no-untyped-def]
    """The actor for a correct name and password; LoginFailed (AccountLocked for a locked account) otherwise,
    with one message for every reason (`reason` and the audit trail say which). Every attempt is audited,
    the password never, a name breaking the naming rule only as INVALID_NAME.

    The lockout holds under concurrency: the password is checked first, outside any transaction (argon2 is
    slow), then one conditional UPDATE decides and writes at once, in the transaction that also sets the
    lock — see _count_failure. Every path verifies exactly one argon2 hash, so the time does not tell an
    unknown, invalid, disabled or locked name from a wrong password."""
    now = now or clock.now_utc()
    name = (username or "").strip().lower()
    account = _find(store, name) if valid_username(name) else None
    right = _verify(account.password_hash if account else None, password)
    with session(store) as s, s.begin():
        if account is None:
            failure = _no_account(s, name, now)
        else:
            if right and not account.disabled and _log_in(s, account, now):
                return account.actor()
            failure = _count_failure(s, account, now)
    raise failure


def _find(store, name: str) -> Account | None:  # type: ignore[no-untyped-def]
    # Read in its own short session: the write transaction below must start with its UPDATE, so that on
    # SQLite it waits for the write lock (busy_timeout) instead of failing to upgrade a read.
    with session(store) as s:
        return s.exec(select(Account).where(Account.username == name)).first()


def _verify(password_hash: str | None, password: str) -> bool:
    """One argon2 verification whatever the account: the dummy hash stands in when there is none."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def _open(now: datetime):  # type: ignore[no-untyped-def]
    # Not locked at `now`. In the UPDATE's WHERE, so the check and the write are one step.
    return or_(col(Account.locked_until).is_(None), col(Account.locked_until) <= now)


def _log_in(s, account: Account, now: datetime) -> bool:  # type: ignore[no-untyped-def]
    """Record the login unless, meanwhile, the account was locked, disabled or given a new password."""
    done = s.exec(
        update(Account)
        .where(col(Account.id) == account.id, _open(now), col(Account.disabled).is_(False))
        .where(col(Account.password_hash) == account.password_hash)
        .values(failed_logins=0, locked_until=None, last_login_at=now)
        .returning(col(Account.id))
    ).first()
    if done is not None:
        audit.record(s, account.actor(), "login.ok", f"user:{account.username}", now=now)
    return done is not None


def _count_failure(s, account: Account, now: datetime) -> LoginFailed:  # type: ignore[no-untyped-def]
    """Add one failure, atomically. The UPDATE counts only while the account is open and returns the new
    count; it holds the row (PostgreSQL: row lock; SQLite: the write lock) until this transaction commits,
    so the failure that reaches MAX_FAILURES sets the lock before any other attempt can count. Attempts
    waiting behind it then find the account locked and are refused without counting."""
    target = f"user:{account.username}"
    counted = s.exec(
        update(Account)
        .where(col(Account.id) == account.id, _open(now))
        .values(failed_logins=col(Account.failed_logins) + 1)
        .returning(col(Account.failed_logins), col(Account.disabled))
    ).first()
    if counted is None:
        until = s.exec(select(Account.locked_until).where(Account.id == account.id)).one()
        audit.record(s, _anonymous(account.username), "login.refused_locked", target, now=now)
        return _locked_error(until, "locked")
    failures, disabled = counted
    reason = "disabled" if disabled else "wrong password"
    after: dict[str, object] = {"failed_logins": failures, "reason": reason}
    if failures >= MAX_FAILURES:
        after["locked_until"] = until = now + LOCKOUT
        s.exec(update(Account).where(col(Account.id) == account.id).values(locked_until=until, failed_logins=0))
    audit.record(s, _anonymous(account.username), "login.failed", target, after=after, now=now)
    return _locked_error(until, reason) if failures >= MAX_FAILURES else _failed_error(reason)


def _no_account(s, name: str, now: datetime) -> LoginFailed:  # type: ignore[no-untyped-def]
    shown = recorded_name(name)
    reason = "unknown user" if shown == name else "invalid name"
    audit.record(s, _anonymous(shown), "login.failed", f"user:{shown}", after={"reason": reason}, now=now)
    return _failed_error(reason)


def actor_for_email(store, email: str, *, now: datetime | None = None) -> Actor:  # type: ignore[no-untyped-def]
    """Single sign-on: the identity provider vouched for `email`; the ledger says which role it has."""
    name = (email or "").strip().lower()
    with session(store) as s, s.begin():
        account = s.exec(select(Account).where(Account.email == name)).first() if name else None
        if account is None or account.disabled:
            audit.record(s, _anonymous(name), "login.sso_refused", f"email:{name}", now=now)
            failure = LoginFailed(
                f"'{name}'에 연결된 계정이 없습니다. 관리자에게 등록을 요청하십시오 "
                f"(no account is linked to '{name}'; ask an administrator)",
                "no account for this e-mail" if account is None else "disabled",
            )
        else:
            account.last_login_at = now or clock.now_utc()
            s.add(account)
            audit.record(s, account.actor(), "login.sso_ok", f"user:{account.username}", now=now)
            return account.actor()
    raise failure


def may(actor: Actor | None, action: str, agency_code: str | None = None) -> bool:
    """For the dashboard: whether to show a control at all (the service checks again when it is used)."""
    return actor is not None and authz.allowed(actor, action, agency_code=agency_code)
