"""One report per test run, built from the fixture store in every format, shared by the read-back tests; and
a connection to the same snapshot's marts to compare figures with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from metrics.settings import Settings
from metrics.snapshot import connect_readonly, current_snapshot
from metrics.warehouse import Warehouse
from reports.export import FORMATS, ExportResult, export
from reports.model import ReportOptions

MONTH = "2026-10"


@dataclass(frozen=True)
class Built:
    result: ExportResult
    out: Path

    def path(self, suffix: str) -> Path:
        return self.out / f"{self.result.report.options.slug}{suffix}"


@pytest.fixture(scope="session")
def marts(fixture_store: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect_readonly(current_snapshot(fixture_store.snapshot_dir))
    yield con
    con.close()


@pytest.fixture(scope="session")
def warehouse(fixture_store: Settings) -> Iterator[Warehouse]:
    wh = Warehouse(fixture_store.snapshot_dir)
    yield wh
    wh.close()


@pytest.fixture(scope="session")
def built(warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The national Korean month report in every format (charts rendered once, by kaleido)."""
    out = tmp_path_factory.mktemp("report")
    result = export(ReportOptions.parse(MONTH), list(FORMATS), out, warehouse=warehouse)
    return Built(result, out)
