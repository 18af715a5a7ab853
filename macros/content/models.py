"""Typed models for every data file under macros/data/."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)

from macros.content.addresses import chapter_page
from macros.content.loader import read_yaml
from macros.content.quotes import Unit, says_any, stating_forms
from macros.content.sources import CONFIRMING, is_test_host, kind_problem
from macros.paths import DATA_DIR

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
SourceRefs = list[Annotated[int, Field(ge=1)]]
CHAPTERS_FILE = "chapters.yml"

# The chapters data may name: chapters.yml's slugs, set while load_handbook reads the other files (so a new
# chapter is known at once, under `mkdocs serve` too); the package's own list when a model is checked alone.
_chapter_slugs: ContextVar[tuple[str, ...] | None] = ContextVar("chapter_slugs", default=None)


@contextmanager
def naming_chapters(slugs: Iterable[str]) -> Iterator[None]:
    """While data is read: the chapters it may name."""
    token = _chapter_slugs.set(tuple(slugs))
    try:
        yield
    finally:
        _chapter_slugs.reset(token)


def known_chapters() -> tuple[str, ...]:
    """The slugs of the chapters data may name."""
    slugs = _chapter_slugs.get()
    if slugs is None:
        raw = read_yaml(DATA_DIR / CHAPTERS_FILE)
        entries = raw if isinstance(raw, list) else []
        slugs = tuple(str(entry["slug"]) for entry in entries if isinstance(entry, dict) and "slug" in entry)
    return slugs


def _known_chapter(slug: str) -> str:
    known = known_chapters()
    if slug not in known:
        raise ValueError(f"unknown chapter {slug!r}; expected one of {', '.join(known)} (chapters.yml)")
    return slug


ChapterSlug = Annotated[str, AfterValidator(_known_chapter)]


class Model(BaseModel):
    """Base for all data models: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- states -------------------------------------------------------------------------------

SourceKind = Literal["government", "law-library", "secondary", "weak"]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=44)]


class Source(Model):
    url: HttpUrl
    title: Text
    kind: SourceKind
    supports: Text
    note: Text | None = None
    # Set for a copy on a test or staging host: the page names it but never links to it.
    unlinked: Text | None = None


class SourcedText(Model):
    text: Text
    sources: SourceRefs = Field(min_length=1)


class ServiceNote(SourcedText):
    chapter: ChapterSlug
    # Set when the note is a city's or county's rule rather than the state's.
    place: Text | None = None


QUOTE_WORDS = 30   # a quote from the law stays short: enough to show the figure, no more


def _short_quote(text: str) -> str:
    words = len(text.split())
    if words > QUOTE_WORDS:
        raise ValueError(f"a quote of {words} words; keep it to {QUOTE_WORDS} (the words that state the figure)")
    return text


Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_short_quote)]


class Evidence(Model):
    """A figure's evidence: a short verbatim quote from one of the state's sources, and when it was read there."""

    source: int = Field(ge=1)
    quote: Quote
    read: date
    # How the quote confirms a figure it does not state in numbers or words (the lead-in of a list whose item is
    # quoted next; two quoted parts that add up to the figure). The page shows it beside the quote.
    confirms_by: Text | None = None


class Figure(Model):
    """One figure (hours, years or an age) with its own sources, the words of those sources that state it, and how
    sure they make it."""

    status: Literal["stated", "none-required", "not-found", "disputed"]
    value: float | None = Field(default=None, ge=0, le=5000)
    up_to: float | None = Field(default=None, gt=0, le=5000)   # a range: value to up_to
    words: ShortText | None = None     # a figure the sources give in words only ("age of majority")
    values: list[float] = []           # disputed: the figures the sources give
    detail: ShortText | None = None    # when or how often ("within 30 days", "every year")
    sources: SourceRefs = []
    evidence: list[Evidence] = []      # quotes from the cited sources that state the figure

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        has_value = self.value is not None or self.words is not None
        if self.status == "stated" and not has_value:
            raise ValueError("value: a stated figure needs a value (or words)")
        if self.status != "stated" and (has_value or self.up_to is not None):
            raise ValueError(f"value: a {self.status} figure has no value")
        if self.status == "disputed" and len(self.values) < 2:
            raise ValueError("values: a disputed figure lists at least two figures")
        if self.status != "disputed" and self.values:
            raise ValueError("values: only a disputed figure lists several figures")
        if self.status != "not-found" and not self.sources:
            raise ValueError(f"sources: a {self.status} figure cites the sources that say so")
        if self.up_to is not None and self.value is not None and self.up_to <= self.value:
            raise ValueError("up_to: must be more than value")
        for i, evidence in enumerate(self.evidence):
            if evidence.source not in self.sources:
                raise ValueError(f"evidence.{i}.source: source {evidence.source} is not among the figure's sources "
                                 f"{self.sources}")
        return self

    def stating_forms(self, unit: Unit) -> tuple[str, ...]:
        """The numbers and words a quote may use to state this figure (none for a figure not found)."""
        if self.status == "not-found":
            return ()
        values = tuple(self.values) if self.status == "disputed" else tuple(
            v for v in (self.value, self.up_to) if v is not None)
        return stating_forms(self.status, values, self.words, unit)


