"""One build: `mkdocs build` with mkdocs.yml's options makes what `make site` makes (its offline copy, zip and LMS
package included), and the handbook plugin and mkdocs-macros may be listed in either order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import Site
from tests.project import CACHE_DIR, copy_sources, set_options


def files(root: Path) -> dict[str, bytes]:
    """Site path -> content of every file under root."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_mkdocs_build_makes_what_make_site_makes(site: Site, tmp_path: Path) -> None:
    """The site fixture is `make site`'s build (macros.cli.build_site.build). Here plain `mkdocs build` runs on a
    copy of the project's sources with mkdocs.yml as it is, but for cache_dir (the project's cache, so nothing is
    made again; it changes no output). Nothing is left out of the comparison: the sitemap's dates are the day's,
    and every zip has fixed dates."""
    project = copy_sources(tmp_path / "project", ("docs", "overrides", "mkdocs.yml"))
    set_options(project / "mkdocs.yml", cache_dir=str(CACHE_DIR))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
                            capture_output=True, text=True, cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr[-3000:]
    made, expected = files(tmp_path / "site"), files(site.online)
    assert {"downloads/security-officer-handbook-offline.zip",
            "downloads/security-officer-onboarding-scorm12.zip"} <= set(made), "the online build made its downloads"
    assert sorted(made) == sorted(expected), "the same files"
    assert [path for path in expected if made[path] != expected[path]] == [], "the same bytes"
    # Its offline copy, where mkdocs.yml says (build/offline beside mkdocs.yml), is `make site`'s too.
    assert files(project / "build" / "offline") == files(site.offline)


def test_the_plugins_may_be_listed_in_either_order(site: Site, tmp_path: Path) -> None:
    """macros before handbook: the handbook plugin hands its macros to mkdocs-macros once its setup has run,
    wherever each is listed. Built by `mkdocs build` in a process of its own, without the downloads, which no page
    here needs."""
    project = copy_sources(tmp_path / "project", ("docs", "overrides", "mkdocs.yml"))
    config = project / "mkdocs.yml"
    set_options(config, cache_dir=str(CACHE_DIR), offline_folder="")
    text = config.read_text(encoding="utf-8")
    handbook, macros = text.index("  - handbook:\n"), text.index("  - macros:\n")
    plugins_end = text.index("\nextra:")
    config.write_text(text[:handbook] + text[macros:plugins_end] + "\n" + text[handbook:macros].rstrip("\n")
                      + text[plugins_end:], encoding="utf-8")
    swapped = config.read_text(encoding="utf-8")
    assert swapped.index("  - macros:") < swapped.index("  - handbook:"), "the order is swapped"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
                            capture_output=True, text=True, cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr[-3000:]
    made, expected = files(tmp_path / "site"), files(site.online)
    pages = [path for path in expected if path.endswith(".html")]
    # Only the pages that link the downloads (which this build does not make) may differ.
    differ = [path for path in pages if made[path] != expected[path] and b"downloads/" not in expected[path]]
    assert not differ, differ
    assert b"print/states/pocket-cards-or-3x5-letter.pdf" in made["states/or/index.html"], "the state page macro ran"
