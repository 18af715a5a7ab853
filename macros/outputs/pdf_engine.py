"""WeasyPrint behind the content-hash cache: HTML in, PDF bytes (or layout) out, imported only when needed.

Every PDF is tagged for screen readers (PDF/UA-1): a structure tree, its headings as bookmarks, the title from
the document's <title> and the language from its own <html lang>.
"""

from __future__ import annotations

import copy
import functools
import hashlib
from collections.abc import Sequence
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
    """One PDF taken from a longer document: its name in the cache, the pages it holds (from 0) and its title."""

    name: str
    pages: tuple[int, ...]
    title: str


@timed("pdf")
def to_pdfs(cache: DerivedCache, html: str, page_count: int, parts: Sequence[Part],
            variant: str = TAGGED) -> list[bytes]:
    """Several PDFs from one document: each part takes some of its pages, under its own title.

    The document is laid out once, and only when some part is not in the cache: many PDFs that share most pages
    (every state's deck) cost one layout, and each is still a whole tagged PDF with its own bookmarks. The
    document must lay out into exactly `page_count` pages, or a part would take the wrong ones.
    """
    digest = hashlib.sha256(html.encode()).hexdigest()
    laid_out: list[Any] = []   # the document, laid out on the first part made, if any

    def make(part: Part) -> bytes:
        if not laid_out:
            document = _html(html).render(pdf_variant=variant)
            if len(document.pages) != page_count:
                raise ValueError(f"{part.name}: expected {page_count} pages, the document has {len(document.pages)}")
            laid_out.append(document)
        whole = laid_out[0]
        taken = whole.copy([whole.pages[index] for index in part.pages])
        taken.metadata = copy.copy(whole.metadata)   # the copy's own, so its title is not every part's
        taken.metadata.title = part.title
        return bytes(taken.write_pdf(pdf_variant=variant))

    return [cache.get(part.name, f"{engine()}\nvariant={variant}\npages={part.pages}\ntitle={part.title}\n{digest}",
                      functools.partial(make, part), ".pdf")
            for part in parts]


def _html(html: str) -> Any:
    return weasyprint().HTML(string=html, base_url=str(TEMPLATES_DIR))


def render_document(html: str) -> Any:
    """WeasyPrint's laid-out document, for measuring boxes."""
    return _html(html).render()
