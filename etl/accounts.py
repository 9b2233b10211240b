"""Local accounts in the ledger: argon2 password hashes, lockout after repeated failures, idle timeout.

A password is never stored, logged or audited in clear: only its argon2id hash is kept, and the audit
entries of account changes list which fields changed, not their values. A generated password is returned
once to the caller (the command line prints it once) and is not kept anywhere.

Settings (read when asked, never at import):
GOVDASH_IDLE_MINUTES   minutes without activity before a dashboard login ends (default 30)
GOVDASH_PUBLIC_READ    1 (default): the dashboard's read-only pages open without a login; 0: login first
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import NaiveDatetime
from sqlalchemy import or_, update
from sqlmodel import Field, SQLModel, col, select

from etl import audit, authz
from etl.actors import PERSON_ROLES, Actor
from metrics import clock

MIN_PASSWORD_LENGTH = 12
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
DEFAULT_IDLE_MINUTES = 30
MAX_USERNAME = 64
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-@")
INVALID_NAME = "(잘못된 이름)"  # the audit trail's actor for a typed name that breaks the naming rule

_hasher = PasswordHasher()
# Verified against when the user does not exist, so an unknown name costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


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


class AccountError(ValueError):
    """A request about an account that cannot be done; the message says why, Korean then English."""


class LoginFailed(AccountError):
    """A login refused, for whatever reason: one message for all (LOGIN_FAILED), so names cannot be probed.
    `reason` (wrong password, unknown user, invalid name, disabled, locked) is for the audit trail and the
    tests, never for the person at the login form."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class AccountLocked(LoginFailed):
    """The account is locked until `until` (naive UTC): by this attempt (reason "wrong password") or before
    it (reason "locked")."""

    def __init__(self, message: str, reason: str, until: datetime | None) -> None:
        super().__init__(message, reason)
        self.until = until


@dataclass(frozen=True)
class Issued:
    """A new account or a reset; `password` is set only when it was generated here (show it once)."""

    account: Account
    password: str | None


def idle_minutes() -> int:
    return int(os.environ.get("GOVDASH_IDLE_MINUTES") or DEFAULT_IDLE_MINUTES)


def public_read() -> bool:
    return (os.environ.get("GOVDASH_PUBLIC_READ") or "1").strip().lower() not in ("0", "false", "no", "off")


def is_idle(last_seen: datetime, now: datetime, minutes: int | None = None) -> bool:
    return now - last_seen >= timedelta(minutes=idle_minutes() if minutes is None else minutes)


def generate_password() -> str:
    return secrets.token_urlsafe(15)  # 20 characters, 120 bits


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"비밀번호는 {MIN_PASSWORD_LENGTH}자 이상이어야 합니다 "
            f"(a password needs at least {MIN_PASSWORD_LENGTH} characters)"
        )


def valid_username(name: str) -> bool:
    """The one naming rule, for new accounts and for every login attempt: 1-64 characters of a-z 0-9 . _ - @
    (after lower-casing). The length is checked first, so a huge text costs nothing more."""
    return 0 < len(name) <= MAX_USERNAME and not set(name) - USERNAME_CHARS


def recorded_name(name: str) -> str:
    """What the audit trail may keep of a typed name: the name itself when it follows the rule, otherwise a
    placeholder and nothing of the text (it may be a password typed in the wrong field, or megabytes)."""
    return name if valid_username(name) else INVALID_NAME


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


def _username_problem(username: str) -> str:
    # Quotes at most 20 characters of the name back: enough to recognise it, never a page of text.
    shown = username if len(username) <= 20 else username[:20] + "…"
    rule_ko, rule_en = "영문 소문자, 숫자, . _ - @ 로 64자 이내", "a-z, 0-9, . _ - @, at most 64 characters"
    if not username:
        return f"계정 이름이 비어 있습니다. {rule_ko}로 쓰십시오 (the user name is empty; use {rule_en})"
    if len(username) > MAX_USERNAME:
        return (
            f"계정 이름 '{shown}'이(가) {len(username):,}자입니다. {rule_ko}로 쓰십시오 "
            f"(the user name has {len(username):,} characters; use {rule_en})"
        )
    bad = " ".join(repr(c) for c in sorted(set(username) - USERNAME_CHARS))
    return (
        f"계정 이름 '{shown}'에 쓸 수 없는 글자가 있습니다: {bad}. {rule_ko}로 쓰십시오 "
        f"(the user name contains {bad}; use {rule_en})"
    )


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
    with audit.session(store) as s, s.begin():
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
    with audit.session(store) as s:
        return list(s.exec(select(Account).order_by(col(Account.username))))


def has_accounts(store) -> bool:  # type: ignore[no-untyped-def]
    with audit.session(store) as s:
        return s.exec(select(Account.id).limit(1)).first() is not None


def has_user(store, username: str) -> bool:  # type: ignore[no-untyped-def]
    with audit.session(store) as s:
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
    with audit.session(store) as s, s.begin():
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
    with audit.session(store) as s, s.begin():
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
    with audit.session(store) as s, s.begin():
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
    with audit.session(store) as s:
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


# One answer for every failed login: a wrong name, a wrong password, a disabled account and a locked one read
# the same, so nobody can find out which names exist; it still tells the owner of a locked account what to do.
_LOCK_MINUTES = int(LOCKOUT.total_seconds()) // 60
LOGIN_FAILED = (
    f"계정 이름 또는 비밀번호가 맞지 않습니다. 로그인에 {MAX_FAILURES}회 실패한 계정은 {_LOCK_MINUTES}분간 잠기며 "
    f"그동안은 맞는 비밀번호도 거부됩니다. {_LOCK_MINUTES}분 뒤 다시 시도하거나 관리자에게 비밀번호 재설정을 "
    f"요청하십시오 (wrong user name or password — or the account is locked: {MAX_FAILURES} failed logins lock "
    f"it for {_LOCK_MINUTES} minutes, even against the right password; try again in {_LOCK_MINUTES} minutes or "
    f"ask an administrator to reset the password)"
)


def _failed_error(reason: str) -> LoginFailed:
    return LoginFailed(LOGIN_FAILED, reason)


def _locked_error(until: datetime | None, reason: str) -> AccountLocked:
    return AccountLocked(LOGIN_FAILED, reason, until)


def actor_for_email(store, email: str, *, now: datetime | None = None) -> Actor:  # type: ignore[no-untyped-def]
    """Single sign-on: the identity provider vouched for `email`; the ledger says which role it has."""
    name = (email or "").strip().lower()
    with audit.session(store) as s, s.begin():
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
