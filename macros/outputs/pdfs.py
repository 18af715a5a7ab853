"""Every PDF the build makes: pocket-card decks at true size (the topic deck and each state's deck, in every card
size, on every paper and one card a page), the sign-off sheets, the trainers' drill and self-check sheets, the drill
session sign-in sheets and the handbook. Layout, type fitting and deck assembly live in card_layout, card_fit and
decks; where each file goes, in print_files."""

from __future__ import annotations

import json
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from macros import timing
from macros.cache import DerivedCache, Stored, files_key
from macros.content.cards import CardFace
from macros.content.handbook import Handbook
from macros.content.onboarding import questions_per_step
from macros.content.profile import CARDS_FILE, Edition
from macros.errors import DataError, display_path
from macros.outputs.card_fit import CardOverflow, Fit, check_fit, side_types
from macros.outputs.card_layout import CARD_SIZES, SHEETS, Size, sheet_layout
from macros.outputs.decks import sheet_decks, single_deck, single_state_cards
from macros.outputs.pdf_engine import to_pdf
from macros.outputs.print_files import (
    TRAINING_SHEETS,
    data_print_paths,
    deck_path,
    sign_in_path,
    sign_off_path,
    state_card_path,
    state_deck_path,
    training_path,
)
from macros.paths import PACKAGE_DIR
from macros.render import render
from macros.timing import timed


@dataclass(frozen=True)
class Decks:
    """Every card PDF: keys are size and layout, e.g. '3x5-letter' or 'a7-single'."""

    topics: dict[str, bytes]                 # the topic deck
    states: dict[str, dict[str, bytes]]      # state card id -> the topic deck and that state's card
    state_cards: dict[str, dict[str, bytes]]  # state card id -> that state's card alone, one card a page
    fits: dict[str, Fit]                      # card size -> each card side's type size


def helpers_for(jobs: int, side_by_side: bool) -> ThreadPoolExecutor:
    """Threads that wait for the worker processes: one per job, so the workers are never idle; or one alone, when the
    PDFs are made beside a build that must come first (a rebuild under `mkdocs serve`: helper threads rendering
    HTML would slow its pages, as Python runs one thread at a time)."""
    return ThreadPoolExecutor(jobs if side_by_side else 1, initializer=timing.helper_thread)


@timed("pdf")
def card_decks(cache: DerivedCache, topics: list[CardFace], states: list[CardFace], title: str,
               side_by_side: bool = True) -> Decks:
    """The topic deck and every state's deck in every card size, on every paper and one card a page. Each layout's
    document is laid out in a worker process, side by side (a helper thread waits for each)."""
    decks = Decks({}, {s.id: {} for s in states}, {s.id: {} for s in states}, {})
    singles: dict[str, tuple[Future[bytes], Future[list[bytes]]]] = {}
    sheets: dict[str, Future[tuple[bytes, list[bytes]]]] = {}
    with helpers_for(len(CARD_SIZES) * (1 + len(SHEETS)), side_by_side) as helpers:
        for size_key, card in CARD_SIZES.items():
            fit = {**check_fit(cache, topics, card), **check_fit(cache, states, card)}
            decks.fits[size_key] = fit
            single = f"{size_key}-single"
            singles[single] = (helpers.submit(single_deck, cache, topics, card, fit, title, f"deck {single}"),
                               helpers.submit(single_state_cards, cache, states, card, fit, single))
            for sheet_key, sheet in SHEETS.items():
                key = f"{size_key}-{sheet_key}"
                sheets[key] = helpers.submit(sheet_decks, cache, topics, states, sheet_layout(sheet, card), fit, key,
                                             title)
    for single, (topic_deck, alone) in singles.items():
        decks.topics[single] = topic_deck.result()
        for state, pages in zip(states, alone.result(), strict=True):
            decks.state_cards[state.id][single] = pages
    for key, made in sheets.items():
        decks.topics[key], state_decks = made.result()
        for state, deck in zip(states, state_decks, strict=True):
            decks.states[state.id][key] = deck
    return decks


