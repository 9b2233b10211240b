"""`govdash notify` and `govdash report send` (docs/decisions.md §22)."""

from __future__ import annotations

import typer
from rich.console import Console

console = Console(stderr=True)
report_app = typer.Typer(help="보고서 발송 (mail the cabinet report)", no_args_is_help=True)


def notify_command(
    dry_run: bool = typer.Option(False, "--dry-run", help="보낼 내용만 출력 (print what would be sent)"),
) -> None:
    """빌드 후 알림을 받은 알림함에 넣고 전자우편으로 보냅니다 (deliver and mail the alerts that are due)."""
    from etl.access.actors import PermissionDenied, host_operator
    from etl.alerts.events import link
    from etl.alerts.notify import run
    from etl.ledger.store import open_store
    from metrics.snapshot import NoSnapshot

    try:
        result = run(open_store(), host_operator(), dry_run=dry_run)
    except (NoSnapshot, PermissionDenied, ValueError) as exc:
        console.print(str(exc), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(2) from None
    compared = result.compared_with or "없음 (none)"
    typer.echo(f"snapshot {result.snapshot_id} · compared with {compared} · month {result.month:%Y-%m}")
    for o in result.outgoing:
        typer.echo(f"{o.username} <{o.email or '-'}>: {len(o.events)}")
        for e in o.events:
            typer.echo(f"  {e.title_ko}  [{link(e, o.lang)}]")
    verb = "would deliver" if dry_run else "delivered"
    typer.echo(f"{verb} {result.delivered} notification(s) to {len(result.outgoing)} user(s); mailed {result.mailed}")


@report_app.command("send")
def send_command(
    month: str = typer.Option(..., "--month", help="기준월 (month), 예: 2026-10"),
    to: str = typer.Option(..., "--to", help="받는 사람 (recipients), 예: a@b.go.kr,c@d.go.kr"),
    lang: str = typer.Option("ko", "--lang", help="ko | en"),
    agency: str | None = typer.Option(None, "--agency", help="기관코드 7자리 (one agency); 없으면 정부 전체"),
    no_charts: bool = typer.Option(False, "--no-charts", help="PDF에 차트를 넣지 않음 (no browser needed)"),
) -> None:
    """보고서 PDF·HWPX를 전자우편으로 보냅니다 (mail the report with its PDF and HWPX attached)."""
    from etl.access.actors import PermissionDenied, host_operator
    from etl.alerts.report_mail import send_report
    from etl.ledger.store import open_store
    from metrics.snapshot import NoSnapshot
    from reports.model import ReportError, ReportOptions

    try:
        options = ReportOptions.parse(month, agency=agency, lang=lang)
        sent = send_report(open_store(), host_operator(), options, to, charts=not no_charts)
    except (ReportError, NoSnapshot, PermissionDenied, ValueError, OSError) as exc:
        console.print(str(exc), style="red", markup=False, soft_wrap=True)  # quotes what was typed
        raise typer.Exit(2) from None
    typer.echo(f"sent {', '.join(sent.files)} to {', '.join(sent.to)} (snapshot {sent.snapshot_id})")


def register(app: typer.Typer) -> None:
    app.command("notify")(notify_command)
    app.add_typer(report_app, name="report")
