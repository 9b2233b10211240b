"""종합 현황 / Overview: where the strategy stands this month, in under a minute."""

from __future__ import annotations

import streamlit as st

from dashboard.components.annotations import annotation_list, mark_positions
from dashboard.components.attention import attention_list
from dashboard.components.badges import caption_html, points, status_html
from dashboard.components.filters import link_params, sidebar_filters
from dashboard.components.inline_charts import achievement_bars_html, spark_scale, sparkline_svg, trend_label
from dashboard.components.page import open_page
from dashboard.i18n import t
from metrics.display import achievement, datetime_label, month_label, short_digest
from metrics.queries import change

lang, q = open_page("app.title")
f = sidebar_filters(q, lang)
info = q.build_info()
st.caption(
    t(
        "overview.freshness",
        lang,
        month=month_label(f.month, lang),
        build_id=info["build_id"],
        built_at=datetime_label(info["built_at"], lang),  # built_at is Korea time already
        catalog=info["catalog_version"],
        catalog_digest=short_digest(info["catalog_digest"]),
        reference_digest=short_digest(info["reference_digest"]),
    )
)
name = f"name_{lang}"
thresholds = q.thresholds()

overall = q.overall_scores(f.month, f.window)
trend = q.overall_trend(f.month, f.window)
col_overall, col_status = st.columns([2, 3])
with col_overall:
    st.metric(
        t("overview.overall", lang),
        achievement(overall["achievement"], thresholds) if overall else "—",
        delta=points(change(overall["achievement"], overall["prev_achievement"])) if overall else None,
        help=t("overview.overall_help", lang),
        border=True,
    )
    overall_series = [v for v in trend["achievement"].to_list() if v is not None][-12:]
    overall_periods = [p for p, v in zip(trend["period"], trend["achievement"], strict=True) if v is not None][-12:]
    notes = q.annotations("all")  # events, threshold changes and locks on the overall trend (§22)
    if overall_series:
        st.html(
            sparkline_svg(
                overall_series,
                trend_label(
                    f"{t('overview.overall', lang)} · {t('overview.trend_help', lang)}", overall_series, thresholds
                ),
                marks=mark_positions(notes, overall_periods),
                scale=spark_scale(overall_series, thresholds),
            )
        )
    annotation_list(notes, overall_periods, lang, key="overview-annotations")
strategies = q.strategy_scores(f.month, f.window)
tasks = q.task_scores(f.month, f.window)
with col_status:
    # "산정 과제" counts tasks (those with an achievement, of all the tasks), not the overall row's children,
    # which are the strategies
    counted = (
        t("overview.tasks_counted", lang, counted=tasks["achievement"].count(), total=tasks.height) if overall else None
    )
    st.html(status_html(overall["status"] if overall else "no_data", lang) + (caption_html(counted) if counted else ""))
    if overall is None or overall["achievement"] is None:
        st.info(t("overview.no_target", lang))

# 주의·미흡 first: what lags, why and whose it is, above the fold (before the strategy and task cards)
attention_list(q.attention(f.month, f.window), lang, thresholds)

trends = q.task_trends(f.month, f.window)

st.subheader(t("overview.strategies", lang))
with st.container(key="strategy-cards"):  # two cards a row on a phone (page.LAYOUT_CSS)
    columns = st.columns(4)
for col, s in zip(columns, strategies.iter_rows(named=True), strict=False):
    with col, st.container(border=True, key=f"strategy-{s['strategy_code']}"):
        st.metric(
            f"{s['strategy_code']} · {s[name]}",
            achievement(s["achievement"], thresholds),
            delta=points(change(s["achievement"], s["prev_achievement"])),
        )
        st.html(status_html(s["status"], lang))

st.subheader(t("overview.tasks", lang))
with st.container(key="task-cards"):  # two strategies' tasks side by side on a phone (page.LAYOUT_CSS)
    columns = st.columns(4)
for col, s in zip(columns, strategies.iter_rows(named=True), strict=False):
    with col:
        for task in tasks.filter(tasks["strategy_code"] == s["strategy_code"]).iter_rows(named=True):
            code = task["task_code"]
            with st.container(border=True, key=f"task-{code}"):
                series = [v for v in trends.get(code, []) if v is not None]
                st.metric(
                    f"{code} · {task[name]}",
                    achievement(task["achievement"], thresholds),
                    delta=points(change(task["achievement"], task["prev_achievement"])),
                )
                # The trend, the status and how many KPIs were counted in one element: the browser's first render
                # is mostly drawing elements, and the twelve cards are most of the overview's. HTML goes through
                # st.html (the browser parses it) rather than st.markdown, which parses it in JavaScript.
                label = trend_label(f"{code} · {t('overview.trend_help', lang)}", series, thresholds)
                spark = sparkline_svg(series, label, scale=spark_scale(series, thresholds)) if series else ""
                counted = t(
                    "overview.kpis_counted", lang, counted=task["children_counted"], total=task["children_total"]
                )
                st.html(spark + status_html(task["status"], lang) + caption_html(counted))
                st.page_link(
                    "views/strategies.py",
                    label=f"{t('overview.open_kpis', lang)} →",
                    query_params=link_params(task=code),
                )

window_word = t(f"filters.window_{f.window}", lang)
by_gap = q.task_bars(f.month, f.window)  # largest gap to target first, in the query's order
st.html(
    achievement_bars_html(
        [f"{c} {n}" for c, n in zip(by_gap["task_code"], by_gap[name], strict=True)],
        by_gap["achievement"].to_list(),
        by_gap["status"].to_list(),
        lang,
        title=t("overview.task_chart_title", lang, window=window_word, month=month_label(f.month, lang)),
        x_title=t("overview.achievement_axis", lang),
        y_title=t("overview.task_axis", lang),
        target_label=t("overview.target_line", lang),
        thresholds=thresholds,
    )
)
