"""The one-page summary in 개조식 (□ headline, ○ point, - detail), written once for every format and for the
dashboard preview."""

from __future__ import annotations

from dataclasses import dataclass

from metrics import display
from reports.model import Report
from reports.table_cells import STATUS_RANK

MARKERS = {1: "□", 2: "○", 3: "-"}
MAX_ITEMS = 6  # details listed under one point; the rest are counted


@dataclass(frozen=True)
class Line:
    level: int  # 1 □, 2 ○, 3 -
    text: str

    @property
    def marker(self) -> str:
        return MARKERS[self.level]

    def render(self) -> str:
        return f"{'  ' * (self.level - 1)}{self.marker} {self.text}"


def pct(r: Report, value: float | None) -> str:
    """A judged achievement, rounded against the thresholds (never 100.0% for 99.96)."""
    return display.achievement(value, r.boundaries)


def summary_lines(r: Report) -> list[Line]:
    return [
        *_overall(r),
        *_strategies(r),
        *_changes(r),
        *_offtrack(r),
        *complaint_lines(r),
        *_submissions(r),
        *lock_lines(r),
    ]


def _status(r: Report, status: str | None) -> str:
    return display.status_label(status, r.lang)


def _counts(rows: list[dict]) -> dict[str, int]:
    counts = {s: sum(1 for x in rows if x["status"] == s) for s in ("on_track", "watch", "off_track")}
    counts["other"] = len(rows) - sum(counts.values())
    counts["total"] = len(rows)
    return counts


def _overall(r: Report) -> list[Line]:
    now = r.overall()
    if now is None or now["achievement"] is None:
        return [Line(1, r.t("s_overall_none"))]
    lines = [Line(1, r.t("s_overall", value=pct(r, now["achievement"]), status=_status(r, now["status"])))]
    before = r.overall(r.previous) if r.previous else None
    if before and before["achievement"] is not None:
        delta = now["achievement"] - before["achievement"]
        previous = display.month_label(r.previous, r.lang)
        lines.append(
            Line(
                2,
                r.t(
                    "s_overall_change", previous=previous, before=pct(r, before["achievement"]), delta=f"{delta:+.1f}%p"
                ),
            )
        )
    lines.append(Line(2, r.t("s_counts", **_counts(r.score_rows("task", r.period)))))
    if r.options.agency:
        lines.append(Line(3, r.t("s_not_judged")))
    return lines


def _strategies(r: Report) -> list[Line]:
    tasks = r.score_rows("task", r.period)
    lines = [Line(1, r.t("s_strategies"))]
    for s in r.score_rows("strategy", r.period):
        counts = _counts([t for t in tasks if t["parent_code"] == s["code"]])
        name, status = f"{s['code']} {r.name(s)}", _status(r, s["status"])
        if s["achievement"] is None:  # no figure: the status word alone, not "— (– 산정불가)"
            text = r.t("s_strategy_na", name=name, status=status, **counts)
        else:
            text = r.t("s_strategy", name=name, value=pct(r, s["achievement"]), status=status, **counts)
        lines.append(Line(2, text))
    return lines


