"""`make site`: build the offline copy (zipped) first, then the online site that links the zip; of an
organisation's edition when a profile folder is given. A failed build ends with MkDocs' own message, not a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from macros.content.handbook import load_handbook
from macros.errors import DataError
from macros.outputs import scorm
from macros.outputs.archive import write_zip
from macros.outputs.scorm_progress import check_progress_fits
from macros.paths import PROJECT_DIR

PROFILE_ENV = "HANDBOOK_PROFILE"   # `make site PROFILE=...` sets it; mkdocs.yml hands it to the plugin


class BuildFailed(Exception):
    """A build stopped; MkDocs has printed why."""


def mkdocs_build(site_dir: Path, offline: bool, downloads: dict[str, Path] | None = None,
                 config: Path = PROJECT_DIR / "mkdocs.yml", profile: Path | None = None) -> float:
    """Run a strict `mkdocs build` into site_dir, of an edition's profile folder if one is given (else the
    shared handbook), publishing the downloads given (the offline zip and the LMS package, for the online
    build); return the seconds it took. Warnings fail it."""
    downloads = downloads or {}
    env = dict(os.environ, HANDBOOK_OFFLINE="true" if offline else "false",
               HANDBOOK_OFFLINE_ZIP=str(downloads.get("offline", "")),
               HANDBOOK_SCORM_ZIP=str(downloads.get("scorm", "")), **{PROFILE_ENV: str(profile or "")})
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", str(config),
         "--site-dir", str(site_dir)],
        env=env, cwd=config.parent,
    )
    if done.returncode:
        raise BuildFailed(f"the {'offline' if offline else 'online'} build stopped (exit {done.returncode})")
    return time.perf_counter() - started


def zip_folder(folder: Path, target: Path) -> None:
    """Zip a folder deterministically (sorted entries, fixed dates) under a top-level folder name."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    write_zip(target, ((f"security-officer-handbook/{p.relative_to(folder).as_posix()}", p.read_bytes())
                       for p in files))


def scorm_zip_path(offline_dir: Path) -> Path:
    """Where the LMS package made from an offline build goes (beside the build's own zip)."""
    return offline_dir.parent / f"{offline_dir.name}-scorm12.zip"


def build_online_and_offline(site_dir: Path, offline_dir: Path, profile: Path | None = None) -> dict[str, float]:
    """Build the offline copy; zip it, and package it for an LMS; then build the online site, which publishes
    both (all of one profile's edition when a folder is given); return timings."""
    downloads = {"offline": offline_dir.parent / f"{offline_dir.name}.zip", "scorm": scorm_zip_path(offline_dir)}
    book = load_handbook(profile=profile)
    check_progress_fits(book)   # before anything is built: the LMS course must be able to keep its record
    timings = {"offline build": mkdocs_build(offline_dir, offline=True, profile=profile)}
    started = time.perf_counter()
    zip_folder(offline_dir, downloads["offline"])
    scorm.write_package(offline_dir, book, downloads["scorm"])
    timings["zips"] = time.perf_counter() - started
    timings["online build"] = mkdocs_build(site_dir, offline=False, downloads=downloads, profile=profile)
    return timings


def main(argv: list[str]) -> int:
    """Build into the folders given (default: site and build/offline) and print the timings."""
    site = Path(argv[0] if argv else "site").resolve()
    offline = Path(argv[1] if len(argv) > 1 else "build/offline").resolve()
    chosen = os.environ.get(PROFILE_ENV, "").strip()
    try:
        timings = build_online_and_offline(site, offline, Path(chosen).resolve() if chosen else None)
    except BuildFailed as failure:
        print(f"make site: {failure}; the message above says what to change.", file=sys.stderr)
        return 1
    except DataError as error:
        print(f"make site: {error}", file=sys.stderr)
        return 1
    for name, seconds in timings.items():
        print(f"{name}: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
