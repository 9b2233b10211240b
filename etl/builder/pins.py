"""Snapshots that outlive pruning: the one an active period lock froze, and every one a report was exported from.

A build keeps the newest GOVDASH_KEEP_SNAPSHOTS snapshots and deletes older ones (etl/builder/publish.py `_prune`),
but two kinds must stay for good:

- a lock's snapshot (the ledger's `period_locks.snapshot_id` of an active lock): every build copies the
  locked month's figures from it (etl/builder/freeze.py); after an unlock it is pruned as any other;
- the snapshot of an exported report: the report can be exported again, identical, from it. The export
  writes a pin file beside the snapshot, `<snapshot_id>.exported`, one JSON line per export (when, month,
  scope, language, formats). A file beside the snapshot, not a ledger row, because an export needs nothing
  but the snapshot folder (`govdash export` reads no ledger), the pin then travels with the folder it
  protects (backup, copy, restore), and the prune that must honour it already lists that folder.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from etl.governance import period_locks as locks
from metrics import clock

EXPORTED = ".exported"
_ID = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{6}$")


def record_export(snapshot_dir: Path, snapshot_id: str, what: dict[str, object]) -> Path:
    """Pin the snapshot a report was exported from: append one line saying what was exported and when."""
    if not _ID.match(snapshot_id):  # the id names a file: never a path from elsewhere
        raise ValueError(f"스냅샷 ID가 올바르지 않습니다: {snapshot_id!r} (not a snapshot id: {snapshot_id!r})")
    pin = snapshot_dir / f"{snapshot_id}{EXPORTED}"
    line = json.dumps({"at": clock.now_kst().isoformat(timespec="seconds"), **what}, ensure_ascii=False)
    with open(pin, "a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())
    return pin


def exported(snapshot_dir: Path) -> set[str]:
    """Ids of the snapshots a report was exported from."""
    return {p.name.removesuffix(EXPORTED) for p in snapshot_dir.glob(f"*{EXPORTED}")}


def locked(store) -> set[str]:  # type: ignore[no-untyped-def]
    """Ids of the snapshots active locks froze."""
    return {x.snapshot_id for x in locks.list_locks(store) if x.unlocked_at is None and x.snapshot_id}


def pinned(store) -> set[str]:  # type: ignore[no-untyped-def]
    """Every snapshot a build must not prune."""
    return locked(store) | exported(store.settings.snapshot_dir)
