"""Shared fixtures: the site is built once per test session, strictly, in both editions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from macros.cli.build_site import build_online_and_offline
from macros.content.handbook import Handbook, load_handbook
from macros.paths import PROJECT_DIR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


LAYERS = ("unit", "site", "browser")   # the folders of tests/, and the marker each gives its tests


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its layer, from its folder: `pytest -m unit` is the fast lane (`make check`)."""
    for item in items:
        layer = item.path.parent.name
        if layer in LAYERS:
            item.add_marker(layer)


@dataclass(frozen=True)
class Site:
    """The two built editions and the time each build took."""

    online: Path
    offline: Path
    timings: dict[str, float]


@pytest.fixture(scope="session")
def book() -> Handbook:
    return load_handbook()


# The folder the site is built in, made by the controlling test process and inherited by the others.
SITE_FOLDER = "HANDBOOK_TEST_SITE"
_made_here: list[Path] = []


def pytest_configure(config: pytest.Config) -> None:
    if SITE_FOLDER not in os.environ:
        # A world-readable folder: LinkChecker, run as root, drops to user nobody before reading files.
        root = Path(tempfile.mkdtemp(prefix="handbook-site-"))
        root.chmod(0o755)
        os.environ[SITE_FOLDER] = str(root)
        _made_here.append(root)


def pytest_unconfigure(config: pytest.Config) -> None:
    for root in _made_here:
        shutil.rmtree(root, ignore_errors=True)
        os.environ.pop(SITE_FOLDER, None)


@pytest.fixture(scope="session")
def site() -> Site:
    """Both editions, built once per run: the first test process to ask builds them, the others wait and
    reuse them (`make test` runs the tests in parallel processes)."""
    root = Path(os.environ[SITE_FOLDER])
    record = root / "timings.json"
    with FileLock(root / "build.lock"):
        if not record.is_file():
            record.write_text(json.dumps(build_online_and_offline(root / "site", root / "offline")), encoding="utf-8")
    return Site(online=root / "site", offline=root / "offline", timings=json.loads(record.read_text(encoding="utf-8")))


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
    # The project's derived-file cache: a copy's unchanged PDFs and search entries are not made again.
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1",
               HANDBOOK_DERIVED_CACHE=str(PROJECT_DIR / ".cache" / "derived"), **extra_env)
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
