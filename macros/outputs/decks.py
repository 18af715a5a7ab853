"""Pocket-card decks as PDFs: sheets with crop marks and aligned backs, one card a page, and each state's deck.

A state's deck is the topic deck with the state's card after the last topic card. WeasyPrint renders the full
sheets of topic cards once, the last sheet once with a free slot (its crop marks drawn), and every state's
card once, one card a page, in a single document. pypdf then splits that document into states, places each
state's front and back in the free slot and joins the sheets: no sheet is rendered per state.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

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
from macros.outputs.pdf_engine import TAGGED, to_pdf
from macros.render import render
from macros.timing import timed

if TYPE_CHECKING:
    from pypdf import PdfReader, PdfWriter


def _pypdf() -> Any:
    """pypdf, imported only when PDFs must be joined, cut or placed: a warm build needs none of it."""
    import pypdf

    return pypdf


Sheet = tuple[str, list[tuple[Slot, CardFace | None]]]   # 'front' or 'back', the cards placed (None: a free slot)
PT_PER_MM = 72 / 25.4


def _chunks(items: Sequence[CardFace | None], size: int) -> Iterable[Sequence[CardFace | None]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sheets(cards: Sequence[CardFace | None], layout: Layout) -> list[Sheet]:
    """Each sheet of fronts followed by the sheet of their backs, placed for long-edge duplex (None: a free slot)."""
    made: list[Sheet] = []
    for chunk in _chunks(cards, len(layout.slots)):
        made.append(("front", [(layout.slots[i], card) for i, card in enumerate(chunk)]))
        made.append(("back", [(layout.mirrored(i), card) for i, card in enumerate(chunk)]))
    return made


def sheets_html(placed: list[Sheet], layout: Layout, fit: Fit, title: str) -> str:
    """Sheets of cards with crop marks, each side at its fitted type size."""
    return render("print/deck.html", title=title, page=layout.sheet, card=layout.card, sheets=placed, fit=fit,
                  padding=CARD_PADDING_MM, marks=crop_marks, crop_length=CROP_LENGTH_MM)


def single_html(cards: Sequence[CardFace], card: Size, fit: Fit, title: str) -> str:
    """Card-size pages, front then back of each card, with no marks (for a print shop or card stock)."""
    placed = [(side, [(Slot(0, 0), c)]) for c in cards for side in ("front", "back")]
    return render("print/deck.html", title=title, page=card, card=card, sheets=placed, fit=fit,
                  padding=CARD_PADDING_MM, marks=None, crop_length=CROP_LENGTH_MM)


def single_deck(cache: DerivedCache, cards: Sequence[CardFace], card: Size, fit: Fit, title: str,
                name: str) -> bytes:
    """One card a page, tagged for screen readers."""
    return to_pdf(cache, single_html(cards, card, fit, title), name, TAGGED)


@timed("pdf")
def join(cache: DerivedCache, parts: Sequence[bytes], title: str, name: str) -> bytes:
    """PDFs joined page after page, with one title and language, kept in the cache."""
    digest = hashlib.sha256(b"".join(hashlib.sha256(p).digest() for p in parts)).hexdigest()
    return cache.get(name, f"join\n{title}\n{digest}", lambda: _join(parts, title), ".pdf")


def _join(parts: Sequence[bytes], title: str) -> bytes:
    writer = _pypdf().PdfWriter()
    for part in parts:
        writer.append(_pypdf().PdfReader(io.BytesIO(part)))
    return _finish(writer, title)


def _finish(writer: PdfWriter, title: str) -> bytes:
    """The joined PDF with its title and language."""
    writer.add_metadata({"/Title": title, "/Producer": "pypdf"})
    generic = _pypdf().generic
    writer._root_object[generic.NameObject("/Lang")] = generic.TextStringObject("en")
    return _write(writer)


@timed("pdf")
def split(cache: DerivedCache, pdf: bytes, counts: Sequence[int], titles: Sequence[str],
          name: str) -> list[bytes]:
    """A PDF cut into consecutive runs of pages, `counts` pages each, each run with its own title; each run
    is kept in the cache, so an unchanged PDF is never cut again."""
    digest = hashlib.sha256(pdf).hexdigest()
    starts = [sum(counts[:index]) for index in range(len(counts))]
    source: list[PdfReader] = []   # read on the first cut made, if any

    def cut(start: int, count: int, title: str) -> bytes:
        if not source:
            source.append(_pypdf().PdfReader(io.BytesIO(pdf)))
            if sum(counts) != len(source[0].pages):
                raise ValueError(f"expected {sum(counts)} pages, the PDF has {len(source[0].pages)}")
        writer = _pypdf().PdfWriter()
        for index in range(start, start + count):
            writer.add_page(source[0].pages[index])
        return _finish(writer, title)

    return [
        cache.get(f"{name} {title}", f"split\n{digest}\n{start}\n{count}\n{title}",
               lambda start=start, count=count, title=title: cut(start, count, title), ".pdf")
        for start, count, title in zip(starts, counts, titles, strict=True)
    ]


def _write(writer: PdfWriter) -> bytes:
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def shared_and_tail(cards: Sequence[CardFace], layout: Layout) -> tuple[list[CardFace], list[CardFace]]:
    """The topic cards on full sheets (the same in every state's deck), and the cards left for the last sheet."""
    full = len(cards) - len(cards) % len(layout.slots)
    return list(cards[:full]), list(cards[full:])


@timed("pdf")
def sheet_decks(cache: DerivedCache, topics: Sequence[CardFace], states: Sequence[CardFace], alone: Sequence[bytes],
                layout: Layout, fit: Fit, key: str, title: str) -> tuple[bytes, list[bytes]]:
    """The topic deck, and each state's deck (the topic deck, then the state's card), on one layout.

    `alone` holds each state's card as a two-page PDF (front, back) at card size; it is placed in the free
    slot of the last sheet, so WeasyPrint renders no sheet per state.
    """
    shared, tail = shared_and_tail(topics, layout)
    shared_pdf = to_pdf(cache, sheets_html(sheets(shared, layout), layout, fit, title), f"deck sheets {key}") \
        if shared else b""
    tail_pdf = to_pdf(cache, sheets_html(sheets(tail, layout), layout, fit, title), f"deck last sheet {key}") \
        if tail else b""
    topic_deck = join(cache, [p for p in (shared_pdf, tail_pdf) if p], title, f"deck {key}")
    # The last sheet with one slot left free (crop marks drawn) for a state's card.
    open_pdf = to_pdf(cache, sheets_html(sheets([*tail, None], layout), layout, fit, title), f"deck open sheet {key}")
    slots = (layout.slots[len(tail)], layout.mirrored(len(tail)))
    state_decks = [
        place(cache, shared_pdf, open_pdf, card, slots, layout, f"{title} and the {state.title} card",
              f"deck {state.id} {key}")
        for state, card in zip(states, alone)
    ]
    return topic_deck, state_decks


@timed("pdf")
def place(cache: DerivedCache, shared: bytes, open_sheet: bytes, card: bytes, slots: tuple[Slot, Slot],
          layout: Layout, title: str, name: str) -> bytes:
    """The shared sheets, then the open sheet with the card's front and back in their slots, kept in the cache."""
    digest = hashlib.sha256(b"".join(hashlib.sha256(p).digest() for p in (shared, open_sheet, card))).hexdigest()
    inputs = f"place\n{title}\n{slots}\n{layout.sheet}\n{digest}"
    return cache.get(name, inputs, lambda: _place(shared, open_sheet, card, slots, layout, title), ".pdf")


def _place(shared: bytes, open_sheet: bytes, card: bytes, slots: tuple[Slot, Slot], layout: Layout,
           title: str) -> bytes:
    pypdf = _pypdf()
    writer = pypdf.PdfWriter()
    if shared:
        writer.append(pypdf.PdfReader(io.BytesIO(shared)))
    sides = pypdf.PdfReader(io.BytesIO(card)).pages
    for page, side, slot in zip(pypdf.PdfReader(io.BytesIO(open_sheet)).pages, sides, slots):
        placed = writer.add_page(page)
        x, y = slot.x * PT_PER_MM, (layout.sheet.height - slot.y - layout.card.height) * PT_PER_MM
        placed.merge_transformed_page(side, pypdf.Transformation().translate(x, y))
        placed.compress_content_streams()
    return _finish(writer, title)


@timed("pdf")
def single_state_cards(cache: DerivedCache, states: Sequence[CardFace], card: Size, fit: Fit,
                       key: str) -> list[bytes]:
    """Each state's card alone, one card a page: one render for all states, split into states."""
    every = to_pdf(cache, single_html(states, card, fit, "State pocket cards"), f"state cards {key}")
    titles = [f"Pocket card: {state.title}" for state in states]
    return split(cache, every, [2] * len(states), titles, f"state card {key}")
