"""Markup from our templates skips Markdown: a macro's HTML waits behind a placeholder comment while the page
is converted, then goes back in unchanged. Markdown would only parse it to hand it back as it was, and on
pages made mostly of generated HTML (cards, state tables, quizzes) that parse was most of the build."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

_PLACEHOLDER = re.compile(r"<!--handbook-html-(\d+)-->")
_ID = re.compile(r'\sid="([^"]+)"')


class HeldHtml:
    """The HTML held out of one build's pages, by placeholder number."""

    def __init__(self) -> None:
        self._held: dict[str, str] = {}

    def hold(self, html: str) -> Markup:
        """A placeholder to put in the page's Markdown instead of the HTML, as a block of its own."""
        key = str(len(self._held))
        self._held[key] = html.strip()
        return Markup(f"\n\n<!--handbook-html-{key}-->\n\n")

    def restore(self, html: str, page: Any) -> str:
        """The converted page with each placeholder replaced by its HTML; the HTML's ids count as the page's
        anchors, so MkDocs still checks links to them."""
        restored = _PLACEHOLDER.sub(lambda match: self._held.pop(match.group(1)), html)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= set(_ID.findall(restored))
        return restored

    def clear(self) -> None:
        """Forget anything held by an earlier build."""
        self._held.clear()
