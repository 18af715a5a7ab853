"""A second engine proven: ProperDocs, a maintained fork of MkDocs 1.x, builds the same sources into the same
site. Material for MkDocs reaches end of life on 2027-05-05; this keeps a way on open."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from macros.cli.build_site import scorm_zip_path
from macros.outputs.app import SERVICE_WORKER
from macros.paths import PROJECT_DIR
from tests.conftest import Site

GENERATOR = re.compile(rb'\s*<meta name="generator" content="[^"]*">')


def files(root: Path) -> dict[str, bytes]:
    """Site path -> content of every file, with HTML's generator line (which names the engine) left out."""
    return {path.relative_to(root).as_posix(): GENERATOR.sub(b"", path.read_bytes()) if path.suffix == ".html"
            else path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site(site: Site, tmp_path: Path) -> None:
    built = tmp_path / "properdocs"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", HANDBOOK_OFFLINE="false",
               HANDBOOK_OFFLINE_ZIP=str(site.offline.parent / f"{site.offline.name}.zip"),
               HANDBOOK_SCORM_ZIP=str(scorm_zip_path(site.offline)))
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d",
                             str(built)], capture_output=True, text=True, env=env, cwd=PROJECT_DIR)
    assert result.returncode == 0, result.stderr[-3000:]
    assert b"ProperDocs" in (built / "index.html").read_bytes(), "the build ran on ProperDocs"
    ours, theirs = files(site.online), files(built)
    assert sorted(theirs) == sorted(ours), "the same files"
    # The service worker's revisions hash the pages, and with them the generator line.
    differ = [path for path in ours if ours[path] != theirs[path] and path != SERVICE_WORKER]
    assert not differ, differ
    assert len([path for path in ours if path.endswith(".html")]) > 70
