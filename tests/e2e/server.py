"""Start a real dashboard server (`govdash serve`) on a store, for browser tests.

Each test module may serve its own store copy: `with serve(settings) as served: ...`. The server runs in its
own process group so that stopping it also stops the Streamlit child that `govdash serve` starts.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from metrics.settings import PROJECT_ROOT, Settings
from tests.fixture_store import fixture_env

STARTUP_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Served:
    """A running dashboard: where it answers and which store it reads."""

    base_url: str
    settings: Settings
    log_path: Path

    def url(self, page: str = "", **params: str) -> str:
        """The address of a page (its url_path, '' for the default page) with query parameters."""
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.base_url}/{page}{query}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(settings: Settings, store_env: dict[str, str] | None = None) -> dict[str, str]:
    """The server's environment: this one, pointed at the store (the fixture store's layout unless
    `store_env` says otherwise)."""
    env = dict(os.environ)
    env.update(store_env if store_env is not None else fixture_env(settings.home))
    env.update(
        {
            # Tests never edit the app while it runs: watching files only costs CPU on a shared machine.
            "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            "PYTHONPATH": str(PROJECT_ROOT),
        }
    )
    return env


def wait_healthy(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    """Poll /_stcore/health until the server answers 'ok' (or fail with the server's log)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dashboard server exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)  # polling interval while the server starts, not a wait for the page
    raise TimeoutError(f"dashboard server not healthy after {STARTUP_TIMEOUT_S}s:\n{log_path.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


@contextmanager
def serve(
    settings: Settings, log_path: Path | None = None, store_env: dict[str, str] | None = None
) -> Iterator[Served]:
    """Run `govdash serve` on the store of `settings` at a free local port until the block ends.
    `store_env` (GOVDASH_* variables) for a store not laid out as the fixture store (bench/render.py)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = log_path or settings.home.parent / f"serve-{port}.log"
    cmd = [sys.executable, "-m", "etl.cli.main", "serve", "--port", str(port), "--address", "127.0.0.1"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            cmd,
            cwd=PROJECT_ROOT,
            env=server_env(settings, store_env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends streamlit too
        )
    try:
        wait_healthy(base_url, process, log_path)
        yield Served(base_url=base_url, settings=settings, log_path=log_path)
    finally:
        stop(process)


def settled(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished the current run: its 'running' indicator gone and no element still
    drawn as a loading placeholder."""
    from playwright.sync_api import expect

    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def expect_no_dialog(page) -> None:  # type: ignore[no-untyped-def]
    """Once the run has settled: no dialog, such as Streamlit's "page not found" for an unknown address."""
    from playwright.sync_api import expect

    settled(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)


def expect_filters(page, month: str, view: str) -> None:  # type: ignore[no-untyped-def]
    """The sidebar shows this month and view chosen (as a link's filters set them)."""
    from playwright.sync_api import expect

    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("combobox", name="기준월")).to_have_value(month)
    expect(sidebar.get_by_role("radio", name=view)).to_be_checked()
