"""Every use of another library's non-public parts, behind one door: what MkDocs, Material for MkDocs and
WeasyPrint offer no public way to do. Each use has a test in tests/unit/test_internals.py that names the
library and its version when it changes; nothing else in the package touches a private attribute of theirs
(tests/unit/test_internals.py scans for it).

Here in outputs/ (not site/) so that site/ and outputs/ can both import it without an arrow up; it imports none
of those libraries: it works on the objects they hand over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# MkDocs (and ProperDocs) converts a page's Markdown in `page.render(config, files)`, called on the page
# object by its build. No event lets a plugin skip that conversion, so a kept conversion stands in for it.
Render = Callable[[Any, Any], None]   # (config, files)


def stand_in_for_render(page: Any, render: Callable[[Render, Any, Any], None]) -> None:
    """Make MkDocs' build of this page call `render(convert, config, files)`, where `convert` is MkDocs' own."""
    convert: Render = page.render
    page.render = lambda config, files: render(convert, config, files)


# Material's search plugin keeps the entries it splits pages into on `search_index.entries`, a list it writes
# to search/search_index.json after the build; no setting gives another index format or reads its entries.
def search_entries(search: Any) -> list[dict[str, Any]]:
    """The entries Material's search plugin has made so far, in order (a list the caller may change)."""
    entries: list[dict[str, Any]] = search.search_index.entries
    return entries


# WeasyPrint's laid-out pages expose their size, links, anchors and bookmarks, but not their boxes: a box's
# height is only on the page's private `_page_box` (the reason requirements.txt pins WeasyPrint below 71).
def first_section_heights(document: Any) -> list[float]:
    """The margin-box height, in CSS px, of the first <section> on each page of a rendered document that
    has one."""
    heights = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if getattr(box, "element_tag", None) == "section" and getattr(box, "element", None) is not None:
                heights.append(float(box.margin_height()))
                break
    return heights
