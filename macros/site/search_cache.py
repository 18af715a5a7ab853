"""Search entries kept between builds. Material's search splits each page's HTML into entries with Python's
html.parser, about 0.65 s a build for our pages, nearly all of it for pages that did not change. A page's
entries follow from its HTML, table of contents, address, title and search settings, and from Material's
version, so they are kept in the derived-file cache under a hash of those.

Only public parts of Material are used to skip the parse: a page whose front matter says `search: exclude:
true` is not indexed (Material's documented setting), so a page with kept entries carries it while Material's
search indexes pages, and its kept entries are added to the index after.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from material import __version__ as material_version
from mkdocs.structure.pages import Page

from macros.cache import DerivedCache
from macros.outputs.internals import search_entries

SUFFIX = ".json"
_ABSENT = object()   # a page with no `search` front matter of its own


@dataclass
class _Pending:
    """A page on its way through Material's search: its key, its own `search` front matter and what to add."""

    inputs: str
    first: int                          # where its entries start in the index
    search_meta: Any
    kept: list[dict[str, Any]] | None   # None: Material parses it


@dataclass
class SearchCache:
    """Each page's search entries, parsed by Material once per version of the page."""

    cache: DerivedCache
    pending: dict[str, _Pending] = field(default_factory=dict)   # by src_uri, between the two calls below

    def before_indexing(self, page: Page, search: Any) -> None:
        """Call before Material's search indexes the page: a page with kept entries is not parsed again."""
        inputs = _inputs(page, search)
        found = self.cache.find(inputs, SUFFIX)
        kept = None if found is None else json.loads(found)
        pending = _Pending(inputs, len(search_entries(search)), page.meta.get("search", _ABSENT), kept)
        self.pending[page.file.src_uri] = pending
        if kept is not None:
            own = pending.search_meta if isinstance(pending.search_meta, dict) else {}
            page.meta["search"] = {**own, "exclude": True}

    def after_indexing(self, page: Page, search: Any) -> None:
        """Call after Material's search indexed the page: add its kept entries, or keep the ones just parsed."""
        pending = self.pending.pop(page.file.src_uri, None)
        if pending is None:
            return
        entries = search_entries(search)
        if pending.kept is None:
            parsed = entries[pending.first:]
            self.cache.get(f"search entries {page.file.src_uri}", pending.inputs, lambda: json.dumps(parsed).encode(),
                           SUFFIX)
            return
        if pending.search_meta is _ABSENT:
            del page.meta["search"]
        else:
            page.meta["search"] = pending.search_meta
        entries.extend(pending.kept)


def _inputs(page: Page, search: Any) -> str:
    """Everything Material's indexing reads from a page, and its settings."""
    meta = {key: page.meta.get(key) for key in ("search", "tags", "title")}
    return json.dumps([material_version, dict(search.config), page.url, page.title, meta, str(page.toc),
                       page.content], default=str)
