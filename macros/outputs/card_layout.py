"""Where pocket cards sit on a printed sheet: card and paper sizes, the grid, and where each back goes."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    """A width and height in millimetres."""

    name: str
    width: float
    height: float

    def landscape(self) -> Size:
        """The same size turned on its side (the longer edge across)."""
        return Size(self.name, max(self.width, self.height), min(self.width, self.height))


CARD_SIZES = {
    "3x5": Size("3 × 5 in", 127.0, 76.2),
    "a7": Size("A7", 105.0, 74.0),
}
SHEETS = {
    "letter": Size("US Letter", 215.9, 279.4),
    "a4": Size("A4", 210.0, 297.0),
}
SHEET_MARGIN_MM = 8.0   # paper edge to card edge: the crop marks end 3.5 mm from the paper edge
CARD_GAP_MM = 8.0       # between two cards, room for both cards' crop marks
CROP_OFFSET_MM = 1.0    # a crop mark starts this far outside the card's corner...
CROP_LENGTH_MM = 3.5    # ...and is this long
SAFE_MM = 3.0           # nothing is printed within this distance inside the trim line
CARD_PADDING_MM = 4.0   # the card's text starts this far inside the trim (more than SAFE_MM)


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

    @property
    def is_landscape(self) -> bool:
        """Whether the sheet is printed with its long edge across."""
        return self.sheet.width > self.sheet.height

    def mirrored(self, index: int) -> Slot:
        """Where the back of the card in slot `index` goes, for duplex printing flipped on the paper's long edge.

        A portrait sheet turns over left to right, so the back is mirrored across; a landscape sheet turns
        over top to bottom (its long edge is across), so the back is mirrored up and down.
        """
        slot = self.slots[index]
        if self.is_landscape:
            return Slot(slot.x, self.sheet.height - slot.y - self.card.height)
        return Slot(self.sheet.width - slot.x - self.card.width, slot.y)


def _grid(sheet: Size, card: Size) -> tuple[int, int]:
    """Columns and rows of cards that fit on a sheet with margins and gaps."""
    columns = math.floor((sheet.width - 2 * SHEET_MARGIN_MM + CARD_GAP_MM) / (card.width + CARD_GAP_MM))
    rows = math.floor((sheet.height - 2 * SHEET_MARGIN_MM + CARD_GAP_MM) / (card.height + CARD_GAP_MM))
    return max(columns, 0), max(rows, 0)


def sheet_layout(paper: Size, card: Size) -> Layout:
    """As many cards as fit, in a centred grid, on the paper upright or on its side (upright on a tie)."""
    options = [paper, paper.landscape()] if paper.width < paper.height else [paper]
    sheet = max(options, key=lambda s: math.prod(_grid(s, card)))   # max keeps the first of equals
    columns, rows = _grid(sheet, card)
    if columns < 1 or rows < 1:
        raise ValueError(f"a {card.name} card does not fit on {paper.name}")
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


def crop_marks(slot: Slot, card: Size) -> list[tuple[str, float, float]]:
    """The eight crop marks of one card: (direction 'h' or 'v', left, top) in mm, all outside the card."""
    marks = []
    for x, y in ((slot.x, slot.y), (slot.x + card.width, slot.y),
                 (slot.x, slot.y + card.height), (slot.x + card.width, slot.y + card.height)):
        outward_x = x - CROP_OFFSET_MM - CROP_LENGTH_MM if x == slot.x else x + CROP_OFFSET_MM
        outward_y = y - CROP_OFFSET_MM - CROP_LENGTH_MM if y == slot.y else y + CROP_OFFSET_MM
        marks.append(("h", outward_x, y))
        marks.append(("v", x, outward_y))
    return marks
