"""The benchmark's peers compute what they claim: the hand-written DuckDB floor query and the pandas version
give the same complaint statistics as mart_complaint_stats on the fixture store (every column they compute),
and the comparison catches a wrong figure."""

from __future__ import annotations

import pytest

from bench.child import _compare, _norm
from bench.data import active_complaint_parquet
from bench.floor import complaint_marts as floor_marts
from bench.floor import read_csv
from bench.pandas_marts import complaint_marts as pandas_marts
from bench.stats import percentile
from metrics.settings import Settings


def test_floor_query_equals_the_mart(fixture_store: Settings) -> None:
    rows = [_norm(r) for r in floor_marts(active_complaint_parquet(fixture_store))]
    check = _compare(rows, fixture_store.snapshot_dir)
    assert check["rows"] > 100 and check["same_as_mart"], check


def test_pandas_version_equals_the_mart(fixture_store: Settings) -> None:
    frame = pandas_marts(active_complaint_parquet(fixture_store))
    check = _compare([_norm(r) for r in frame.itertuples(index=False, name=None)], fixture_store.snapshot_dir)
    assert check["rows"] > 100 and check["same_as_mart"], check


def test_the_comparison_catches_one_wrong_count(fixture_store: Settings) -> None:
    rows = [_norm(r) for r in floor_marts(active_complaint_parquet(fixture_store))]
    agency, period, ctype, received, *rest = rows[0]
    rows[0] = (agency, period, ctype, received + 1, *rest)
    assert _compare(rows, fixture_store.snapshot_dir)["differing_rows"] == 1


def test_read_csv_floor_counts_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "c.csv"
    path.write_bytes("\ufeff민원번호,기관코드\r\nA-1,1741000\r\nA-2,1741000\r\n".encode())
    assert read_csv(path) == 2


def test_percentile_interpolates_like_the_usual_definition() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([10.0] * 3 + [100.0], 0.95) == pytest.approx(86.5)
