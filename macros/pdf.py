"""Printable PDFs with WeasyPrint: pocket-card decks at true size, the sign-off sheet, the handbook."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

from macros.cards import CardFace
from macros.derived import cached
from macros.loader import DataError
from macros.paths import PROJECT_DIR
from macros.render import render
from macros.timing import timed

PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class Size:
    """A width and height in millimetres."""

    name: str
    width: float
    height: float


CARD_SIZES = {
    "3x5": Size("3 × 5 in", 127.0, 76.2),
    "a7": Size("A7", 105.0, 74.0),
}
SHEETS = {
    "letter": Size("US Letter", 215.9, 279.4),
    "a4": Size("A4", 210.0, 297.0),
}
SHEET_MARGIN_MM = 10.0
CARD_GAP_MM = 12.0   # room between cards for the crop marks
CARD_PADDING_MM = 4.0


class CardOverflow(DataError):
    """A card's text does not fit on its card."""


@dataclass(frozen=True)
class Slot:
    """Where one card sits on a sheet, in millimetres from the top left."""

    x: float
    y: float


@dataclass(frozen=True)
class Layout:
    """How many cards a sheet holds and where, for one card size on one sheet size."""

    sheet: Size
    card: Size
    slots: tuple[Slot, ...]
    columns: int

    def mirrored(self, index: int) -> Slot:
        """Where the back of the card in slot `index` goes, for long-edge duplex printing."""
        slot = self.slots[index]
        return Slot(self.sheet.width - slot.x - self.card.width, slot.y)


def sheet_layout(sheet: Size, card: Size) -> Layout:
    """Cards in a centred grid on a portrait sheet, with gaps for crop marks."""
    usable_w = sheet.width - 2 * SHEET_MARGIN_MM + CARD_GAP_MM
    usable_h = sheet.height - 2 * SHEET_MARGIN_MM + CARD_GAP_MM
    columns = math.floor(usable_w / (card.width + CARD_GAP_MM))
    rows = math.floor(usable_h / (card.height + CARD_GAP_MM))
    if columns < 1 or rows < 1:
        raise ValueError(f"a {card.name} card does not fit on {sheet.name}")
    grid_w = columns * card.width + (columns - 1) * CARD_GAP_MM
    grid_h = rows * card.height + (rows - 1) * CARD_GAP_MM
    left = (sheet.width - grid_w) / 2
    top = (sheet.height - grid_h) / 2
    slots = tuple(
        Slot(left + c * (card.width + CARD_GAP_MM), top + r * (card.height + CARD_GAP_MM))
        for r in range(rows)
        for c in range(columns)
    )
    return Layout(sheet, card, slots, columns)


def _chunks(items: list[CardFace], size: int) -> Iterable[list[CardFace]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@cache
def _engine() -> str:
    """The renderer and its version: part of every cache key, read without importing WeasyPrint."""
    return f"weasyprint {version('weasyprint')}"


@timed("pdf")
def to_pdf(html: str, name: str) -> bytes:
    """Render HTML to PDF bytes, reusing an earlier result for identical input."""
    return cached(name, f"{_engine()}\n{html}", lambda: _weasyprint().HTML(string=html, base_url=str(PROJECT_DIR))
                  .write_pdf(), ".pdf")


def _weasyprint():   # imported only when something must be made: the import alone takes about a second
    import weasyprint

    return weasyprint


def sheet_deck_html(cards: list[CardFace], layout: Layout, title: str) -> str:
    """A deck on sheets: each sheet of fronts is followed by the matching sheet of backs."""
    sheets = []
    for chunk in _chunks(cards, len(layout.slots)):
        fronts = [(layout.slots[i], card) for i, card in enumerate(chunk)]
        backs = [(layout.mirrored(i), card) for i, card in enumerate(chunk)]
        sheets.append(("front", fronts))
        sheets.append(("back", backs))
    return render("print/deck.html", title=title, layout=layout, card=layout.card, sheets=sheets,
                  single=False, padding=CARD_PADDING_MM)


def single_deck_html(cards: list[CardFace], card: Size, title: str) -> str:
    """A deck of card-size pages: the front of each card, then its back."""
    return render("print/deck.html", title=title, layout=None, card=card, single=True,
                  sheets=[(side, [(Slot(0, 0), c)]) for c in cards for side in ("front", "back")],
                  padding=CARD_PADDING_MM)


@timed("pdf")
def check_fit(cards: list[CardFace], card: Size) -> None:
    """Stop the build if any card side is taller than the card, naming card, side and overflow."""
    html = render("print/measure.html", cards=cards, card=card, padding=CARD_PADDING_MM)
    heights = json.loads(cached(f"fit {card.name}", f"{_engine()}\nfit\n{html}",
                                lambda: json.dumps(_side_heights(html)).encode(), ".fit.json"))
    problems = [
        f"card {card_id} ({side}): overflows the {card.name} card by {height - card.height:.1f} mm"
        for card_id, side, height in heights
        if height - card.height > 0.05
    ]
    if problems:
        raise CardOverflow("; ".join(problems))


def _side_heights(html: str) -> list[tuple[str, str, float]]:
    """(card id, side, height in mm) of every card side laid out at the card's width."""
    document = _weasyprint().HTML(string=html, base_url=str(PROJECT_DIR)).render()
    heights = []
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if getattr(box, "element_tag", None) == "section" and element is not None:
                heights.append((element.get("data-card"), element.get("data-side"), box.margin_height() / PX_PER_MM))
                break
    return heights


def card_decks(cards: list[CardFace], title: str) -> dict[str, bytes]:
    """The topic deck in every size and layout, keyed by size and layout ('3x5-letter', 'a7-single')."""
    decks: dict[str, bytes] = {}
    for size_key, card in CARD_SIZES.items():
        check_fit(cards, card)
        for sheet_key, sheet in SHEETS.items():
            layout = sheet_layout(sheet, card)
            html = sheet_deck_html(cards, layout, title)
            decks[f"{size_key}-{sheet_key}"] = to_pdf(html, f"deck {size_key}-{sheet_key}")
        decks[f"{size_key}-single"] = to_pdf(single_deck_html(cards, card, title), f"deck {size_key}-single")
    return decks


def state_deck(state_card: CardFace, title: str) -> bytes:
    """A state's deck: its card, 3 × 5 in on US Letter (front sheet, then back sheet).

    The topic cards are one shared deck, so the cost of the state decks grows with the states alone.
    """
    layout = sheet_layout(SHEETS["letter"], CARD_SIZES["3x5"])
    return to_pdf(sheet_deck_html([state_card], layout, title), f"deck {state_card.id}")


def sign_off_pdf(body: str, sheet: Size) -> bytes:
    """The one-page onboarding sign-off sheet on one paper size."""
    return to_pdf(render("print/sign_off_page.html", body=body, sheet=sheet), f"sign-off {sheet.name}")


def handbook_pdf(site_name: str, chapters: list[tuple[str, str, str]]) -> bytes:
    """The handbook's chapters in order, with a contents page and page numbers."""
    return to_pdf(render("print/handbook.html", site_name=site_name, chapters=chapters), "handbook")
