"""Warm the query cache of a newly published snapshot with the views people opened on the previous one.

Answers are cached per snapshot (context._cached), so after every publish the first person to open each view
waits for its queries — at the national volume a third of a second for a complaint breakdown over a year to date.
A watcher thread per dashboard process notices a new snapshot within `interval` seconds and replays the
queries of the most recently opened views, newest first, before the council's members come back to them.
It replays only what was asked (no list of pages to keep in step with them), in this process only (each
replica warms its own cache), one query at a time beside the viewers (a slow query delays nobody but it).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from metrics.snapshot import NoSnapshot
from metrics.warehouse import Warehouse

log = logging.getLogger(__name__)

Call = tuple[str, tuple[tuple[str, object], ...]]  # a query's name and its parameters, sorted


class RecentCalls:
    """The distinct query calls of the last views, the most recent last; thread-safe, bounded."""

    def __init__(self, limit: int = 300) -> None:
        self.limit = limit
        self._calls: OrderedDict[Call, None] = OrderedDict()
        self._lock = threading.Lock()

    def record(self, call: Call) -> None:
        with self._lock:
            self._calls[call] = None
            self._calls.move_to_end(call)
            while len(self._calls) > self.limit:
                self._calls.popitem(last=False)

    def newest_first(self) -> list[Call]:
        with self._lock:
            return list(reversed(self._calls))


class Warmer:
    """`check()` replays the recent calls through `fill(snapshot_id, name, params)` once per new snapshot."""

    def __init__(self, wh: Warehouse, recent: RecentCalls, fill: Callable[[str, str, Any], object]) -> None:
        self.wh = wh
        self.recent = recent
        self.fill = fill
        self.seen: str | None = None
        self._stop = threading.Event()

    def check(self) -> int:
        """Warm the published snapshot if it is new since the last check; the number of calls replayed. The
        first check only notes the snapshot: what is open now was cached by being viewed."""
        try:
            current = self.wh.snapshot_id
        except NoSnapshot:
            return 0
        previous, self.seen = self.seen, current
        if previous is None or previous == current:
            return 0
        return self.warm(current)

    def warm(self, snapshot_id: str) -> int:
        done = 0
        for name, params in self.recent.newest_first():
            if self.wh.snapshot_id != snapshot_id:
                break  # an even newer snapshot: the next check warms that one
            try:
                self.fill(snapshot_id, name, params)
                done += 1
            except Exception:  # a view of the old snapshot that the new one cannot answer: skip it
                log.warning("warming %s %s on %s failed", name, params, snapshot_id, exc_info=True)
        log.info("warmed %d recent queries on snapshot %s", done, snapshot_id)
        return done

    def start(self, interval: float) -> threading.Thread:
        """Check every `interval` seconds in a daemon thread, until stop()."""
        thread = threading.Thread(target=self._loop, args=(interval,), name="govdash-warmer", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()

    def _loop(self, interval: float) -> None:
        while not self._stop.wait(interval):  # a poll of one small file, not a wait for a result
            try:
                self.check()
            except Exception:  # never let the watcher die: the next publish is warmed again
                log.warning("snapshot watcher: check failed", exc_info=True)
