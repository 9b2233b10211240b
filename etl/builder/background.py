"""A build started from the dashboard, run in its own process so no user waits on it.

`start(settings)` launches `python -m etl.builder.background JOB` detached from the web server and returns at once;
the child runs the ordinary build (serialised with every other build by the store's flock) and writes its
progress to a small JSON file in the store, replaced atomically at each step, which any session can read
with `status(settings, job)`. A child killed midway leaves its file at the last step it reached, with a
pid that no longer runs: `status` reports that as failed.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from etl.ledger.archive import write_atomic
from metrics.settings import PROJECT_ROOT, Settings, get_settings

RUNNING, DONE, FAILED = "running", "done", "failed"


@dataclass(frozen=True)
class RebuildStatus:
    state: str  # running | done | failed
    step: str
    done: int
    total: int
    build_id: str | None = None
    error: str | None = None

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def _jobs(settings: Settings) -> Path:
    return settings.home / "rebuilds"


def _write(path: Path, **fields: object) -> None:
    write_atomic(path, json.dumps(fields, ensure_ascii=False).encode("utf-8"))


def start(settings: Settings) -> str:
    """Start a build in the background; returns the job id to ask `status` about."""
    job = f"{os.getpid()}-{secrets.token_hex(4)}"
    path = _jobs(settings) / f"{job}.json"
    _write(path, state=RUNNING, step="queued", done=0, total=4, pid=None)
    env = {**os.environ, "GOVDASH_HOME": str(settings.home), "GOVDASH_DATABASE_URL": settings.database_url}
    env.update({"GOVDASH_CATALOG_DIR": str(settings.catalog_dir), "GOVDASH_REFERENCE_DIR": str(settings.reference_dir)})
    subprocess.Popen(  # noqa: S603 (our own module, fixed arguments)
        [sys.executable, "-m", "etl.builder.background", job],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not a child of the web server's process group: it outlives a restart
    )
    return job


def status(settings: Settings, job: str) -> RebuildStatus:
    try:
        data = json.loads((_jobs(settings) / f"{job}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return RebuildStatus(FAILED, "unknown", 0, 4, error="no such build job")
    if data["state"] == RUNNING and data.get("pid") and not _alive(int(data["pid"])):
        data.update(state=FAILED, error="the build process ended without finishing")
    return RebuildStatus(
        data["state"], data["step"], data["done"], data["total"], data.get("build_id"), data.get("error")
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A finished child not yet reaped by its parent is a zombie: treat it as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except OSError:
        return True


def run(job: str) -> int:
    from etl.builder.publish import build
    from etl.ledger.store import open_store

    settings = get_settings()
    path = _jobs(settings) / f"{job}.json"
    pid = os.getpid()

    def report(step: str, done: int, total: int) -> None:
        _write(path, state=RUNNING, step=step, done=done, total=total, pid=pid)

    report("waiting", 0, 4)  # until the store's build lock is free
    try:
        result = build(open_store(settings), progress=report)
    except Exception as exc:  # the page shows it; the published snapshot is untouched
        _write(path, state=FAILED, step="failed", done=0, total=4, pid=pid, error=str(exc))
        return 1
    _write(path, state=DONE, step="done", done=4, total=4, pid=pid, build_id=result.build_id)
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1]))