def sign_off_pdf(cache: DerivedCache, body: str, sheet: Size) -> bytes:
    """The one-page onboarding sign-off sheet on one paper size, tagged for screen readers."""
    page = render("print/sign_off_page.html", body=body, sheet=sheet)
    return to_pdf(cache, page, f"sign-off {sheet.name}")


def sign_in_pdf(cache: DerivedCache, body: str, sheet: Size, title: str) -> bytes:
    """The one-page drill session sign-in sheet on one paper size, tagged for screen readers."""
    page = render("print/drill_sign_in_page.html", body=body, sheet=sheet, title=title)
    return to_pdf(cache, page, f"drill sign-in {sheet.name}")


def handbook_pdf(cache: DerivedCache, site_name: str, chapters: list[tuple[str, str, str]]) -> bytes:
    """The handbook's chapters in order, with a contents page and page numbers, tagged for screen readers."""
    return to_pdf(cache, render("print/handbook.html", site_name=site_name, chapters=chapters), "handbook")


# Trainers' paper: the template and the title of each kind of sheet.
TRAINING_TEMPLATES = {
    "drills-handout": ("print/drills_handout.html", "Scenario drills: trainee handout"),
    "drills-key": ("print/drills_key.html", "Scenario drills: trainer's key"),
    "self-check-sheet": ("print/self_check_sheet.html", "Self-checks: question sheet"),
    "self-check-key": ("print/self_check_key.html", "Self-checks: answer key"),
}


def training_pdfs(cache: DerivedCache, book: Handbook, chapters: dict[str, str]) -> dict[str, bytes]:
    """Site path -> PDF for the trainers' sheets on every paper: the drills handout (situations and questions with
    room to write) and its key, the self-check sheet (by path step, numbered as on the steps' self-check pages, a
    score box for each step) and its key. `chapters`: chapter slug -> title."""
    drills = book.drills_in_path_order()
    quizzes = book.quizzes()
    made = {}
    for kind in TRAINING_SHEETS:
        template, title = TRAINING_TEMPLATES[kind]
        for key, sheet in SHEETS.items():
            html = render(template, title=book.title(title), sheet=sheet, drills=drills, quizzes=quizzes,
                          total=len(book.questions), chapters=chapters)
            made[training_path(kind, key)] = to_pdf(cache, html, f"{kind} {key}")
    return made


@timed("pdf")
def data_pdfs(cache: DerivedCache, book: Handbook, chapters: dict[str, str],
              side_by_side: bool = True) -> dict[str, bytes]:
    """Site path -> PDF for every PDF made from data alone: the topic decks, each state's deck and card, the
    sign-off and drill sign-in sheets, the trainers' sheets (made_from_data). A build with the same inputs as an
    earlier one (data_pdfs_inputs) reads that build's PDFs back from the cache by their names, rendering nothing:
    a chapter edited under `mkdocs serve` leaves them as they were."""
    inputs = data_pdfs_inputs(book, chapters)
    listing = cache.find(inputs, ".json")
    if listing is not None:
        names: dict[str, str] = json.loads(listing)
        kept = cache.read(names.values())
        if kept is not None:
            return dict(zip(names, kept, strict=True))
    made = made_from_data(cache, book, chapters, side_by_side)
    stored = {path: data.name for path, data in made.items() if isinstance(data, Stored)}
    if len(stored) == len(made):   # each one read from or kept in the cache: listed by name for the next build
        cache.keep(inputs, json.dumps(stored).encode(), ".json")
    return made


# What decides the PDFs made from data, besides the data: the libraries that write them.
PDF_LIBRARIES = ("weasyprint", "pydyf", "pypdf")


def data_pdfs_inputs(book: Handbook, chapters: dict[str, str], package: Path = PACKAGE_DIR) -> str:
    """All the PDFs made from data are made from: every file of the package (data, templates and the code that
    reads and lays them out), the edition's profile folder, the chapters' titles and the PDF libraries' versions."""
    folders = [package] if book.edition is None else [package, book.edition.folder]
    files = sorted(path for folder in folders for path in folder.rglob("*")
                   if path.is_file() and "__pycache__" not in path.parts)
    return "\n".join(["data pdfs", *(f"{name} {version(name)}" for name in PDF_LIBRARIES),
                      json.dumps(chapters, sort_keys=True), files_key(files)])