# The unit of each figure of a state, by its field path: how a quote may state it.
FIGURE_UNITS: dict[str, Unit] = {
    "min_age.age": "age",
    "training.before_assignment": "hours",
    "training.after_hire": "hours",
    "training.refresher": "hours",
    "renewal.period": "years",
}


class Regulator(Model):
    agency: Text
    unit: Text | None = None
    website: HttpUrl | None
    # A short warning that travels with the agency to the card ("licenses companies only").
    caveat: ShortText | None = None
    website_caveat: ShortText | None = None
    note: Text | None = None
    sources: SourceRefs = Field(min_length=1)

    @model_validator(mode="after")
    def _live_address(self) -> Regulator:
        if self.website and is_test_host(str(self.website)):
            raise ValueError("website: a test or staging host; give the live address or none")
        if self.website_caveat and not self.website:
            raise ValueError("website_caveat: there is no website to warn about")
        return self


class Credential(Model):
    statewide: bool
    name: Text | None
    note: Text | None = None
    sources: SourceRefs = Field(min_length=1)

    @model_validator(mode="after")
    def _explained(self) -> Credential:
        if self.statewide and not self.name:
            raise ValueError("name: a statewide credential needs a name")
        if not self.statewide and not self.note:
            raise ValueError("note: say what applies when there is no statewide credential")
        return self


class MinimumAge(Model):
    age: Figure
    note: Text | None = None
    sources: SourceRefs = []   # sources of the note beyond those of the age itself


class Training(Model):
    before_assignment: Figure
    after_hire: Figure
    refresher: Figure
    summary: Text | None
    note: Text | None = None
    service_topics: list[SourcedText]
    sources: SourceRefs


class Renewal(Model):
    period: Figure
    refresher: Text | None
    note: Text | None = None
    sources: SourceRefs


class Change(Model):
    """A change to a state's facts: when the handbook caught up, and what changed."""

    when: date
    what: Text
    sources: SourceRefs = []


class Checked(Model):
    """When a state's facts were last compared, and with what."""

    when: date
    against: Text


# Names become page titles and nav entries: plain words only.
StateName = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9 .'()-]+$")]


