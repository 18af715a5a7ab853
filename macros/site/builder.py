"""Build an edition in this process through MkDocs' own API (load_config, build), steering the handbook plugin by
its typed options: what `make site` and the tests call. The online build's offline copy is built by the same
function in a process of its own (build_apart): MkDocs keeps one instance of each plugin that has on_startup
per process (its plugin cache, which `mkdocs serve` relies on), so a build inside a build would share them."""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from macros.site.options import PLUGIN_NAME, HandbookOptions


class BuildFailed(Exception):
    """A build stopped; MkDocs has logged why."""


def edition_config(config_file: Path, out: Path, *, offline: bool, edition: Path | None = None,
                   downloads: bool = True, offline_folder: Path | None = None, cache_dir: Path | None = None,
                   timings: Path | None = None) -> MkDocsConfig:
    """mkdocs.yml loaded as `mkdocs build --strict` would, with the handbook's options set: the offline or online
    edition, of an organisation's profile folder when one is given (else as mkdocs.yml says). The online build
    makes its offline copy in `offline_folder` (else where mkdocs.yml says), unless downloads is False; the caches
    and the timing report go where given (else where mkdocs.yml says)."""
    config = load_config(str(config_file), site_dir=str(out), strict=True)
    options = handbook_options(config)
    options.offline.enabled = offline
    if edition is not None:
        options.profile.folder = str(edition)
    if offline_folder is not None:
        options.offline.folder = str(offline_folder)
    if not downloads:
        options.offline.folder = ""
    if cache_dir is not None:
        options.cache_dir = str(cache_dir)
    if timings is not None:
        options.timings = str(timings)
    return config


def handbook_options(config: MkDocsConfig) -> HandbookOptions:
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise BuildFailed(f"{config.config_file_path}: list the '{PLUGIN_NAME}' plugin under plugins")
    return plugin.config


def run(config: MkDocsConfig) -> None:
    """A clean, strict build, with the plugin events `mkdocs build` sends around it."""
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except MkDocsException as failure:   # strict warnings, bad data (PluginError), bad config: logged already
        raise BuildFailed(str(failure)) from None
    finally:
        config.plugins.on_shutdown()


def build(config_file: Path, out: Path, *, offline: bool = False, edition: Path | None = None,
          downloads: bool = True, offline_folder: Path | None = None, cache_dir: Path | None = None,
          timings: Path | None = None) -> None:
    """Build the offline or the online edition (of a profile's edition, when given) into `out`; the online one
    first makes the offline copy it publishes, as `mkdocs build` does. Options as for edition_config."""
    run(edition_config(config_file, out, offline=offline, edition=edition, downloads=downloads,
                       offline_folder=offline_folder, cache_dir=cache_dir, timings=timings))


# What a new process imports first to build on an engine: ProperDocs, a fork of MkDocs, serves `mkdocs.*`
# imports from its own modules once its replacement module is imported (as its CLI does).
ENGINE_SETUP = {"mkdocs": "", "properdocs": "import properdocs.replacement; "}


def engine_of(config: MkDocsConfig) -> str:
    """The engine a configuration was loaded by: "mkdocs", or "properdocs" (whose modules stand in for MkDocs')."""
    return type(config).__module__.split(".")[0]


def build_apart(config_file: Path, out: Path, *, offline: bool, edition: Path | None = None,
                cache_dir: Path | None = None, engine: str = "mkdocs") -> None:
    """build() in a new process, on the engine named (for a build started inside another build, on that one's);
    its messages go where this process's go."""
    script = f"{ENGINE_SETUP[engine]}import sys; from {__name__} import main; raise SystemExit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", script, str(config_file), str(out)]
    command += ["--offline"] if offline else []
    command += ["--edition", str(edition)] if edition is not None else []
    command += ["--cache-dir", str(cache_dir)] if cache_dir is not None else []
    done = subprocess.run(command, cwd=config_file.parent)
    if done.returncode:
        raise BuildFailed(f"the build of {out} stopped (exit {done.returncode}); its messages are above")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=__name__, description=build.__doc__)
    parser.add_argument("config_file", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--offline", action="store_true")
    parser.add_argument("--edition", type=Path)
    parser.add_argument("--cache-dir", type=Path)
    arguments = parser.parse_args(argv)
    with showing_log():
        try:
            build(arguments.config_file, arguments.out, offline=arguments.offline, edition=arguments.edition,
                  cache_dir=arguments.cache_dir)
        except BuildFailed:
            return 1
    return 0


@contextmanager
def showing_log() -> Iterator[None]:
    """MkDocs' messages on the console as `mkdocs build` prints them (its CLI sets this up; its API does not),
    while the block runs."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)