def made_from_data(cache: DerivedCache, book: Handbook, chapters: dict[str, str],
                   side_by_side: bool = True) -> dict[str, bytes]:
    """data_pdfs, made (each PDF from the cache if its own HTML was laid out before). An edition's own cards must
    fit before any deck is made. The decks and the sheets are made side by side (helper threads waiting for the
    worker processes), unless not `side_by_side` (helpers_for)."""
    if book.edition:
        check_edition_cards_fit(cache, book.edition, book.topic_cards())
    state_cards = state_cards_that_fit(cache, book)
    sign_off = render("sign_off.html", steps=book.path, drills=book.drills,
                      questions=questions_per_step(book.quizzes()), outline=None)   # blank: no trainee's record
    sign_in = render("drill_sign_in.html", steps=book.path, drills=book.drills, numbers=book.drill_numbers())
    with helpers_for(2 + 2 * len(SHEETS), side_by_side) as helpers:
        all_decks = helpers.submit(card_decks, cache, book.topic_cards(), state_cards, book.title("Pocket cards"),
                                   side_by_side)
        sheets = {sign_off_path(key): helpers.submit(sign_off_pdf, cache, sign_off, size)
                  for key, size in SHEETS.items()}
        sheets.update({sign_in_path(key): helpers.submit(sign_in_pdf, cache, sign_in, size,
                                                         book.title("Drill session sign-in sheet"))
                       for key, size in SHEETS.items()})
        training = helpers.submit(training_pdfs, cache, book, chapters)
        try:
            decks = all_decks.result()
        except CardOverflow as error:
            if not book.edition:
                raise
            raise contacts_overflow(book.edition, error) from error
        made = {path: sheet.result() for path, sheet in sheets.items()}
        made.update(training.result())
    made.update({deck_path(key): data for key, data in decks.topics.items()})
    for state, card in zip(book.states, state_cards, strict=True):
        made.update({state_deck_path(state.code, key): data for key, data in decks.states[card.id].items()})
        made.update({state_card_path(state.code, key): data for key, data in decks.state_cards[card.id].items()})
    listed = set(data_print_paths(book.states))   # the places the site keeps for them
    if set(made) != listed:
        raise RuntimeError(f"print files made and listed differ: {sorted(set(made) ^ listed)}")
    return made


def state_cards_that_fit(cache: DerivedCache, book: Handbook) -> list[CardFace]:
    """Each state's card with its minimum age on the front; where an edition's contacts leave no room for that line on
    some card size, the card whose back says to find the age on the state page. All measured in one layout a size."""
    faces = [book.state_card(state.code) for state in book.states]
    overflowing = {face.id for card in CARD_SIZES.values() for face, _, _ in side_types(cache, faces, card)[1]}
    return [book.state_card(state.code, age_on_front=False) if face.id in overflowing else face
            for state, face in zip(book.states, faces, strict=True)]


def check_edition_cards_fit(cache: DerivedCache, edition: Edition, faces: list[CardFace]) -> None:
    """Stop the build on a card of the edition that overflows its card, naming the edition's cards.yml."""
    own = [face for face in faces if face.id in {card.id for card in edition.cards}]
    if not own:
        return
    for size in CARD_SIZES.values():
        try:
            check_fit(cache, own, size)
        except CardOverflow as error:
            raise DataError(f"{display_path(edition.folder / CARDS_FILE)}: {error}") from None


def contacts_overflow(edition: Edition, error: DataError) -> DataError:
    """A shared card pushed over its size by the edition's contacts: say which file to change."""
    return DataError(f"{error}; {display_path(edition.profile_file)}: profile.contacts: printed on every "
                     "card side, they no longer fit: use fewer or shorter contacts")