class State(Model):
    code: StateCode
    name: StateName
    checked: Checked
    confidence_note: Text | None = None
    regulator: Regulator
    credential: Credential
    min_age: MinimumAge
    training: Training
    renewal: Renewal
    reciprocity: SourcedText | None
    carry: list[SourcedText]
    citations: list[Text]
    notable: list[SourcedText]
    conflicts: list[SourcedText]
    service_notes: list[ServiceNote]
    changes: list[Change] = []   # newest first
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> State:
        """Every cited source number names a source of this state, and every source is cited."""
        count = len(self.sources)
        cited: set[int] = set()
        for field, refs in self.source_references():
            for ref in refs:
                if ref > count:
                    raise ValueError(f"{field}: cites source {ref}, but only {count} sources are listed")
            cited.update(refs)
        uncited = sorted(set(range(1, count + 1)) - cited)
        if uncited:
            raise ValueError(f"sources: source(s) {uncited} are listed but no fact cites them")
        urls = [str(s.url) for s in self.sources]
        duplicates = sorted({u for u in urls if urls.count(u) > 1})
        if duplicates:
            raise ValueError(f"sources: listed twice: {', '.join(duplicates)}")
        return self

    @model_validator(mode="after")
    def _kinds_fit_hosts(self) -> State:
        """A source's kind must fit its host, and a test or staging host is never linked."""
        for i, source in enumerate(self.sources):
            where = f"sources.{i}.kind (source {i + 1})"
            problem = kind_problem(str(source.url), source.kind)
            if problem:
                raise ValueError(f"{where}: {problem}")
            if is_test_host(str(source.url)) and not source.unlinked:
                raise ValueError(f"sources.{i}.url (source {i + 1}): {source.url.host} is a test or staging host; "
                                 "give the live address, or set 'unlinked' with the reason")
        return self

    @model_validator(mode="after")
    def _none_required_fits_the_credential(self) -> State:
        """Without a statewide credential nothing is renewed; with one, renewal is never 'none required'."""
        status = self.renewal.period.status
        if not self.credential.statewide and status != "none-required":
            raise ValueError("renewal.period.status: no statewide credential, so renewal is 'none-required'")
        if self.credential.statewide and status == "none-required":
            raise ValueError("renewal.period.status: a statewide credential cannot need no renewal; "
                             "use 'not-found' when the sources give no term")
        return self

    @model_validator(mode="after")
    def _stated_figures_are_quoted(self) -> State:
        """A figure stated from the law or the regulator carries the words that state it."""
        for field, figure in self.figures():
            if figure.status not in ("stated", "disputed"):
                continue
            confirming = [ref for ref in figure.sources if self.sources[ref - 1].kind in CONFIRMING]
            if confirming and not self.quotes_the_law(figure):
                raise ValueError(f"{field}.evidence: the figure cites government or law-library source(s) "
                                 f"{confirming} but quotes none of them: add the words that state it (source, quote, "
                                 "read), or cite only the sources that say it")
        return self

    @model_validator(mode="after")
    def _quotes_say_what_they_confirm(self) -> State:
        """Each quote states its figure (the number in digits or words, or a word for 'none'), or its evidence says in
        'confirms_by' how it confirms a figure it does not state."""
        for field, figure in self.figures():
            forms = figure.stating_forms(FIGURE_UNITS[field])
            for i, evidence in enumerate(figure.evidence):
                if not forms or evidence.confirms_by or says_any(evidence.quote, forms):
                    continue
                said = ", ".join(repr(form) for form in forms)
                raise ValueError(f"{field}.evidence.{i}.quote: the quote does not state the figure (it says none of "
                                 f"{said}): quote the words that state it, or say how this quote confirms it in "
                                 "'confirms_by'")
        return self

    @model_validator(mode="after")
    def _changes_newest_first(self) -> State:
        dates = [change.when for change in self.changes]
        if dates != sorted(dates, reverse=True):
            raise ValueError("changes: list the newest change first")
        return self

    def quotes_the_law(self, figure: Figure) -> bool:
        """True when the figure quotes a government page or a law-library copy of the law."""
        return any(self.sources[evidence.source - 1].kind in CONFIRMING for evidence in figure.evidence)

    def source_counts(self) -> dict[str, int]:
        """How many sources of each kind the state lists."""
        return {kind: sum(1 for s in self.sources if s.kind == kind) for kind in get_args(SourceKind)}

    def figures(self) -> list[tuple[str, Figure]]:
        """(field path, figure) for every figure of the state."""
        return [
            ("min_age.age", self.min_age.age),
            ("training.before_assignment", self.training.before_assignment),
            ("training.after_hire", self.training.after_hire),
            ("training.refresher", self.training.refresher),
            ("renewal.period", self.renewal.period),
        ]

    def source_references(self) -> list[tuple[str, list[int]]]:
        """(field path, cited source numbers) for every fact of the state."""
        refs: list[tuple[str, list[int]]] = [
            ("regulator.sources", self.regulator.sources),
            ("credential.sources", self.credential.sources),
            ("min_age.sources", self.min_age.sources),
            ("training.sources", self.training.sources),
            ("renewal.sources", self.renewal.sources),
        ]
        refs += [(f"{path}.sources", figure.sources) for path, figure in self.figures()]
        if self.reciprocity:
            refs.append(("reciprocity.sources", self.reciprocity.sources))
        for i, change in enumerate(self.changes):
            refs.append((f"changes.{i}.sources", change.sources))
        for name in ("carry", "notable", "conflicts", "service_notes"):
            for i, item in enumerate(getattr(self, name)):
                refs.append((f"{name}.{i}.sources", item.sources))
        for i, topic in enumerate(self.training.service_topics):
            refs.append((f"training.service_topics.{i}.sources", topic.sources))
        return refs


# --- pocket cards -------------------------------------------------------------------------

CardLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class CardSection(Model):
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24)]
    lines: list[CardLine] = Field(min_length=1, max_length=8)


class CardGroup(Model):
    id: Slug
    title: Text


class Card(Model):
    id: Slug
    group: Slug
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    chapter: ChapterSlug
    # The anchor of the card's section in its chapter: "Read more" opens it, and search ranks it with the card.
    section: Slug | None = None
    drill: Slug | None = None
    urgent: bool = False   # one of the situations the home page links first, for the moment it happens
    front: list[CardLine] = Field(min_length=1, max_length=7)
    back: list[CardSection] = Field(min_length=1, max_length=3)

    def page(self) -> str:
        """The docs path of the page the card belongs to: its chapter."""
        return chapter_page(self.chapter)


