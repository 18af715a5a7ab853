"""Printable PDFs: pocket-card decks at true size (topic deck and each state's deck), the sign-off sheet and
the handbook. Layout, type fitting and deck assembly live in card_layout, card_fit and decks."""

from __future__ import annotations

from dataclasses import dataclass

from macros.card_fit import CANDIDATES, MIN_PT, CardOverflow, CardType, Fit, check_fit
from macros.card_layout import CARD_SIZES, SHEETS, Layout, Size, Slot, sheet_layout
from macros.cards import CardFace
from macros.decks import sheet_decks, single_deck, single_state_cards
from macros.pdf_engine import TAGGED, to_pdf
from macros.render import render

__all__ = ["CANDIDATES", "CARD_SIZES", "MIN_PT", "SHEETS", "CardOverflow", "CardType", "Decks", "Fit", "Layout",
           "Size", "Slot", "card_decks", "check_fit", "handbook_pdf", "sheet_layout", "sign_off_pdf", "to_pdf"]


@dataclass(frozen=True)
class Decks:
    """Every card PDF: keys are size and layout, e.g. '3x5-letter' or 'a7-single'."""

    topics: dict[str, bytes]                 # the topic deck
    states: dict[str, dict[str, bytes]]      # state card id -> the topic deck and that state's card
    state_cards: dict[str, dict[str, bytes]]  # state card id -> that state's card alone, one card a page
    fits: dict[str, Fit]                      # card size -> each card side's type size


def card_decks(topics: list[CardFace], states: list[CardFace], title: str) -> Decks:
    """The topic deck and every state's deck in every card size, on every paper and one card a page."""
    decks = Decks({}, {s.id: {} for s in states}, {s.id: {} for s in states}, {})
    for size_key, card in CARD_SIZES.items():
        fit = {**check_fit(topics, card), **check_fit(states, card)}
        decks.fits[size_key] = fit
        single = f"{size_key}-single"
        decks.topics[single] = single_deck(topics, card, fit, title, f"deck {single}")
        alone = single_state_cards(states, card, fit, single)
        for state, pages in zip(states, alone):
            decks.state_cards[state.id][single] = pages
        for sheet_key, sheet in SHEETS.items():
            key = f"{size_key}-{sheet_key}"
            topic_deck, state_decks = sheet_decks(topics, states, alone, sheet_layout(sheet, card), fit, key, title)
            decks.topics[key] = topic_deck
            for state, deck in zip(states, state_decks):
                decks.states[state.id][key] = deck
    return decks


def sign_off_pdf(body: str, sheet: Size) -> bytes:
    """The one-page onboarding sign-off sheet on one paper size, tagged for screen readers."""
    return to_pdf(render("print/sign_off_page.html", body=body, sheet=sheet), f"sign-off {sheet.name}", TAGGED)


def handbook_pdf(site_name: str, chapters: list[tuple[str, str, str]]) -> bytes:
    """The handbook's chapters in order, with a contents page and page numbers, tagged for screen readers."""
    return to_pdf(render("print/handbook.html", site_name=site_name, chapters=chapters), "handbook", TAGGED)
