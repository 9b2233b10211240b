"""Kept snapshots: a past report is regenerated from the snapshot it was made from (its id is printed on
every page), as long as that snapshot is still kept (GOVDASH_KEEP_SNAPSHOTS)."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl

from etl.builder.currency import snapshot_of_other_sql
from metrics.snapshot import connect_readonly, current_snapshot
from metrics.warehouse import Warehouse
from reports.model import ReportError

_ID = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{6}$")


def kept_snapshots(snapshot_dir: Path) -> list[str]:
    """Snapshot ids in the store, newest first."""
    return sorted((p.stem for p in snapshot_dir.glob("*.duckdb") if _ID.match(p.stem)), reverse=True)


class KeptSnapshot(Warehouse):
    """A warehouse pinned to one snapshot file instead of following the CURRENT pointer."""

    def __init__(self, snapshot_dir: Path, snapshot_id: str) -> None:
        super().__init__(snapshot_dir)
        if not _ID.match(snapshot_id) or not (snapshot_dir / f"{snapshot_id}.duckdb").exists():
            kept = ", ".join(kept_snapshots(snapshot_dir)[:5]) or "—"
            raise ReportError(
                f"스냅샷 {snapshot_id}이(가) 보관되어 있지 않습니다. 보관된 스냅샷: {kept} "
                f"(snapshot {snapshot_id} is not kept; kept: {kept})"
            )
        self.pinned = snapshot_dir / f"{snapshot_id}.duckdb"

    def snapshot_path(self) -> Path:
        with self._lock:
            if self._path != self.pinned:
                self._con = connect_readonly(self.pinned)
                self._path = self.pinned
        return self.pinned

    def query(self, name: str, **params: object) -> pl.DataFrame:
        try:
            return super().query(name, **params)
        except (duckdb.CatalogException, duckdb.BinderException) as exc:
            if not snapshot_of_other_sql(self.pinned):
                raise  # this version's own snapshot: a fault to see, not an old file to explain
            raise _built_by_other_version(self.pinned.stem, exc) from exc


def _built_by_other_version(snapshot_id: str, exc: duckdb.Error) -> ReportError:
    """A kept snapshot made by an earlier version lacks a table or column this version's queries read: say so,
    and what to do, instead of DuckDB's message alone."""
    first = str(exc).splitlines()[0][:200]
    return ReportError(
        f"스냅샷 {snapshot_id}은(는) 이전 버전의 govdash가 만든 것이어서 이 버전이 읽는 표나 열이 없습니다 "
        f"({first}). 게시된 스냅샷에서 내보내거나, 그 스냅샷을 만든 버전의 govdash로 내보내십시오. "
        f"(snapshot {snapshot_id} was built by an earlier version of govdash and lacks a table or column this "
        "version reads; export from the published snapshot, or with the version that built it.)"
    )


def open_snapshot(snapshot_dir: Path, snapshot_id: str | None) -> Warehouse:
    """The published snapshot (None or its own id), or a kept one."""
    if snapshot_id is None or current_snapshot(snapshot_dir).stem == snapshot_id:
        return Warehouse(snapshot_dir)
    return KeptSnapshot(snapshot_dir, snapshot_id)
