"""Pocket-card decks as PDFs: sheets with crop marks and aligned backs, one card a page, and each state's deck.

A state's deck is the topic deck with the state's card after the last topic card. WeasyPrint lays out, once per
layout, the full sheets of topic cards, the topic deck's last sheet and every state's last sheet (the last topic
cards and the state's card); the full sheets are written as a PDF once, and each deck is that PDF joined to its own
last sheet's. Every card alone is likewise two pages of one document holding them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from markupsafe import Markup

from macros.cache import DerivedCache
from macros.content.cards import CardFace
from macros.outputs.card_fit import Fit
from macros.outputs.card_layout import (
    CARD_PADDING_MM,
    CROP_LENGTH_MM,
    Layout,
    Size,
    Slot,
    crop_marks,
)
from macros.outputs.pdf_engine import Part, to_pdf, to_pdfs
from macros.render import render
from macros.timing import timed

Sheet = tuple[str, list[tuple[Slot, CardFace]]]   # 'front' or 'back', the cards placed


def _chunks(items: Sequence[CardFace], size: int) -> Iterable[Sequence[CardFace]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sheets(cards: Sequence[CardFace], layout: Layout) -> list[Sheet]:
    """Each sheet of fronts followed by the sheet of their backs, placed for long-edge duplex."""
    made: list[Sheet] = []
    for chunk in _chunks(cards, len(layout.slots)):
        made.append(("front", [(layout.slots[i], card) for i, card in enumerate(chunk)]))
        made.append(("back", [(layout.mirrored(i), card) for i, card in enumerate(chunk)]))
    return made


def marks_html(card: Size) -> Callable[[Slot], Markup]:
    """The crop marks around a card at a place on a sheet, as HTML: the same on every sheet of a layout, so each
    place's are rendered once (most of a deck document's time to render, otherwise)."""
    made: dict[Slot, Markup] = {}

    def at(slot: Slot) -> Markup:
        if slot not in made:
            made[slot] = Markup(render("print/crop_marks.html", marks=crop_marks(slot, card),
                                       crop_length=CROP_LENGTH_MM))
        return made[slot]

    return at


def sheets_html(placed: list[Sheet], layout: Layout, fit: Fit, title: str) -> str:
    """Sheets of cards with crop marks, each side at its fitted type size: one page a sheet."""
    return render("print/deck.html", title=title, page=layout.sheet, card=layout.card, sheets=placed, fit=fit,
                  padding=CARD_PADDING_MM, marks=marks_html(layout.card))


def single_html(cards: Sequence[CardFace], card: Size, fit: Fit, title: str) -> str:
    """Card-size pages, front then back of each card, with no marks (for a print shop or card stock)."""
    placed = [(side, [(Slot(0, 0), c)]) for c in cards for side in ("front", "back")]
    return render("print/deck.html", title=title, page=card, card=card, sheets=placed, fit=fit,
                  padding=CARD_PADDING_MM, marks=None)


def single_deck(cache: DerivedCache, cards: Sequence[CardFace], card: Size, fit: Fit, title: str,
                name: str) -> bytes:
    """One card a page."""
    return to_pdf(cache, single_html(cards, card, fit, title), name)


def shared_and_tail(cards: Sequence[CardFace], layout: Layout) -> tuple[list[CardFace], list[CardFace]]:
    """The topic cards on full sheets (the same in every state's deck), and the cards left for the last sheet."""
    full = len(cards) - len(cards) % len(layout.slots)
    return list(cards[:full]), list(cards[full:])


def _pages(start: int, count: int) -> tuple[int, ...]:
    return tuple(range(start, start + count))


@timed("pdf")
def sheet_decks(cache: DerivedCache, topics: Sequence[CardFace], states: Sequence[CardFace], layout: Layout,
                fit: Fit, key: str, title: str) -> tuple[bytes, list[bytes]]:
    """The topic deck, and each state's deck (the topic deck, then the state's card), on one layout.

    One document holds every sheet once: the full sheets of topic cards, the topic deck's last sheet, then each
    state's last sheet (the cards left over and the state's card). Each deck takes its pages from it.
    """
    shared, tail = shared_and_tail(topics, layout)
    first, topic_last = sheets(shared, layout), sheets(tail, layout)
    state_lasts = [sheets([*tail, state], layout) for state in states]
    placed = first + topic_last + [sheet for last in state_lasts for sheet in last]
    common = _pages(0, len(first))
    parts = [Part(f"deck {key}", common + _pages(len(first), len(topic_last)), title, shared=len(common))]
    start = len(first) + len(topic_last)
    for state, last in zip(states, state_lasts, strict=True):
        parts.append(Part(f"deck {state.id} {key}", common + _pages(start, len(last)),
                          f"{title} and the {state.title} card", shared=len(common)))
        start += len(last)
    topic_deck, *state_decks = to_pdfs(cache, sheets_html(placed, layout, fit, title), parts)
    return topic_deck, state_decks


@timed("pdf")
def single_state_cards(cache: DerivedCache, states: Sequence[CardFace], card: Size, fit: Fit,
                       key: str) -> list[bytes]:
    """Each state's card alone, one card a page: one layout for all states, two pages a state."""
    parts = [Part(f"state card {state.id} {key}", _pages(2 * index, 2), f"Pocket card: {state.title}")
             for index, state in enumerate(states)]
    return to_pdfs(cache, single_html(states, card, fit, "State pocket cards"), parts)
