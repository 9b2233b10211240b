"""The rules of an account, apart from the ledger: the password and username policy, the lockout after repeated
failures, the idle timeout, and the refusals a login or an administrator meets (in Korean and English). The
services that apply them are etl/governance/accounts.py."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher

from etl.ledger.tables import Account

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


def _failed_error(reason: str) -> LoginFailed:
    return LoginFailed(LOGIN_FAILED, reason)


def _locked_error(until: datetime | None, reason: str) -> AccountLocked:
    return AccountLocked(LOGIN_FAILED, reason, until)
