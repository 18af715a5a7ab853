"""All handbook data, loaded once per build and checked across files."""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pydantic

from macros.cache import DerivedCache, files_key
from macros.content.cards import (
    TOPIC_FOOTER,
    CardContact,
    CardFace,
    load_deck,
    load_phrase_cards,
    phrase_faces,
    state_face,
    topic_faces,
)
from macros.content.glossary import load_glossary
from macros.content.loader import load_list, load_one, require_unique
from macros.content.models import (
    CHAPTERS_FILE,
    BrowserStorage,
    CardDeck,
    Chapter,
    Course,
    Drill,
    GlossaryEntry,
    PathStep,
    PhraseCard,
    Question,
    SearchConcept,
    SearchSettings,
    State,
    naming_chapters,
)
from macros.content.onboarding import (
    Quiz,
    chapter_steps,
    load_chapters,
    load_drills,
    load_path,
    load_questions,
)
from macros.content.profile import Edition, load_edition
from macros.content.states import load_states
from macros.errors import DataError, display_path
from macros.paths import DATA_DIR, PACKAGE_DIR


@dataclass(frozen=True)
class Handbook:
    """The validated data behind every generated part of the site."""

    data_dir: Path
    chapters: list[Chapter]   # in the book's order
    states: list[State]
    deck: CardDeck
    drills: list[Drill]
    questions: list[Question]
    path: list[PathStep]
    glossary: list[GlossaryEntry]
    phrase_cards: list[PhraseCard]
    course: Course    # the onboarding course's LMS package (an edition may set its own pass mark)
    search: SearchSettings   # how the search box ranks what officers type
    concepts: list[SearchConcept]   # the situations officers search for, in their words
    storage: BrowserStorage   # what the pages keep in the reader's browser, and the training record's format
    edition: Edition | None = None   # an organisation's profile: its states, cards, pages and contacts

    def state(self, code: str) -> State:
        """The state with this code; an unknown code stops the build."""
        for state in self.states:
            if state.code == code.upper():
                return state
        known = ", ".join(s.code for s in self.states)
        raise DataError(f"unknown state code {code!r}; known codes: {known}")

    def topic_cards(self) -> list[CardFace]:
        """Faces of all topic cards, the phrase cards after the cards of their group."""
        faces = topic_faces(self.deck) + phrase_faces(self.phrase_cards, self.deck)
        order = {g.id: i for i, g in enumerate(self.deck.groups)}
        return [self._branded(face) for face in sorted(faces, key=lambda face: order[face.group])]

    def urgent_cards(self) -> list[CardFace]:
        """The cards marked urgent (the home page links them first), in the deck's order."""
        urgent = {card.id for card in self.deck.cards if card.urgent}
        return [face for face in self.topic_cards() if face.id in urgent]

    def state_card(self, code: str, age_on_front: bool = True) -> CardFace:
        """The pocket card of one state (with `age_on_front` false, its back says where to find the minimum age)."""
        return self._branded(state_face(self.state(code), age_on_front))

    def chapter_titles(self) -> dict[str, str]:
        """Chapter slug -> title, in the book's order."""
        return {chapter.slug: chapter.title for chapter in self.chapters}

    def questions_by_chapter(self) -> dict[str, list[Question]]:
        """Chapter slug -> its self-check questions, in chapter order (chapters without questions left out)."""
        grouped = {c.slug: [q for q in self.questions if q.chapter == c.slug] for c in self.chapters}
        return {chapter: questions for chapter, questions in grouped.items() if questions}

    def quizzes(self) -> list[Quiz]:
        """The self-check of each path step that has questions, in path order. Every question is in exactly one
        step's quiz (load_handbook checks it)."""
        owners = chapter_steps(self.path)
        by_chapter = self.questions_by_chapter()
        quizzes = []
        for step in self.path:
            mine = {chapter: by_chapter[chapter] for chapter in step.chapters
                    if chapter in by_chapter and owners[chapter] is step}
            if mine:
                quizzes.append(Quiz(step, mine))
        return quizzes

    def drills_in_path_order(self) -> list[Drill]:
        """The drills in the order the onboarding path uses them (any drill outside the path last)."""
        order = {drill_id: i for i, drill_id in enumerate(d for step in self.path for d in step.drills)}
        return sorted(self.drills, key=lambda drill: order.get(drill.id, len(order)))

    def drill_numbers(self) -> dict[str, int]:
        """Drill id -> its number on the drills handout and key (the path's order, from 1)."""
        return {drill.id: number for number, drill in enumerate(self.drills_in_path_order(), start=1)}

    def title(self, text: str) -> str:
        """A title for a printed file: the edition's organisation first, when there is one."""
        return f"{self.edition.profile.name}: {text}" if self.edition else text

    def _branded(self, face: CardFace) -> CardFace:
        """A card with the edition's organisation and contacts on both sides (unchanged without one)."""
        if not self.edition or not self.edition.profile.contacts:
            return face
        profile = self.edition.profile
        contacts = tuple(CardContact(c.label, c.phone, c.dial) for c in profile.contacts)
        # On a topic card the numbers say more than the general footer, and A7 has no room for both;
        # a state card keeps its footer (the legal caveat), on the back.
        footer = "" if face.footer == TOPIC_FOOTER else face.footer
        return replace(face, issuer=profile.name, contacts=contacts, footer=footer)


