"""The submissions page's history (제출 이력, 최신순): newest submission time first, whatever order the ledger's
ids are in, and each agency by its name rather than its code."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from dashboard.components.inert import as_shown
from etl import ledger
from etl.store import open_store
from tests.dashboard.conftest import APP

MONTH = "2026-10"


def _record(store, agency: str, at: datetime, name: str) -> int:  # type: ignore[no-untyped-def]
    row = ledger.Submission(
        dataset="meetings",
        agency_code=agency,
        period=MONTH,
        filename=name,
        sha256=name.ljust(64, "0"),
        size_bytes=1,
        row_count=1,
        status="rejected",  # a rejected file counts for nothing: the snapshot's figures stay as built
        submitted_by="history-test",
        submitted_at=at,
        archive_path=f"history-test/{name}",
    )
    with store.session() as session:
        session.add(row)
        session.commit()
        session.refresh(row)
    assert row.id is not None
    return row.id


def test_the_history_is_newest_first_by_time_with_agency_names(store_copy, use_store) -> None:
    use_store(store_copy)
    store = open_store(store_copy)
    # recorded later (a higher id) but submitted earlier, e.g. a file carried over from a paper register
    _record(store, "1741000", datetime(2026, 11, 20, 1, 0), "later-id-earlier-time.csv")
    _record(store, "1741000", datetime(2026, 11, 3, 1, 0), "last-id-earliest-time.csv")
    newest = datetime(2026, 11, 24, 1, 0)  # after every fixture submission (built 2026-11-25 09:00 KST)
    first_id = _record(store, "1741000", newest, "first-of-mine-newest.csv")
    with store.session() as session:  # make the newest-in-time the oldest id among our three
        session.connection().execute(text("update submissions set id = 900001 where id = :i"), {"i": first_id})
        session.commit()
    store.engine.dispose()

    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("views/submissions.py")
    at.run()
    at.selectbox(key="sub_month").select(date(2026, 10, 1)).run()
    at.selectbox(key="sub_agency").select("1741000").run()  # one agency: the whole history on one page
    assert not at.exception, [e.value for e in at.exception]
    history = at.table[-1].value.map(lambda v: as_shown(v) if isinstance(v, str) else v)
    times = history["제출 시각 (KST)"].to_list()
    assert times == sorted(times, reverse=True)
    assert times[0] == "2026-11-24 10:00"  # 01:00 UTC in Korea time
    files = history["파일"].to_list()
    assert files.index("first-of-mine-newest.csv") < files.index("later-id-earlier-time.csv")
    assert files.index("later-id-earlier-time.csv") < files.index("last-id-earliest-time.csv")
    agencies = set(history["기관"].to_list())
    assert "행정안전부" in agencies
    assert not any(a.isdigit() for a in agencies)  # names, never the 7-digit codes
