"""A small but complete store for tests: 11 agencies (every single-agency KPI reporter, central and local, the
광주·전남 merger of 2026-07), 2025-01 … 2026-10, built through the real demo → ingest → build path.

`make_fixture_store(home)` fills an empty folder; the settings it returns point at it (and at a reference
folder inside it holding only those agencies). Tests that change a store copy it first (see conftest.py).
"""

from __future__ import annotations

import csv
import os
import shutil
from datetime import datetime
from pathlib import Path

from metrics.settings import PROJECT_ROOT, Settings

FIXTURE_AGENCIES = (
    "1741000",  # 행정안전부: reports most single-agency KPIs
    "1721000",  # 과학기술정보통신부
    "1352000",  # 보건복지부
    "1613000",  # 국토교통부
    "1140100",  # 국민권익위원회: the largest complaint volume
    "1360000",  # 기상청
    "6110000",  # 서울특별시
    "6260000",  # 부산광역시
    "6290000",  # 광주광역시 (until 2026-06-30)
    "6460000",  # 전라남도 (until 2026-06-30)
    "6560000",  # 전남광주통합특별시 (from 2026-07-01)
)
FIXTURE_SCALE = 0.002
FIXTURE_BUILT_AT = datetime(2026, 11, 25, 9, 0)


def fixture_env(home: Path) -> dict[str, str]:
    """Environment variables that point govdash (in this process or a child) at the fixture store."""
    return {
        "GOVDASH_HOME": str(home),
        "GOVDASH_REFERENCE_DIR": str(home / "reference"),
        "GOVDASH_DATABASE_URL": f"sqlite:///{home / 'ledger.sqlite'}",
        "GOVDASH_CATALOG_DIR": str(PROJECT_ROOT / "data" / "catalog"),
    }


def settings_for(home: Path) -> Settings:
    env = fixture_env(home)
    return Settings(
        home=home,
        database_url=env["GOVDASH_DATABASE_URL"],
        catalog_dir=Path(env["GOVDASH_CATALOG_DIR"]),
        reference_dir=Path(env["GOVDASH_REFERENCE_DIR"]),
        keep_snapshots=10,
    )


def write_reference(target: Path, agencies: tuple[str, ...] = FIXTURE_AGENCIES) -> None:
    source = PROJECT_ROOT / "data" / "reference"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "holidays.csv", target / "holidays.csv")
    with open(source / "agencies.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    keep = [rows[0]] + [r for r in rows[1:] if r[0] in agencies]
    with open(target / "agencies.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(keep)


def make_fixture_store(home: Path) -> Settings:
    from etl.builder.publish import build
    from etl.demo.run import run_demo
    from etl.ledger.store import open_store

    write_reference(home / "reference")
    settings = settings_for(home)
    store = open_store(settings)
    summary = run_demo(store, scale=FIXTURE_SCALE, workers=2, national_outreach=False)
    assert summary.rejected == 0, summary.first_problem
    build(store, built_at=FIXTURE_BUILT_AT)
    store.engine.dispose()
    return settings


def copy_store(source: Path, target: Path) -> Settings:
    """A private copy of a built store (the archive paths in the ledger are relative, so it stays valid)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("build.lock"))
    return settings_for(target)


if __name__ == "__main__":  # python -m tests.fixture_store DIR: build one by hand, e.g. to serve it
    import sys

    home = Path(sys.argv[1]).resolve()
    make_fixture_store(home)
    print("\n".join(f"export {k}={v}" for k, v in fixture_env(home).items()))
    os._exit(0)
