"""The sidebar filters every page shares: month, view (that month, quarter to date or year to date), agency
group, agency. Each is kept in the URL (see url_state) so that a link reopens the same view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from dashboard.components.url_state import recall, remember
from dashboard.i18n import t
from metrics import clock
from metrics.display import date_label, month_label
from metrics.kst import parse_period, period_label
from metrics.queries import WINDOWS, Queries, Window, reporting_month

GROUPS = ("all", "central", "local")
FILTER_PARAMS = ("lang", "month", "view", "group", "agency")


@dataclass(frozen=True)
class Filters:
    month: date
    window: Window
    group: str = "all"  # all | central | local
    agency: str | None = None  # an agency code, or None for every agency


def month_filter(q: Queries, lang: str) -> date:
    """The month, by default the reporting month; a later (provisional) month is labelled with its coverage
    and, when chosen, the page says so above its figures."""
    months = q.months(clock.today())
    states = {period_label(row["period"]): row for row in months.iter_rows(named=True)}
    options = list(states)
    chosen = recall("month", options, period_label(reporting_month(months)))
    value = st.sidebar.selectbox(
        t("filters.month", lang),
        options,
        index=options.index(chosen),
        format_func=lambda p: _month_option(states[p], lang),
        key="filter_month",
        help=t("filters.month_help", lang, due_day=states[chosen]["due_date"].day),
    )
    remember("month", value)
    state = states[value]
    if state["provisional"]:
        st.warning(
            t(
                "filters.provisional_notice",
                lang,
                month=month_label(state["period"], lang),
                due_date=date_label(state["due_date"], lang),
                submitted=state["agencies_submitted"],
                expected=state["agencies_expected"],
            ),
            icon=":material/hourglass_top:",
        )
    return parse_period(value)


def _month_option(state: dict[str, object], lang: str) -> str:
    label = month_label(state["period"], lang)  # type: ignore[arg-type]
    if not state["provisional"]:
        return label
    return t(
        "filters.month_provisional",
        lang,
        month=label,
        submitted=state["agencies_submitted"],
        expected=state["agencies_expected"],
    )


def window_filter(lang: str) -> Window:
    chosen = recall("view", WINDOWS, "month")
    value = st.sidebar.radio(
        t("filters.window", lang),
        WINDOWS,
        index=WINDOWS.index(chosen),  # type: ignore[arg-type]
        format_func=lambda w: t(f"filters.window_{w}", lang),
        key="filter_view",
        help=t("filters.window_help", lang),
    )
    remember("view", value)
    return value  # type: ignore[return-value]


def group_filter(lang: str) -> str:
    chosen = recall("group", GROUPS, "all")
    value = st.sidebar.radio(
        t("filters.group", lang),
        GROUPS,
        index=GROUPS.index(chosen),
        format_func=lambda g: t(f"filters.group_{g}", lang),
        key="filter_group",
        horizontal=True,
    )
    remember("group", value)
    return value


def agency_filter(q: Queries, month: date, group: str, lang: str, default: str | None = None) -> str | None:
    agencies = q.agencies(month, group)
    codes = ["all", *agencies["agency_code"].to_list()]
    names = dict(zip(agencies["agency_code"], agencies[f"name_{lang}"], strict=True))
    chosen = recall("agency", codes, "all")
    if default in codes and chosen == "all" and st.query_params.get("agency") != "all":
        chosen = default  # an officer's own agency, unless a link (or the list) asks for every agency
    value = st.sidebar.selectbox(
        t("filters.agency", lang),
        codes,
        index=codes.index(chosen),
        format_func=lambda c: t("filters.agency_all", lang) if c == "all" else f"{names[c]} ({c})",
        key="filter_agency",
    )
    remember("agency", value)
    return None if value == "all" else value


def sidebar_filters(q: Queries, lang: str, *, agencies: bool = False, agency: str | None = None) -> Filters:
    """The month and view filters, and (when the page breaks figures down by agency) group and agency;
    `agency` is the one chosen when the URL names none (the agency page: an officer's own)."""
    month = month_filter(q, lang)
    window = window_filter(lang)
    if not agencies:
        return Filters(month, window)
    group = group_filter(lang)
    return Filters(month, window, group, agency_filter(q, month, group, lang, agency))


def link_params(**extra: str) -> dict[str, str]:
    """Query parameters for a link to another page that keeps this view (language and filters)."""
    from dashboard.components.url_state import current_params

    return {**current_params(*FILTER_PARAMS), **extra}
