"""`govdash calendar list|add|remove`: the administrator's corrections to the public-holiday calendar.

The changes are kept in the ledger and audited (etl/governance/calendar.py); they take effect at the next build. Run on
the server by its operator, the commands act as the system role, named after the operator (as `govdash lock`).
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from etl.cli.users import _operator, _store

calendar_app = typer.Typer(
    help="공휴일 달력 (holiday calendar): list, add, remove — 다음 빌드부터 적용 (effective from the next build)",
    no_args_is_help=True,
)
console = Console(stderr=True)
WEEKDAYS_KO = "월화수목금토일"


def _fail(message: str) -> None:
    # escape: the message may quote what was typed (a name like "[/]" must not be read as rich markup)
    console.print(f"[bold red]오류 (error):[/] {escape(message)}", soft_wrap=True)
    raise typer.Exit(2)


@calendar_app.command("list")
def list_cmd(year: int = typer.Option(None, "--year", help="연도 (year), 예: 2027")) -> None:
    """공휴일 목록: 파일과 관리자 변경을 합친 것 (the holidays the next build uses: the file plus changes)."""
    from etl.governance.calendar import list_holidays

    table = Table("날짜 (date)", "요일 (weekday)", "이름 (name)", "출처 (source)")
    frame = list_holidays(_store(), year)
    for row in frame.iter_rows(named=True):
        day = row["date"]
        weekday = f"{WEEKDAYS_KO[day.weekday()]} ({day:%a})"
        table.add_row(str(day), weekday, escape(row["name_ko"]), escape(row["source"]))
    Console().print(table)
    typer.echo(f"{frame.height}일 (days)")


@calendar_app.command("add")
def add_cmd(
    day: str = typer.Argument(..., help="날짜 (date), 예: 2027-05-03"),
    name: str = typer.Option(..., "--name", help="이름 (name), 예: 임시공휴일"),
    reason: str = typer.Option(..., "--reason", help="사유 (reason), 예: 국무회의 의결"),
) -> None:
    """공휴일을 추가합니다 (add a holiday; effective from the next build)."""
    from etl.access.actors import PermissionDenied
    from etl.governance.calendar import add_holiday

    try:
        change = add_holiday(_store(), _operator(), day, name, reason)
    except (ValueError, PermissionDenied) as exc:
        _fail(str(exc))
        return
    typer.echo(f"추가 (added): {change.day} {change.name_ko} — 다음 빌드부터 적용 (effective from the next build)")


@calendar_app.command("remove")
def remove_cmd(
    day: str = typer.Argument(..., help="날짜 (date), 예: 2027-05-03"),
    reason: str = typer.Option(..., "--reason", help="사유 (reason)"),
) -> None:
    """공휴일을 지웁니다 (remove a holiday; effective from the next build)."""
    from etl.access.actors import PermissionDenied
    from etl.governance.calendar import remove_holiday

    try:
        change = remove_holiday(_store(), _operator(), day, reason)
    except (ValueError, PermissionDenied) as exc:
        _fail(str(exc))
        return
    typer.echo(f"삭제 (removed): {change.day} {change.name_ko} — 다음 빌드부터 적용 (effective from the next build)")


def register(app: typer.Typer) -> None:
    app.add_typer(calendar_app, name="calendar")
