"""Published warehouse snapshots: where the current one is, and how readers open it.

A build writes a new DuckDB file and then replaces the pointer file CURRENT atomically. Readers read the
pointer, open the file it names read-only, and reopen when the pointer changes; an old file that a reader
still holds stays readable until it is closed, even after it is pruned.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

# No runtime downloads: extensions are never fetched (the machine is offline and builds must be pure).
OFFLINE_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
POINTER = "CURRENT"


class NoSnapshot(LookupError):
    """Nothing has been published yet."""


class SnapshotMissing(NoSnapshot):
    """CURRENT names a file that is not there (deleted by hand, or a store restored in part)."""


def pointer_path(snapshot_dir: Path) -> Path:
    return snapshot_dir / POINTER


def current_snapshot(snapshot_dir: Path) -> Path:
    pointer = pointer_path(snapshot_dir)
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise NoSnapshot(
            f"아직 게시된 스냅샷이 없습니다. 'govdash build'(또는 데모는 'govdash demo')를 먼저 실행하십시오 "
            f"(no snapshot published in {snapshot_dir} yet: run 'govdash build', or 'govdash demo')"
        ) from None
    path = snapshot_dir / name
    if not name or not path.is_file():
        raise SnapshotMissing(
            f"게시 포인터 {pointer}가 가리키는 스냅샷 파일 '{name}'이(가) 없습니다. 'govdash build'로 다시 "
            f"빌드하십시오 ({pointer} names '{name}', which does not exist: run 'govdash build')"
        )
    return path


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True, config=dict(OFFLINE_CONFIG))
