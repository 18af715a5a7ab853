"""Search entries kept between builds. Material's search splits each page's HTML into entries with Python's
html.parser, about 0.65 s a build for our pages, nearly all of it for pages that did not change. A page's
entries follow from its HTML, table of contents, address, title and search settings, and from Material's
version, so they are kept in the derived-file cache under a hash of those."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from material import __version__ as material_version
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.pages import Page

from macros.cache import DerivedCache


class RememberingSearchIndex(SearchIndex):
    """Material's search index, which parses a page only when no build has parsed the same page before, and
    whose file is written by `write` (the handbook's format, not lunr's)."""

    def __init__(self, cache: DerivedCache, write: Callable[[list[dict[str, Any]]], str], **config: Any) -> None:
        super().__init__(**config)
        self.cache = cache
        self.write = write

    def generate_search_index(self, prev: Any) -> str:
        return self.write(self.entries)

    def add_entry_from_context(self, page: Page) -> None:
        first = len(self.entries)

        def parse() -> bytes:
            super(RememberingSearchIndex, self).add_entry_from_context(page)
            return json.dumps(self.entries[first:]).encode()

        entries = self.cache.get(f"search entries {page.file.src_uri}", _inputs(page), parse, ".json")
        if len(self.entries) == first:   # reused: nothing was parsed
            self.entries.extend(json.loads(entries))


def _inputs(page: Page) -> str:
    """Everything Material's indexing reads from a page."""
    meta = {key: page.meta.get(key) for key in ("search", "tags", "title")}
    return json.dumps([material_version, page.url, page.title, meta, str(page.toc), page.content], default=str)


def remember_entries(search: Any, cache: DerivedCache, write: Callable[[list[dict[str, Any]]], str]) -> None:
    """Swap the search plugin's fresh index for one that remembers entries (call after its on_config)."""
    search.search_index = RememberingSearchIndex(cache, write, **search.config)
