"""A KPI's figures by agency, shown on the basis sql/macros/agency_kpi_figures.sql gives each KPI: 'target'
(achievement against the target every agency must reach, ranked), 'share' (the agency's value and its share of
the national figure: no target, achievement or rank) or 'value' (the value alone). The basis is the query's;
this module only draws and writes it, and says why a chart is missing rather than drawing an empty axis."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import streamlit as st

from dashboard.components.charts import achievement_bars, bars
from dashboard.components.disputes import mark
from dashboard.components.tables import paginated_table
from dashboard.i18n import t
from metrics.display import (
    STATUS_WORD,
    Thresholds,
    achievement_text,
    number,
    percent,
    raw_achievement,
    status_label,
    value_with_unit,
)

HIGHLIGHT = "#CC79A7"  # the chosen agency's bar: a colour of the colour-blind-safe palette not used for status


def basis_of(frame: pl.DataFrame) -> str:
    """The basis of a KPI's rows (one per KPI): 'target', 'share' or 'value'."""
    return str(frame["basis"][0]) if frame.height else "value"


def kpi_agency_chart(
    agencies: pl.DataFrame,
    *,
    kpi_name: str,
    unit: str,
    month: str,
    lang: str,
    thresholds: Thresholds,
    chosen: str | None = None,
) -> None:
    """The agencies' bars on the KPI's basis, the chosen agency marked; a sentence instead of an empty chart."""
    name = f"name_{lang}"
    basis = basis_of(agencies)
    national = value_with_unit(agencies["national_value"][0], unit, lang) if agencies.height else "—"
    st.caption(t(f"agency_figures.basis_{basis}", lang, national=national))
    column = {"target": "achievement", "share": "share_of_national", "value": "value"}[basis]
    drawn = agencies.filter(pl.col(column).is_not_null())
    if drawn.is_empty():
        missing = agencies.filter(pl.col("status") == "no_data").height
        st.info(t("agency_figures.no_figures", lang, missing=missing))
        return
    labels = [_label(n, c == chosen, lang) for n, c in zip(drawn[name], drawn["agency_code"], strict=True)]
    if basis == "target":
        figure = achievement_bars(
            labels,
            drawn["achievement"].to_list(),
            drawn["status"].to_list(),
            [STATUS_WORD[lang].get(s or "", "") for s in drawn["status"]],
            title=t("kpi.agency_chart_title", lang, kpi=kpi_name, month=month),
            x_title=t("overview.achievement_axis", lang),
            y_title=t("kpi.agency_axis", lang),
            target_label=t("overview.target_line", lang),
            thresholds=thresholds,
            horizontal=True,
            notes=[
                raw_achievement(a, r, lang) or ""
                for a, r in zip(drawn["achievement"], drawn["achievement_raw"], strict=True)
            ],
        )
    else:
        values = drawn[column].to_list()
        text = [
            f"{percent(s)} · {value_with_unit(v, unit, lang)}" if basis == "share" else value_with_unit(v, unit, lang)
            for s, v in zip(drawn["share_of_national"], drawn["value"], strict=True)
        ]
        figure = bars(
            labels,
            values,
            title=t(f"agency_figures.{basis}_chart_title", lang, kpi=kpi_name, month=month),
            x_title=t("agency_figures.share_axis", lang)
            if basis == "share"
            else t("agency_figures.value_axis", lang, unit=unit),
            y_title=t("kpi.agency_axis", lang),
            horizontal=True,
            text=text,
            colors=[HIGHLIGHT if c == chosen else "#0072B2" for c in drawn["agency_code"]],
        )
    st.plotly_chart(figure, key="kpi-agencies")


def _label(agency_name: str, chosen: bool, lang: str) -> str:
    return f"▶ {agency_name}" if chosen else agency_name


def kpi_agency_table(
    agencies: pl.DataFrame,
    *,
    kpi: str,
    unit: str,
    direction: str,
    disputed: set[tuple[str, str]],
    lang: str,
    thresholds: Thresholds,
) -> None:
    """The agencies' rows: with target, achievement, status and rank only on the 'target' basis; with the share
    of the national figure on the 'share' basis."""
    name = f"name_{lang}"
    basis = basis_of(agencies)
    columns: dict[str, Sequence[object]] = {
        t("kpi.group", lang): [t(f"filters.group_{g}", lang) for g in agencies["agency_group"]],
    }
    if basis == "target":
        columns[t("kpi.rank", lang)] = [number(r) for r in agencies["group_rank"]]
    columns[t("kpi.agency", lang)] = agencies[name].to_list()
    if basis == "target":
        columns[t("strategies.actual", lang)] = [
            value_with_unit(v, unit, lang, target=g, direction=direction)
            for v, g in zip(agencies["value"], agencies["target"], strict=True)
        ]
        columns[t("strategies.target", lang)] = [value_with_unit(v, unit, lang) for v in agencies["target"]]
        columns[t("columns.achievement", lang)] = [
            achievement_text(v, r, thresholds, lang)
            for v, r in zip(agencies["achievement"], agencies["achievement_raw"], strict=True)
        ]
    else:
        columns[t("strategies.actual", lang)] = [value_with_unit(v, unit, lang) for v in agencies["value"]]
        if basis == "share":
            columns[t("agency_figures.share", lang)] = [percent(s) for s in agencies["share_of_national"]]
    columns[t("columns.status", lang)] = [status_label(s, lang) for s in agencies["status"]]
    columns[t("disputes.column", lang)] = [mark((kpi, a) in disputed, lang) for a in agencies["agency_code"]]
    paginated_table(columns, key="kpi-ranking", lang=lang)


def scorecard_columns(
    card: pl.DataFrame, *, disputed: set[str], lang: str, thresholds: Thresholds
) -> dict[str, Sequence[object]]:
    """An agency's scorecard: each KPI's value; the target, achievement and status where the KPI judges
    agencies, the share of the national figure where its figures add up to the national one."""
    name = f"name_{lang}"
    rows = card.to_dicts()
    no_target = t("agency_figures.no_target", lang)

    def actual(r: dict) -> str:
        if r["basis"] == "target":
            return value_with_unit(r["value"], r["unit"], lang, target=r["target"], direction=r["direction"])
        return value_with_unit(r["value"], r["unit"], lang)

    return {
        t("strategies.kpi", lang): [f"{r['kpi_code']} {r[name]}" for r in rows],
        t("strategies.actual", lang): [actual(r) for r in rows],
        t("strategies.target", lang): [
            value_with_unit(r["target"], r["unit"], lang) if r["basis"] == "target" else no_target for r in rows
        ],
        t("columns.achievement", lang): [
            achievement_text(r["achievement"], r["achievement_raw"], thresholds, lang) for r in rows
        ],
        t("agency_figures.share", lang): [percent(r["share_of_national"]) for r in rows],
        t("columns.status", lang): [
            status_label(r["status"], lang) if r["basis"] == "target" or r["status"] else t("agencies.not_judged", lang)
            for r in rows
        ],
        t("disputes.column", lang): [mark(r["kpi_code"] in disputed, lang) for r in rows],
    }
