"""The build's caches change its speed, never its output: with `caches: false` (the handbook plugin's option)
MkDocs converts every page and Material's search parses every page, and the site comes out byte for byte the
same as with the caches on and every conversion and search entry reused."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import TIMINGS, Site, copy_project, run_mkdocs_build

PLUGIN_LINE = "  - handbook:\n"
DOWNLOAD_MACROS = ("offline_download(", "lms_package(", "print_links(")


def files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def linking_downloads(project: Path) -> set[str]:
    """The cache names of the conversions and search entries of the pages whose macros link the downloads."""
    docs = project / "docs"
    pages = [page.relative_to(docs).as_posix() for page in docs.rglob("*.md")
             if any(macro in page.read_text(encoding="utf-8") for macro in DOWNLOAD_MACROS)]
    return {f"{kind} {page}" for page in pages for kind in ("markdown", "search entries")}


def test_a_build_with_the_caches_off_makes_the_same_site(site: Site, tmp_path: Path) -> None:
    """Both builds leave out the downloads (no offline copy, zip or LMS package), which no cache touches."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8").replace("      caches: true\n", "")
    assert PLUGIN_LINE in plain
    built = {}
    for caches in ("true", "false"):
        config.write_text(plain.replace(PLUGIN_LINE, f"{PLUGIN_LINE}      caches: {caches}\n", 1), encoding="utf-8")
        result = run_mkdocs_build(project, tmp_path / f"caches-{caches}")
        assert result.returncode == 0, result.stderr[-3000:]
        if caches == "true":
            # The site's own build kept every conversion and search entry: this build reuses them, but for the pages
            # that link the downloads it leaves out; the one with the caches off makes them all afresh, so the
            # comparison is of kept against freshly made.
            made = json.loads((project / TIMINGS).read_text(encoding="utf-8"))["made"]
            conversions = {name for name in made if name.startswith(("markdown ", "search entries "))}
            assert conversions <= linking_downloads(project), conversions
        built[caches] = files(tmp_path / f"caches-{caches}")
    on, off = built["true"], built["false"]
    assert sorted(on) == sorted(off), "the same files"
    differ = [path for path in on if on[path] != off[path]]
    assert not differ, f"differ with the caches off: {differ}"
    # What the caches hold shows in the pages and the search index; both were compared above.
    assert len([path for path in on if path.endswith(".html")]) > 70 and "search/search_index.json" in on
