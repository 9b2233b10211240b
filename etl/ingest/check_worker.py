"""A submitted file read and validated in a child process, bounded in memory and time.

Reading a file is the one step whose cost the sender chooses. The ZIP check and the row, column and cell
bounds (etl.ingest.zip_guard, etl.ingest.limits) refuse every bomb we know of; this process is the bound for the ones we
do not: its address space is limited (RLIMIT_AS, GOVDASH_WORKER_MEMORY_MB), it is killed when it runs longer
than GOVDASH_WORKER_SECONDS or when the caller says the person waiting has gone (the upload page asks
whether the browser session still exists), and the server that started it neither grows nor stalls
meanwhile: the parent only waits on a pipe, which lets go of the interpreter lock, and other viewers'
pages go on being served.

A fresh interpreter (not a fork: the dashboard's threads and polars' thread pool do not survive a fork)
costs about a second to start; the demo, whose files our own code writes, validates in its own process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import pickle
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etl.ingest import limits
from etl.ingest.check_rules import ValidationContext
from etl.ingest.problems import Problem, ValidationResult, error
from etl.ingest.validate import validate

POLL_SECONDS = 0.25
NO_SPACE_EXIT = 75  # the child could not write its answer: the disk is full (ingest says so, as for the archive)


class Cancelled(Exception):
    """The caller went away while its file was checked; the worker was stopped and nothing recorded."""


@dataclass(frozen=True)
class Checked:
    result: ValidationResult
    peak_mb: float | None  # the worker's peak resident memory (VmHWM), when it finished on its own


def validate_in_worker(
    content: bytes,
    filename: str,
    dataset: str,
    agency_code: str,
    period: dt.date,
    context: ValidationContext,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> Checked:
    """etl.ingest.validate.validate in a child process under the memory and time bounds; a bound reached is a
    file-level error in the result (the file is refused, as any file that breaks a rule)."""
    memory_mb = limits.limit(limits.WORKER_MEMORY_ENV)
    seconds = limits.limit(limits.WORKER_SECONDS_ENV)
    payload = pickle.dumps((memory_mb, content, filename, dataset, agency_code, period, context), protocol=5)
    # Two polars threads, as the machine's other work expects; the child's own output never mixes with ours.
    env = {**os.environ, "POLARS_MAX_THREADS": os.environ.get("POLARS_MAX_THREADS", "2")}
    # The answer goes to unnamed files, so the child never waits for us to read a pipe; the file goes in
    # through a pipe written by a thread of ours, which ends (broken pipe) if the child is stopped.
    with tempfile.TemporaryFile() as answer, tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "etl.ingest.check_worker"],
            stdin=subprocess.PIPE,
            stdout=answer,
            stderr=errors,
            env=env,
        )
        feeding = threading.Thread(target=_feed, args=(child, payload), name="worker-feed", daemon=True)
        feeding.start()
        finished = _wait(child, time.monotonic() + seconds, cancelled)
        feeding.join()
        if not finished:
            return Checked(ValidationResult(None, [_too_slow(seconds)], 0), None)
        answer.seek(0)
        out = answer.read()
        errors.seek(0)
        err = errors.read()
    try:
        status, result, peak_mb = pickle.loads(out)  # noqa: S301 (our own child's answer)
    except Exception:  # the child died before answering: killed at its memory bound, as a rule
        status, result, peak_mb = "died", None, None
    if child.returncode == NO_SPACE_EXIT:
        raise OSError(errno.ENOSPC, "no space left for the validation worker's answer")
    if status == "ok":
        return Checked(result, peak_mb)
    if status == "memory" or child.returncode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV):
        return Checked(ValidationResult(None, [_too_big(memory_mb)], 0), peak_mb)
    raise RuntimeError(f"validation worker failed (exit {child.returncode}): {err.decode(errors='replace')[-2000:]}")


def _feed(child: subprocess.Popen[bytes], payload: bytes) -> None:
    assert child.stdin is not None
    try:
        child.stdin.write(payload)
    except (BrokenPipeError, ValueError):  # the child was stopped (or died) before reading it all
        pass
    finally:
        with contextlib.suppress(BrokenPipeError):
            child.stdin.close()


def _wait(child: subprocess.Popen[bytes], deadline: float, cancelled: Callable[[], bool] | None) -> bool:
    """True once the child has ended; False when the deadline passed first (the child is killed);
    Cancelled (after killing it) when the caller has gone."""
    while True:
        try:
            child.wait(timeout=POLL_SECONDS)
            return True
        except subprocess.TimeoutExpired:
            pass
        if cancelled is not None and cancelled():
            _stop(child)
            raise Cancelled("the session that sent the file has ended")
        if time.monotonic() > deadline:
            _stop(child)
            return False


def _stop(child: subprocess.Popen[bytes]) -> None:
    child.kill()
    child.wait()


def _too_big(memory_mb: int) -> Problem:
    return error(
        "worker_memory",
        f"파일을 검사하는 데 메모리가 한도({memory_mb:,}MB)보다 많이 필요해 검사를 멈췄습니다. 빈 행·열과 서식을 "
        "지우고 'CSV UTF-8'로 저장하거나, 파일을 나누어 제출하세요.",
        f"Checking the file needed more memory than the limit ({memory_mb:,} MB, {limits.WORKER_MEMORY_ENV}), "
        "so it was stopped. Delete empty rows, columns and formatting and save it as 'CSV UTF-8', or split it.",
    )


def _too_slow(seconds: int) -> Problem:
    return error(
        "worker_time",
        f"파일 검사가 {seconds:,}초 안에 끝나지 않아 멈췄습니다. 빈 행·열과 서식을 지우고 'CSV UTF-8'로 저장해 "
        "다시 제출하세요.",
        f"Checking the file did not finish within {seconds:,} seconds ({limits.WORKER_SECONDS_ENV}), so it was "
        "stopped. Delete empty rows, columns and formatting, save it as 'CSV UTF-8' and submit it again.",
    )


def _peak_mb() -> float | None:
    found = re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text())
    return int(found.group(1)) / 1024 if found else None


def _write_all(fd: int, data: bytes) -> None:
    # os.write, not the buffered stream: a short write at a full disk must raise, not end in a cut answer.
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _main() -> None:
    payload = sys.stdin.buffer.read()
    memory_mb, content, filename, dataset, agency_code, period, context = pickle.loads(payload)  # noqa: S301
    del payload
    limit = memory_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result = validate(content, filename, dataset, agency_code, period, context)
        answer = pickle.dumps(("ok", result, _peak_mb()), protocol=5)
    except MemoryError:
        answer = pickle.dumps(("memory", None, _peak_mb()))
    except BaseException as exc:
        # polars panics (a BaseException) when the address-space bound refuses it a thread or a buffer.
        if type(exc).__name__ != "PanicException":
            raise
        answer = pickle.dumps(("memory", None, _peak_mb()))
    try:
        _write_all(sys.stdout.fileno(), answer)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            os._exit(NO_SPACE_EXIT)
        raise


if __name__ == "__main__":
    _main()
