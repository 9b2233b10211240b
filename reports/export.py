"""One export job: gather the report once, then write each asked-for format into a folder. Charts for the PDF
are rendered inside one kaleido session (one browser for the whole job)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from metrics.settings import get_settings
from metrics.warehouse import Warehouse
from reports.model import Report, ReportError, ReportOptions, gather
from reports.snapshots import open_snapshot

FORMATS = ("pdf", "xlsx", "pptx", "hwpx", "csv")
Step = Callable[[str], None]


@dataclass(frozen=True)
class ExportResult:
    report: Report
    files: list[Path]


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ReportError(
            f"형식 {', '.join(unknown) or '(없음)'}은(는) 지원하지 않습니다. {','.join(FORMATS)} 중에서 고르십시오 "
            f"(unknown format {', '.join(unknown) or '(none)'}; choose from {','.join(FORMATS)})"
        )
    return list(dict.fromkeys(formats))


def write_format(report: Report, fmt: str, out_dir: Path, charts: dict[str, bytes] | None = None) -> list[Path]:
    stem = out_dir / report.options.slug
    if fmt == "pdf":
        from reports.pdf import build_pdf

        return [build_pdf(report, stem.with_suffix(".pdf"), charts)]
    if fmt == "xlsx":
        from reports.xlsx import build_xlsx

        return [build_xlsx(report, stem.with_suffix(".xlsx"))]
    if fmt == "pptx":
        from reports.pptx import build_pptx

        return [build_pptx(report, stem.with_suffix(".pptx"))]
    if fmt == "hwpx":
        from reports.hwpx import build_hwpx

        return [build_hwpx(report, stem.with_suffix(".hwpx"))]
    from reports.csv import write_csv

    return write_csv(report, out_dir)


def render_charts(report: Report) -> dict[str, bytes]:
    from reports.charts import chart_session, report_charts

    with chart_session():
        return report_charts(report)


def export(
    options: ReportOptions,
    formats: list[str],
    out_dir: Path,
    *,
    warehouse: Warehouse | None = None,
    step: Step | None = None,
    charts: bool = True,
    snapshot: str | None = None,
) -> ExportResult:
    """Write the report in each format; `step(name)` is called after each stage (for a progress bar).
    `snapshot` names a kept snapshot to regenerate a past report from (default: the published one)."""
    step = step or (lambda name: None)
    own = warehouse is None
    warehouse = warehouse or open_snapshot(get_settings().snapshot_dir, snapshot)
    try:
        report = gather(warehouse, options)
    finally:
        if own:
            warehouse.close()
    step("gather")
    out_dir.mkdir(parents=True, exist_ok=True)
    images = None
    if "pdf" in formats and charts:
        images = render_charts(report)
        step("charts")
    files: list[Path] = []
    for fmt in formats:
        files += write_format(report, fmt, out_dir, images)
        step(fmt)
    return ExportResult(report, files)


def stage_count(formats: list[str], charts: bool = True) -> int:
    return 1 + len(formats) + int("pdf" in formats and charts)
