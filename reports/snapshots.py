"""Kept snapshots: a past report is regenerated from the snapshot it was made from (its id is printed on
every page), as long as that snapshot is still kept (GOVDASH_KEEP_SNAPSHOTS)."""

from __future__ import annotations

import re
from pathlib import Path

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


def open_snapshot(snapshot_dir: Path, snapshot_id: str | None) -> Warehouse:
    """The published snapshot (None or its own id), or a kept one."""
    if snapshot_id is None or current_snapshot(snapshot_dir).stem == snapshot_id:
        return Warehouse(snapshot_dir)
    return KeptSnapshot(snapshot_dir, snapshot_id)
