"""전략·과제 / Strategies and tasks: strategy → task → its KPIs, each against its target, with the
agencies' notes. Reached from the overview by clicking a task (?task=S1-T3)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.badges import status_badge
from dashboard.components.filters import sidebar_filters
from dashboard.components.kpi_cards import kpi_cards
from dashboard.components.narratives import flash, task_narrative
from dashboard.components.page import open_page
from dashboard.components.remarks import task_assessments
from dashboard.components.tables import paginated_table
from dashboard.components.url_state import recall, remember
from dashboard.i18n import t
from metrics.display import achievement

lang, q = open_page("nav.strategies")
f = sidebar_filters(q, lang)
name = f"name_{lang}"
thresholds = q.thresholds()

strategies = q.strategy_scores(f.month, f.window)
tasks = q.task_scores(f.month, f.window)
kpis = q.kpi_scores(f.month, f.window)

task_codes = tasks["task_code"].to_list()
strategy_of = dict(zip(tasks["task_code"], tasks["strategy_code"], strict=True))
asked_task = recall("task", task_codes, None)
strategy_codes = strategies["strategy_code"].to_list()
strategy_names = dict(zip(strategies["strategy_code"], strategies[name], strict=True))
default_strategy = strategy_of[asked_task] if asked_task else recall("strategy", strategy_codes, strategy_codes[0])
strategy = st.radio(
    t("strategies.pick_strategy", lang),
    strategy_codes,
    index=strategy_codes.index(default_strategy),
    format_func=lambda c: f"{c} {strategy_names[c]}",
    horizontal=True,
    key="pick_strategy",
)
remember("strategy", strategy)

own_tasks = tasks.filter(tasks["strategy_code"] == strategy)
own_codes = own_tasks["task_code"].to_list()
task_names = dict(zip(own_tasks["task_code"], own_tasks[name], strict=True))
task = st.radio(
    t("strategies.pick_task", lang),
    own_codes,
    index=own_codes.index(asked_task) if asked_task in own_codes else 0,
    format_func=lambda c: f"{c} {task_names[c]}",
    horizontal=True,
    key=f"pick_task_{strategy}",
)
remember("task", task)

row = own_tasks.filter(own_tasks["task_code"] == task).row(0, named=True)
st.subheader(f"{task} {row[name]}")
owner = row[f"owner_{lang}"] or row["owner_ko"] or row["owner_code"]
st.caption(t("attention.owner_caption", lang, owner=owner, code=row["owner_code"]))
c1, c2 = st.columns([1, 3])
c1.metric(t("columns.achievement", lang), achievement(row["achievement"], thresholds))
with c2:
    status_badge(row["status"], lang)
    st.caption(t("overview.kpis_counted", lang, counted=row["children_counted"], total=row["children_total"]))

kpi_cards(kpis.filter(kpis["task_code"] == task), q.kpi_trends(f.month, f.window), lang, thresholds)
flash()
task_narrative(task, f.month, lang)  # 과제 추진 경과 of the month's quarter, beside the figures

notes = q.kpi_notes(f.month, task)
st.subheader(t("strategies.notes", lang))
if notes.is_empty():
    st.caption(t("strategies.no_notes", lang))
else:
    paginated_table(
        {
            t("strategies.kpi", lang): notes["kpi_code"].to_list(),
            t("strategies.agency", lang): notes[f"agency_name_{lang}"].to_list(),
            t("strategies.note", lang): notes["note"].to_list(),
        },
        key="task-notes",
        lang=lang,
    )

task_assessments(task, f.month, lang)
