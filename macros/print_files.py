"""The printable files the build makes, and the offline edition's zip: names shared by pages and hooks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class PrintFile:
    """One PDF the build makes, as linked from the site."""

    path: str
    title: str
    about: str


HANDBOOK_PDF = "print/handbook.pdf"


def deck_path(key: str) -> str:
    """Where the topic deck in one size and layout goes, e.g. key '3x5-letter'."""
    return f"print/pocket-cards-{key}.pdf"


def sign_off_path(sheet: str) -> str:
    """Where the sign-off sheet on one paper size goes, e.g. sheet 'a4'."""
    return f"print/sign-off-{sheet}.pdf"


PRINT_FILES: tuple[PrintFile, ...] = (
    PrintFile(deck_path("3x5-letter"), "Pocket cards, 3 × 5 in, on US Letter",
              "Three cards a sheet with crop marks. Fronts and backs on alternate sheets: "
              "print double-sided, flip on long edge."),
    PrintFile(deck_path("3x5-a4"), "Pocket cards, 3 × 5 in, on A4",
              "The same deck laid out on A4 paper."),
    PrintFile(deck_path("a7-letter"), "Pocket cards, A7, on US Letter",
              "The deck at A7 size (105 × 74 mm) with crop marks."),
    PrintFile(deck_path("a7-a4"), "Pocket cards, A7, on A4",
              "The deck at A7 size laid out on A4 paper."),
    PrintFile(deck_path("3x5-single"), "Pocket cards, one card a page (3 × 5 in)",
              "Card-size pages, front then back, for a print shop or card stock."),
    PrintFile(deck_path("a7-single"), "Pocket cards, one card a page (A7)",
              "A7 pages, front then back, for a print shop."),
    PrintFile(HANDBOOK_PDF, "The whole handbook",
              "All chapters in order with a contents page and page numbers, for onboarding binders."),
    PrintFile(sign_off_path("letter"), "Sign-off sheet, US Letter",
              "The one-page record of a new hire's path and drills."),
    PrintFile(sign_off_path("a4"), "Sign-off sheet, A4", "The same sheet on A4 paper."),
)

OFFLINE_ZIP_NAME = "downloads/security-officer-handbook-offline.zip"


def state_deck_path(code: str) -> str:
    """Where a state's pocket-card deck goes in the site."""
    return f"print/states/pocket-cards-{code.lower()}.pdf"


def offline_zip_path(config: Any) -> Path | None:
    """The offline edition's zip this build should publish, if one was made before it."""
    name = config["extra"].get("offline_zip") or ""
    path = Path(name)
    return path if name and path.is_file() else None
