"""The month filter on a page: the reporting month by default, a month with only early files labelled 잠정 with its
coverage, and a notice above the figures when it is chosen (AppTest on a store with one early file)."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from etl.actors import Actor
from etl.build import build
from etl.ingest import submit
from etl.store import open_store
from etl.templates import example_csv
from metrics.settings import PROJECT_ROOT, Settings

APP = str(PROJECT_ROOT / "dashboard" / "app.py")


@pytest.fixture
def early_store(store_copy: Settings, use_store) -> Settings:  # type: ignore[no-untyped-def]
    """The fixture store with one participation file for 2026-11 (due 12-10) from 행정안전부, built."""
    store = open_store(store_copy)
    early = example_csv("participation", "1741000", date(2026, 11, 1))
    actor = Actor("officer-1741000", "agency", "1741000")
    submit(store, early, filename="early.csv", dataset="participation", agency_code="1741000", period="2026-11",
           actor=actor)  # fmt: skip
    build(store)
    store.engine.dispose()
    use_store(store_copy)
    return store_copy


def overview(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_overview_opens_on_the_reporting_month_not_the_early_one(early_store: Settings):
    at = overview()
    month = at.sidebar.selectbox(key="filter_month")
    assert month.value == "2026-10"  # the clock is pinned to 2026-11-25: October was due 11-10, November is not
    assert month.format_func("2026-11") == "2026. 11. (잠정, 제출 1/9)"
    assert month.format_func("2026-10") == "2026. 10."
    assert not at.warning


@pytest.mark.parametrize(
    ("lang", "notice"),
    [
        (
            "ko",
            "잠정 수치: 2026. 11. 파일의 제출 기한은 2026. 12. 10.입니다. 지금까지 9개 기관 중 1개 기관이 "
            "제출했습니다.",
        ),
        (
            "en",
            "Provisional figures: the files for Nov 2026 are due by 10 Dec 2026. So far 1 of 9 agencies "
            "have submitted.",
        ),
    ],
)
def test_a_provisional_month_says_so_above_its_figures(early_store: Settings, lang: str, notice: str):
    at = overview(month="2026-11", lang=lang)
    assert at.sidebar.selectbox(key="filter_month").value == "2026-11"
    assert [w.value for w in at.warning] == [notice]
