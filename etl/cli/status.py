"""What `govdash status` reports: the published snapshot and what the ledger holds."""

from __future__ import annotations

from collections import Counter
from typing import Any

from etl import ledger
from etl.ingest.contracts import DATASETS
from etl.ledger.store import Store
from metrics.snapshot import NoSnapshot, SnapshotMissing, connect_readonly, current_snapshot


def store_status(store: Store) -> dict[str, Any]:
    with store.session() as session:
        rows = ledger.all_submissions(session)
    status: dict[str, Any] = {
        "home": str(store.settings.home),
        "ledger": _redact(store.settings.database_url),
        "submissions": dict(sorted(Counter(r.status for r in rows).items())),
        "snapshot": None,
        "snapshot_error": None,
        # Accepted in the ledger, not in what is published (a build that was killed, failed or not yet run):
        # their figures are not on the dashboard or in reports until the next build. None: no way to tell.
        "awaiting_build": None,
    }
    accepted = sorted(r.id for r in rows if r.status == "accepted" and r.id is not None)
    try:
        path = current_snapshot(store.settings.snapshot_dir)
    except SnapshotMissing as exc:
        status["snapshot_error"] = str(exc)
        return status
    except NoSnapshot:
        status["awaiting_build"] = _awaiting(accepted, set())
        return status
    con = connect_readonly(path)
    try:
        info = con.sql("select * from build_info").pl().row(0, named=True)
        counts = {d: con.sql(f"select count(*) from src_{d}").fetchall()[0][0] for d in DATASETS}  # noqa: S608
        published = {
            i for (i,) in con.sql("select submission_id from ref_submissions where status = 'accepted'").fetchall()
        }
    finally:
        con.close()
    status["snapshot"] = {
        "path": str(path),
        "build_id": info["build_id"],
        "built_at": info["built_at"].isoformat(),
        "as_of_period": info["as_of_period"].isoformat()[:7],
        "catalog_version": info["catalog_version"],
        "catalog_digest": info["catalog_digest"],
        # agencies + holidays as the build used them; a snapshot older than the digest has none
        "reference_digest": info.get("reference_digest"),
        "active_submissions": info["active_submissions"],
        "rows": counts,
    }
    status["awaiting_build"] = _awaiting(accepted, published)
    return status


def _awaiting(accepted: list[int], published: set[int]) -> dict[str, Any]:
    ids = [i for i in accepted if i not in published]
    return {"count": len(ids), "submission_ids": ids}


def _redact(url: str) -> str:
    """Never print a password that a database URL may carry."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
