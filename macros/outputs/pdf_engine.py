"""WeasyPrint behind the content-hash cache: HTML in, PDF bytes (or layout) out, imported only when needed."""

from __future__ import annotations

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
def to_pdf(cache: DerivedCache, html: str, name: str, variant: str | None = None) -> bytes:
    """Render HTML to PDF bytes (optionally a PDF variant such as 'pdf/ua-1'), reusing an earlier result."""
    options: dict[str, Any] = {"pdf_variant": variant} if variant else {}
    return cache.get(name, f"{engine()}\nvariant={variant}\n{html}",
                  lambda: weasyprint().HTML(string=html, base_url=str(TEMPLATES_DIR)).write_pdf(**options), ".pdf")


def render_document(html: str) -> Any:
    """WeasyPrint's laid-out document, for measuring boxes."""
    return weasyprint().HTML(string=html, base_url=str(TEMPLATES_DIR)).render()
