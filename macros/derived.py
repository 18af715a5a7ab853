"""One cache for everything slow to make (PDFs, card-fit measurements, app icons, search entries), keyed by a
hash of its inputs: an unchanged input is never made twice, a changed one is always made again."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from macros.paths import PROJECT_DIR

# Tests building a project copy point this at the project's own cache, so copies share it.
CACHE_DIR = Path(os.environ.get("HANDBOOK_DERIVED_CACHE", PROJECT_DIR / ".cache" / "derived"))

# What this process made rather than reused, in order: read by tests and `make bench`.
made: list[str] = []


def cached(name: str, inputs: str, make: Callable[[], bytes], suffix: str) -> bytes:
    """The artefact for these inputs: from the cache, or made now and stored (atomically)."""
    key = hashlib.sha256(inputs.encode()).hexdigest()
    path = CACHE_DIR / f"{key}{suffix}"
    if path.is_file():
        return path.read_bytes()
    data = make()
    made.append(name)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a build running beside this one never reads half a file.
    handle, temporary = tempfile.mkstemp(dir=CACHE_DIR, suffix=".part")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)
    return data
