"""`govdash demo`'s task narratives and dispute: after the demo's first build, the owning ministries write the
narratives of the tasks that are 주의 or 미흡 in the last two quarters (texts in data/demo/narratives.yaml),
the committee reviews those of the earlier quarter and every other one of the last, and 행정안전부's demo
officer disputes one of its figures of the last month. All through the services (etl/governance/narratives.py,
etl/governance/disputes.py), so permissions and the audit trail are those of real use. Deterministic, and safe to
repeat: a task and quarter that has a narrative, or a ledger that has a dispute, is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import yaml

from etl.access.actors import Actor
from etl.governance import disputes, narratives
from metrics import clock
from metrics.kst import add_months, kst_naive_to_utc, period_label
from metrics.settings import PROJECT_ROOT

TEXTS = PROJECT_ROOT / "data" / "demo" / "narratives.yaml"
DEMO_AGENCY = "1741000"  # the demo-agency account's ministry (etl/cli/users.py)
COMMITTEE = Actor("demo-committee", "committee")


@dataclass
class DemoNarratives:
    written: int = 0
    reviewed: int = 0
    disputes: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.written or self.reviewed or self.disputes)


def quarter_of(month: date) -> str:
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"


def _officer(agency: str) -> Actor:
    return Actor("demo-agency" if agency == DEMO_AGENCY else f"demo-{agency}", "agency", agency)


def _at(day: date, minutes: int = 0) -> datetime:
    """10:00 KST on `day` (plus a minute per item), or this morning's 09:00 for a day still to come; naive UTC."""
    at = datetime.combine(day, datetime.min.time()).replace(hour=10) + timedelta(minutes=minutes)
    return kst_naive_to_utc(min(at, clock.now_kst().replace(hour=9, minute=0, second=0, microsecond=0)))


def _written_at(quarter: str, minutes: int) -> datetime:
    """The 20th day after the quarter: when a ministry's quarterly report is due."""
    year, q = int(quarter[:4]), int(quarter[-1])
    return _at(add_months(date(year, 3 * q - 2, 1), 3) + timedelta(days=19), minutes)


def narratives_reader() -> Actor:
    """Who the demo asks whether a narrative or dispute exists: the host, who sees drafts too."""
    return Actor("demo", "system")


def _field(entry: dict[str, Any], key: str, quarter: str) -> str:
    label = f"{quarter[:4]}년 {quarter[-1]}분기"
    return str(entry.get(key) or "").replace("{quarter}", label)


def write(store, last_month: date) -> DemoNarratives:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(TEXTS.read_text(encoding="utf-8"))
    notes: list[str] = data["review_notes"]
    done = DemoNarratives()
    last = quarter_of(last_month)
    for quarter in (quarter_of(add_months(last_month, -3)), last):
        lagging = narratives.lagging_tasks(store, quarter)
        for i, task in enumerate(t.code for t in store.catalog.tasks if lagging.get(t.code)):
            if narratives.versions(store, narratives_reader(), task_code=task, quarter=quarter):
                continue
            entry = data["narratives"][task]
            texts = narratives.Texts.of({k: _field(entry, k, quarter) for k in narratives.FIELDS})
            owner = _officer(narratives.task_owner(store, task))
            at = _written_at(quarter, i)
            narratives.save(store, owner, task, quarter, texts, submit=True, lagging=True, now=at)
            done.written += 1
            if quarter != last or i % 2 == 0:
                narratives.review(store, COMMITTEE, task, quarter, notes[i % len(notes)], now=at + timedelta(days=3))
                done.reviewed += 1
    done.disputes = _dispute(store, last_month, data["dispute"]["reason"])
    return done


def _dispute(store, month: date, reason: str) -> int:  # type: ignore[no-untyped-def]
    from metrics.warehouse import Warehouse

    if disputes.listing(store, narratives_reader()):
        return 0
    warehouse = Warehouse(store.settings.snapshot_dir)
    card = warehouse.query("agency_scorecard", agency=DEMO_AGENCY, month=month, window="month")
    figures = card.filter(card["value"].is_not_null())["kpi_code"].to_list()
    if not figures:
        return 0
    at = _at(add_months(month, 1).replace(day=15))  # after the month's files were due
    disputes.open_dispute(store, _officer(DEMO_AGENCY), figures[0], DEMO_AGENCY, period_label(month), reason, now=at)
    return 1
