"""`govdash export`: the cabinet report from the published snapshot, in any of PDF, XLSX, PPTX, HWPX, CSV."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from metrics.snapshot import NoSnapshot

console = Console(stderr=True)


def export_command(
    month: str = typer.Option(..., "--month", help="기준월 (month), 예: 2026-10"),
    formats: str = typer.Option("pdf,xlsx,pptx,hwpx,csv", "--format", help="pdf,xlsx,pptx,hwpx,csv"),
    agency: str | None = typer.Option(None, "--agency", help="기관코드 7자리 (one agency); 없으면 정부 전체"),
    lang: str = typer.Option("ko", "--lang", help="ko | en"),
    quarter: bool = typer.Option(False, "--quarter", help="분기 보고서 (quarter report: year-to-date figures)"),
    out: str = typer.Option(".", "--out", help="출력 폴더 (output folder)"),
    no_charts: bool = typer.Option(False, "--no-charts", help="PDF에 차트를 넣지 않음 (no browser needed)"),
    snapshot: str | None = typer.Option(
        None, "--snapshot", help="보관된 스냅샷 ID (a kept snapshot; default: published)"
    ),
) -> None:
    """보고서를 내보냅니다 (export the cabinet report)."""
    from reports.export import export, parse_formats, stage_count
    from reports.model import ReportError, ReportOptions

    try:
        options = ReportOptions.parse(month, quarter=quarter, agency=agency, lang=lang)
        wanted = parse_formats(formats)
    except ValueError as exc:
        console.print(str(exc), style="red", markup=False, soft_wrap=True)  # quotes what was typed
        raise typer.Exit(2) from None
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    )
    with progress:
        task = progress.add_task("보고서 (report)", total=stage_count(wanted, not no_charts))

        def step(name: str) -> None:
            progress.update(task, advance=1, description=f"보고서 (report): {name}")

        try:
            result = export(options, wanted, Path(out), step=step, charts=not no_charts, snapshot=snapshot)
        except (ReportError, NoSnapshot) as exc:
            console.print(str(exc), style="red", markup=False, soft_wrap=True)  # quotes what was typed
            raise typer.Exit(2) from None
    _pin(result.report, wanted)
    console.print(f"snapshot {result.report.snapshot_id} · catalog {result.report.catalog_version}")
    for path in result.files:
        typer.echo(str(path))


def _pin(report, formats: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Keep the report's snapshot for good, so that this report can be exported again (etl/builder/pins.py)."""
    from etl.builder.pins import record_export
    from metrics.settings import get_settings

    what = {"by": "cli", "month": f"{report.options.month:%Y-%m}", "quarter": report.options.quarter}
    what |= {"agency": report.options.agency, "lang": report.options.lang, "formats": formats}
    record_export(get_settings().snapshot_dir, report.snapshot_id, what)
