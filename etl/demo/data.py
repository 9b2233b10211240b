"""Demo submissions: the files agencies would upload, month by month, for a believable dashboard.

`generate` yields one `DemoFile` at a time (the exact bytes an agency uploads and when it uploaded them), so the
national volume (`scale=1.0`, about 1.2 million complaints a month) streams without being held in memory.

Everything is a pure function of the arguments: every random draw comes from a generator seeded by the seed and
a stable key (zlib.crc32 of "dataset:agency:month" and the like, never Python's salted `hash()`), so the same
arguments give byte-identical files, and one agency's files do not change when other agencies are filtered out.

What scales with `scale`: complaint rows (except 찾아가는민원, always at the national volume) and meeting rows
(meetings keep a floor of a few per file). Participation counts, rewards and kpi_progress are facts of the
programme (a payout round, a reported rate) and do not.
The formats vary the way real submissions do (see FORMAT in datasets.md): UTF-8 with BOM, CP949, plain UTF-8
with English headers, XLSX; several date and month spellings; thousands separators; CRLF or LF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime

import polars as pl

from etl.demo.base import (
    DemoFile,
    Table,
    _Context,
    _months,
    _Planned,
    _rng,
)
from etl.demo.kpis import _kpi_progress
from etl.demo.plan import _context, _plan
from etl.demo.tables import _complaints, _meetings, _participation, _rewards
from etl.demo.write import _csv_bytes, _filename, _xlsx_bytes
from etl.ingest.contracts import DATASETS
from metrics.catalog import Catalog

BUILDERS: dict[str, Callable[..., Table]] = {
    "complaints": _complaints,
    "participation": _participation,
    "meetings": _meetings,
    "rewards": _rewards,
    "kpi_progress": _kpi_progress,
}


def _render(ctx: _Context, planned: _Planned) -> DemoFile:
    dataset, agency, month = DATASETS[planned.dataset], planned.agency, planned.period
    rng = _rng(ctx.seed, planned.dataset, agency.code, month)
    table = BUILDERS[planned.dataset](ctx, agency, month, planned.submitted_at, rng)
    write = _xlsx_bytes if agency.style.xlsx else _csv_bytes
    return DemoFile(
        dataset=planned.dataset,
        agency_code=agency.code,
        period=month,
        filename=_filename(dataset, agency, month),
        content=write(ctx, dataset, agency, table),
        submitted_at=planned.submitted_at,
        rows=len(table["agency_code"]),
    )


# ---------------------------------------------------------------------------------------------------- API


def _setup(catalog, agencies, holidays, seed, scale, first_month, last_month, today) -> tuple[_Context, list[date]]:
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    months = _months(first_month, min(last_month, today.date().replace(day=1)))
    if not months:
        raise ValueError(f"no month between {first_month} and {last_month} before {today:%Y-%m-%d}")
    return _context(catalog, agencies, holidays, seed, scale, today, months), months


def generate(
    catalog: Catalog,
    agencies: pl.DataFrame,
    *,
    scale: float = 0.01,
    seed: int = 20251202,
    first_month: date = date(2025, 1, 1),
    last_month: date = date(2026, 10, 1),
    agency_codes: list[str] | None = None,
    today: datetime = datetime(2026, 11, 25, 10, 0),
    holidays: Iterable[date] | None = None,
    national_outreach: bool = True,
) -> Iterator[DemoFile]:
    """Every file the agencies uploaded by `today`, one at a time in upload order.

    `agencies` is the reference frame (metrics.reference.load_agencies); `agency_codes` limits the output to
    some agencies without changing their files; `holidays` defaults to the reference holidays;
    `national_outreach=False` samples 찾아가는민원 rows at `scale` like the others (small test stores).
    """
    ctx, months = _setup(catalog, agencies, holidays, seed, scale, first_month, last_month, today)
    ctx.national_outreach = national_outreach
    for planned in _plan(ctx, months, agency_codes):
        yield _render(ctx, planned)


def count_files(
    catalog: Catalog,
    agencies: pl.DataFrame,
    *,
    scale: float = 0.01,
    seed: int = 20251202,
    first_month: date = date(2025, 1, 1),
    last_month: date = date(2026, 10, 1),
    agency_codes: list[str] | None = None,
    today: datetime = datetime(2026, 11, 25, 10, 0),
    holidays: Iterable[date] | None = None,
    national_outreach: bool = True,
) -> int:
    """How many files `generate` yields for the same arguments, without making them (for a progress bar)."""
    ctx, months = _setup(catalog, agencies, holidays, seed, scale, first_month, last_month, today)
    return sum(1 for _ in _plan(ctx, months, agency_codes))