PhraseText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=48)]


class Phrase(Model):
    en: PhraseText
    es: PhraseText


class PhraseSide(Model):
    note: CardLine
    phrases: list[Phrase] = Field(min_length=1, max_length=7)


class PhraseCard(Model):
    id: Slug
    group: Slug
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    chapter: ChapterSlug
    section: Slug | None = None   # as a topic card's
    front: PhraseSide
    back: PhraseSide


class CardDeck(Model):
    groups: list[CardGroup] = Field(min_length=1)
    cards: list[Card] = Field(min_length=1)


# --- onboarding ---------------------------------------------------------------------------


class DebriefItem(Model):
    question: Text
    answer: Text   # a short model answer, for the trainer


class Drill(Model):
    id: Slug
    title: Text
    setting: Text
    chapter: ChapterSlug
    card: Slug
    keywords: list[Text] = []
    situation: Text
    good_service: list[Text] = Field(min_length=2)
    avoid: list[Text] = Field(min_length=1)
    protocol: list[Text] = Field(min_length=1)
    debrief: list[DebriefItem] = Field(min_length=1)


class Choice(Model):
    key: Annotated[str, StringConstraints(pattern=r"^[a-f]$")]
    text: Text
    why: Text


class Question(Model):
    id: Slug
    chapter: ChapterSlug
    card: Slug | None = None   # the pocket card whose situation the question checks
    question: Text
    choices: list[Choice] = Field(min_length=2, max_length=6)
    answer: Annotated[str, StringConstraints(pattern=r"^[a-f]$")]

    @model_validator(mode="after")
    def _answer_is_a_choice(self) -> Question:
        keys = [c.key for c in self.choices]
        if len(set(keys)) != len(keys):
            raise ValueError(f"choices: keys repeat: {', '.join(keys)}")
        if self.answer not in keys:
            raise ValueError(f"answer: {self.answer!r} is not among the choices {', '.join(keys)}")
        return self


class Chapter(Model):
    """One chapter of the book (chapters.yml; the list's order is the book's): its page is chapter_page(slug)."""

    slug: Slug
    title: Text
    about: Text   # what it helps the reader do: the chapters' lists say it beside the title
    step: Slug | None = None   # the onboarding path step that reads it; none for a chapter outside the path


class PathStep(Model):
    id: Slug
    stage: Text
    title: Text
    goal: Text
    pass_criteria: Text   # what the trainer must see the new hire do to sign the step off
    minutes: int = Field(gt=0, le=24 * 60)
    chapters: list[ChapterSlug] = []   # filled from chapters.yml (each chapter names its step), not path.yml
    drills: list[Slug] = []
    cards: list[Slug] = []
    tasks: list[Text] = []


class Course(Model):
    """The onboarding course as an LMS package: its title and the first-try score that passes it."""

    title: Text
    mastery_score: int = Field(ge=0, le=100)   # percent of self-check questions right at the first try


# --- browser storage ----------------------------------------------------------------------


StorageName = Annotated[str, StringConstraints(pattern=r"^[a-z]+(?:_[a-z]+)*$")]


class StorageKey(Model):
    key: Annotated[str, StringConstraints(pattern=r"^handbook\.[a-z]+(?:-[a-z]+)*$")]
    holds: Text


class RecordFormat(Model):
    """The training record a trainee hands in: its format name and version."""

    format: Text
    version: int = Field(ge=1)


class BrowserStorage(Model):
    """What the pages keep in the reader's browser (storage.yml): the keys by name, the ones the LMS course carries,
    the ones a new LMS attempt clears, and the training record's format."""

    keys: dict[StorageName, StorageKey] = Field(min_length=1)
    course: list[StorageName] = Field(min_length=1)
    device_only: list[StorageName] = []
    record: RecordFormat

    @model_validator(mode="after")
    def _known_names(self) -> BrowserStorage:
        for field in ("course", "device_only"):
            for i, name in enumerate(getattr(self, field)):
                if name not in self.keys:
                    raise ValueError(f"{field}.{i}: unknown key name {name!r}; storage.yml's keys are "
                                     f"{', '.join(self.keys)}")
        seen: dict[str, str] = {}
        for name, entry in self.keys.items():
            if entry.key in seen:
                raise ValueError(f"keys.{name}.key: {entry.key!r} is {seen[entry.key]}'s key too")
            seen[entry.key] = name
        return self

    def for_browser(self) -> dict[str, object]:
        """The contract the scripts read from the page (storage.js): name -> key, and the course's key names."""
        return {"keys": {name: entry.key for name, entry in self.keys.items()}, "course": list(self.course),
                "device_only": list(self.device_only)}


