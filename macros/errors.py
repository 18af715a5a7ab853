"""Bad input stops the build with a message an author can act on: the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path

from macros.paths import PACKAGE_DIR


class DataError(ValueError):
    """Bad data: the message says which file, entry and field, and what is wrong."""


def display_path(path: Path) -> str:
    """A path as an author sees it: the package's data as macros/data/..., wherever the package is installed;
    anything else relative to the folder the command runs in where possible."""
    resolved = path.resolve()
    if resolved.is_relative_to(PACKAGE_DIR):
        return str(resolved.relative_to(PACKAGE_DIR.parent))
    if resolved.is_relative_to(Path.cwd()):
        return str(resolved.relative_to(Path.cwd()))
    return str(path)
