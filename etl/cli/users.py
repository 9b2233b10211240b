"""`govdash users add|list|disable|reset-password`, `govdash lock|unlock`, and the demo's accounts.

Commands run on the server by its operator act as the system role, named after the operator
(GOVDASH_USER or the login name) in the audit trail. A generated password is printed once, to the
terminal only, and kept nowhere.
"""

from __future__ import annotations

import os

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from etl.access.actors import PERSON_ROLES, Actor, host_operator, role_name

users_app = typer.Typer(help="계정 관리 (accounts): add, list, disable, reset-password", no_args_is_help=True)
console = Console(stderr=True)

DEMO_PASSWORD_ENV = "GOVDASH_DEMO_PASSWORD"
DEMO_AGENCY = "1741000"  # 행정안전부
DEMO_ACCOUNTS = (
    ("demo-admin", "admin"),
    ("demo-agency", "agency"),
    ("demo-council", "council"),
    ("demo-committee", "committee"),
)


_operator = host_operator  # the calendar commands import it from here


def _store():  # type: ignore[no-untyped-def]
    from etl.ledger.store import open_store

    return open_store()


def _fail(message: str) -> None:
    # The message may quote what was typed ('[/]' as a user name): printed as text, never as rich markup.
    console.print(f"[bold red]오류 (error):[/] {escape(message)}")
    raise typer.Exit(2)


def _print_password(username: str, password: str) -> None:
    typer.echo(f"{username} 비밀번호 (password, shown once): {password}")


@users_app.command("add")
def add(
    username: str = typer.Argument(..., help="계정 이름 (user name): a-z 0-9 . _ - @"),
    role: str = typer.Option(..., help="admin | agency | council | committee"),
    agency: str = typer.Option(None, help="기관코드 (agency code), 기관 담당자만 (agency officers only)"),
    email: str = typer.Option(None, help="SSO 전자우편 (the e-mail single sign-on vouches for)"),
    name: str = typer.Option("", help="표시 이름 (display name)"),
    prompt: bool = typer.Option(False, "--prompt", help="비밀번호를 직접 입력 (type the password instead)"),
    sso_only: bool = typer.Option(False, "--sso-only", help="비밀번호 없이 SSO로만 로그인 (SSO only)"),
) -> None:
    """계정을 만듭니다; 비밀번호는 생성해 한 번만 보여 줍니다 (add an account; a generated password is shown once)."""
    from etl.governance.account_rules import AccountError
    from etl.governance.accounts import add_user

    password = typer.prompt("비밀번호 (password)", hide_input=True, confirmation_prompt=True) if prompt else None
    try:
        issued = add_user(
            _store(),
            _operator(),
            username,
            role,
            agency_code=agency,
            password=password,
            email=email,
            display_name=name,
            sso_only=sso_only,
        )
    except AccountError as exc:
        _fail(str(exc))
        return
    typer.echo(f"만듦 (added): {issued.account.username} ({role_name(role)} / {role})")
    if issued.password:
        _print_password(issued.account.username, issued.password)


@users_app.command("list")
def list_cmd() -> None:
    """계정 목록 (list accounts)."""
    from etl.governance.accounts import list_users

    table = Table("user", "role", "agency", "e-mail", "disabled", "locked until (UTC)", "last login (UTC)")
    for a in list_users(_store(), _operator()):
        table.add_row(  # cells are rich markup: the typed name and e-mail are escaped
            escape(a.username),
            a.role,
            a.agency_code or "",
            escape(a.email or ""),
            "yes" if a.disabled else "",
            f"{a.locked_until:%Y-%m-%d %H:%M}" if a.locked_until else "",
            f"{a.last_login_at:%Y-%m-%d %H:%M}" if a.last_login_at else "",
        )
    Console().print(table)


