"""Each page's Markdown conversion kept between builds, so only pages whose Markdown changed are converted.

MkDocs converts every page on every build (about 0.5 s for our pages), under `make serve` on every save,
though a save changes one page. A conversion's HTML, table of contents, title, anchors and link warnings
follow from the page's final Markdown (after macros), its place in the site, the site's files, the Markdown
settings and the versions of the code that converts (and the title follows from the title the page has
before it: from the nav, its front matter or its file name). They are kept in the derived-file cache under a
hash of all of those; a reused conversion gives its warnings again, so `strict` still fails on them. A page
that includes another file (pymdownx.snippets) depends on that file too, so it is always converted. MkDocs has
no event to skip a conversion: the kept one stands in for `page.render` through macros/outputs/internals.py.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any

import markdown
import mkdocs
import pymdownx
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from macros.cache import DerivedCache
from macros.outputs.internals import Render, stand_in_for_render

INCLUDE = "--8<--"   # pymdownx.snippets' marker
# The code that converts, by module name and version (under ProperDocs, `mkdocs` is ProperDocs' own module).
CONVERTERS = tuple(f"{module.__name__} {module.__version__}" for module in (mkdocs, markdown, pymdownx))


@dataclass(frozen=True)
class Conversion:
    """What MkDocs' Page.render leaves on a page."""

    content: str
    toc: TableOfContents
    title: str | None   # the page's title once converted (its first heading's, unless nav or front matter name it)
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None   # by the linked file's src_uri
    warnings: tuple[tuple[str, int, str], ...]            # logger, level, message


class MarkdownCache:
    """The kept conversions of one build's pages, keyed by what each depends on."""

    def __init__(self, cache: DerivedCache) -> None:
        self.cache = cache
        self.site_key = ""   # this build's files, Markdown settings and converter versions, hashed

    def new_build(self, files: Files, config: Any) -> None:
        """Note what every page's conversion depends on beyond its own Markdown (once all files are known)."""
        listing = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
        settings = [config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
                    config["validation"], config["site_url"], CONVERTERS,
                    [field.name for field in fields(Conversion)]]   # a kept one must unpickle as today's
        self.site_key = hashlib.sha256(json.dumps([listing, settings], default=repr).encode()).hexdigest()

    def remember(self, page: Page) -> None:
        """Make this page's render reuse the kept conversion when nothing it depends on changed."""

        def render(convert: Render, config: Any, files: Files) -> None:
            if INCLUDE in (page.markdown or ""):
                convert(config, files)
                return
            converted = []

            def conversion() -> bytes:
                with _warnings() as warned:
                    convert(config, files)
                converted.append(page)
                return pickle.dumps(_conversion(page, warned))

            kept = self.cache.get(f"markdown {page.file.src_uri}", self._inputs(page), conversion, ".pickle")
            if not converted:
                _apply(pickle.loads(kept), page, files)

        stand_in_for_render(page, render)

    def _inputs(self, page: Page) -> str:
        """What a conversion follows from: read before the conversion, so the title is the nav's, the front
        matter's or the file name's."""
        return "\0".join([self.site_key, page.file.src_uri, page.file.dest_uri, page.file.url, page.title or "",
                          page.markdown or ""])


def _conversion(page: Page, warned: list[logging.LogRecord]) -> Conversion:
    links = None
    if page.links_to_anchors is not None:
        links = {file.src_uri: dict(anchors) for file, anchors in page.links_to_anchors.items()}
    return Conversion(page.content or "", page.toc, page.title, frozenset(page.present_anchor_ids or ()),
                      links, tuple((r.name, r.levelno, r.getMessage()) for r in warned))


def _apply(conversion: Conversion, page: Page, files: Files) -> None:
    page.content = conversion.content
    page.toc = conversion.toc
    page.title = conversion.title   # MkDocs lets a plugin set a page's title
    page.present_anchor_ids = set(conversion.anchors)   # a set of its own: held HTML adds its ids to it
    if conversion.links_to_anchors is not None:
        page.links_to_anchors = {_file(files, src): dict(anchors)
                                 for src, anchors in conversion.links_to_anchors.items()}
    for name, level, message in conversion.warnings:
        logging.getLogger(name).log(level, message)


def _file(files: Files, src_uri: str) -> File:
    """A linked file, which is in the site's files: they are part of the key."""
    found = files.get_file_from_path(src_uri)
    if found is None:
        raise RuntimeError(f"a kept Markdown conversion links {src_uri}, which is not among the site's files")
    return found


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _warnings() -> Iterator[list[logging.LogRecord]]:
    """The warnings MkDocs logs inside the block."""
    handler = _Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        yield handler.records
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
