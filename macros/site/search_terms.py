"""Words officers search for, attached to the search entries they should find.

Material's search splits a page into entries, one per heading with an id. A page's front-matter
keywords go on the page's own entry (field `keywords`); a drill's keywords go on the drill's
entry and on its pocket card's entry on the Cards page (field `terms`). Both fields are weighted
in mkdocs.yml and never shown in results. A card's entry also gets the text of the card's back,
which the page's markup keeps outside the card's heading section. On a state page the entry of
the heading above the card ("Your pocket card") is left out: the card's own entry holds the card,
and 51 headings with the word "card" would bury the Cards page and the states table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from macros.content.handbook import Handbook
from macros.content.states import page_path
from macros.errors import DataError
from macros.render import render

PAGE_FIELD = "keywords"
SECTION_FIELD = "terms"
CARDS_PAGE = "cards.md"
DRILLS_PAGE = "onboarding/drills.md"
STATE_CARD_SECTION = "state-card"   # the heading above the card on a state page (state_page.md)


@dataclass(frozen=True)
class SectionExtras:
    """What one section's search entry gets beyond what Material found: words, and more text."""

    terms: tuple[str, ...] = ()
    text: str = ""


@dataclass
class PageExtras:
    """Anchor -> extras for the sections of one page."""

    sections: dict[str, SectionExtras] = field(default_factory=dict)
    dropped: tuple[str, ...] = ()


def section_extras(book: Handbook) -> dict[str, PageExtras]:
    """Page source path -> the extras for its drill and card sections."""
    drills = {drill.id: drill for drill in book.drills}
    faces = {face.id: face for face in book.topic_cards()}
    cards = PageExtras()
    for card in book.deck.cards:
        terms = tuple(drills[card.drill].keywords) if card.drill else ()
        cards.sections[f"card-{card.id}"] = SectionExtras(terms, render("search_card_back.html", card=faces[card.id]))
    drill_page = PageExtras({f"drill-{d.id}": SectionExtras(tuple(d.keywords)) for d in book.drills if d.keywords})
    extras = {CARDS_PAGE: cards, DRILLS_PAGE: drill_page}
    for state in book.states:
        card = book.state_card(state.code)
        back = render("search_card_back.html", card=card)
        extras[page_path(state)] = PageExtras({f"card-{card.id}": SectionExtras(text=back)}, dropped=(STATE_CARD_SECTION,))
    return extras


def page_keywords(meta: dict[str, Any], src_uri: str) -> list[str]:
    """A page's front-matter keywords as strings; a value that is not a list stops the build."""
    keywords = meta.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, (str, int, float)) for k in keywords):
        raise DataError(f"docs/{src_uri}: keywords: expected a list of words, got {keywords!r}")
    return [str(k) for k in keywords]


def add_to_entries(
    entries: list[dict[str, Any]], url: str, src_uri: str, keywords: list[str], extras: PageExtras | None
) -> None:
    """Add a page's keywords to its own entry, and the extras to the entries of its sections."""
    sections = extras.sections if extras else {}
    dropped = {f"{url}#{anchor}" for anchor in (extras.dropped if extras else ())}
    wanted = {f"{url}#{anchor}": extra for anchor, extra in sections.items()}
    found = set()
    for entry in entries:
        location = entry["location"]
        if location == url and keywords:
            entry[PAGE_FIELD] = ", ".join(keywords)
        extra = wanted.get(location)
        if extra:
            if extra.terms:
                entry[SECTION_FIELD] = ", ".join(extra.terms)
            if extra.text:
                entry["text"] = f"{entry['text']} {extra.text}".strip()
            found.add(location)
        if location in dropped:
            found.add(location)
    missing = sorted((set(wanted) | dropped) - found)
    if missing:
        raise DataError(f"docs/{src_uri}: search entries missing for sections {missing}: is each a heading with that id?")
    entries[:] = [entry for entry in entries if entry["location"] not in dropped]
