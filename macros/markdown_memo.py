"""Under `mkdocs serve`, a page whose Markdown did not change is not converted again.

MkDocs converts every page's Markdown on every rebuild (about 0.7 s for our pages), though a saved chapter
changes one page. A conversion's HTML, table of contents, title, anchors and link warnings follow from the
page's final Markdown (after macros), its place in the site, the site's files and the Markdown settings. With
all of those unchanged, the page gets the last conversion again, and any warning it gave is given again, so
`strict` still fails on it. A build process renders each page once, so only serve's rebuilds reuse anything.
A page that includes another file (pymdownx.snippets) depends on that file too, so it is always converted.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents


@dataclass(frozen=True)
class Conversion:
    """What MkDocs' Page.render leaves on a page."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None   # by the linked file's src_uri
    warnings: tuple[logging.LogRecord, ...]


INCLUDE = "--8<--"   # pymdownx.snippets' marker

_last: dict[str, tuple[str, Conversion]] = {}   # page src_uri -> (key, its latest conversion)
_site_key = ""                                  # this build's files and Markdown settings, hashed


def new_build(files: Files, config: Any) -> None:
    """Note what every page's conversion depends on beyond its own Markdown (once all files are known)."""
    global _site_key
    listing = sorted((f.src_uri, f.dest_uri, f.url) for f in files)
    settings = [config["markdown_extensions"], config["mdx_configs"], config["use_directory_urls"],
                config["validation"], config["site_url"]]
    _site_key = hashlib.sha256(json.dumps([listing, settings], default=repr).encode()).hexdigest()


def remember(page: Page) -> None:
    """Make this page's render reuse its last conversion when nothing it depends on changed."""
    convert = page.render

    def render(config: Any, files: Files) -> None:
        if INCLUDE in (page.markdown or ""):
            convert(config, files)
            return
        key = _key(page)
        last = _last.get(page.file.src_uri)
        if last and last[0] == key:
            _apply(last[1], page, files)
            return
        with _warnings() as warned:
            convert(config, files)
        _last[page.file.src_uri] = (key, _conversion(page, tuple(warned)))

    page.render = render   # type: ignore[method-assign]


def _key(page: Page) -> str:
    parts = [_site_key, page.file.src_uri, page.file.dest_uri, page.file.url, page.markdown or ""]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _conversion(page: Page, warned: tuple[logging.LogRecord, ...]) -> Conversion:
    links = None
    if page.links_to_anchors is not None:
        links = {file.src_uri: dict(anchors) for file, anchors in page.links_to_anchors.items()}
    return Conversion(page.content or "", copy.deepcopy(page.toc), page._title_from_render,
                      frozenset(page.present_anchor_ids or ()), links, warned)


def _apply(conversion: Conversion, page: Page, files: Files) -> None:
    page.content = conversion.content
    page.toc = copy.deepcopy(conversion.toc)
    page._title_from_render = conversion.title
    page.present_anchor_ids = set(conversion.anchors)   # a copy: later hooks add to it
    if conversion.links_to_anchors is not None:
        page.links_to_anchors = {files.get_file_from_path(src): dict(anchors)
                                 for src, anchors in conversion.links_to_anchors.items()}
    for record in conversion.warnings:
        logging.getLogger(record.name).handle(record)


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
