"""WeasyPrint behind the content-hash cache: HTML in, PDF bytes (or layout) out, imported only when needed.

Every PDF is tagged for screen readers (PDF/UA-1): a structure tree, its headings as bookmarks, the title from
the document's <title> and the language from its own <html lang>.
"""

from __future__ import annotations

import copy
import functools
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import Any

from macros.cache import DerivedCache
from macros.paths import TEMPLATES_DIR
from macros.timing import timed

PX_PER_MM = 96 / 25.4
TAGGED = "pdf/ua-1"   # tagged for screen readers, with title and language required


@cache
def engine() -> str:
    """The renderer and its version: part of every cache key, read without importing WeasyPrint."""
    return f"weasyprint {version('weasyprint')}"


def weasyprint() -> Any:
    """The WeasyPrint module, imported on first use: the import alone takes about a second."""
    import weasyprint as module

    return module


@timed("pdf")
def to_pdf(cache: DerivedCache, html: str, name: str, variant: str = TAGGED) -> bytes:
    """Render HTML to PDF bytes in a PDF variant (tagged by default), reusing an earlier result."""
    return cache.get(name, f"{engine()}\nvariant={variant}\n{html}",
                  lambda: _html(html).write_pdf(pdf_variant=variant), ".pdf")


@dataclass(frozen=True)
class Part:
    """One PDF taken from a longer document: its name in the cache, the pages it holds (from 0), its title, and
    the HTML of those pages as a document of their own (what the PDF shows, so what the cache knows it by: a part
    is made again when its own pages change, not when another part's do)."""

    name: str
    pages: tuple[int, ...]
    title: str
    alone: str


@timed("pdf")
def to_pdfs(cache: DerivedCache, html: str, page_count: int, parts: Sequence[Part],
            variant: str = TAGGED) -> list[bytes]:
    """Several PDFs from one document: each part takes some of its pages, under its own title.

    The document is laid out only when some part is not in the cache: many PDFs that share most pages (every
    state's deck) cost one layout a worker, and each is still a whole tagged PDF with its own bookmarks. Writing
    a PDF costs more than the layout, so many parts are shared out among worker processes, one per core. The
    document must lay out into exactly `page_count` pages, or a part would take the wrong ones.
    """
    keys = {part: f"{engine()}\nvariant={variant}\ntitle={part.title}\n{part.alone}" for part in parts}
    missing = [part for part in parts if cache.find(keys[part], ".pdf") is None]
    written = dict(zip(missing, _write_shared_out(html, page_count, missing, variant), strict=True))
    return [cache.get(part.name, keys[part], functools.partial(written.__getitem__, part), ".pdf") for part in parts]


PARTS_PER_WORKER = 8   # fewer, and a second layout costs more than the writing it would share


def _write_shared_out(html: str, page_count: int, parts: list[Part], variant: str) -> list[bytes]:
    """write_parts for these parts, in this process or shared out among worker processes (in order)."""
    if not parts:
        return []
    workers = min(len(parts) // PARTS_PER_WORKER, os.cpu_count() or 1)
    if workers < 2:
        return write_parts(html, page_count, parts, variant)
    chunks = [parts[start::workers] for start in range(workers)]
    written = list(_pool().map(write_parts, [html] * workers, [page_count] * workers, chunks, [variant] * workers))
    by_part = {part: data for chunk, datas in zip(chunks, written, strict=True)
               for part, data in zip(chunk, datas, strict=True)}
    return [by_part[part] for part in parts]


@cache
def _pool() -> ProcessPoolExecutor:
    """Worker processes for PDFs, started once (fresh interpreters: a serving process has threads) and kept."""
    return ProcessPoolExecutor(os.cpu_count(), mp_context=multiprocessing.get_context("spawn"))


def write_parts(html: str, page_count: int, parts: Sequence[Part], variant: str) -> list[bytes]:
    """Each part as a PDF of its own, under its title: from the document, laid out once, or from each part's own
    pages, laid out alone, whichever has fewer pages to lay out (one state's deck made again: its own pages)."""
    if sum(len(part.pages) for part in parts) <= page_count:
        return [_write(_html(part.alone).render(pdf_variant=variant), part, variant) for part in parts]
    whole = _html(html).render(pdf_variant=variant)
    if len(whole.pages) != page_count:
        raise ValueError(f"{parts[0].name}: expected {page_count} pages, the document has {len(whole.pages)}")
    return [_write(whole.copy([whole.pages[index] for index in part.pages]), part, variant) for part in parts]


def _write(document: Any, part: Part, variant: str) -> bytes:
    """A laid-out document of a part's pages as PDF bytes, under the part's title."""
    document.metadata = copy.copy(document.metadata)   # the copy's own, so its title is not every part's
    document.metadata.title = part.title
    return bytes(document.write_pdf(pdf_variant=variant))


def _html(html: str) -> Any:
    return weasyprint().HTML(string=html, base_url=str(TEMPLATES_DIR))


def render_document(html: str) -> Any:
    """WeasyPrint's laid-out document, for measuring boxes."""
    return _html(html).render()