# --- glossary -----------------------------------------------------------------------------


class GlossaryEntry(Model):
    term: Text
    abbr: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9&.]*$")] | None = None
    definition: Text
    chapter: ChapterSlug | None = None

    @property
    def anchor(self) -> str:
        """The term's id on the Glossary page: its words, lower case, joined by hyphens."""
        return "-".join(re.findall(r"[a-z0-9]+", self.term.lower()))


# --- search -------------------------------------------------------------------------------


SearchKind = Literal["card", "section", "page", "example", "drill", "question", "glossary"]
SearchWord = Annotated[str, StringConstraints(pattern=r"^[a-z0-9']+$")]
SearchPhrase = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z0-9' -]+$")]


class SearchSettings(Model):
    """How the search box ranks results (search.yml): by kind of entry, by field, and which slips it forgives."""

    weights: dict[SearchKind, float]
    fields: dict[Literal["terms", "title", "text"], float]
    fuzzy: float = Field(ge=0, lt=1)
    fuzzy_min_length: int = Field(ge=1)
    fuzzy_min_length_in_phrase: int = Field(ge=1)   # the words around it make a slip in a longer phrase safe
    fuzzy_min_length_joined: int = Field(ge=1)   # a word heard in pieces may also have a slip from this length
    stop_words: list[SearchWord]
    filler_words: list[SearchWord]
    filler_weight: float = Field(ge=0, le=1)   # a filler word's weight against a situation word's
    known_word_weight: float = Field(gt=0, le=1)   # a word the handbook uses that names no situation alone
    foreign_word_weight: float = Field(gt=0, le=1)   # a word the handbook never uses: slang, or another topic
    variants: dict[SearchWord, Text]
    not_state_words: list[SearchWord]   # states' names and codes that are also other words: "ok", "maine"
    other_topic_words: list[SearchWord] = []   # beside one, no situation word means a situation: "netflix"
    state_nicknames: dict[StateCode, list[SearchPhrase]] = {}   # "keystone state": also a concept of its page
    state_cities: dict[StateCode, list[SearchPhrase]] = {}   # "chicago": beside a rules word, its state's page
    state_rule_words: list[SearchWord] = []   # the words beside which a city is about its state's rules
    concept_boost: float = Field(gt=0)
    kind_power: float = Field(ge=0)   # how much the kind of entry weighs once more, in the final score

    @model_validator(mode="after")
    def _every_kind_weighed(self) -> SearchSettings:
        missing = set(get_args(SearchKind)) - set(self.weights)
        if missing:
            raise ValueError(f"weights: no weight for {', '.join(sorted(missing))}")
        return self

    @model_validator(mode="after")
    def _stop_and_filler_apart(self) -> SearchSettings:
        both = sorted(set(self.stop_words) & set(self.filler_words))
        if both:
            raise ValueError(f"filler_words: also stop words: {', '.join(both)}")
        return self


class SearchConcept(Model):
    """A situation, or a sign of one, in the words officers type for it (search_concepts.yml): any of its phrases
    in a query leads to the steps of its cards (each card, its chapter section, drill and questions)."""

    id: Slug
    cards: list[Slug] = Field(min_length=1)
    # How much the concept alone says which steps are needed: 1 for a situation ("seizure"), less for a
    # behaviour that many situations share ("won't leave").
    weight: float = Field(default=1, gt=0, le=1)
    words: list[SearchPhrase] = Field(min_length=1)
    # A word of its phrases -> the words beside which it means something else ("gas" beside "prices").
    not_with: dict[SearchWord, list[SearchWord]] = {}
    # When set, the concept is found only in a query that also holds one of these words ("chicago" is about
    # Illinois' rules beside "license", not in "chicago fire tickets").
    only_with: list[SearchWord] = []

    @staticmethod
    def phrase_words(phrase: str) -> list[str]:
        """A phrase's words, hyphenated words apart ("walk-in" is "walk" and "in")."""
        return phrase.replace("-", " ").split()

    @model_validator(mode="after")
    def _other_senses_of_its_words(self) -> SearchConcept:
        own = {word for phrase in self.words for word in self.phrase_words(phrase)}
        strays = sorted(set(self.not_with) - own)
        if strays:
            raise ValueError(f"not_with: {', '.join(strays)}: not a word of the concept's phrases")
        return self
