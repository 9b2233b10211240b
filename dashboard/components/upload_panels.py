"""Two panels of the upload page that keep a submission from surprising: the agency's due dates and files owed
(sql/queries/agency_due.sql on the published snapshot), and, before 제출 확정, what the checked file replaces
with its figures before → after (etl/upload_compare.py). The rules are the queries'; this only formats."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components.context import query
from dashboard.i18n import t
from etl.contracts import DATASETS
from etl.upload_compare import Comparison
from metrics.clock import today
from metrics.kst import utc_naive_to_kst
from metrics.snapshot import NoSnapshot


def _dataset_name(dataset: str, lang: str) -> str:
    ds = DATASETS[dataset]
    return ds.title_ko if lang == "ko" else ds.title_en


def d_day(days_left: int) -> str:
    """D-15 before the due date, D-day on it, D+3 three days after it."""
    return "D-day" if days_left == 0 else f"D-{days_left}" if days_left > 0 else f"D+{-days_left}"


def due_panel(agency_code: str, agency_name: str, lang: str) -> None:
    try:
        rows = query("agency_due", agency=agency_code, today=today())
    except NoSnapshot:
        return  # nothing published yet: no due dates to show
    st.subheader(t("upload_due.title", lang, agency=agency_name), anchor=False)
    upcoming = rows.filter(pl.col("next_due"))
    if upcoming.height:
        first = upcoming.row(0, named=True)
        st.markdown(
            t(
                "upload_due.next",
                lang,
                month=f"{first['period']:%Y-%m}",
                due=f"{first['due_date']:%Y-%m-%d}",
                dday=d_day(first["days_left"]),
            )
        )
    owed = rows.filter(~pl.col("next_due"))
    if owed.height == 0:
        st.success(t("upload_due.nothing_owed", lang), icon=":material/task_alt:")
    else:
        st.warning(t("upload_due.owed", lang, count=owed.height), icon=":material/assignment_late:")
    st.table(
        {
            t("upload_due.month", lang): [f"{p:%Y-%m}" for p in rows["period"]],
            t("upload_due.dataset", lang): [_dataset_name(d, lang) for d in rows["dataset"]],
            t("upload_due.due_date", lang): [f"{d:%Y-%m-%d}" for d in rows["due_date"]],
            t("upload_due.dday", lang): [d_day(n) for n in rows["days_left"]],
            t("upload_due.state", lang): [t(f"submissions.cell_{c}", lang) for c in rows["cell"]],
        }
    )


def _number(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return "—"
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return t(f"upload_compare.unit_{unit}", lang, n=shown)


def _figure(name: str, unit: str, lang: str) -> str:
    # A KPI file's figures are its KPI codes; the other datasets' are named in the i18n files.
    return name if unit == "value" else t(f"upload_compare.figure_{name}", lang)


def replacement_panel(comparison: Comparison, lang: str) -> None:
    st.subheader(t("upload_compare.title", lang), anchor=False)
    old = comparison.replaces
    if old is None:
        st.info(t("upload_compare.first", lang), icon=":material/fiber_new:")
    else:
        st.warning(
            t(
                "upload_compare.replaces",
                lang,
                id=old.submission_id,
                when=f"{utc_naive_to_kst(old.submitted_at):%Y-%m-%d %H:%M}",
                by=old.submitted_by,
                file=old.filename,
                rows=f"{old.row_count:,}",
            ),
            icon=":material/swap_horiz:",
        )
    if not comparison.changes_anything:
        st.info(t("upload_compare.no_change", lang))
    f = comparison.figures
    units = list(f["unit"])
    said = {True: t("upload_compare.yes", lang), False: t("upload_compare.no", lang)}
    st.table(
        {
            t("upload_compare.figure", lang): [_figure(n, u, lang) for n, u in zip(f["figure"], units, strict=True)],
            t("upload_compare.before", lang): [_number(v, u, lang) for v, u in zip(f["before"], units, strict=True)],
            t("upload_compare.after", lang): [_number(v, u, lang) for v, u in zip(f["after"], units, strict=True)],
            t("upload_compare.changed", lang): [said[bool(c)] for c in f["changed"]],
        }
    )
