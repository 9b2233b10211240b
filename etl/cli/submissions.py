"""`govdash submissions`: the submission history (list, show, restore) and the month's matrix.

govdash submissions --month 2026-10 --missing    agencies × datasets with no file counting yet
govdash submissions list --agency 1741000        newest files first
govdash submissions show 42                      one file, its report and its slot's history
govdash submissions restore 41                   make an earlier file the active one again
"""

from __future__ import annotations

from pathlib import Path

import typer

submissions_app = typer.Typer(
    help="제출 이력과 제출 현황 (submission history and status)", invoke_without_command=True, no_args_is_help=False
)

_NOT_COUNTING = ("missing", "rejected")


def _store():  # type: ignore[no-untyped-def]
    from etl.ledger.store import open_store

    return open_store()


def _actor():  # type: ignore[no-untyped-def]
    # The host's command line acts as the system role, named after its operator, as every command does.
    from etl.access.actors import host_operator

    return host_operator()


def _fail(message: str) -> None:
    typer.echo(f"오류 (error): {message}", err=True)
    raise typer.Exit(2)


@submissions_app.callback()
def matrix(
    ctx: typer.Context,
    month: str = typer.Option(None, "--month", help="기준월 (month), 예: 2026-10"),
    missing: bool = typer.Option(False, "--missing", help="미제출·반려만 (only missing or rejected)"),
    agency: str = typer.Option(None, "--agency", help="기관코드 (agency code)"),
) -> None:
    """월별 제출 현황: 기관 × 데이터셋 (the month's submission matrix, from the published snapshot)."""
    if ctx.invoked_subcommand is not None:
        return
    if not month:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)
    from metrics.kst import parse_period
    from metrics.settings import get_settings
    from metrics.snapshot import NoSnapshot
    from metrics.warehouse import Warehouse

    try:
        rows = Warehouse(get_settings().snapshot_dir).query(
            "submission_matrix", period=parse_period(month), agency=agency, dataset=None, cell=None
        )
    except (NoSnapshot, ValueError) as exc:
        _fail(str(exc))
        return
    if missing:
        rows = rows.filter(rows["cell"].is_in(_NOT_COUNTING))
    for r in rows.iter_rows(named=True):
        typer.echo(f"{r['agency_code']}\t{r['agency_name_ko']}\t{r['dataset']}\t{r['cell']}\t기한 {r['due_date']}")
    typer.echo(f"{rows.height}건 ({rows.height} rows, month {month}{', missing or rejected' if missing else ''})")


@submissions_app.command("list")
def list_cmd(
    dataset: str = typer.Option(None, help="complaints | participation | meetings | rewards | kpi_progress"),
    agency: str = typer.Option(None, help="기관코드 (agency code)"),
    month: str = typer.Option(None, help="기준월 (month)"),
    status: str = typer.Option(None, help="accepted | superseded | rejected"),
    limit: int = typer.Option(50, help="최대 건수 (at most)"),
) -> None:
    """제출 이력, 최신순 (submissions, newest first)."""
    from etl.ingest.submission_history import list_submissions

    rows = list_submissions(_store(), dataset=dataset, agency_code=agency, period=month, status=status, limit=limit)
    for r in rows:
        typer.echo(
            f"#{r.id}\t{r.submitted_at:%Y-%m-%d %H:%M}Z\t{r.agency_code}\t{r.dataset}\t{r.period}\t{r.status}\t"
            f"{r.row_count}행\t오류 {r.error_count}\t{r.filename}"
        )
    typer.echo(f"{len(rows)}건 ({len(rows)} submissions)")


@submissions_app.command("show")
def show_cmd(
    submission_id: int = typer.Argument(...),
    problems: int = typer.Option(20, help="보일 문제 수 (problems to print)"),
    report: Path = typer.Option(  # noqa: B008 (typer's idiom)
        None, "--report", help="검증 보고서 저장: .csv 또는 .xlsx (write the validation report to a file)"
    ),
) -> None:
    """제출 하나와 그 검증 결과, 같은 칸의 이력 (one submission, its report, its slot's history)."""
    from etl.ingest.submission_history import original_bytes, show
    from etl.ingest.validation_report import report_csv, report_xlsx

    store = _store()
    try:
        detail = show(store, submission_id)
    except LookupError as exc:
        _fail(str(exc))
        return
    if report is not None:
        s = detail.submission
        if report.suffix.lower() == ".xlsx":
            data = report_xlsx(detail.problems, original_bytes(store, s), s.filename, s.dataset)
        else:
            data = report_csv(detail.problems)
        report.write_bytes(data)
        typer.echo(f"보고서 저장 (report written): {report}")
    s = detail.submission
    typer.echo(f"#{s.id} {s.status}: {s.agency_code} {s.dataset} {s.period} '{s.filename}'")
    typer.echo(
        f"  submitted {s.submitted_at:%Y-%m-%d %H:%M:%S}Z by {s.submitted_by}; {s.row_count} rows; sha256 {s.sha256}"
    )
    typer.echo(f"  errors {s.error_count}, warnings {s.warning_count}")
    for p in detail.problems[:problems]:
        typer.echo(f"  {p.severity}\t행 {p.row}\t{p.column}\t{p.rule}\t{p.message_ko}")
    if len(detail.problems) > problems:
        typer.echo(f"  … 외 {len(detail.problems) - problems}건 (and {len(detail.problems) - problems} more)")
    typer.echo("  이력 (history):")
    for h in detail.history:
        mark = "*" if h.id == s.id else " "
        typer.echo(f"  {mark} #{h.id}\t{h.submitted_at:%Y-%m-%d %H:%M}Z\t{h.status}\t{h.filename}")


@submissions_app.command("restore")
def restore_cmd(
    submission_id: int = typer.Argument(...),
    build_after: bool = typer.Option(True, "--build/--no-build", help="복원 후 빌드 (build after restoring)"),
) -> None:
    """이전 파일을 다시 반영합니다 (make an earlier file the active one again)."""
    from etl.access.actors import PermissionDenied
    from etl.builder.publish import build
    from etl.ingest.submission_history import RestoreRefused, restore

    store = _store()
    try:
        outcome = restore(store, submission_id, actor=_actor())
    except (RestoreRefused, PermissionDenied, ValueError) as exc:
        _fail(str(exc))
        return
    replaced = f", #{outcome.superseded_id} superseded" if outcome.superseded_id else ""
    typer.echo(f"restored: submission #{outcome.restored_id} is active again{replaced}")
    if build_after:
        result = build(store)
        typer.echo(f"게시됨 (published): {result.build_id}")
