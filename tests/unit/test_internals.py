"""The door to other libraries' non-public parts (macros/outputs/internals.py): each use still works with the
installed version, and nothing else in the package touches another library's private attribute or module."""

from __future__ import annotations

import ast
import json
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from macros.outputs import internals
from macros.paths import PACKAGE_DIR
from tests.project import PROJECT_DIR

LIBRARIES = ("mkdocs", "material", "weasyprint", "pypdf", "properdocs", "markdown", "pymdownx")
DOOR = PACKAGE_DIR / "outputs" / "internals.py"
# Uses known to be on their way out, each listed until the test below reports it gone.
LEAVING: set[tuple[str, str]] = set()


def changed(library: str, what: str) -> str:
    return (f"{library} {version(library)} changed: {what}. macros/outputs/internals.py relies on it; build with "
            "`caches: false` (handbook plugin option) until the door is brought up to date")


# --- MkDocs ------------------------------------------------------------------------------------------------------

def tiny_build(tmp_path: Path, on_pre_page: Any) -> str:
    """A one-page MkDocs build whose pages pass through `on_pre_page`; the page's built HTML."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Made by MkDocs\n\nText [to here](#made-by-mkdocs).\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Door\ntheme: mkdocs\n")

    class Probe(BasePlugin):   # type: ignore[type-arg]   # no options
        def on_pre_page(self, page: Any, *, config: Any, files: Any) -> Any:
            on_pre_page(page)
            return page

    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins["probe"] = Probe()
    build(config)
    return (tmp_path / "site" / "guide" / "index.html").read_text(encoding="utf-8")


def test_mkdocs_converts_a_page_through_its_render_and_a_stand_in_replaces_it(tmp_path: Path) -> None:
    calls = []

    def stand_in(convert: internals.Render, config: Any, files: Any) -> None:
        calls.append(convert)
        convert(config, files)

    html = tiny_build(tmp_path, lambda page: internals.stand_in_for_render(page, stand_in))
    assert len(calls) == 1, changed("mkdocs", "a build no longer converts a page by calling page.render(config, files)")
    assert "Made by MkDocs</h1>" in html, changed("mkdocs", "page.render(config, files) no longer converts")


def test_mkdocs_render_sets_only_what_a_kept_conversion_holds(tmp_path: Path) -> None:
    """macros/site/markdown_cache.py keeps content, toc, title, anchors and links: nothing else may change."""
    from mkdocs.structure.pages import Page

    set_by_render: list[set[str]] = []

    def stand_in(convert: internals.Render, config: Any, files: Any) -> None:
        page: Page = pages[0]
        before = dict(vars(page))
        convert(config, files)
        set_by_render.append({name for name, value in vars(page).items()
                              if name not in before or before[name] is not value})

    pages: list[Any] = []
    tiny_build(tmp_path, lambda page: (pages.append(page), internals.stand_in_for_render(page, stand_in)))
    assert set_by_render, changed("mkdocs", "page.render is no longer called")
    # _title_from_render: read through the public `page.title`, which a kept conversion sets.
    kept = {"content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors"}
    assert set_by_render[0] <= kept, changed("mkdocs", f"page.render now also sets {set_by_render[0] - kept}")
    assert pages[0].title == "Made by MkDocs", changed("mkdocs", "a page's title no longer comes from its heading")


def test_a_page_title_set_by_a_plugin_is_the_title(tmp_path: Path) -> None:
    def retitle(page: Any) -> None:
        def stand_in(convert: internals.Render, config: Any, files: Any) -> None:
            convert(config, files)
            page.title = "Kept title"

        internals.stand_in_for_render(page, stand_in)

    assert "<title>Kept title - Door</title>" in tiny_build(tmp_path, retitle), \
        changed("mkdocs", "setting page.title no longer names the page")


# --- Material for MkDocs -----------------------------------------------------------------------------------------

def test_material_search_writes_the_entries_the_door_gives(tmp_path: Path) -> None:
    from material.plugins.search.plugin import SearchIndex, SearchPlugin
    from mkdocs.structure.toc import get_toc

    search = SearchPlugin()
    search.load_config({})
    search.search_index = SearchIndex(**search.config)
    page = SimpleNamespace(url="x/", title="X", meta={}, toc=get_toc([]), file=SimpleNamespace(src_uri="x.md"),
                           content='<h1 id="x">X</h1><p>Greet people.</p>')
    search.on_page_context({}, page=page, config=None, nav=None)
    entries = internals.search_entries(search)
    assert [entry["title"] for entry in entries] == ["X"], changed("mkdocs-material", "search_index.entries")
    entries.append({"location": "y/", "title": "Y", "text": ""})
    search.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    written = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert written["docs"] == entries, changed("mkdocs-material", "the index file no longer holds search_index.entries")


def test_material_search_skips_a_page_whose_front_matter_excludes_it() -> None:
    """The public setting macros/site/search_cache.py uses so that a page with kept entries is not parsed."""
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex()
    index.add_entry_from_context(SimpleNamespace(meta={"search": {"exclude": True}}, content="<h1>X</h1>"))
    assert index.entries == [], changed("mkdocs-material", "`search: exclude: true` in front matter is ignored")


# --- WeasyPrint --------------------------------------------------------------------------------------------------

def test_weasyprint_gives_each_pages_first_section_height() -> None:
    from macros.outputs.pdf_engine import PX_PER_MM, render_document

    html = ("<style>@page { size: 60mm 90mm; margin: 0 } section { margin: 0; padding: 2mm; break-after: page }"
            "</style><section><p style='height: 20mm; margin: 0'></p></section>"
            "<section style='margin-bottom: 5mm'><p style='height: 40mm; margin: 0'></p></section><p>no section</p>")
    heights = [round(px / PX_PER_MM, 3) for px in internals.first_section_heights(render_document(html))]
    assert heights == [24.0, 49.0], changed("weasyprint", f"page._page_box's boxes measure {heights}, not [24, 49]")


def test_weasyprint_is_the_version_the_door_was_checked_with() -> None:
    pin = next(line for line in (PROJECT_DIR / "requirements.txt").read_text().splitlines()
               if line.startswith("weasyprint"))
    assert version("weasyprint").split(".")[0] == "70" and "<71" in pin, \
        changed("weasyprint", "this is not the version page._page_box was checked with (requirements.txt pins <71)")


# --- Nothing else touches them -----------------------------------------------------------------------------------

def defined_private_names(tree: ast.AST) -> set[str]:
    """The private names a module defines itself: functions, classes, attributes it assigns."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return {name for name in names if is_private(name)}


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_contacts(path: Path) -> list[tuple[str, str]]:
    """(line, name) of each private attribute a module reads of something not its own (`self._x` of a name the
    module defines is its own), each getattr/setattr of a private name, and each private module or name it
    imports from the libraries."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = defined_private_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            mine = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls") and node.attr in own
            if not mine:
                found.append((f"line {node.lineno}", node.attr))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1 \
                and isinstance(node.args[1], ast.Constant) and is_private(str(node.args[1].value)):
            found.append((f"line {node.lineno}", str(node.args[1].value)))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            paths = [f"{module}.{alias.name}" for alias in node.names] if module else [a.name for a in node.names]
            for dotted in paths:
                parts = dotted.split(".")
                if parts[0] in LIBRARIES and any(is_private(part) for part in parts):
                    found.append((f"line {node.lineno}", dotted))
    return found


def test_only_the_door_touches_other_libraries_private_parts() -> None:
    contacts = {(path.relative_to(PACKAGE_DIR).as_posix(), name): where
                for path in sorted(PACKAGE_DIR.rglob("*.py")) if path != DOOR
                for where, name in private_contacts(path)}
    outside = sorted(f"macros/{path} {contacts[path, name]}: {name}" for path, name in contacts
                     if (path, name) not in LEAVING)
    assert not outside, f"move these behind macros/outputs/internals.py, with a test here: {outside}"
    gone = LEAVING - set(contacts)
    assert not gone, f"no longer used, delete from LEAVING in tests/unit/test_internals.py: {sorted(gone)}"


def test_the_scan_finds_a_private_contact(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from mkdocs.structure.pages import _RawHTMLPreprocessor\nimport weasyprint._x\n"
                      "class Mine:\n    def __init__(self):\n        self._own = 1\n"
                      "    def read(self, page):\n        return self._own, page._title_from_render, "
                      "getattr(page, '_page_box'), self._not_defined_here\n", encoding="utf-8")
    assert sorted(name for _, name in private_contacts(sample)) == [
        "_not_defined_here", "_page_box", "_title_from_render", "mkdocs.structure.pages._RawHTMLPreprocessor",
        "weasyprint._x"]
    assert private_contacts(DOOR), "the door itself holds the uses"
