"""`mkdocs serve` on a project copy, for tests and `make bench`: start it, and wait for a page to show a text."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def serving(project: Path) -> Iterator[str]:
    """Run `mkdocs serve` on a project copy (tests.conftest.copy_project: its own macros package, the shared PDF
    cache); yield its URL."""
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, "</html>", timeout=300)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(url: str, timeout: float = 10) -> bytes:
    """The body at a URL."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def wait_for(url: str, text: str, timeout: float) -> None:
    """Poll a page until it contains a text; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if text in fetch(url).decode("utf-8", errors="replace"):
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} never showed {text!r}")
