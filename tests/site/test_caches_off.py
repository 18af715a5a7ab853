"""The build's caches change its speed, never its output: with `caches: false` (the handbook plugin's option)
MkDocs converts every page and Material's search parses every page, and the site comes out byte for byte the
same as with the caches on and every conversion and search entry reused."""

from __future__ import annotations

import json
from pathlib import Path

from macros.cli.build_site import scorm_zip_path
from tests.conftest import Site, copy_project, run_mkdocs_build

PLUGIN_LINE = "  - handbook:\n"


def files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_a_build_with_the_caches_off_makes_the_same_site(site: Site, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    as_the_site = {"HANDBOOK_OFFLINE_ZIP": str(site.offline.parent / f"{site.offline.name}.zip"),
                   "HANDBOOK_SCORM_ZIP": str(scorm_zip_path(site.offline))}
    built = {}
    for caches in ("true", "false"):
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8").replace("      caches: true\n", "")
        assert PLUGIN_LINE in text
        config.write_text(text.replace(PLUGIN_LINE, f"{PLUGIN_LINE}      caches: {caches}\n", 1), encoding="utf-8")
        report = tmp_path / f"caches-{caches}.json"
        result = run_mkdocs_build(project, tmp_path / f"caches-{caches}", HANDBOOK_TIMINGS=str(report), **as_the_site)
        assert result.returncode == 0, result.stderr[-3000:]
        # The site's own build kept every conversion and search entry: the first build here reuses them all, the
        # second makes none, so the comparison is of kept against freshly made.
        assert json.loads(report.read_text(encoding="utf-8"))["made"] == []
        built[caches] = files(tmp_path / f"caches-{caches}")
    on, off = built["true"], built["false"]
    assert sorted(on) == sorted(off), "the same files"
    differ = [path for path in on if on[path] != off[path]]
    assert not differ, f"differ with the caches off: {differ}"
    # What the caches hold shows in the pages and the search index; both were compared above.
    assert len([path for path in on if path.endswith(".html")]) > 70 and "search/search_index.json" in on
    assert files(site.online) == on, "the site's own build (its caches filled, or reused) makes the same site"
