"""The nav of mkdocs.yml, read for chapter titles and order."""

from __future__ import annotations

import pytest

from macros.content.models import CHAPTERS
from macros.site.navigation import chapter_titles, nav_entries

NAV = [
    {"Home": "index.md"},
    {"Chapters": ["chapters/index.md", *({slug.title(): f"chapters/{slug}.md"} for slug in reversed(CHAPTERS))]},
    {"States": "states/index.md"},
]


def test_nav_entries_flatten_sections_in_order() -> None:
    entries = nav_entries(NAV)
    assert entries[0] == ("Home", "index.md")
    assert entries[1] == (None, "chapters/index.md")
    assert entries[-1] == ("States", "states/index.md")


def test_chapter_titles_follow_the_nav_order() -> None:
    assert list(chapter_titles(NAV)) == list(reversed(CHAPTERS))


def test_a_chapter_missing_from_the_nav_is_an_error() -> None:
    with pytest.raises(ValueError, match=f"chapters missing: {CHAPTERS[-1]}"):
        chapter_titles([{"Home": "index.md"}, *({s: f"chapters/{s}.md"} for s in CHAPTERS[:-1])])
