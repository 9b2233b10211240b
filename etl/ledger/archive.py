"""The archive: original bytes, normalised Parquet and validation reports, written so a crash never
leaves a half-written file under a final name (temporary name, fsync, rename, fsync of the folder).

Paths are content-addressed inside a folder per dataset, month and agency, so the same bytes are stored
once and a path in the ledger always means the same content.
"""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import polars as pl

FAULT_ENV = "GOVDASH_FAULT_AT"


def crash_point(name: str) -> None:
    """Die here, as by kill -9, when GOVDASH_FAULT_AT names this point (the fault tests set it).

    SIGKILL rather than an exception: no finally block, no atexit, no flush runs, exactly as when the
    machine loses power or the OOM killer strikes.
    """
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def slot_dir(dataset: str, period: str, agency_code: str) -> Path:
    return Path(dataset) / period / agency_code


# A temporary file older than this was left by a process that died: no ingest runs this long (the worker's
# time bound, GOVDASH_WORKER_SECONDS, is minutes), so a younger one may belong to an ingest in progress.
STALE_AFTER_SECONDS = 3600


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Remove the temporary files (".name.random.tmp") in `directory` older than STALE_AFTER_SECONDS;
    returns what was removed. Final names never start with a dot, so nothing recorded is touched."""
    if not directory.is_dir():
        return []
    # Ages by the file system's own clock (a file made now), not the calendar, which metrics.clock pins.
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".age-probe.", suffix=".tmp") as probe:
        now = os.stat(probe.name).st_mtime
    removed = []
    for path in directory.glob(".*.tmp"):
        try:
            if now - path.stat().st_mtime > STALE_AFTER_SECONDS:
                path.unlink()
                removed.append(path)
        except FileNotFoundError:  # another ingest removed it first
            continue
    return removed


def write_atomic(path: Path, data: bytes) -> None:
    put_in_place(write_temporary(path.parent, f".{path.name}.", data), path)


def write_temporary(directory: Path, prefix: str, data: bytes) -> Path:
    """`data` written and fsynced under a temporary name in `directory`: the first half of write_atomic,
    for bytes whose final name is not known yet."""
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def put_in_place(tmp: Path, path: Path) -> None:
    """A temporary file from write_temporary renamed to `path` (same folder), then the folder fsynced."""
    try:
        crash_point(f"archive_tmp:{path.suffix}")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_parquet_atomic(path: Path, frame: pl.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        frame.write_parquet(tmp, compression="zstd", statistics=True)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        crash_point("archive_tmp:.parquet")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
