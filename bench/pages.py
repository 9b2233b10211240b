"""The queries behind each dashboard page (as the pages in dashboard/views/ call them through
metrics.queries), and a page's time: its queries run one after another, as one Streamlit script run does."""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any

from metrics.warehouse import QUERY_DIR, Warehouse

FILTERS = ["periods", "agencies"]  # the sidebar's month and agency choices, on every page
PAGES: dict[str, list[str]] = {
    "overview": [
        *FILTERS,
        "build_info",
        "overall_scores",
        "score_trend",  # the overall trend
        "strategy_scores",
        "task_scores",
        "score_trend",  # the task sparklines
    ],
    "strategies": [*FILTERS, "strategy_scores", "task_scores", "kpi_scores", "score_trend", "kpi_notes"],
    "kpi": [*FILTERS, "kpi_scores", "kpi_definition", "score_trend", "kpi_agency_values", "kpi_submissions"],
    "agencies": [*FILTERS, "agency_ranking", "agency_task_scores", "agency_scorecard"],
    "complaints": [*FILTERS, "complaint_breakdown", "complaint_distribution"],
    "participation": [*FILTERS, "kpi_scores", "score_trend", "participation_breakdown"],
    "meetings": [*FILTERS, "kpi_scores", "score_trend", "meeting_breakdown"],
    "rewards": [*FILTERS, "kpi_scores", "score_trend", "reward_breakdown"],
    "submissions": ["submission_matrix"],
    "reports": ["periods", "report_agencies"],
}


def query_params(name: str, ctx: dict[str, Any]) -> dict[str, Any]:
    """Values for a query's $parameters: the latest month, the largest agency, the first KPI and task."""
    code = re.sub(r"--[^\n]*", "", (QUERY_DIR / f"{name}.sql").read_text())  # comments name no parameters
    month = date.fromisoformat(ctx["as_of"])
    values = {
        "month": month,
        "period": month,
        "window": "month",
        "group": "all",
        "agency": ctx["agency"],
        "kpi": ctx["kpi"],
        "task": ctx["task"],
        "from": date(month.year, 1, 1),
        "to": month,
        "dataset": None,
        "cell": None,
        "status": None,
        "today": month,
        "level": "kpi",  # score_trend: every KPI's last twelve months
        "code": None,
        "months": 12,
    }
    return {n: values.get(n) for n in sorted(set(re.findall(r"\$([a-z_]+)", code)))}


def existing_pages() -> dict[str, list[str]]:
    """The pages whose queries all exist in sql/queries now."""
    have = {p.stem for p in QUERY_DIR.glob("*.sql")}
    return {page: names for page, names in PAGES.items() if set(names) <= have}


def run_page(wh: Warehouse, names: list[str], ctx: dict[str, Any]) -> float:
    t = time.perf_counter()
    for name in names:
        wh.query(name, **query_params(name, ctx))
    return time.perf_counter() - t
