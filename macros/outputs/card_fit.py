"""The type size of each pocket-card side: the largest from 12 pt down to 9 pt that fits, or a build stop."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from macros.cache import DerivedCache, digest
from macros.content.cards import CardFace
from macros.errors import DataError
from macros.outputs.card_layout import CARD_PADDING_MM, Size
from macros.outputs.internals import first_section_heights
from macros.outputs.pdf_engine import PX_PER_MM, engine, in_worker, render_document, split_at
from macros.render import render
from macros.timing import timed

SIDE_MARK = "<!--side-->"   # print/measure.html writes it before each side's sections, and before </body>
MAX_PT = 12.0
MIN_PT = 9.0     # nothing on a printed card is smaller
STEP_PT = 0.5
SIDES = ("front", "back")


class CardOverflow(DataError):
    """A card's text does not fit on its card."""


@dataclass(frozen=True)
class CardType:
    """The sizes one card side is set in: body text and title scale, small print never goes under 9 pt."""

    body: float

    @property
    def small(self) -> float:
        """Kicker, footer and table heads: a little smaller than the body, never under MIN_PT."""
        return max(MIN_PT, self.body - 1.5)


CANDIDATES = tuple(CardType(MAX_PT - STEP_PT * i) for i in range(int((MAX_PT - MIN_PT) / STEP_PT) + 1))

Fit = dict[tuple[str, str], CardType]   # (card id, side) -> its type sizes


@timed("pdf")
def check_fit(cache: DerivedCache, cards: list[CardFace], card: Size) -> Fit:
    """The largest type that fits each card side; stop the build naming card, side and overflow at 9 pt."""
    fit, overflows = side_types(cache, cards, card)
    if overflows:
        raise CardOverflow("; ".join(f"card {face.id} ({which}): overflows the {card.name} card by {over:.1f} mm "
                                     f"at {MIN_PT:g} pt" for face, which, over in overflows))
    return fit


@timed("pdf")
def side_types(cache: DerivedCache, cards: list[CardFace], card: Size) -> tuple[Fit, list[tuple[CardFace, str, float]]]:
    """The largest type that fits each card side, and the sides that overflow even at 9 pt (by how many mm).

    Most sides fit at the largest size, so every side is measured at that size first, and only the sides that
    overflow are measured again at the next size down, and so on: one render a size, each side's height kept in
    the cache.
    """
    fit: Fit = {}
    rest = [(face, which) for face in cards for which in SIDES]
    overflows: list[tuple[CardFace, str, float]] = []
    for size in CANDIDATES:
        overflows = []
        for (face, which), (height,) in zip(rest, measure(cache, rest, (size,), card), strict=True):
            if _fits(height, card):
                fit[(face.id, which)] = size
            else:
                overflows.append((face, which, height - card.height))
        rest = [(face, which) for face, which, _ in overflows]
    return fit, overflows


def _fits(height: float, card: Size) -> bool:
    return height - card.height <= 0.05


def measure(cache: DerivedCache, sides: list[tuple[CardFace, str]], types: tuple[CardType, ...],
            card: Size) -> list[list[float]]:
    """Each side's height in mm at each of the type sizes. Each side's heights are kept in the cache on their own,
    known by the side's own sections of one document that holds them all (SIDE_MARK), so a changed card is
    measured again alone, in one layout with any other side not measured before."""
    if not sides:   # check_fit's second pass, when every side fits at the largest size
        return []
    document = render("print/measure.html", sides=sides, card=card, padding=CARD_PADDING_MM, candidates=types)
    head, own, tail = split_at(document, SIDE_MARK)
    shared = "\n".join([engine(), "fit", digest(head + tail)])
    keys = [f"{shared}\n{html}" for html in own]   # a side is known by its own HTML, the rest hashed once
    kept = {key: cache.find(key, ".fit.json") for key in keys}
    missing = [(index, key) for index, key in enumerate(keys) if kept[key] is None]
    if missing:
        flat = in_worker(_side_heights, head + "".join(own[index] for index, _ in missing) + tail)
        for index, (_, key) in enumerate(missing):
            heights = flat[index * len(types) : (index + 1) * len(types)]
            kept[key] = cache.get(f"fit {card.name}", key, functools.partial(_encoded, heights), ".fit.json")
    return [json.loads(kept[key] or b"") for key in keys]


def _encoded(heights: list[float]) -> bytes:
    return json.dumps(heights).encode()


def _side_heights(html: str) -> list[float]:
    """The height in mm of every measured section, in document order (one section a page)."""
    return [px / PX_PER_MM for px in first_section_heights(render_document(html))]
