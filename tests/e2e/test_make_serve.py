"""`make run PORT=… ADDRESS=…`: the Makefile passes the port and the address to the server, so a meeting room
can be served on the address the README names. Run here as `make serve` (run = demo + serve) on a copy of the
fixture store, at a second loopback address: the server answers there and not on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from metrics.settings import PROJECT_ROOT, Settings
from tests.e2e.server import free_port, server_env, stop, wait_healthy
from tests.fixture_store import copy_store

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def test_make_serve_listens_on_the_port_and_address_it_is_given(fixture_store: Settings, tmp_path: Path) -> None:
    settings = copy_store(fixture_store.home, tmp_path / "store")
    port, address = free_port(), "127.0.0.2"
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}", f"ADDRESS={address}"],
            cwd=PROJECT_ROOT,
            env=server_env(settings),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_healthy(f"http://{address}:{port}", process, log_path)
        with urllib.request.urlopen(f"http://{address}:{port}/", timeout=10) as response:
            assert response.status == 200
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5)
    finally:
        stop(process)
