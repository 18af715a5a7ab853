"""WeasyPrint behind the content-hash cache: HTML in, PDF bytes (or layout) out, imported only when needed.

Every PDF is tagged for screen readers (PDF/UA-1): a structure tree, its headings as bookmarks, the title from
the document's <title> and the language from its own <html lang>.
"""

from __future__ import annotations

import copy
import functools
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import Any, TypeVar

from macros.cache import DerivedCache, digest
from macros.outputs.pdf_join import joined
from macros.paths import TEMPLATES_DIR
from macros.timing import timed

T = TypeVar("T")
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
    """Render HTML to PDF bytes in a PDF variant (tagged by default), reusing an earlier result. It is made in a
    worker process, so that threads of the build can have several made side by side."""
    return cache.get(name, f"{engine()}\nvariant={variant}\n{html}",
                     functools.partial(in_worker, _pdf_bytes, html, variant), ".pdf")


def _pdf_bytes(html: str, variant: str) -> bytes:
    return bytes(_html(html).write_pdf(pdf_variant=variant))


def in_worker(function: Callable[..., T], *args: Any) -> T:
    """function(*args) in one of the worker processes (one per core), which lay out and write PDFs while this
    process goes on; the calling thread waits."""
    return _pool().submit(function, *args).result()


# Written before each page of a document that to_pdfs takes parts from, and before its </body>.
PAGE_MARK = "<!--page-->"


def split_at(html: str, mark: str) -> tuple[str, list[str], str]:
    """A document written with `mark` before each of its parts and before </body>: what comes before the first,
    each part, and the end (from the last mark on)."""
    head, *marked = html.split(mark)
    if not marked:
        raise ValueError(f"the document marks none of its parts ({mark})")
    return head, marked[:-1], mark + marked[-1]


@dataclass(frozen=True)
class Part:
    """One PDF taken from a longer document: its name in the cache, the pages it holds (from 0) and its title. Its
    first `shared` pages are the same in other parts (the topic deck's full sheets in every state's deck): they are
    written once, and joined to each part's own pages."""

    name: str
    pages: tuple[int, ...]
    title: str
    shared: int = 0


@timed("pdf")
def to_pdfs(cache: DerivedCache, html: str, parts: Sequence[Part], variant: str = TAGGED) -> list[bytes]:
    """Several PDFs from one document: each part takes some of its pages, under its own title.

    The document marks where each page begins (PAGE_MARK), so each part is known to the cache by its own pages'
    HTML, by each page's digest (the state decks share most of their pages: each is hashed once). A part is made
    again when its pages change, not when another part's do. Parts missing from the cache are made from the
    document, laid out once (many PDFs that share most pages, every state's deck, cost one layout), or from their
    own pages, laid out alone, whichever lays out fewer pages. The pages parts share are written once, and
    joined to each part's own.
    """
    head, pages, tail = split_at(html, PAGE_MARK)
    head_digest, tail_digest, *page_digests = (digest(text) for text in (head, tail, *pages))
    keys = {part: "\n".join([engine(), f"variant={variant}", f"title={part.title}", head_digest,
                              *(page_digests[index] for index in part.pages), tail_digest]) for part in parts}
    missing = [part for part in parts if not cache.has(keys[part], ".pdf")]
    own = [(part, head + "".join(pages[index] for index in part.pages) + tail) for part in missing]
    written = _write_missing(html, len(pages), own, variant)
    made = dict(zip(missing, written, strict=True))
    return [cache.get(part.name, keys[part], functools.partial(made.__getitem__, part), ".pdf") for part in parts]


IN_WORKER_FROM = 8   # parts: fewer are written here (a state's deck remade while serving), as handing over costs more


def _write_missing(html: str, page_count: int, parts: list[tuple[Part, str]], variant: str) -> list[bytes]:
    """write_parts for these parts, in a worker process when there are many: the document is laid out once, and
    the build may lay out other documents in other workers meanwhile (card_decks does)."""
    if len(parts) < IN_WORKER_FROM:
        return write_parts(html, page_count, parts, variant)
    return in_worker(write_parts, html, page_count, parts, variant)


@cache
def _pool() -> ProcessPoolExecutor:
    """Worker processes for PDFs, started once (fresh interpreters: a serving process has threads) and kept."""
    return ProcessPoolExecutor(os.cpu_count(), mp_context=multiprocessing.get_context("spawn"))


def write_parts(html: str, page_count: int, parts: Sequence[tuple[Part, str]], variant: str) -> list[bytes]:
    """Each part as a PDF of its own, under its title: from the document, laid out once, or from each part's own
    pages' HTML, laid out alone, whichever has fewer pages to lay out (one state's deck made again: its own)."""
    if sum(len(part.pages) for part, _ in parts) <= page_count:
        return [_write(_laid_out(alone, len(part.pages), part, variant), part, variant) for part, alone in parts]
    whole = _laid_out(html, page_count, parts[0][0], variant)
    written: dict[tuple[int, ...], bytes] = {}   # pages shared by parts -> their PDF, written once

    def pages_pdf(pages: tuple[int, ...], part: Part) -> bytes:
        return _write(whole.copy([whole.pages[index] for index in pages]), part, variant)

    made = []
    for part, _ in parts:
        shared, own = part.pages[:part.shared], part.pages[part.shared:]
        if not shared or not own:
            made.append(pages_pdf(part.pages, part))
            continue
        if shared not in written:
            written[shared] = pages_pdf(shared, part)
        made.append(joined(written[shared], pages_pdf(own, part), title=part.title))
    return made


def _laid_out(html: str, page_count: int, part: Part, variant: str) -> Any:
    """A document laid out, which must make exactly `page_count` pages, or a part would take the wrong ones."""
    document = _html(html).render(pdf_variant=variant)
    if len(document.pages) != page_count:
        raise ValueError(f"{part.name}: expected {page_count} pages, the document has {len(document.pages)}")
    return document


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
