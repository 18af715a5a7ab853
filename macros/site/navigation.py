"""The nav's Chapters section, made from chapters.yml as the States section is made from the state files."""

from __future__ import annotations

import html
from typing import Any

from macros.content.addresses import CHAPTERS_INDEX, chapter_page
from macros.content.models import Chapter
from macros.errors import DataError

CHAPTERS_NAV_TITLE = "Chapters"


def nav_with_chapters(nav: list[Any], chapters: list[Chapter]) -> list[Any]:
    """The nav with its `Chapters: <the chapters' index>` entry turned into a section: the index, then every chapter
    in the book's order. The theme prints nav titles as they are, so each is HTML-escaped here."""
    entries = [{html.escape(chapter.title): chapter_page(chapter.slug)} for chapter in chapters]
    result = [{CHAPTERS_NAV_TITLE: [CHAPTERS_INDEX, *entries]}
              if isinstance(item, dict) and item.get(CHAPTERS_NAV_TITLE) == CHAPTERS_INDEX else item
              for item in nav]
    if result == nav:
        raise DataError(f"mkdocs.yml nav: needs an entry '{CHAPTERS_NAV_TITLE}: {CHAPTERS_INDEX}' (the plugin lists "
                        "the chapters under it from chapters.yml)")
    return result
