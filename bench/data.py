"""The benchmark's data: a generated demo store at the chosen scale, and the CSV files it submits.

Everything lives in the work folder (default bench/out/, git-ignored). A store already generated at the same
scale is reused, so a second run measures without generating again.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from metrics.settings import PROJECT_ROOT, Settings

NATIONAL_INGEST_ROWS = 1_000_000  # the 1,000,000-row complaints file at scale 1.0
NATIONAL_RESUBMISSION_ROWS = 300_000  # the large agency-month re-submitted, at scale 1.0


def settings_for(home: Path) -> Settings:
    return Settings(
        home=home,
        database_url=f"sqlite:///{home / 'ledger.sqlite'}",
        catalog_dir=PROJECT_ROOT / "data" / "catalog",
        reference_dir=PROJECT_ROOT / "data" / "reference",
        keep_snapshots=3,
    )


def env_for(settings: Settings) -> dict[str, str]:
    return {
        "GOVDASH_HOME": str(settings.home),
        "GOVDASH_DATABASE_URL": settings.database_url,
        "GOVDASH_CATALOG_DIR": str(settings.catalog_dir),
        "GOVDASH_REFERENCE_DIR": str(settings.reference_dir),
        "GOVDASH_KEEP_SNAPSHOTS": str(settings.keep_snapshots),
    }


@contextmanager
def environ(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """This process's environment with `env` set until the block ends, then as it was."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield env
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def prepare_store(work: Path, scale: float, from_store: Path | None, say) -> Settings:  # type: ignore[no-untyped-def]
    """A built store at `scale`: reused if already there, copied from `from_store`, or generated. It holds the
    demo's history (2025-01 … 2026-10, the national store of the figures); a store of N whole years is
    bench/history.py's prepare_history, made from this one."""
    home = work / "store"
    marker = home / "bench-scale.json"
    if marker.exists() and json.loads(marker.read_text())["scale"] == scale and (home / "snapshots/CURRENT").exists():
        say(f"reusing the store in {home} (scale {scale})")
        return settings_for(home)
    if home.exists():
        shutil.rmtree(home)
    if from_store is not None:
        say(f"copying {from_store} (said to be scale {scale})")
        shutil.copytree(from_store, home, ignore=shutil.ignore_patterns("build.lock"))
    else:
        from etl.builder.publish import build
        from etl.demo.run import run_demo
        from etl.ledger.store import open_store

        say(f"generating the demo store at scale {scale} (not timed; may take long)")
        settings = settings_for(home)
        store = open_store(settings)
        summary = run_demo(store, scale=scale, workers=2)
        if summary.rejected:
            raise SystemExit(f"a demo file was rejected: {summary.first_problem}")
        build(store)
        store.engine.dispose()
    marker.write_text(json.dumps({"scale": scale}))
    return settings_for(home)


@dataclass(frozen=True)
class Slot:
    agency_code: str
    period: str
    rows: int
    original: Path

    def resubmission(self, rows: int, **more: Any) -> dict[str, Any]:
        """The arguments of a re-submission of this file with `rows` rows (bench/child.py's resubmit task)."""
        return {
            "agency": self.agency_code,
            "period": self.period,
            "rows": self.rows,
            "original": str(self.original),
            "resubmission_rows": rows,
            **more,
        }


def largest_complaints_file(settings: Settings) -> Slot:
    """The active complaints CSV with the most rows: the agency-month that a re-submission replaces."""
    import sqlite3

    con = sqlite3.connect(settings.home / "ledger.sqlite")
    try:
        agency, period, rows, path = con.execute(
            "select agency_code, period, row_count, archive_path from submissions "
            "where dataset = 'complaints' and status = 'accepted' and lower(archive_path) like '%.csv' "
            "order by row_count desc, id limit 1"
        ).fetchone()
    finally:
        con.close()
    return Slot(agency, period, rows, settings.archive_dir / path)


def active_complaint_parquet(settings: Settings) -> list[str]:
    import sqlite3

    con = sqlite3.connect(settings.home / "ledger.sqlite")
    try:
        rows = con.execute(
            "select parquet_path from submissions where dataset = 'complaints' and status = 'accepted' "
            "and row_count > 0 order by id"
        ).fetchall()
    finally:
        con.close()
    return [str(settings.archive_dir / p) for (p,) in rows]


def _lines(original: Path) -> tuple[str, list[str]]:
    raw = original.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp949")
    lines = text.splitlines()
    return lines[0], [line for line in lines[1:] if line]


def _tiled(body: list[str], rows: int) -> list[str]:
    """`rows` data lines: the body, then again with new complaint numbers (-1, -2, …) until there are enough."""
    out: list[str] = []
    copy = 0
    while len(out) < rows:
        for line in body:
            complaint_id, rest = line.split(",", 1)
            out.append(f"{complaint_id}-{copy}," + rest if copy else line)
            if len(out) == rows:
                break
        copy += 1
    return out


def write_ingest_files(work: Path, slot: Slot, rows: int) -> tuple[Path, Path]:
    """A complaints file of `rows` rows for the slot (the largest file's rows repeated with new complaint
    numbers), in UTF-8 with a BOM (as agencies save it) and in CP949."""
    utf8, cp949 = work / f"complaints-{rows}-utf8.csv", work / f"complaints-{rows}-cp949.csv"
    if utf8.exists() and cp949.exists():
        return utf8, cp949
    header, body = _lines(slot.original)
    text = "\r\n".join([header, *_tiled(body, rows)]) + "\r\n"
    utf8.write_bytes(text.encode("utf-8-sig"))
    cp949.write_bytes(text.encode("cp949"))
    return utf8, cp949


def reordered(slot: Slot, repetition: int, rows: int | None = None) -> bytes:
    """A corrected file for the slot: its rows, repeated with new complaint numbers up to `rows` when the
    national re-submission is larger than the store's largest file, with one row moved to the end, so that
    every repetition sends new bytes (the first replaces the slot's figures, the later ones keep them)."""
    header, body = _lines(slot.original)
    body = _tiled(body, max(rows or 0, len(body)))
    i = repetition % len(body)
    body = body[:i] + body[i + 1 :] + [body[i]]
    return ("\r\n".join([header, *body]) + "\r\n").encode("utf-8-sig")


def context(settings, slot) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from metrics.snapshot import connect_readonly, current_snapshot

    con = connect_readonly(current_snapshot(settings.snapshot_dir))
    try:
        as_of = con.sql("select as_of_period from build_info").fetchall()[0][0]
        kpi = con.sql("select min(kpi_code) from ref_kpis").fetchall()[0][0]
        task = con.sql("select min(task_code) from ref_tasks").fetchall()[0][0]
        sizes = {
            name: con.sql(f"select count(*) from {name}").fetchall()[0][0]  # noqa: S608 (fixed names)
            for name in ("src_complaints", "src_participation", "src_meetings", "src_rewards", "src_kpi_progress")
        }
        agencies = con.sql("select count(*) from ref_agencies").fetchall()[0][0]
    finally:
        con.close()
    return {
        "as_of": str(as_of),
        "kpi": kpi,
        "task": task,
        "agency": slot.agency_code,
        "sizes": sizes,
        "agencies": agencies,
    }
