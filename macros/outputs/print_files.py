"""Where the printable files and the downloads (the offline build's zip, the LMS package) go, and what the print
page calls them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from macros.content.models import State
from macros.outputs.card_layout import CARD_SIZES, SHEETS, sheet_layout


@dataclass(frozen=True)
class PrintFile:
    """One PDF the build makes, as linked from the site."""

    path: str
    title: str
    about: str


HANDBOOK_PDF = "print/handbook.pdf"
SHEET_DECKS = tuple(f"{size}-{sheet}" for size in CARD_SIZES for sheet in SHEETS)   # '3x5-letter', ...
SINGLE_DECKS = tuple(f"{size}-single" for size in CARD_SIZES)                      # '3x5-single', 'a7-single'


def deck_path(key: str) -> str:
    """Where the topic deck in one size and layout goes, e.g. key '3x5-letter'."""
    return f"print/pocket-cards-{key}.pdf"


def sign_off_path(sheet: str) -> str:
    """Where the sign-off sheet on one paper size goes, e.g. sheet 'a4'."""
    return f"print/sign-off-{sheet}.pdf"


# Paper for trainers: a trainee's sheet and its key, for the drills and the self-checks.
TRAINING_SHEETS = ("drills-handout", "drills-key", "self-check-sheet", "self-check-key")
ANSWER_KEYS = ("drills-key", "self-check-key")   # the answers: never inside the graded LMS course


def training_path(kind: str, sheet: str) -> str:
    """Where one trainer's PDF on one paper size goes, e.g. kind 'drills-key', sheet 'a4'."""
    return f"print/{kind}-{sheet}.pdf"


def sign_in_path(sheet: str) -> str:
    """Where the drill session sign-in sheet on one paper size goes, e.g. sheet 'letter'."""
    return f"print/drill-sign-in-{sheet}.pdf"


def answer_key_paths() -> list[str]:
    """Every answer key, on every paper size."""
    return [training_path(kind, sheet) for kind in ANSWER_KEYS for sheet in SHEETS]


def state_deck_path(code: str, key: str = "3x5-letter") -> str:
    """Where a state's own deck (every topic card, then the state's card) in one size and paper goes."""
    return f"print/states/pocket-cards-{code.lower()}-{key}.pdf"


def state_card_path(code: str, key: str) -> str:
    """Where a state's card alone, one card a page ('3x5-single' or 'a7-single'), goes."""
    return f"print/states/state-card-{code.lower()}-{key}.pdf"


def _per_sheet(size: str, sheet: str) -> int:
    return len(sheet_layout(SHEETS[sheet], CARD_SIZES[size]).slots)


PRINT_FILES: tuple[PrintFile, ...] = (
    PrintFile(deck_path("3x5-letter"), "Pocket cards, 3 × 5 in, on US Letter",
              f"Landscape sheets, {_per_sheet('3x5', 'letter')} cards each, with crop marks. "
              "Fronts and backs on alternate sheets: print double-sided, flip on long edge."),
    PrintFile(deck_path("3x5-a4"), "Pocket cards, 3 × 5 in, on A4",
              f"The same deck on A4 paper, {_per_sheet('3x5', 'a4')} cards a sheet."),
    PrintFile(deck_path("a7-letter"), "Pocket cards, A7, on US Letter",
              f"The deck at A7 size (105 × 74 mm), {_per_sheet('a7', 'letter')} cards a sheet with crop marks."),
    PrintFile(deck_path("a7-a4"), "Pocket cards, A7, on A4",
              f"The deck at A7 size on A4 paper, {_per_sheet('a7', 'a4')} cards a sheet."),
    PrintFile(deck_path("3x5-single"), "Pocket cards, one card a page (3 × 5 in)",
              "Card-size pages, front then back, for a print shop or card stock."),
    PrintFile(deck_path("a7-single"), "Pocket cards, one card a page (A7)",
              "A7 pages, front then back, for a print shop."),
    PrintFile(HANDBOOK_PDF, "The whole handbook",
              "All chapters in order with a contents page and page numbers, for onboarding binders."),
    PrintFile(sign_off_path("letter"), "Sign-off sheet, US Letter",
              "The one-page record of a new hire's path and drills."),
    PrintFile(sign_off_path("a4"), "Sign-off sheet, A4", "The same sheet on A4 paper."),
    PrintFile(sign_in_path("letter"), "Drill session sign-in sheet, US Letter",
              "One page for a drill session: date, site, trainer, the drills run, a row for each trainee to sign "
              "in, and notes."),
    PrintFile(sign_in_path("a4"), "Drill session sign-in sheet, A4", "The same sheet on A4 paper."),
    PrintFile(training_path("drills-handout", "letter"), "Scenario drills: trainee handout, US Letter",
              "Every drill's situation and questions with lines to write on; no answers. In the path's order."),
    PrintFile(training_path("drills-key", "letter"), "Scenario drills: trainer's key, US Letter",
              "What good service looks like, what to avoid, what protocol requires and the model answers."),
    PrintFile(training_path("self-check-sheet", "letter"), "Self-checks: question sheet, US Letter",
              "Every self-check question with boxes to tick; no answers. By step of the path, numbered as on "
              "the self-check pages; each step starts a page, with a box for its score."),
    PrintFile(training_path("self-check-key", "letter"), "Self-checks: answer key, US Letter",
              "The right answer to each question and why, by step; a table of every step's answers first, "
              "for quick marking."),
    PrintFile(training_path("drills-handout", "a4"), "Scenario drills: trainee handout, A4", "The handout on A4."),
    PrintFile(training_path("drills-key", "a4"), "Scenario drills: trainer's key, A4", "The key on A4."),
    PrintFile(training_path("self-check-sheet", "a4"), "Self-checks: question sheet, A4", "The sheet on A4."),
    PrintFile(training_path("self-check-key", "a4"), "Self-checks: answer key, A4", "The key on A4."),
)


@dataclass(frozen=True)
class SizeLinks:
    """A state's files in one card size: (link text, path) for each paper, then the card alone."""

    size: str
    links: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StateFiles:
    """One row of the print page's state table."""

    code: str
    name: str
    sizes: tuple[SizeLinks, ...]


def state_files(states: Sequence[State]) -> list[StateFiles]:
    """Every state's deck on every paper and its card alone, in every card size."""
    return [
        StateFiles(state.code.lower(), state.name, tuple(
            SizeLinks(card.name, tuple(
                [(SHEETS[sheet].name, state_deck_path(state.code, f"{size}-{sheet}")) for sheet in SHEETS]
                + [("Card alone", state_card_path(state.code, f"{size}-single"))]))
            for size, card in CARD_SIZES.items()))
        for state in states
    ]


def data_print_paths(states: Sequence[State]) -> list[str]:
    """Every PDF made from data alone: the topic decks, each state's decks and card, the sign-off sheets, the
    trainers' drill and self-check sheets and the drill session sign-in sheets."""
    paths = [deck_path(key) for key in (*SHEET_DECKS, *SINGLE_DECKS)]
    for state in states:
        paths += [state_deck_path(state.code, key) for key in SHEET_DECKS]
        paths += [state_card_path(state.code, key) for key in SINGLE_DECKS]
    paths += [training_path(kind, sheet) for kind in TRAINING_SHEETS for sheet in SHEETS]
    return paths + [sign_off_path(sheet) for sheet in SHEETS] + [sign_in_path(sheet) for sheet in SHEETS]


OFFLINE_ZIP_NAME = "downloads/security-officer-handbook-offline.zip"
SCORM_ZIP_NAME = "downloads/security-officer-onboarding-scorm12.zip"   # the onboarding course for an LMS
