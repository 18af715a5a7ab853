"""The online build's downloads: the offline edition, built first into a folder of its own, zipped, and the
onboarding course packaged from it for an LMS; both zips are kept beside that folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from macros.content.handbook import Handbook
from macros.outputs import scorm
from macros.outputs.archive import write_zip
from macros.outputs.print_files import OFFLINE_ZIP_NAME, SCORM_ZIP_NAME
from macros.outputs.scorm_progress import check_progress_fits


def offline_zip_path(offline_dir: Path) -> Path:
    """Where the zip of an offline build goes (beside the build)."""
    return offline_dir.parent / f"{offline_dir.name}.zip"


def scorm_zip_path(offline_dir: Path) -> Path:
    """Where the LMS package made from an offline build goes (beside the build's own zip)."""
    return offline_dir.parent / f"{offline_dir.name}-scorm12.zip"


def zip_folder(folder: Path, target: Path) -> None:
    """Zip a folder deterministically (sorted entries, fixed dates) under a top-level folder name."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    write_zip(target, ((f"security-officer-handbook/{p.relative_to(folder).as_posix()}", p.read_bytes())
                       for p in files))


def make_downloads(book: Handbook, offline_dir: Path, build_offline: Callable[[Path], None]) -> dict[str, Path]:
    """Build the offline edition into offline_dir, zip it and package its course for an LMS; return each zip by
    its path on the site."""
    check_progress_fits(book)   # before anything is built: the LMS course must be able to keep its record
    build_offline(offline_dir)
    zip_folder(offline_dir, offline_zip_path(offline_dir))
    scorm.write_package(offline_dir, book, scorm_zip_path(offline_dir))
    return {OFFLINE_ZIP_NAME: offline_zip_path(offline_dir), SCORM_ZIP_NAME: scorm_zip_path(offline_dir)}