@users_app.command("disable")
def disable(
    username: str,
    enable: bool = typer.Option(False, "--enable", help="다시 사용하게 함 (enable again)"),
) -> None:
    """계정을 사용 중지합니다 (disable an account; --enable to undo)."""
    from etl.governance.account_rules import AccountError
    from etl.governance.accounts import set_disabled

    try:
        set_disabled(_store(), _operator(), username, not enable)
    except AccountError as exc:
        _fail(str(exc))
        return
    typer.echo(f"{'사용 (enabled)' if enable else '사용 중지 (disabled)'}: {username}")


@users_app.command("reset-password")
def reset_password(
    username: str,
    prompt: bool = typer.Option(False, "--prompt", help="비밀번호를 직접 입력 (type the password instead)"),
) -> None:
    """새 비밀번호를 만들어 한 번만 보여 주고 잠금을 풉니다 (new password, shown once; clears a lockout)."""
    from etl.governance.account_rules import AccountError
    from etl.governance.accounts import reset_password as reset

    password = typer.prompt("비밀번호 (password)", hide_input=True, confirmation_prompt=True) if prompt else None
    try:
        issued = reset(_store(), _operator(), username, password)
    except AccountError as exc:
        _fail(str(exc))
        return
    typer.echo(f"재설정 (reset): {username}")
    if issued.password:
        _print_password(username, issued.password)


def lock_cmd(
    month: str = typer.Argument(..., help="기준월 (month), 예: 2026-09"),
    reason: str = typer.Option(..., help="사유 (reason), 예: 제3차 협의회 보고"),
) -> None:
    """월을 잠급니다: 제출은 거부되고 수치는 지금 게시된 스냅샷대로 고정됩니다 (lock a month: its submissions are
    refused and its figures stay those of the snapshot published now)."""
    from etl.governance.period_locks import lock, not_frozen_note

    try:
        row = lock(_store(), _operator(), month, reason)
    except ValueError as exc:
        _fail(str(exc))
        return
    typer.echo(f"잠금 (locked): {row.period} — {row.reason}")
    if row.snapshot_id:
        typer.echo(f"수치 고정 (figures frozen as in snapshot): {row.snapshot_id}")
    else:
        console.print(not_frozen_note(row), style="yellow", markup=False, soft_wrap=True)


def unlock_cmd(
    month: str = typer.Argument(..., help="기준월 (month), 예: 2026-09"),
    reason: str = typer.Option(..., help="사유 (reason)"),
) -> None:
    """월 잠금을 풉니다 (unlock a month)."""
    from etl.governance.period_locks import unlock

    try:
        row = unlock(_store(), _operator(), month, reason)
    except ValueError as exc:
        _fail(str(exc))
        return
    typer.echo(f"잠금 해제 (unlocked): {row.period} — {reason}")


def demo_accounts(store) -> None:  # type: ignore[no-untyped-def]
    """One account per role for the demo. Passwords: GOVDASH_DEMO_PASSWORD if set (the same for all),
    otherwise generated and printed once here. An account that exists already is left as it is."""
    from etl.governance.account_rules import AccountError
    from etl.governance.accounts import add_user, has_user

    chosen = os.environ.get(DEMO_PASSWORD_ENV) or None
    agency = DEMO_AGENCY if DEMO_AGENCY in store.agency_codes else sorted(store.agency_codes)[0]
    actor = Actor("demo", "system")
    for username, role in DEMO_ACCOUNTS:
        if has_user(store, username):
            typer.echo(f"계정 있음 (exists): {username} — 'govdash users reset-password {username}'")
            continue
        try:
            issued = add_user(
                store,
                actor,
                username,
                role,
                agency_code=agency if role == "agency" else None,
                password=chosen,
            )
        except AccountError as exc:
            _fail(f"{DEMO_PASSWORD_ENV}: {exc}")
            return
        where = f", {agency}" if role == "agency" else ""
        shown = issued.password or f"${DEMO_PASSWORD_ENV}"
        typer.echo(f"데모 계정 (demo account): {username} ({role_name(role)}{where}) 비밀번호 (password): {shown}")


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.command("lock")(lock_cmd)
    app.command("unlock")(unlock_cmd)


assert {role for _, role in DEMO_ACCOUNTS} == set(PERSON_ROLES)
