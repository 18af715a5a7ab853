"""Build both editions: the offline one (zipped) first, then the online one that links the zip."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from macros.paths import PROJECT_DIR
from macros.profile import PROFILE_ENV

FIXED_TIME = (2020, 1, 1, 0, 0, 0)   # zip entry dates, so the same site gives the same zip


def mkdocs_build(site_dir: Path, offline: bool, offline_zip: Path | None = None,
                 config: Path = PROJECT_DIR / "mkdocs.yml", profile: Path | None = None) -> float:
    """Run a strict `mkdocs build` into site_dir, of an edition's profile folder if one is given (else the
    shared handbook); return the seconds it took. Warnings fail it."""
    env = dict(os.environ, HANDBOOK_OFFLINE="true" if offline else "false",
               HANDBOOK_OFFLINE_ZIP=str(offline_zip or ""), **{PROFILE_ENV: str(profile or "")})
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", str(config),
         "--site-dir", str(site_dir)],
        check=True, env=env, cwd=config.parent,
    )
    return time.perf_counter() - started


def zip_folder(folder: Path, target: Path) -> None:
    """Zip a folder deterministically (sorted entries, fixed dates) under a top-level folder name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"security-officer-handbook/{path.relative_to(folder).as_posix()}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def build_editions(site_dir: Path, offline_dir: Path, profile: Path | None = None) -> dict[str, float]:
    """Build the offline edition, zip it, then build the online edition (both of one profile's edition
    when a folder is given); return timings."""
    offline_zip = offline_dir.parent / f"{offline_dir.name}.zip"
    timings = {"offline edition": mkdocs_build(offline_dir, offline=True, profile=profile)}
    zip_folder(offline_dir, offline_zip)
    timings["online edition"] = mkdocs_build(site_dir, offline=False, offline_zip=offline_zip, profile=profile)
    return timings


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    offline = Path(sys.argv[2] if len(sys.argv) > 2 else "build/offline").resolve()
    chosen = os.environ.get(PROFILE_ENV, "").strip()   # `make site PROFILE=profiles/<name>` sets it
    for name, seconds in build_editions(site, offline, Path(chosen).resolve() if chosen else None).items():
        print(f"{name}: {seconds:.1f} s")
