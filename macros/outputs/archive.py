"""Zips that are the same bytes for the same files: sorted by the caller, with fixed dates and permissions."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)   # every entry's date, so the same site gives the same zip


def write_zip(target: Path, entries: Iterable[tuple[str, bytes]]) -> None:
    """Write (name in the zip, content) entries, in the order given, into a new zip at target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
