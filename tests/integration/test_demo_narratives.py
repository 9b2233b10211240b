"""`govdash demo`'s narratives and dispute (etl/demo/narratives.py): written through the services for the
tasks lagging in the last two quarters, reviewed by the committee in part, one open dispute; a second run
changes nothing."""

from __future__ import annotations

from datetime import date

from etl.access.actors import SYSTEM
from etl.demo.narratives import write
from etl.governance import audit, disputes, narratives
from etl.ledger.store import open_store
from metrics.settings import Settings


def test_the_demo_writes_the_lagging_tasks_narratives_and_one_dispute(store_copy: Settings) -> None:
    store = open_store(store_copy)
    lagging = {q: {t for t, v in narratives.lagging_tasks(store, q).items() if v} for q in ("2026-Q3", "2026-Q4")}
    done = write(store, date(2026, 10, 1))
    assert done.written == len(lagging["2026-Q3"]) + len(lagging["2026-Q4"]) > 0
    # every task of Q3, and every other lagging task of Q4 in catalog order
    assert done.reviewed == len(lagging["2026-Q3"]) + (len(lagging["2026-Q4"]) + 1) // 2
    assert done.disputes == 1
    shown = {(r.task_code, r.quarter) for r in narratives.versions(store, None) if r.state != narratives.DRAFT}
    assert shown == {(t, q) for q, tasks in lagging.items() for t in tasks}
    [one] = narratives.versions(store, None, task_code=sorted(lagging["2026-Q3"])[0], quarter="2026-Q3")[:1]
    assert one.state == "reviewed" and one.reviewer == "demo-committee"
    assert one.achievements.startswith("□ 2026년 3분기") and one.reasons
    assert one.author == ("demo-agency" if one.agency_code == "1741000" else f"demo-{one.agency_code}")
    [dispute] = disputes.listing(store, SYSTEM)
    assert (dispute.agency_code, dispute.period, dispute.state, dispute.opened_by) == (
        "1741000",
        "2026-10",
        "open",
        "demo-agency",
    )
    assert len(audit.search(store, SYSTEM, action="narrative.submit")) == done.written
    again = write(store, date(2026, 10, 1))
    assert (again.written, again.reviewed, again.disputes) == (0, 0, 0)
    store.engine.dispose()
