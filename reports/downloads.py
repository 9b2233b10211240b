"""Report files as bytes, for the dashboard's download buttons (no Streamlit here)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from reports.export import render_charts, write_format
from reports.model import Report

MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "hwpx": "application/hwp+zip",
    "csv": "application/zip",
}


def file_name(report: Report, fmt: str) -> str:
    return f"{report.options.slug}.{'zip' if fmt == 'csv' else fmt}"


def report_bytes(report: Report, fmt: str) -> bytes:
    """One format's file (CSV: every table's file in one ZIP)."""
    charts = None
    if fmt == "pdf":
        try:
            charts = render_charts(report)
        except Exception:  # noqa: BLE001 — without a browser the PDF still carries every figure
            charts = None
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_format(report, fmt, Path(tmp), charts)
        if fmt != "csv":
            return paths[0].read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for path in paths:
                info = zipfile.ZipInfo(path.name, date_time=report.built_at.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, path.read_bytes())
        return buffer.getvalue()
