"""Local accounts in the ledger: argon2 password hashes, lockout after repeated failures, idle timeout.

A password is never stored, logged or audited in clear: only its argon2id hash is kept, and the audit
entries of account changes list which fields changed, not their values. A generated password is returned
once to the caller (the command line prints it once) and is not kept anywhere.

Settings (read when asked, never at import):
GOVDASH_IDLE_MINUTES   minutes without activity before a dashboard login ends (default 30)
GOVDASH_PUBLIC_READ    1 (default): the dashboard's read-only pages open without a login; 0: login first
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel, col, select

from etl import audit, authz
from etl.actors import PERSON_ROLES, Actor
from metrics import clock

MIN_PASSWORD_LENGTH = 12
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
DEFAULT_IDLE_MINUTES = 30
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-@")

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
    """Wrong name or password, or a disabled account: one message for all, so names cannot be probed."""


class AccountLocked(LoginFailed):
    """Too many failed logins: the account waits until `until` (naive UTC)."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
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


def _check_new_account(store, username: str, role: str, agency_code: str | None) -> None:  # type: ignore[no-untyped-def]
    if not username or set(username) - USERNAME_CHARS or len(username) > 64:
        raise AccountError(
            f"계정 이름 '{username}'은(는) 영문 소문자, 숫자, . _ - @ 로 64자 이내여야 합니다 "
            f"(a user name uses a-z, 0-9, . _ - @, at most 64 characters)"
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


def _summary(a: Account) -> dict[str, object]:
    # What the audit trail keeps of an account: never the hash, never a password.
    return {"role": a.role, "agency_code": a.agency_code, "email": a.email, "disabled": a.disabled}


def add_user(
    store,  # type: ignore[no-untyped-def]
    actor: Actor,
    username: str,
    role: str,
    *,
    agency_code: str | None = None,
    password: str | None = None,
    email: str | None = None,
    display_name: str = "",
    sso_only: bool = False,
    now: datetime | None = None,
) -> Issued:
    audit.require(store, actor, "manage_users", f"user:{username}", now=now)
    username = username.strip().lower()
    _check_new_account(store, username, role, agency_code)
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
    audit.require(store, actor, "manage_users", f"user:{username}", now=now)
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
    audit.require(store, actor, "manage_users", f"user:{username}", now=now)
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
    """The actor for a correct name and password; LoginFailed (or AccountLocked) otherwise. Every attempt is
    audited, the password never."""
    now = now or clock.now_utc()
    name = (username or "").strip().lower()
    with audit.session(store) as s, s.begin():
        account = s.exec(select(Account).where(Account.username == name)).first()
        if account is not None and account.locked_until and account.locked_until > now:
            audit.record(s, _anonymous(name), "login.refused_locked", f"user:{name}", now=now)
            failure: LoginFailed = _locked_error(account.locked_until, now)
        elif account is not None and not account.disabled and _verify(account, password):
            account.failed_logins, account.locked_until, account.last_login_at = 0, None, now
            s.add(account)
            audit.record(s, account.actor(), "login.ok", f"user:{name}", now=now)
            return account.actor()
        else:
            failure = _count_failure(s, account, name, now)
    raise failure


def _verify(account: Account, password: str) -> bool:
    if not account.password_hash:
        _verify_dummy(password)
        return False
    try:
        return _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _verify_dummy(password: str) -> None:
    with contextlib.suppress(VerificationError):
        _hasher.verify(_DUMMY_HASH, password)


def _count_failure(s, account: Account | None, name: str, now: datetime) -> LoginFailed:  # type: ignore[no-untyped-def]
    if account is None:
        _verify_dummy("x")
        audit.record(s, _anonymous(name), "login.failed", f"user:{name}", after={"reason": "unknown user"}, now=now)
        return _failed_error()
    account.failed_logins += 1
    after: dict[str, object] = {"failed_logins": account.failed_logins}
    if account.disabled:
        after["reason"] = "disabled"
    if account.failed_logins >= MAX_FAILURES:
        account.locked_until = now + LOCKOUT
        account.failed_logins = 0
        after["locked_until"] = account.locked_until
    s.add(account)
    audit.record(s, _anonymous(name), "login.failed", f"user:{name}", after=after, now=now)
    return _locked_error(account.locked_until, now) if account.locked_until else _failed_error()


def _failed_error() -> LoginFailed:
    return LoginFailed("계정 이름 또는 비밀번호가 맞지 않습니다 (wrong user name or password)")


def _locked_error(until: datetime, now: datetime) -> AccountLocked:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return AccountLocked(
        f"로그인 실패가 {MAX_FAILURES}회 이어져 계정이 잠겼습니다. {minutes}분 뒤에 다시 시도하거나 관리자에게 "
        f"비밀번호 재설정을 요청하십시오 (too many failed logins: locked for {minutes} more minutes, "
        f"or ask an administrator to reset the password)",
        until,
    )


def actor_for_email(store, email: str, *, now: datetime | None = None) -> Actor:  # type: ignore[no-untyped-def]
    """Single sign-on: the identity provider vouched for `email`; the ledger says which role it has."""
    name = (email or "").strip().lower()
    with audit.session(store) as s, s.begin():
        account = s.exec(select(Account).where(Account.email == name)).first() if name else None
        if account is None or account.disabled:
            audit.record(s, _anonymous(name), "login.sso_refused", f"email:{name}", now=now)
            failure = LoginFailed(
                f"'{name}'에 연결된 계정이 없습니다. 관리자에게 등록을 요청하십시오 "
                f"(no account is linked to '{name}'; ask an administrator)"
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
