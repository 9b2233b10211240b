"""An N-year store for the growth measurement (`python -m bench.run --years N`): 2025-01 … (2025 + N − 1)-12.

Generating it through the demo's ingest costs about as much per file as the national store (the demo submits
some 7,300 files for 22 months; 36 months would be 12,000, an hour and more on 2 busy cores). So the N-year store
is made from the main store at the same scale: its accepted submissions, and for each month after its last, the
submissions of the same month one (or two, …) years earlier, every date and time in their rows moved by those
years (a whole number of years: the day of the month never changes; the source years have no 29 February).
Each copy is a submission of its own in the ledger (new month, submitted the same years later, its rows in a
Parquet file of its own in the archive) and the store is then built from scratch by
etl.builder.publish, as any store is.
The figures measured are those of the build, the re-submission and the pages; the later years repeat the
earlier ones' volumes and patterns, which is what growth means here.

Its own folder under the work folder, its clock pinned to the month after its last (GOVDASH_TODAY), and the
bench's copy of the reference folder with 2028's public holidays added (deadlines of late 2027 run into it).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import duckdb

from bench.data import env_for, environ, prepare_store, settings_for
from metrics.settings import PROJECT_ROOT, Settings
from metrics.snapshot import OFFLINE_CONFIG

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


def _month(period: str) -> date:
    return date(int(period[:4]), int(period[5:7]), 1)


def _plan(periods: list[str], last: date) -> dict[str, tuple[str, int]]:
    """Each month after the main store's last, up to `last`: (the source month, the shift in months), the
    source being the latest month a whole number of years earlier that the main store holds."""
    have = sorted({_month(p) for p in periods})
    plan, month = {}, date(have[-1].year + (have[-1].month == 12), have[-1].month % 12 + 1, 1)
    while month <= last:
        for years in range(1, 100):
            source = month.replace(year=month.year - years)
            if source in have:
                plan[month.strftime("%Y-%m")] = (source.strftime("%Y-%m"), 12 * years)
                break
        else:
            raise SystemExit(f"no month a whole number of years before {month:%Y-%m} in the main store")
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return plan


def _shift_parquet(source: Path, target: Path, months: int) -> None:
    """The Parquet file's rows with every DATE and TIMESTAMP column moved by `months` (a multiple of 12)."""
    con = duckdb.connect(config=dict(OFFLINE_CONFIG))
    try:
        columns = con.execute("describe select * from read_parquet($p)", {"p": str(source)}).fetchall()
        typed = [
            f'cast("{name}" + interval {months} month as {kind}) as "{name}"'
            if kind in ("DATE", "TIMESTAMP")
            else f'"{name}"'
            for name, kind, *_ in columns
        ]
        target.parent.mkdir(parents=True, exist_ok=True)
        sql = f"copy (select {', '.join(typed)} from read_parquet($p)) to '{target}' (format parquet)"  # noqa: S608
        con.execute(sql, {"p": str(source)})
    finally:
        con.close()


def _validity(reference: Path) -> dict[str, tuple[str, str]]:
    """Agency → (first month, last month) it exists in (YYYY-MM; open ends as '0000-00' and '9999-99')."""
    import csv

    with (reference / "agencies.csv").open(encoding="utf-8-sig", newline="") as f:
        return {
            row["agency_code"]: ((row["valid_from"] or "0000-00")[:7], (row["valid_to"] or "9999-99")[:7])
            for row in csv.DictReader(f)
        }


def _copy_ledger_rows(home: Path, plan: dict[str, tuple[str, int]], reference: Path) -> int:
    """A shifted copy of every accepted submission of each source month, for the agencies that exist in the
    target month (an agency merged away is not brought back; one created since has no earlier month to copy and
    misses those months); returns how many were added."""
    valid = _validity(reference)
    con = sqlite3.connect(home / "ledger.sqlite")
    archive = home / "archive"
    added = 0
    try:
        con.row_factory = sqlite3.Row
        for target, (source, months) in plan.items():
            rows = con.execute(
                "select * from submissions where status = 'accepted' and period = ? order by id", (source,)
            ).fetchall()
            for row in rows:
                first, last = valid.get(row["agency_code"], ("0000-00", "9999-99"))
                if not first <= target <= last:
                    continue
                values = dict(row)
                values.pop("id")
                for key in ("archive_path", "parquet_path", "report_path"):
                    if values[key]:
                        values[key] = _moved_path(values[key], source, target)
                        (archive / values[key]).parent.mkdir(parents=True, exist_ok=True)
                if values["parquet_path"]:
                    _shift_parquet(archive / row["parquet_path"], archive / values["parquet_path"], months)
                for key in ("archive_path", "report_path"):
                    if values[key] and not (archive / values[key]).exists():
                        os.link(archive / row[key], archive / values[key])  # the sender's bytes, unchanged
                values["period"] = target
                values["submitted_at"] = _later(values["submitted_at"], months // 12)
                values["supersedes_id"] = None
                names = ", ".join(values)
                marks = ", ".join("?" * len(values))
                con.execute(f"insert into submissions ({names}) values ({marks})", list(values.values()))  # noqa: S608
                added += 1
        con.commit()
    finally:
        con.close()
    return added


def _moved_path(path: str, source: str, target: str) -> str:
    parts = Path(path).parts
    return str(Path(parts[0], target, *parts[2:])) if len(parts) > 2 and parts[1] == source else f"{target}-{path}"


def _later(stamp: str, years: int) -> str:
    moment = datetime.fromisoformat(stamp)
    return str(moment.replace(year=moment.year + years))


def prepare_history(work: Path, scale: float, years: int, say) -> Settings:  # type: ignore[no-untyped-def]
    """The N-year store: reused when already made at this scale, else made from the main store and built."""
    settings = history_settings(work, years)
    marker = settings.home / "bench-scale.json"
    wanted = {"scale": scale, "years": years}
    if marker.exists() and json.loads(marker.read_text()) == wanted and (settings.home / "snapshots/CURRENT").exists():
        say(f"reusing the store in {settings.home} (scale {scale}, {years} years)")
        return settings
    main = prepare_store(work, scale, None, say)
    if settings.home.exists():
        shutil.rmtree(settings.home)
    last, _ = history_window(years)
    say(f"making a {years}-year store (2025-01 … {last:%Y-%m}) from {main.home} (not timed)")
    settings.home.mkdir(parents=True)
    source = sqlite3.connect(main.home / "ledger.sqlite")
    target = sqlite3.connect(settings.home / "ledger.sqlite")
    try:
        source.backup(target)  # a consistent copy, WAL included
    finally:
        source.close()
        target.close()
    shutil.copytree(main.archive_dir, settings.archive_dir, copy_function=os.link)  # links: nothing rewritten
    con = sqlite3.connect(settings.home / "ledger.sqlite")
    try:
        periods = [p for (p,) in con.execute("select distinct period from submissions where status = 'accepted'")]
    finally:
        con.close()
    plan = _plan(periods, last)
    added = _copy_ledger_rows(settings.home, plan, settings.reference_dir)
    say(f"  {added:,} submissions copied into {len(plan)} later months; building…")
    with environ(history_env(settings, years)):
        from etl.builder.publish import build
        from etl.ledger.store import open_store

        store = open_store(settings)
        build(store, full=True)
        store.engine.dispose()
    marker.write_text(json.dumps(wanted))
    return settings