def _check_references(book: Handbook) -> None:
    """Every id one file names must exist in the file it points to."""
    cards = {c.id for c in book.deck.cards} | {c.id for c in book.phrase_cards}
    drills = {d.id for d in book.drills}
    data = book.data_dir

    def check(path: Path, entry: str, field: str, value: str, known: set[str], what: str) -> None:
        if value not in known:
            raise DataError(f"{display_path(path)}: {entry}.{field}: unknown {what} {value!r}")

    for card in book.deck.cards:
        if card.drill:
            check(data / "cards.yml", card.id, "drill", card.drill, drills, "drill")
    for drill in book.drills:
        check(data / "drills.yml", drill.id, "card", drill.card, cards, "card")
    read = chapter_steps(book.path)
    for question in book.questions:
        if question.card:
            check(data / "questions.yml", question.id, "card", question.card, cards, "card")
        if question.chapter not in read:
            raise DataError(f"{display_path(data / 'questions.yml')}: {question.id}.chapter: no step of path.yml "
                            f"reads {question.chapter!r}, so the question would be in no step's self-check")
    other_subjects = set(book.search.other_topic_words)
    for concept in book.concepts:
        for i, card_id in enumerate(concept.cards):
            check(data / "search_concepts.yml", concept.id, f"cards.{i}", card_id, cards, "card")
        for i, phrase in enumerate(concept.words):
            if other_subjects & set(concept.phrase_words(phrase)):
                raise DataError(f"{display_path(data / 'search_concepts.yml')}: {concept.id}.words.{i}: {phrase!r} "
                                f"holds a word of another subject (search.yml, other_topic_words)")
    for step in book.path:
        for i, drill_id in enumerate(step.drills):
            check(data / "path.yml", step.id, f"drills.{i}", drill_id, drills, "drill")
        for i, card_id in enumerate(step.cards):
            check(data / "path.yml", step.id, f"cards.{i}", card_id, cards, "card")


def _load_concepts(path: Path) -> list[SearchConcept]:
    concepts = load_list(path, SearchConcept)
    require_unique([concept.id for concept in concepts], path, "concept id")
    return concepts


def load_handbook(data_dir: Path = DATA_DIR, profile: Path | None = None, kept: Path | None = None) -> Handbook:
    """Every data file under a data folder, and the profile folder of an edition if one is given,
    loaded and cross-checked once per version of the files.

    The plugin asks for it once per build; `mkdocs serve` asks again on every rebuild
    and gets fresh data as soon as any file (a profile's too) has changed. With `kept` (a folder of the build's
    cache), the checked data is kept there between builds, known by the bytes of every file read and of the code
    that reads them: a new process reads it back rather than parse and check it all again.
    """
    folders = (data_dir,) if profile is None else (data_dir, profile)
    return _load(data_dir.resolve(), profile.resolve() if profile else None, _fingerprint(*folders), kept)


def _fingerprint(*folders: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file in the folders: any edit changes it."""
    return tuple(
        (str(path), stat.st_size, stat.st_mtime_ns)
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )


@lru_cache(maxsize=2)
def _load(data_dir: Path, profile: Path | None, fingerprint: tuple[tuple[str, int, int], ...],
          kept: Path | None) -> Handbook:
    if kept is None:
        return _checked(data_dir, profile)
    cache = DerivedCache(kept)
    key = _kept_key([*(Path(name) for name, _, _ in fingerprint), *_code_files()])
    found = cache.find(key, ".pickle")
    if found is not None:
        book: Handbook = pickle.loads(found)   # written by this cache, as its PDFs are: the project's own files
        return book
    book = _checked(data_dir, profile)
    cache.keep(key, pickle.dumps(book, pickle.HIGHEST_PROTOCOL), ".pickle")
    return book


def _code_files() -> list[Path]:
    """The code that reads and checks the data: this package and the modules it builds on."""
    return sorted((*Path(__file__).parent.glob("*.py"), *PACKAGE_DIR.glob("*.py")))


def _kept_key(files: Iterable[Path]) -> str:
    """What the checked data is made from: each file's name and bytes (the data's and the code's), and the versions
    of Python and pydantic, whose objects are kept."""
    return "\n".join([f"python {sys.version}", f"pydantic {pydantic.VERSION}", files_key(files)])


def _checked(data_dir: Path, profile: Path | None) -> Handbook:
    chapters = load_chapters(data_dir / CHAPTERS_FILE)
    with naming_chapters(c.slug for c in chapters):   # every other file may name only these chapters
        return _load_all(data_dir, profile, chapters)


def _load_all(data_dir: Path, profile: Path | None, chapters: list[Chapter]) -> Handbook:
    deck = load_deck(data_dir / "cards.yml")
    phrase_cards = load_phrase_cards(data_dir / "phrases.yml", deck)
    states = load_states(data_dir / "states")
    edition = None
    course = load_one(data_dir / "course.yml", Course)
    if profile is not None:
        edition = load_edition(profile, deck, {c.id for c in deck.cards} | {c.id for c in phrase_cards})
        states = edition.select_states(states)
        deck = edition.extend_deck(deck)
        if edition.profile.mastery_score is not None:
            course = course.model_copy(update={"mastery_score": edition.profile.mastery_score})
    book = Handbook(
        data_dir=data_dir,
        chapters=chapters,
        states=states,
        deck=deck,
        drills=load_drills(data_dir / "drills.yml"),
        questions=load_questions(data_dir / "questions.yml"),
        path=load_path(data_dir / "path.yml", chapters),
        glossary=load_glossary(data_dir / "glossary.yml"),
        phrase_cards=phrase_cards,
        course=course,
        search=load_one(data_dir / "search.yml", SearchSettings),
        concepts=_load_concepts(data_dir / "search_concepts.yml"),
        storage=load_one(data_dir / "storage.yml", BrowserStorage),
        edition=edition,
    )
    _check_references(book)
    return book
