"""A month missing from a window is named, never blended (docs/decisions.md 16), on a copy of the fixture
store: 행정안전부 (1741000), the only reporter of S3-T3-K4 (staff suggestions adopted, cumulative, sum),
sends its March 2026 kpi_progress file again without that KPI's row. The year to date from March on is then
미제출 for the KPI (no value, no achievement) and the task S3-T3 averages its three other KPIs: 산정 지표 3/4."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import duckdb
import pytest

from etl.access.actors import Actor
from etl.builder.publish import build
from etl.ingest.accept import submit
from etl.ledger.store import Store, open_store
from metrics.settings import Settings

ADMIN = Actor("admin-1", "admin")
NOW = datetime(2026, 11, 20, 3, 0)  # naive UTC, after the fixture's months
BUILT_AT = datetime(2026, 11, 20, 12, 0)
MOIS, KPI, TASK = "1741000", "S3-T3-K4", "S3-T3"
JAN, FEB, MAR, OCT = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 10, 1)


def _snapshot(store: Store) -> duckdb.DuckDBPyConnection:
    name = (store.settings.home / "snapshots" / "CURRENT").read_text().strip()
    return duckdb.connect(str(store.settings.home / "snapshots" / name), read_only=True)


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> dict:
    rel = con.execute(sql, params)
    names = [d[0] for d in rel.description]
    rows = rel.fetchall()
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0], strict=True))


def _kpi(con: duckdb.DuckDBPyConnection, kpi: str, period: date, window: str) -> dict:
    return _one(
        con,
        "select * from mart_kpi_national_month where kpi_code = ? and period = ? and time_window = ?",
        [kpi, period, window],
    )


def _task(con: duckdb.DuckDBPyConnection, period: date, window: str) -> dict:
    return _one(
        con,
        "select * from mart_task_scores where task_code = ? and period = ? and time_window = ?",
        [TASK, period, window],
    )


def _reports(con: duckdb.DuckDBPyConnection) -> dict[date, float]:
    rows = con.execute(
        "select period, value from stg_kpi_progress where agency_code = ? and kpi_code = ? and year(period) = 2026",
        [MOIS, KPI],
    ).fetchall()
    return dict(rows)


def _march_without_the_kpi(con: duckdb.DuckDBPyConnection) -> bytes:
    rows = con.execute(
        "select kpi_code, value, note from stg_kpi_progress where agency_code = ? and period = ? and kpi_code <> ? "
        "order by kpi_code",
        [MOIS, MAR, KPI],
    ).fetchall()
    assert rows, "the fixture's March file reports other KPIs too"
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["기관코드", "기준월", "지표코드", "실적값", "비고"])
    for code, value, note in rows:
        w.writerow([MOIS, "2026-03", code, format(Decimal(repr(value)), "f"), note or ""])  # exact, no exponent
    return out.getvalue().encode("utf-8")


def test_a_missing_month_makes_the_year_to_date_no_data_and_the_task_counts_three_of_four(
    store_copy: Settings,
) -> None:
    store = open_store(store_copy)
    try:
        with _snapshot(store) as con:
            reports = _reports(con)
            before = _kpi(con, KPI, OCT, "ytd")
            content = _march_without_the_kpi(con)
        # before: the whole year is there, Σ of the ten monthly reports
        assert before["value"] == pytest.approx(sum(reports[date(2026, m, 1)] for m in range(1, 11)))
        assert before["achievement"] is not None

        outcome = submit(
            store, content, filename="march-again.csv", dataset="kpi_progress", agency_code=MOIS, period=MAR,
            actor=ADMIN, now=NOW,
        )  # fmt: skip
        assert outcome.accepted, outcome
        build(store, built_at=BUILT_AT)

        with _snapshot(store) as con:
            assert MAR not in _reports(con)
            ytd = _kpi(con, KPI, OCT, "ytd")
            # March is missing from January … October: 미제출, no figure (before, nine months would have been
            # compared with a ten-month target)
            assert ytd["value"] is None and ytd["achievement"] is None and ytd["status"] == "no_data"
            assert (ytd["agencies_reported"], ytd["agencies_expected"]) == (0, 1)
            # February's year to date does not hold March: January + February, as before
            feb = _kpi(con, KPI, FEB, "ytd")
            assert feb["value"] == pytest.approx(reports[JAN] + reports[FEB]) and feb["status"] != "no_data"
            # October's quarter (October alone … October) and month do not hold March either
            assert _kpi(con, KPI, OCT, "quarter")["value"] == pytest.approx(reports[OCT])
            assert _kpi(con, KPI, OCT, "month")["value"] == pytest.approx(reports[OCT])
            # the first quarter holds March: 미제출 too
            assert _kpi(con, KPI, MAR, "quarter")["status"] == "no_data"

            # the task: its three other KPIs, each capped at 120, weights 1 (catalog) → their plain mean
            others = [_kpi(con, f"S3-T3-K{k}", OCT, "ytd")["achievement"] for k in (1, 2, 3)]
            assert all(a is not None for a in others)
            expected = sum(min(a, 120.0) for a in others) / 3
            task = _task(con, OCT, "ytd")
            assert (task["children_counted"], task["children_total"]) == (3, 4)
            assert task["achievement"] == pytest.approx(expected)
            # October's quarter still counts all four
            assert _task(con, OCT, "quarter")["children_counted"] == 4
    finally:
        store.engine.dispose()
