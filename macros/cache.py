"""One cache for everything slow to make (PDFs, card-fit measurements, app icons, Markdown conversions, search
entries), keyed by a hash of its inputs: an unchanged input is never made twice, a changed one is always made
again. The folder is the build's to choose (the plugin's cache_dir option, under the project)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path


def _file_mode() -> int:
    """The mode a file written by this process gets: read and write for all, less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()   # read once, at import, before any thread that writes files


class Stored(bytes):
    """An artefact's bytes with the name the cache keeps them under: a listing of names finds them again."""

    name: str

    def __new__(cls, data: bytes, name: str) -> Stored:
        stored = super().__new__(cls, data)
        stored.name = name
        return stored

    def __getnewargs__(self) -> tuple[bytes, str]:   # type: ignore[override]  # pickled, as for a worker process
        return bytes(self), self.name


@dataclass
class DerivedCache:
    """A folder of artefacts named by the hash of their inputs, and what this build made rather than reused."""

    folder: Path
    made: list[str] = field(default_factory=list)   # in order: read by tests and `make bench`

    def get(self, name: str, inputs: str, make: Callable[[], bytes], suffix: str) -> Stored:
        """The artefact for these inputs: from the cache, or made now and stored (atomically)."""
        path = self._path(inputs, suffix)
        if path.is_file():
            return Stored(path.read_bytes(), path.name)
        data = make()
        self.made.append(name)
        self._write(path, data)
        return Stored(data, path.name)

    def keep(self, inputs: str, data: bytes, suffix: str) -> None:
        """Store an artefact for these inputs (atomically), made elsewhere: nothing is counted as made."""
        self._write(self._path(inputs, suffix), data)

    def place(self, data: bytes, target: Path) -> None:
        """Write an artefact to a file of the site. A kept one (Stored) is linked rather than copied: the cache
        never writes into a kept file (it writes a new one and renames it), so the two may share it. Where a link
        cannot be made (another file system), the bytes are written."""
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        if isinstance(data, Stored):
            try:
                os.link(self.folder / data.name, target)
            except OSError:
                pass
            else:
                # A link shares the kept file's mode, which mkstemp made private to its owner: give it the mode
                # of any file written here, or a web server (or LinkChecker) could not read it.
                os.chmod(target, FILE_MODE)
                return
        target.write_bytes(data)

    def _write(self, path: Path, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a build running beside this one never reads half a file.
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)

    def read(self, names: Iterable[str]) -> list[Stored] | None:
        """Artefacts by the names they are kept under (Stored.name), or None if any of them is gone."""
        paths = [self.folder / name for name in names]
        if not all(path.is_file() for path in paths):
            return None
        return [Stored(path.read_bytes(), path.name) for path in paths]

    def find(self, inputs: str, suffix: str) -> bytes | None:
        """The artefact for these inputs if one was made before, else None (nothing is made)."""
        path = self._path(inputs, suffix)
        return path.read_bytes() if path.is_file() else None

    def has(self, inputs: str, suffix: str) -> bool:
        """Whether an artefact for these inputs was made before (nothing is read)."""
        return self._path(inputs, suffix).is_file()

    def _path(self, inputs: str, suffix: str) -> Path:
        return self.folder / f"{digest(inputs)}{suffix}"


def files_key(paths: Iterable[Path]) -> str:
    """Part of a cache key: each file's path and a hash of its bytes, a line each, so any edit makes a new key."""
    return "\n".join(f"{path}\0{hashlib.sha256(path.read_bytes()).hexdigest()}" for path in paths)


def digest(text: str) -> str:
    """A text's SHA-256, as the cache names what it keeps; for a key made of parts hashed once each."""
    return hashlib.sha256(text.encode()).hexdigest()
