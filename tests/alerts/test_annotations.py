"""Annotations on the trend charts: only an administrator adds them (in the service), the build copies them
into the snapshot, one query gives a chart's annotations (events, target changes), the KPI chart carries the
marker and the list under it shows the text verbatim. Also the 알림 page's inbox."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.components.annotations import chart_marks
from dashboard.components.charts import add_markers, trend_with_target
from etl.access.actors import SYSTEM, Actor, PermissionDenied
from etl.alerts.notify import run
from etl.builder.publish import build
from etl.governance import accounts, audit, targets
from etl.governance import chart_annotations as annotations
from etl.ledger.store import Store, open_store
from metrics.display import month_label
from metrics.settings import PROJECT_ROOT, Settings
from metrics.warehouse import Warehouse

ADMIN = Actor("boss", "admin")
KPI, TASK = "S1-T1-K2", "S1-T1"
HOSTILE = "<a href='http://x'>**행사**</a> =1+1"


@pytest.fixture
def store(store_copy: Settings, use_store) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    use_store(store_copy)
    s = open_store(store_copy)
    yield s
    s.engine.dispose()


@pytest.mark.parametrize("role", ["agency", "council", "committee"])
def test_only_an_administrator_annotates_and_a_refusal_is_audited(store: Store, role: str) -> None:
    actor = Actor(f"user-{role}", role, "1741000" if role == "agency" else None)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        annotations.add(store, actor, date(2026, 9, 15), "행사", "all")
    assert annotations.current(store) == []
    denied = audit.search(store, SYSTEM, actor_id=actor.user_id)
    assert [e.action for e in denied] == ["permission.denied"]


@pytest.mark.parametrize(
    ("scope", "code", "text", "message"),
    [
        ("team", None, "행사", "범위는"),
        ("kpi", "S9-T9-K9", "행사", "S9-T9-K9"),
        ("task", None, "행사", "과제 코드"),
        ("all", None, "가" * 201, "200자"),
        ("all", None, "   ", "주석 내용"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(
    store: Store, scope: str, code: str | None, text: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        annotations.add(store, ADMIN, date(2026, 9, 15), text, scope, code)
    assert annotations.current(store) == []


def test_the_build_copies_them_and_the_charts_of_their_scope_show_them(store: Store) -> None:
    everywhere = annotations.add(store, ADMIN, date(2026, 9, 15), HOSTILE, "all")
    on_kpi = annotations.add(store, ADMIN, date(2026, 8, 3), "지표 행사", "kpi", KPI)
    on_task = annotations.add(store, ADMIN, date(2026, 7, 1), "과제 행사", "task", TASK)
    gone = annotations.add(store, ADMIN, date(2026, 6, 1), "철회", "all")
    annotations.withdraw(store, ADMIN, gone.id or 0)
    targets.change_target(store, SYSTEM, KPI, 2026, 11.0, "목표 조정")
    build(store)
    wh = Warehouse(store.settings.snapshot_dir)
    try:
        kpi = wh.query("chart_annotations", scope="kpi", code=KPI)
        task = wh.query("chart_annotations", scope="task", code=TASK)
        overall = wh.query("chart_annotations", scope="all", code=None)
        other = wh.query("chart_annotations", scope="kpi", code="S4-T1-K1")
    finally:
        wh.close()
    assert kpi.select("kind", "text").rows() == [
        ("event", "과제 행사"),
        ("event", "지표 행사"),
        ("event", HOSTILE),  # verbatim
        ("target", "목표 조정"),  # the change is dated today, 2026-11-25
    ]
    assert task["text"].to_list() == ["과제 행사", HOSTILE]
    assert overall["text"].to_list() == [HOSTILE] and other["text"].to_list() == [HOSTILE]
    assert kpi.filter(kpi["text"] == "지표 행사")["period"].to_list() == [date(2026, 8, 1)]
    assert everywhere.id and on_kpi.id and on_task.id


def test_the_chart_carries_a_marker_with_its_label_escaped() -> None:
    import polars as pl

    frame = pl.DataFrame(
        {"kind": ["event", "lock"], "period": [date(2026, 9, 1), date(2026, 10, 1)], "text": [HOSTILE, "보고"]}
        | {"name": [None, "2026-10"], "on_date": [date(2026, 9, 15), date(2026, 10, 1)]}
    )
    periods = [date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)]
    labels = [month_label(p, "ko") for p in periods]  # the x axis's categories, as the pages draw them
    fig = add_markers(
        trend_with_target(
            labels, [1, 2, 3], [3, 3, 3], title="t", x_title="x", y_title="y", value_name="v", target_name="g"
        ),
        chart_marks(frame, periods, "ko"),
    )
    assert [(s.x0, s.x1) for s in fig.layout.shapes] == [(labels[1], labels[1]), (labels[2], labels[2])]
    texts = [a.text for a in fig.layout.annotations]
    assert texts == ["&lt;a href=&#x27;http:/…", "2026-10 잠금"]
    assert "<a" not in json.dumps(fig.to_plotly_json()["layout"]["annotations"])


def _page(page: str, actor: Actor | None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "dashboard" / "app.py"), default_timeout=60)
    if actor is not None:
        from metrics.clock import now_utc

        user = {"user_id": actor.user_id, "role": actor.role, "agency_code": actor.agency_code}
        at.session_state["auth_user"] = user
        at.session_state["auth_last_seen"] = now_utc()
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_alerts_page_shows_the_inbox_to_its_owner_only(store: Store) -> None:
    accounts.add_user(store, SYSTEM, "seoul", "agency", agency_code="6110000")
    accounts.add_user(store, SYSTEM, "mois", "agency", agency_code="1741000")
    run(store, SYSTEM)
    seoul = _page("alerts", Actor("seoul", "agency", "6110000"))
    table = seoul.dataframe[0].value
    assert len(table) == 5 and all("제출 기한 경과(D+1)" in v for v in table.iloc[:, 2])
    assert any("읽지 않은 알림 5건" in c.value for c in seoul.caption)
    seoul.button(key="alerts-mark-read").click().run()
    assert any("읽지 않은 알림 0건" in c.value for c in seoul.caption)
    mois = _page("alerts", Actor("mois", "agency", "1741000"))
    assert any("받은 알림이 없습니다" in c.value for c in mois.caption)
