"""Shared fixtures: the site is built once per test session, strictly, in both editions."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.editions import build_editions
from macros.handbook import Handbook, load_handbook
from macros.paths import PROJECT_DIR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Site:
    """The two built editions and the time each build took."""

    online: Path
    offline: Path
    timings: dict[str, float]


@pytest.fixture(scope="session")
def book() -> Handbook:
    return load_handbook()


@pytest.fixture(scope="session")
def site() -> Site:
    # A world-readable folder: LinkChecker, run as root, drops to user nobody before reading files.
    root = Path(tempfile.mkdtemp(prefix="handbook-site-"))
    root.chmod(0o755)
    timings = build_editions(root / "site", root / "offline")
    yield Site(online=root / "site", offline=root / "offline", timings=timings)
    shutil.rmtree(root, ignore_errors=True)


def copy_project(target: Path) -> Path:
    """A copy of the project's sources (no venv, no build output) to break on purpose."""
    for name in ("docs", "macros", "overrides", "mkdocs.yml"):
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


def run_mkdocs_build(project: Path, site_dir: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """A strict build of a project copy, importing that copy's own macros package."""
    # The project's PDF cache: a copy's unchanged PDFs are not made again.
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1",
               HANDBOOK_PRINT_CACHE=str(PROJECT_DIR / ".cache" / "print"), **extra_env)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project,
    )


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright):
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield launched
    launched.close()
