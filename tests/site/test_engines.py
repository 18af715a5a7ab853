"""A second engine proven: ProperDocs, a maintained fork of MkDocs 1.x, builds the same sources into the same
site. Material for MkDocs reaches end of life on 2027-05-05; this keeps a way on open."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from macros.outputs.app import SERVICE_WORKER
from tests.conftest import Site
from tests.project import CACHE_DIR, copy_sources, set_options

GENERATOR = re.compile(rb'\s*<meta name="generator" content="[^"]*">')


def without_generator(path: str, data: bytes) -> bytes:
    """HTML without its generator line, which names the engine."""
    return GENERATOR.sub(b"", data) if path.endswith(".html") else data


def files(root: Path) -> dict[str, bytes]:
    """Site path -> content of every file, HTML without its generator line; a zip's entries likewise."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            name = path.relative_to(root).as_posix()
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as archive:
                    found |= {f"{name}:{entry}": without_generator(entry, archive.read(entry))
                              for entry in archive.namelist()}
            else:
                found[name] = without_generator(name, path.read_bytes())
    return found


def test_properdocs_builds_the_same_site(site: Site, tmp_path: Path) -> None:
    """The same sources and options (the offline copy, its zip and LMS package included) on ProperDocs' CLI."""
    project = copy_sources(tmp_path / "project", ("docs", "overrides", "mkdocs.yml"))
    set_options(project / "mkdocs.yml", cache_dir=str(CACHE_DIR), offline_folder=str(tmp_path / "offline"))
    built = tmp_path / "properdocs"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d",
                             str(built)], capture_output=True, text=True, env=env, cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert b"ProperDocs" in (built / "index.html").read_bytes(), "the build ran on ProperDocs"
    assert b"ProperDocs" in (tmp_path / "offline" / "index.html").read_bytes(), "its offline copy too"
    ours, theirs = files(site.online), files(built)
    assert sorted(theirs) == sorted(ours), "the same files"
    # The service worker's revisions hash the pages, and with them the generator line.
    differ = [path for path in ours if ours[path] != theirs[path] and path != SERVICE_WORKER]
    assert not differ, differ
    assert len([path for path in ours if path.endswith(".html")]) > 70
