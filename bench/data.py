"""The benchmark's data: a generated demo store at the chosen scale, and the CSV files it submits.

Everything lives in the work folder (default bench/out/, git-ignored). A store already generated at the same
scale is reused, so a second run measures without generating again.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

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


def prepare_store(work: Path, scale: float, from_store: Path | None, say, years: int = 1) -> Settings:  # type: ignore[no-untyped-def]
    """A built store at `scale`: reused if already there, copied from `from_store`, or generated.

    years=1 is the demo's history (2025-01 … 2026-10, the national store of the figures); years=N > 1 a store
    of N whole years from 2025-01 (its own folder, clock and reference copy: see history_settings)."""
    if years > 1:
        return _prepare_history(work, scale, years, say)
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
        from etl.build import build
        from etl.demo import run_demo
        from etl.store import open_store

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


# 2028's public holidays (관공서의 공휴일): a history ending in December 2027 has legal deadlines running into
# 2028, and a build refuses to publish a deadline in a year with no holiday recorded (calendar_gaps.sql).
# The bench's own copy of the reference folder gets them; data/reference is left as it is.
HOLIDAYS_2028 = (
    ("2028-01-01", "신정"),
    ("2028-01-26", "설날"),
    ("2028-01-27", "설날"),
    ("2028-01-28", "설날"),
    ("2028-03-01", "삼일절"),
    ("2028-05-02", "부처님오신날"),
    ("2028-05-05", "어린이날"),
    ("2028-06-06", "현충일"),
    ("2028-08-15", "광복절"),
    ("2028-10-02", "추석"),
    ("2028-10-03", "개천절"),
    ("2028-10-04", "추석"),
    ("2028-10-05", "대체공휴일(추석)"),
    ("2028-10-09", "한글날"),
    ("2028-12-25", "성탄절"),
)


def history_window(years: int) -> tuple[date, datetime]:
    """The last month of an N-year history from 2025-01 and its 'today' (the 25th of the month after, 10:00)."""
    last = date(2025 + years - 1, 12, 1)
    return last, datetime(last.year + 1, 1, 25, 10, 0)


def history_settings(work: Path, years: int) -> Settings:
    """An N-year store's settings: its own folder and reference copy (with 2028's holidays)."""
    home = work / f"store-{years}y"
    reference = work / f"reference-{years}y"
    if not (reference / "holidays.csv").exists():
        reference.mkdir(parents=True, exist_ok=True)
        for f in (PROJECT_ROOT / "data" / "reference").iterdir():
            if f.is_file():
                shutil.copyfile(f, reference / f.name)
        holidays = (reference / "holidays.csv").read_text(encoding="utf-8").rstrip("\n").splitlines()
        known = {line.split(",", 1)[0] for line in holidays}
        holidays += [f"{d},{name}" for d, name in HOLIDAYS_2028 if d not in known]
        (reference / "holidays.csv").write_text("\n".join(holidays) + "\n", encoding="utf-8")
    return replace(settings_for(home), reference_dir=reference)


def history_env(settings: Settings, years: int) -> dict[str, str]:
    """env_for, with the clock pinned to the history's 'today' (the ledger and the build speak of 2028)."""
    _, today = history_window(years)
    return {**env_for(settings), "GOVDASH_TODAY": today.strftime("%Y-%m-%dT%H:%M")}


def _prepare_history(work: Path, scale: float, years: int, say) -> Settings:  # type: ignore[no-untyped-def]
    import os

    settings = history_settings(work, years)
    marker = settings.home / "bench-scale.json"
    wanted = {"scale": scale, "years": years}
    if marker.exists() and json.loads(marker.read_text()) == wanted and (settings.home / "snapshots/CURRENT").exists():
        say(f"reusing the store in {settings.home} (scale {scale}, {years} years)")
        return settings
    if settings.home.exists():
        shutil.rmtree(settings.home)
    from etl.build import build
    from etl.demo import run_demo
    from etl.store import open_store

    last, today = history_window(years)
    say(f"generating a {years}-year store (2025-01 … {last:%Y-%m}) at scale {scale} (not timed; may take long)")
    saved = {k: os.environ.get(k) for k in history_env(settings, years)}
    os.environ.update(history_env(settings, years))  # the spawned demo workers inherit the clock and folders
    try:
        store = open_store(settings)
        summary = run_demo(store, scale=scale, workers=2, last_month=last, today=today)
        if summary.rejected:
            raise SystemExit(f"a demo file was rejected: {summary.first_problem}")
        build(store)
        store.engine.dispose()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    marker.write_text(json.dumps(wanted))
    return settings


@dataclass(frozen=True)
class Slot:
    agency_code: str
    period: str
    rows: int
    original: Path


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
