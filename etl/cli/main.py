"""The `govdash` command line: demo, build, serve, status, ingest, catalog."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from metrics.catalog import CatalogError
from metrics.settings import PROJECT_ROOT

app = typer.Typer(
    help="govdash: 정부혁신 추진전략 성과 대시보드 (government-innovation performance dashboard)",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)


@app.callback()
def _options(
    today: str = typer.Option(
        None,
        "--today",
        help="시계를 고정합니다 (pin the clock, as GOVDASH_TODAY): 2026-11-25 또는 2026-11-25T14:30",
    ),
) -> None:
    """Every command reads the time through metrics.clock; --today pins it for this run and its children."""
    if today:
        from metrics.clock import ENV, parse_pin

        try:
            parse_pin(today)
        except ValueError as exc:
            _fail(str(exc))
        os.environ[ENV] = today


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _fail(message: str, code: int = 2) -> None:
    # soft_wrap: a message goes out as one line, whole in logs and searchable, whatever the terminal width.
    # escape: a message quoting the user's text (a YAML line, a cell) must not be read as rich markup.
    console.print(f"[bold red]오류 (error):[/] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


def _store():  # type: ignore[no-untyped-def]
    from etl.ledger.store import open_store

    return open_store()


def _run_build(store, as_of: date | None = None, full: bool = False):  # type: ignore[no-untyped-def]
    from etl.builder.publish import build

    with _progress() as bar:
        task = bar.add_task("빌드 (build)", total=4)

        def report(step: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"빌드 (build): {step}")

        return build(store, as_of=as_of, progress=report, full=full)


@app.command()
def demo(
    scale: float = typer.Option(
        0.01, help="민원 건수 배율: 1.0 = 전국 규모 월 120만 건 (complaint volume; 1.0 = national)"
    ),
    seed: int = typer.Option(20251202, help="난수 씨앗 (random seed): 같은 값이면 같은 파일"),
    until: str = typer.Option(
        None,
        "--until",
        help="마지막 기준월 (last month), 예: 2026-10; 기본값: 오늘 이전의 마지막 완결 월 (the last complete month)",
    ),
) -> None:
    """데모 데이터를 만들어 제출하고 빌드합니다 (generate demo submissions, ingest them, build)."""
    from etl.demo.run import demo_window, run_demo

    try:
        window = demo_window(until)
    except ValueError as exc:
        _fail(str(exc))
        return
    store = _store()
    with _progress() as bar:
        task = bar.add_task("데모 제출 (demo submissions)", total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        summary = run_demo(store, scale=scale, seed=seed, progress=report, **window)
    console.print(
        f"제출 {summary.files}건: 접수 {summary.accepted}, 중복 {summary.duplicates}, 반려 {summary.rejected} "
        f"(files {summary.files}: accepted {summary.accepted}, already recorded {summary.duplicates}, "
        f"rejected {summary.rejected})"
    )
    if summary.rejected:
        _fail("데모 파일이 반려되었습니다 (a demo file was rejected): " + summary.first_problem)
    result = _run_build(store)
    console.print(f"게시됨 (published): {result.build_id}, 기준월 {result.as_of:%Y-%m}")
    _demo_narratives(store, window["last_month"])  # the lagging tasks' narratives, one dispute; then rebuild
    demo_accounts(store)  # one account per role (etl/cli/users.py)


def _demo_narratives(store, last_month) -> None:  # type: ignore[no-untyped-def]
    from etl.demo.narratives import write

    done = write(store, last_month)
    console.print(
        f"과제 추진 경과 {done.written}건(위원회 검토 {done.reviewed}건), 이의 제기 {done.disputes}건 "
        f"(narratives {done.written}, reviewed {done.reviewed}; disputes {done.disputes})"
    )
    if done.changed:
        result = _run_build(store)
        console.print(f"게시됨 (published): {result.build_id}")


@app.command("build")
def build_cmd(
    as_of: str = typer.Option(None, "--as-of", help="보고 기준월 (report month), 예: 2026-10"),
    full: bool = typer.Option(False, "--full", help="모든 제출을 처음부터 계산 (compute every submission anew)"),
) -> None:
    """스냅샷을 새로 빌드해 게시합니다 (build and publish a new snapshot)."""
    from etl.builder.build_lock import LockTimeout
    from metrics.kst import parse_period

    try:
        month = parse_period(as_of) if as_of else None
        result = _run_build(_store(), month, full)
    except (CatalogError, ValueError, LockTimeout) as exc:
        _fail(str(exc))
        return
    console.print(
        f"게시됨 (published): {result.build_id} — 제출 {result.submissions:,}건, 기준월 {result.as_of:%Y-%m} "
        f"({result.submissions:,} submissions, as of {result.as_of:%Y-%m})",
        soft_wrap=True,
    )
    kept = f"{result.reused_from}의 제출별 행 재사용 (rows per submission kept from {result.reused_from})"
    console.print(kept if result.reused_from else "전체 빌드 (full build)", soft_wrap=True)


@app.command()
def status(as_json: bool = typer.Option(False, "--json", help="JSON으로 출력 (print JSON)")) -> None:
    """게시된 스냅샷과 원장 현황 (published snapshot and ledger counts)."""
    from etl.cli.status import store_status

    info = store_status(_store())
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        for line in _status_lines(info):
            typer.echo(line)
    if info["snapshot_error"]:
        raise typer.Exit(1)  # a store whose pointer is broken is not healthy: monitoring should see it


_SUBMISSION_WORDS = {"accepted": "접수", "rejected": "반려", "superseded": "대체"}


def _status_lines(info: dict) -> list[str]:
    from etl.ingest.contracts import DATASETS

    counts = info["submissions"] or {"accepted": 0}
    lines = [
        f"저장소 (store): {info['home']}",
        f"원장 (ledger): {info['ledger']}",
        "제출 (submissions): " + " · ".join(f"{_SUBMISSION_WORDS.get(k, k)} {k} {n:,}" for k, n in counts.items()),
    ]
    lines += _awaiting_lines(info.get("awaiting_build"))
    snap = info["snapshot"]
    if info.get("snapshot_error"):
        return [*lines, f"스냅샷 오류 (snapshot error): {info['snapshot_error']}"]
    if snap is None:
        return [*lines, "스냅샷 없음: 'govdash build'를 실행하십시오 (no snapshot yet: run govdash build)"]
    return [
        *lines,
        f"스냅샷 (snapshot): {snap['build_id']} · 빌드 시각 (built) {snap['built_at'][:19].replace('T', ' ')} KST"
        f" · 기준월 (as of) {snap['as_of_period']} · 카탈로그 (catalog) {snap['catalog_version']}",
        f"카탈로그 SHA-256 (catalog digest): {snap['catalog_digest']}",
        f"기준정보 SHA-256 (reference digest: agencies, holidays): {snap['reference_digest'] or '—'}",
        "행 수 (rows): "
        + " · ".join(f"{DATASETS[d].title_ko} {d} {n:,}" for d, n in snap["rows"].items() if d in DATASETS),
    ]


AWAITING_SHOWN = 10  # ids listed in the plain output; --json lists them all


def _awaiting_lines(awaiting: dict | None) -> list[str]:
    """Accepted files whose figures are not published yet (the last build was killed, failed or not run)."""
    if not awaiting or not awaiting["count"]:
        return []
    n, ids = awaiting["count"], awaiting["submission_ids"]
    shown = ", ".join(f"#{i}" for i in ids[:AWAITING_SHOWN]) + (
        f" … +{n - AWAITING_SHOWN:,}" if n > AWAITING_SHOWN else ""
    )
    return [
        f"빌드 대기 (awaiting build): 접수되었으나 게시되지 않은 제출 {n:,}건 {shown} — govdash build를 실행하십시오 "
        f"({n:,} accepted submissions not yet published: run govdash build)"
    ]


@app.command()
def ingest(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),  # noqa: B008 (typer's idiom)
    dataset: str = typer.Option(..., help="complaints | participation | meetings | rewards | kpi_progress"),
    agency: str = typer.Option(..., help="기관코드 7자리 (agency code)"),
    month: str = typer.Option(..., help="기준월 (month), 예: 2026-10"),
    build_after: bool = typer.Option(True, "--build/--no-build", help="접수 후 빌드 (build after acceptance)"),
) -> None:
    """파일 하나를 제출합니다 (submit one file)."""
    from etl.access.actors import PermissionDenied, host_operator
    from etl.ingest.accept import SubmissionRefused, check_size, submit

    store = _store()
    actor = host_operator()  # the system role, named after GOVDASH_USER or the login name
    try:
        check_size(file.stat().st_size)  # before reading: a huge file is refused without loading it
        outcome = submit(
            store,
            file.read_bytes(),
            filename=file.name,
            dataset=dataset,
            agency_code=agency,
            period=month,
            actor=actor,
        )
    except (SubmissionRefused, PermissionDenied, ValueError) as exc:
        _fail(str(exc))
        return
    for p in outcome.problems[:50]:
        typer.echo("  " + _problem_line(p))
    if len(outcome.problems) > 50:
        typer.echo(f"  … 외 {len(outcome.problems) - 50}건 (and {len(outcome.problems) - 50} more)")
    typer.echo(f"{outcome.status}: submission #{outcome.submission_id}, {outcome.row_count} rows")
    if outcome.status == "rejected":
        raise typer.Exit(1)
    if outcome.accepted and build_after:
        _run_build(store)


def _problem_line(p) -> str:  # type: ignore[no-untyped-def]
    """One problem as a line: severity, row (or the whole file), column, value, Korean and English message."""
    severity = {"error": "오류 (error)", "warning": "경고 (warning)"}.get(p.severity, p.severity)
    where = f"행 {p.row} (row {p.row})" if p.row is not None else "파일 전체 (whole file)"
    column = p.column or "—"
    value = "" if p.value is None else f"\t{p.value!r}"
    return f"{severity}\t{where}\t{column}{value}\t{p.message_ko} ({p.message_en})"


def _rebuild_if_other_sql() -> None:
    """After an upgrade the published snapshot may hold what older SQL built: rebuild before serving it."""
    from etl.builder.build_lock import LockTimeout
    from etl.builder.currency import built_by_other_sql
    from metrics.settings import get_settings

    if not built_by_other_sql(get_settings().snapshot_dir):
        return
    console.print(
        "게시된 스냅샷은 이 버전과 다른 SQL로 계산되어, 대시보드를 열기 전에 다시 빌드합니다 "
        "(the published snapshot was built by other SQL than this version's: rebuilding before serving)",
        soft_wrap=True,
    )
    try:
        result = _run_build(_store())
    except (CatalogError, ValueError, LockTimeout) as exc:
        _fail(str(exc))
        return
    console.print(f"게시됨 (published): {result.build_id}", soft_wrap=True)


@app.command()
def serve(port: int = typer.Option(8501), address: str = typer.Option("localhost")) -> None:
    """대시보드를 띄웁니다 (run the dashboard)."""
    from etl.ingest.accept import max_upload_bytes

    _rebuild_if_other_sql()

    # serve_app.py: Streamlit with the session cookie routes (etl/governance/sessions.py), running dashboard/app.py.
    app_path = PROJECT_ROOT / "dashboard" / "serve_app.py"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # Council members get the viewer's menu (print, theme), not the developer's (deploy, rerun, clear cache).
        "--client.toolbarMode",
        "viewer",
        # Streamlit's own upload cap follows GOVDASH_MAX_UPLOAD_MB, so the page's clear message is what users meet.
        "--server.maxUploadSize",
        str(max(1, math.ceil(max_upload_bytes() / 1024 / 1024))),
    ]
    console.print(f"http://{address}:{port}")
    raise typer.Exit(subprocess.call(cmd))


@app.command()
def catalog() -> None:
    """카탈로그를 검사합니다 (check the catalog and print its size)."""
    from metrics.catalog import load_catalog

    try:
        cat = load_catalog()
    except CatalogError as exc:
        _fail(str(exc))
        return
    typer.echo(
        f"카탈로그 {cat.settings.version}: 전략 {len(cat.strategies)}, 과제 {len(cat.tasks)}, 지표 {len(cat.kpis)} "
        f"(catalog {cat.settings.version}: {len(cat.strategies)} strategies, {len(cat.tasks)} tasks, "
        f"{len(cat.kpis)} KPIs; sha256 {cat.digest[:12]})"
    )


from etl.cli.submissions import submissions_app  # noqa: E402 (registered last, beside its peers)

app.add_typer(submissions_app, name="submissions")

from etl.cli.export import export_command  # noqa: E402

app.command("export")(export_command)

from etl.cli.users import demo_accounts, register  # noqa: E402

register(app)  # govdash users …, lock, unlock

from etl.cli.calendar import register as register_calendar  # noqa: E402

register_calendar(app)  # govdash calendar list|add|remove

from etl.cli.notify import register as register_notify  # noqa: E402

register_notify(app)  # govdash notify, govdash report send


if __name__ == "__main__":
    app()
