"""Search words from data land on the entries they are meant for, or the build stops."""

from __future__ import annotations

import pytest


def test_keywords_for_a_section_the_page_lacks_stop_the_build() -> None:
    from macros.errors import DataError
    from macros.site.search_terms import PageExtras, SectionExtras, add_to_entries

    entries = [{"location": "cards/", "title": "Pocket cards", "text": ""}]
    with pytest.raises(DataError, match=r"docs/cards.md: .*cards/#card-gone"):
        add_to_entries(entries, "cards/", "cards.md", [], PageExtras({"card-gone": SectionExtras(("x",))}))
