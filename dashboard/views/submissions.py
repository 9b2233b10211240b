"""제출 현황 / Submissions: the agency × dataset matrix of a month (on time, late, resubmitted, rejected,
missing) from the published snapshot, with filters, and the submission history from the ledger with the
restore of an earlier file."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard.components import auth
from dashboard.components.context import query
from dashboard.components.inert import md_text
from dashboard.components.page import current_language
from dashboard.components.tables import paginated_table
from dashboard.i18n import t
from etl import accounts
from etl.actors import PermissionDenied
from etl.contracts import DATASETS
from etl.store import Store, open_store
from etl.submissions import RestoreRefused, list_submissions, restore
from metrics.kst import utc_naive_to_kst
from metrics.settings import get_settings
from metrics.snapshot import NoSnapshot

CELLS = ("on_time", "late", "superseded", "rejected", "missing", "not_due")


@st.cache_resource
def _store(home: str) -> Store:
    return open_store(get_settings())


def _dataset_title(dataset: str, lang: str) -> str:
    return DATASETS[dataset].title_ko if lang == "ko" else DATASETS[dataset].title_en


def _filters(lang: str, months: list, names: dict[str, str]) -> tuple:
    cols = st.columns(4)
    month = cols[0].selectbox(t("submissions.month", lang), months, format_func=lambda m: f"{m:%Y-%m}", key="sub_month")
    agency = cols[1].selectbox(
        t("submissions.agency", lang),
        [None, *sorted(names, key=lambda c: names[c])],
        format_func=lambda c: t("submissions.all", lang) if c is None else f"{names[c]} ({c})",
        key="sub_agency",
    )
    dataset = cols[2].selectbox(
        t("submissions.dataset", lang),
        [None, *DATASETS],
        format_func=lambda d: t("submissions.all", lang) if d is None else _dataset_title(d, lang),
        key="sub_dataset",
    )
    cell = cols[3].selectbox(
        t("submissions.cell", lang),
        [None, *CELLS],
        format_func=lambda c: t("submissions.all", lang) if c is None else t(f"submissions.cell_{c}", lang),
        key="sub_cell",
    )
    return month, agency, dataset, cell


CELL_COLOR = {
    "on_time": "#D9F2E6",
    "late": "#FCEBC2",
    "superseded": "#DCE8F7",
    "rejected": "#F9D3C2",
    "missing": "#F4C7C3",
    "not_due": "#EEEEEE",
}


def _matrix(rows: pl.DataFrame, lang: str) -> None:
    name = "agency_name_ko" if lang == "ko" else "agency_name_en"
    counts = {c: rows.filter(pl.col("cell") == c).height for c in CELLS}
    st.markdown(t("submissions.counts", lang, **counts))
    st.caption(t("submissions.legend", lang))
    if rows.height == 0:
        return
    labels = {c: t(f"submissions.cell_{c}", lang) for c in CELLS}
    named = rows.with_columns(
        pl.concat_str([pl.col(name), pl.lit(" ("), pl.col("agency_code"), pl.lit(")")]).alias("agency")
    )
    wide = named.pivot(on="dataset", index="agency", values="cell", aggregate_function="first").sort("agency")
    order = [d for d in DATASETS if d in wide.columns]
    frame = wide.select("agency", *order).to_pandas().set_index("agency")
    frame.index.name = t("submissions.agency", lang)
    frame.columns = [_dataset_title(d, lang) for d in order]
    styled = frame.style.map(lambda c: f"background-color: {CELL_COLOR[c]}" if c in CELL_COLOR else "").format(
        lambda c: labels.get(c, "—")
    )
    st.table(styled)


def _history(store: Store, month, agency, dataset, lang: str, names: dict[str, str]) -> list:
    rows = list_submissions(store, dataset=dataset, agency_code=agency, period=f"{month:%Y-%m}", limit=500)
    st.subheader(t("submissions.history", lang))
    if not rows:
        st.info(t("submissions.history_empty", lang))
        return rows
    paginated_table(
        {
            t("submissions.col_id", lang): [f"#{r.id}" for r in rows],
            t("submissions.col_submitted_at", lang): [
                f"{utc_naive_to_kst(r.submitted_at):%Y-%m-%d %H:%M}" for r in rows
            ],
            t("submissions.col_agency", lang): [names.get(r.agency_code, r.agency_code) for r in rows],
            t("submissions.col_dataset", lang): [_dataset_title(r.dataset, lang) for r in rows],
            t("submissions.col_status", lang): [t(f"submissions.status_{r.status}", lang) for r in rows],
            t("submissions.col_rows", lang): [f"{r.row_count:,}" for r in rows],
            t("submissions.col_errors", lang): [r.error_count for r in rows],
            t("submissions.col_file", lang): [r.filename for r in rows],
        },
        key="history",
        lang=lang,
    )
    return rows


def _restore(store: Store, rows: list, lang: str) -> None:
    earlier = [r for r in rows if r.status == "superseded"]
    if not earlier:
        return
    with st.expander(t("submissions.restore", lang)):
        chosen = st.selectbox(
            t("submissions.restore_pick", lang),
            earlier,
            format_func=lambda r: f"#{r.id} {r.agency_code} {r.dataset} {r.period} {r.filename}",
            key="restore_pick",
        )
        actor = auth.current_actor()
        if not accounts.may(actor, "restore", agency_code=chosen.agency_code):
            st.caption(t("submissions.restore_login", lang))
            return
        if st.button(t("submissions.restore_button", lang), key="restore_button"):
            try:
                restore(store, chosen.id, actor=actor)
            except (RestoreRefused, PermissionDenied) as exc:
                st.error(md_text(exc))  # a lock's refusal quotes its reason
            else:
                st.success(t("submissions.restored", lang, id=chosen.id))


def main() -> None:
    lang = current_language()
    st.title(t("nav.submissions", lang))
    store = _store(str(get_settings().home))
    try:
        everything = query("submission_matrix", period=None, agency=None, dataset=None, cell=None)
    except NoSnapshot:
        st.info(t("app.no_snapshot", lang))
        return
    months = sorted(set(everything["period"].to_list()), reverse=True)
    name = "agency_name_ko" if lang == "ko" else "agency_name_en"
    names = dict(zip(everything["agency_code"], everything[name], strict=False))
    month, agency, dataset, cell = _filters(lang, months, names)
    rows = query("submission_matrix", period=month, agency=agency, dataset=dataset, cell=cell)
    due = rows["due_date"].max() if rows.height else None
    st.subheader(t("submissions.matrix", lang, month=f"{month:%Y-%m}", due=due or "—"))
    st.caption(t("submissions.snapshot_note", lang))
    _matrix(rows, lang)
    history = _history(store, month, agency, dataset, lang, names)
    _restore(store, history, lang)


main()
