"""Where things live. Resolved from the environment each time it is asked, never at import time.

GOVDASH_HOME          the runtime store (ledger, archive, snapshots); default ``data/store`` in the project.
GOVDASH_DATABASE_URL  the ledger, any SQLAlchemy URL; default a SQLite file in the store.
GOVDASH_CATALOG_DIR   the catalog; default ``data/catalog`` in the project.
GOVDASH_REFERENCE_DIR agencies and holidays; default ``data/reference`` in the project.
GOVDASH_KEEP_SNAPSHOTS how many published snapshots to keep (default 10).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    catalog_dir: Path
    reference_dir: Path
    keep_snapshots: int

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    @property
    def snapshot_dir(self) -> Path:
        return self.home / "snapshots"

    @property
    def lock_path(self) -> Path:
        return self.home / "build.lock"

    def ensure_dirs(self) -> None:
        for d in (self.home, self.archive_dir, self.snapshot_dir):
            d.mkdir(parents=True, exist_ok=True)


def get_settings() -> Settings:
    env = os.environ
    home = Path(env.get("GOVDASH_HOME") or PROJECT_ROOT / "data" / "store").resolve()
    return Settings(
        home=home,
        database_url=env.get("GOVDASH_DATABASE_URL") or f"sqlite:///{home / 'ledger.sqlite'}",
        catalog_dir=Path(env.get("GOVDASH_CATALOG_DIR") or PROJECT_ROOT / "data" / "catalog"),
        reference_dir=Path(env.get("GOVDASH_REFERENCE_DIR") or PROJECT_ROOT / "data" / "reference"),
        keep_snapshots=int(env.get("GOVDASH_KEEP_SNAPSHOTS") or 10),
    )
