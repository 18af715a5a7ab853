"""`make site`: build the online site in this process, as `mkdocs build` does with mkdocs.yml's options (the
online build first builds the offline copy, zips it and packages its course for an LMS, and publishes both); of an
organisation's edition when a profile folder is given. A failed build ends with MkDocs' own message, not a
traceback."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from macros.errors import DataError
from macros.site import builder
from macros.site.builder import BuildFailed

PROFILE_ENV = "HANDBOOK_PROFILE"   # what `make site PROFILE=...` sets, read here at the edge and nowhere else


def build(edition: Path | None = None, offline: bool = False, out: Path = Path("site"), *,
          config_file: Path = Path("mkdocs.yml"), downloads: bool = True, offline_folder: Path | None = None,
          cache_dir: Path | None = None, timings: Path | None = None) -> float:
    """Build the online edition (or, with offline=True, the offline one alone) of the project whose mkdocs.yml is
    config_file into `out`, of an organisation's profile folder when `edition` names one; return the seconds it
    took. The online build first makes the offline copy in offline_folder (else where mkdocs.yml says), with its
    zip and LMS package, unless downloads is False. Paths in
    mkdocs.yml are relative to its folder; raises BuildFailed (MkDocs has logged why) or DataError."""
    started = time.perf_counter()
    builder.build(config_file.resolve(), out.resolve(), offline=offline, edition=edition, downloads=downloads,
                  offline_folder=offline_folder, cache_dir=cache_dir, timings=timings)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    """Build into the folders given (default: site, with the offline copy in build/offline) and print the time."""
    parser = argparse.ArgumentParser(prog="make site", description=__doc__)
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("offline", nargs="?", default="build/offline", type=Path)
    parser.add_argument("--profile", default=os.environ.get(PROFILE_ENV, ""),
                        help="an organisation's profile folder (profiles/<name>); default $" + PROFILE_ENV)
    parser.add_argument("--config-file", default=Path("mkdocs.yml"), type=Path)
    arguments = parser.parse_args(argv)
    profile = arguments.profile.strip()
    try:
        with builder.showing_log():
            seconds = build(Path(profile).resolve() if profile else None, out=arguments.site,
                            config_file=arguments.config_file, offline_folder=arguments.offline.resolve())
    except BuildFailed as failure:
        print(f"make site: {failure}; the message above says what to change.", file=sys.stderr)
        return 1
    except DataError as error:
        print(f"make site: {error}", file=sys.stderr)
        return 1
    print(f"online and offline builds, zips: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
