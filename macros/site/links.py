"""URLs between pages, computed the way MkDocs computes them, for links inside raw HTML."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url


def page_url(src_path: str, use_directory_urls: bool) -> str:
    """The site URL MkDocs gives a docs file (e.g. 'states/or/' or 'states/or.html')."""
    return File(src_path, "", "", use_directory_urls).url


@dataclass(frozen=True)
class Linker:
    """Turns docs-relative paths into URLs relative to the page being rendered."""

    from_url: str
    use_directory_urls: bool

    def __call__(self, src_path: str, anchor: str = "") -> str:
        """The URL of a docs file (or any site file) as seen from the current page."""
        target = page_url(src_path, self.use_directory_urls) if src_path.endswith(".md") else src_path
        url = get_relative_url(target, self.from_url)
        return f"{url}#{anchor}" if anchor else url
