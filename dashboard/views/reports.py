"""보고서 / Reports: choose month, scope and language; preview the summary; download every format."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import streamlit as st

from dashboard.components.context import current_warehouse
from dashboard.components.inert import md_text
from dashboard.components.page import open_page
from dashboard.i18n import t
from etl.builder.pins import record_export
from metrics import clock
from metrics.display import datetime_label, short_digest
from metrics.queries import Queries, reporting_month
from metrics.report_queries import ReportQueries
from metrics.settings import get_settings
from reports.downloads import MIME, file_name, report_bytes
from reports.model import Report, ReportError, ReportOptions, gather
from reports.snapshots import KeptSnapshot, kept_snapshots
from reports.summary import summary_lines
from reports.tables import task_table

FORMATS = ("pdf", "xlsx", "pptx", "hwpx", "csv")


def exported_bytes(report: Report, fmt: str, snapshot_dir: Path) -> bytes:
    """The file, and its snapshot pinned so that this report can be exported again (etl/builder/pins.py)."""
    data = report_bytes(report, fmt)
    o = report.options
    what = {"by": "dashboard", "month": f"{o.month:%Y-%m}", "quarter": o.quarter, "agency": o.agency}
    record_export(snapshot_dir, report.snapshot_id, what | {"lang": o.lang, "formats": [fmt]})
    return data


@st.cache_resource(max_entries=4)
def kept_warehouse(snapshot_dir: str, snapshot_id: str) -> KeptSnapshot:
    return KeptSnapshot(Path(snapshot_dir), snapshot_id)


def refuse(exc: ReportError) -> NoReturn:
    st.error(t("reports.error", lang, message=md_text(exc)))
    st.stop()


lang, _q = open_page("reports.title")
st.caption(t("reports.intro", lang))
published = current_warehouse()
snapshot_dir = get_settings().snapshot_dir
snapshot_ids = kept_snapshots(snapshot_dir)
snapshot_id = st.selectbox(
    t("reports.snapshot", lang),
    snapshot_ids,
    index=snapshot_ids.index(published.snapshot_id) if published.snapshot_id in snapshot_ids else 0,
    format_func=lambda sid: t("reports.snapshot_current", lang, id=sid) if sid == published.snapshot_id else sid,
    key="rep_snapshot",
    help=t("reports.snapshot_help", lang),
)
wh = published if snapshot_id == published.snapshot_id else kept_warehouse(str(snapshot_dir), snapshot_id)
try:
    # The reporting month first chosen, as on every page; later months carry the same 잠정 label and coverage.
    month_states = Queries(wh.query).months(clock.today())
    agencies = ReportQueries(wh.query).report_agencies()
except ReportError as exc:  # a kept snapshot of an earlier version (reports/snapshots.py)
    refuse(exc)
months = month_states["period"].to_list()
provisional = dict(zip(months, month_states["provisional"], strict=True))
names = dict(zip(agencies["agency_code"], agencies[f"name_{lang}"], strict=True))

col_month, col_agency, col_lang = st.columns([2, 3, 2])
month = col_month.selectbox(
    t("reports.month", lang),
    months,
    index=months.index(reporting_month(month_states)),
    format_func=lambda m: f"{m:%Y-%m}" + (f" ({t('reports.provisional', lang)})" if provisional[m] else ""),
    key="rep_month",
)
agency = col_agency.selectbox(
    t("reports.agency", lang),
    [None, *names],
    format_func=lambda code: t("reports.agency_all", lang) if code is None else f"{names[code]} ({code})",
    key="rep_agency",
)
report_lang = col_lang.radio(
    t("reports.report_lang", lang),
    ("ko", "en"),
    index=("ko", "en").index(lang),
    format_func=lambda code: {"ko": "한국어", "en": "English"}[code],  # the language's own name, not its code
    horizontal=True,
    key="rep_lang",
)
quarter = st.toggle(t("reports.quarter", lang), key="rep_quarter")

try:
    report: Report = gather(wh, ReportOptions(month, quarter, agency, report_lang))
except ReportError as exc:
    refuse(exc)

st.caption(
    t(
        "reports.provenance",
        lang,
        snapshot=report.snapshot_id,
        catalog=report.catalog_version,
        catalog_digest=short_digest(report.catalog_digest),
        reference_digest=short_digest(report.reference_digest),
        built_at=datetime_label(report.generated_at, lang),
    )
)

st.subheader(t("reports.downloads", lang))
for column, fmt in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
    column.download_button(
        t(f"reports.download_{fmt}", lang),
        data=lambda fmt=fmt: exported_bytes(report, fmt, snapshot_dir),  # made when clicked, not on every rerun
        file_name=file_name(report, fmt),
        mime=MIME[fmt],
        on_click="ignore",
        key=f"download_{fmt}",
        width="stretch",
    )

st.subheader(t("reports.preview", lang))
with st.container(border=True):
    for line in summary_lines(report):
        st.text(line.render())

st.subheader(t("reports.scorecard", lang))
scorecard = task_table(report)
st.dataframe(
    [dict(zip([c.header for c in scorecard.columns], texts, strict=True)) for texts in scorecard.texts(report_lang)],
    hide_index=True,
    width="stretch",
)
