"""Shared fixtures: the site is built once per test session, strictly, in both editions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from macros.cli.build_site import build
from macros.content.handbook import Handbook, load_handbook
from tests.project import CACHE_DIR, CONFIG_FILE, copy_sources, set_options

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


LAYERS = ("unit", "site", "browser")   # the folders of tests/, and the marker each gives its tests


# The files that take longest, longest first (CPU-seconds, each run alone): `make test` hands files to its two
# processes in this order (--no-loadscope-reorder), so they finish together. The first builds the site, the second
# the example edition, side by side; the other files follow in their folders' order, the quick unit tests last.
LONGEST_FIRST = ("browser/test_browser.py", "site/test_editions.py", "browser/test_scorm_browser.py",
                 "site/test_authoring_loop.py", "browser/test_offline_app.py", "site/test_site.py",
                 "browser/test_quick_access_browser.py", "site/test_pdfs.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its layer, from its folder: `pytest -m unit` is the fast lane (`make check`); order the
    files as LONGEST_FIRST says, then browser and site tests, then unit tests."""
    for item in items:
        layer = item.path.parent.name
        if layer in LAYERS:
            item.add_marker(layer)

    def rank(item: pytest.Item) -> tuple[int, int]:
        name = f"{item.path.parent.name}/{item.path.name}"
        if name in LONGEST_FIRST:
            return 0, LONGEST_FIRST.index(name)
        return 1, item.path.parent.name == "unit"

    items.sort(key=rank)   # stable: the tests of a file keep their order


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
    # Every build of a run dates its sitemap alike (MkDocs reads the reproducible-builds variable), even in a run
    # that crosses midnight: the tests that compare two builds byte for byte would otherwise fail then.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
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
    """Both editions, built once per run, in-process as `make site` builds them (the online build makes the
    offline one first): the first test process to ask builds them, the others wait and reuse them (`make test`
    runs the tests in parallel processes)."""
    root = Path(os.environ[SITE_FOLDER])
    record = root / "timings.json"
    with FileLock(root / "build.lock"):
        if not record.is_file():
            seconds = build(out=root / "site", config_file=CONFIG_FILE, offline_folder=root / "offline")
            record.write_text(json.dumps({"online and offline builds": seconds}), encoding="utf-8")
    return Site(online=root / "site", offline=root / "offline", timings=json.loads(record.read_text(encoding="utf-8")))


TIMINGS = ".timings.json"   # where a copy's build writes its timing report (with what it made)


def copy_project(target: Path, downloads: bool = False, cache_dir: Path = CACHE_DIR) -> Path:
    """A copy of the project's sources and its macros package (no venv, no build output) to break on purpose; its
    builds use cache_dir (by default the project's cache) and write their timing report to TIMINGS. Without
    downloads, its online build makes no offline copy (nor its zips): quicker, for the tests that do not look at
    them."""
    copy_sources(target, ("docs", "macros", "overrides", "mkdocs.yml"))
    set_options(target / "mkdocs.yml", cache_dir=str(cache_dir), timings=TIMINGS,
                offline_folder=None if downloads else "")
    return target


def run_mkdocs_build(project: Path, site_dir: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """A strict `mkdocs build` of a project copy, in a process importing that copy's own macros package."""
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1", **extra_env)
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
