"""지표 상세 / KPI detail: a KPI's definition, its monthly trend against target, how agencies compare, and
the submissions behind the figure (agency, file, when, by whom) — every number traceable."""

from __future__ import annotations

import streamlit as st

from dashboard.components.agency_figures import kpi_agency_chart, kpi_agency_table
from dashboard.components.annotations import annotation_list, chart_marks
from dashboard.components.badges import status_badge
from dashboard.components.charts import add_markers, trend_with_target
from dashboard.components.comparison import comparison_metrics, year_before
from dashboard.components.disputes import marks, officer_panel, trend_note
from dashboard.components.filters import sidebar_filters
from dashboard.components.page import open_page
from dashboard.components.remarks import kpi_comments
from dashboard.components.tables import paginated_table
from dashboard.components.url_state import recall, remember
from dashboard.i18n import strings, t
from metrics.display import (
    achievement_text,
    datetime_label,
    month_label,
    number,
    unit_label,
    value_with_unit,
)

lang, q = open_page("nav.kpi")
f = sidebar_filters(q, lang, agencies=True)
name = f"name_{lang}"
thresholds = q.thresholds()

kpis = q.kpi_scores(f.month, f.window)
codes = kpis["kpi_code"].to_list()
names = dict(zip(kpis["kpi_code"], kpis[name], strict=True))
chosen = recall("kpi", codes, codes[0])
kpi = st.selectbox(
    t("kpi.pick", lang), codes, index=codes.index(chosen), format_func=lambda c: f"{c} {names[c]}", key="pick_kpi"
)
remember("kpi", kpi)

d = q.kpi_definition(kpi)
row = kpis.filter(kpis["kpi_code"] == kpi).row(0, named=True)
unit = str(d["unit"])
st.subheader(f"{kpi} · {d[name]}")
st.caption(f"{d['strategy_code']} {d[f'strategy_name_{lang}']} › {d['task_code']} {d[f'task_name_{lang}']}")

cols = st.columns(4)
beside = {"target": row["target"], "direction": row["direction"]}  # the value is rounded against its target
cols[0].metric(t("strategies.actual", lang), value_with_unit(row["value"], unit, lang, **beside))
cols[1].metric(t("strategies.target", lang), value_with_unit(row["target"], unit, lang))
cols[2].metric(
    t("columns.achievement", lang), achievement_text(row["achievement"], row["achievement_raw"], thresholds, lang)
)
with cols[3]:
    st.markdown(f"**{t('columns.status', lang)}**")
    status_badge(row["status"], lang)
    st.caption(t("strategies.reported", lang, reported=row["agencies_reported"], expected=row["agencies_expected"]))

comparison = q.kpi_comparison(f.month, f.window, kpi=kpi)
with st.container(key="kpi-comparison"):
    comparison_metrics(comparison.row(0, named=True), lang, thresholds)

with st.expander(t("kpi.definition", lang), expanded=True):
    targets = ", ".join(
        f"{tg['year']}: {value_with_unit(tg['target'], unit, lang)}"
        for tg in (d["targets"] or [])  # type: ignore[union-attr]
    )
    keys = ("formula", "unit", "direction", "source", "aggregation", "baseline", "targets")
    fields = [t(f"kpi.def_{k}", lang) for k in keys]
    values = [
        t(f"kpi.formula_{d['formula']}", lang),
        unit_label(unit, lang),
        t(f"kpi.direction_{d['direction']}", lang),
        t(f"kpi.source_{d['source']}", lang),
        t(f"kpi.aggregation_{d['aggregation']}", lang) + (f" · {t('kpi.cumulative', lang)}" if d["cumulative"] else ""),
        f"{value_with_unit(d['baseline'], unit, lang)} ({d['baseline_year']})",
        targets or "—",
    ]
    # A measure whose counting rule the name alone does not say (matched pairs, person-visits) states it here
    rule = f"kpi.rule_{d['measure']}"
    if rule in strings(lang):
        fields.append(t("kpi.def_rule", lang))
        values.append(t(rule, lang))
    st.table({t("kpi.field", lang): fields, t("kpi.value", lang): values})

trend = q.kpi_trend(kpi, f.month, f.window)
window_word = t(f"filters.window_{f.window}", lang)
notes = q.annotations("kpi", kpi)  # events, target changes and locks on this KPI's chart (§22)
st.plotly_chart(
    add_markers(
        trend_with_target(
            [month_label(p, lang) for p in trend["period"]],
            trend["value"].to_list(),
            trend["target"].to_list(),
            title=t("kpi.trend_title", lang, kpi=d[name], window=window_word),
            x_title=t("strategies.month_axis", lang),
            y_title=t("strategies.value_axis", lang, unit=unit_label(unit, lang)),
            value_name=t("strategies.actual", lang),
            target_name=t("strategies.target", lang),
            last_year=year_before(trend["period"].to_list(), trend["value"].to_list()),
            last_year_name=t("cmp.last_year_trace", lang),
        ),
        chart_marks(notes, trend["period"].to_list(), lang),
    ),
    key="kpi-trend",
)
annotation_list(notes, trend["period"].to_list(), lang, key="kpi-annotations")

agencies = q.kpi_agency_values(kpi, f.month, f.window, f.group)
disputed = marks(f.month, kpi)  # 이의 제기 중 (read from the ledger: dashboard/components/disputes.py)
trend_note(kpi, f.month, dict(zip(agencies["agency_code"], agencies[name], strict=True)), lang)
st.subheader(t("kpi.by_agency", lang))
if agencies.is_empty():
    st.caption(t("kpi.no_agencies", lang))
else:
    # against the target only where the KPI judges agencies; else share of the national figure or the value
    # alone (sql/macros/agency_kpi_figures.sql)
    kpi_agency_chart(
        agencies,
        kpi_name=str(d[name]),
        unit=unit,
        month=month_label(f.month, lang),
        lang=lang,
        thresholds=thresholds,
        chosen=f.agency,
    )
    kpi_agency_table(
        agencies,
        kpi=kpi,
        unit=unit,
        direction=str(d["direction"]),
        disputed=disputed,
        lang=lang,
        thresholds=thresholds,
    )

st.subheader(t("kpi.submissions", lang))
st.caption(t("kpi.submissions_help", lang))
subs = q.kpi_submissions(kpi, f.month, f.window, f.agency)
columns: dict[str, list[object]] = {
    t("kpi.agency", lang): subs[f"agency_name_{lang}"].to_list(),
    t("kpi.month", lang): [month_label(p, lang) for p in subs["period"]],
    t("kpi.file", lang): [v or "—" for v in subs["filename"]],
    t("kpi.submitted_at", lang): [datetime_label(v, lang) for v in subs["submitted_at_kst"]],
    t("kpi.submitted_by", lang): [v or "—" for v in subs["submitted_by"]],
    t("kpi.rows", lang): [number(v) for v in subs["row_count"]],
    t("kpi.submission_status", lang): [t(f"kpi.sub_{s or 'missing'}", lang) for s in subs["submission_status"]],
}
if d["source"] == "kpi_progress":
    columns[t("kpi.reported_value", lang)] = [value_with_unit(v, unit, lang) for v in subs["reported_value"]]
    columns[t("kpi.note", lang)] = [v or "" for v in subs["reported_note"]]
paginated_table(columns, key="kpi-submissions", lang=lang)

kpi_comments(kpi, f.month, lang)
officer_panel(kpi, f.month, lang)