def status_changes(r: Report) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(improved, slipped): (name, status before, status now) of tasks, then KPIs, whose status moved
    between two of on track / watch / off track since the previous period."""
    if r.previous is None:
        return [], []
    pairs = []
    before_tasks = r.score_lookup("task", r.previous)
    for t in r.score_rows("task", r.period):
        b = before_tasks.get(t["code"])
        pairs.append((f"{t['code']} {r.name(t)}", b and b["status"], t["status"]))
    before_kpis = r.kpi_lookup(r.previous)
    for k in r.kpi_rows(r.period):
        b = before_kpis.get(k["kpi_code"])
        pairs.append((f"{k['kpi_code']} {r.name(k)}", b and b["status"], k["status"]))
    improved: list[tuple[str, str, str]] = []
    slipped: list[tuple[str, str, str]] = []
    for name, before, now in pairs:
        if before in STATUS_RANK and now in STATUS_RANK and before != now:
            (improved if STATUS_RANK[now] > STATUS_RANK[before] else slipped).append((name, before, now))
    return improved, slipped


def _changes(r: Report) -> list[Line]:
    lines = [Line(1, r.t("s_changes"))]
    if r.previous is None:
        return lines + [Line(2, r.t("s_no_previous"))]
    improved, slipped = status_changes(r)
    if not improved and not slipped:
        return lines + [Line(2, r.t("s_no_change"))]
    for key, items in (("s_improved", improved), ("s_slipped", slipped)):
        lines.append(Line(2, r.t(key, n=len(items))))
        for name, before, now in items:  # every one: a report lists what it counts
            lines.append(Line(3, r.t("s_change_item", name=name, before=_status(r, before), after=_status(r, now))))
    return lines


def _offtrack(r: Report) -> list[Line]:
    """The attention list (주의·미흡 tasks and KPIs, largest gap first): the first MAX_ITEMS, then one line
    that counts the rest and names the table that lists every one of them."""
    rows = r.attention.to_dicts()
    tasks = sum(1 for x in rows if x["level"] == "task")
    lines = [Line(1, r.t("s_attention", n=len(rows), tasks=tasks, kpis=len(rows) - tasks))]
    for x in rows[:MAX_ITEMS]:
        lines.append(Line(2, _attention_item(r, x)))
    if len(rows) > MAX_ITEMS:
        lines.append(Line(3, r.t("s_attention_rest", n=len(rows) - MAX_ITEMS, table=r.t("offtrack"))))
    return lines


def _attention_item(r: Report, x: dict) -> str:
    achievement = display.achievement_text(x["achievement"], x["achievement_raw"], r.boundaries, r.lang)
    values = {
        "status": _status(r, x["status"]),
        "name": f"{x['code']} {r.name(x)}",
        "achievement": achievement,
        "owner": x[f"owner_{r.lang}"] or x["owner_ko"] or x["owner_code"],
    }
    if x["level"] == "task" or x["value"] is None:
        return r.t("s_attention_task", **values)
    value = display.value_with_unit(x["value"], x["unit"], r.lang, target=x["target"], direction=x["direction"])
    target = display.value_with_unit(x["target"], x["unit"], r.lang)
    return r.t("s_attention_kpi", value=value, target=target, **values)


def complaint_lines(r: Report) -> list[Line]:
    """The on-time rate with, beside it, the pending complaints past their deadline that the rate leaves out
    (none for a snapshot that does not count them, or a report whose KPIs have no on-time rate)."""
    rate = next((k for k in r.kpi_rows(r.period) if k["measure"] == "on_time_rate"), None)
    if r.complaints is None or rate is None:
        return []
    text = r.t(
        "s_complaints",
        rate=display.value_with_unit(
            rate["value"], rate["unit"], r.lang, target=rate["target"], direction=rate["direction"]
        ),
        overdue=display.number(r.complaints["pending_overdue"]),
        pending=display.number(r.complaints["pending"]),
    )
    return [Line(1, text)]


def _submissions(r: Report) -> list[Line]:
    statuses = r.submissions["status"].to_list()
    counts = {s: statuses.count(s) for s in ("on_time", "late", "missing")}
    return [Line(1, r.t("s_submissions", total=len(statuses), **counts))]


def lock_lines(r: Report) -> list[Line]:
    """Whether the report month was locked when the snapshot was built (none for a snapshot too old to know)."""
    if not r.has_locks:
        return []
    lock = r.locked
    if lock is None:
        return [Line(1, r.t("s_unlocked"))]
    date = display.date_label(lock["locked_at"], r.lang)
    return [Line(1, r.t("s_locked", date=date, by=lock["locked_by"], reason=lock["reason"]))]
