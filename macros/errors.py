"""Bad input stops the build with a message an author can act on: the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path

from macros.paths import PROJECT_DIR


class DataError(ValueError):
    """Bad data: the message says which file, entry and field, and what is wrong."""


def display_path(path: Path) -> str:
    """A path as an author sees it: relative to the project where possible."""
    try:
        return str(path.resolve().relative_to(PROJECT_DIR))
    except ValueError:
        return str(path)
