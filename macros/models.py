"""Typed models for every data file under macros/data/."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
SourceRefs = list[Annotated[int, Field(ge=1)]]

CHAPTERS: tuple[str, ...] = (
    "why-service-is-security",
    "first-impressions",
    "building-trust",
    "proactive-service",
    "protocol-and-flexibility",
    "communication-and-de-escalation",
    "working-as-a-team",
    "hard-situations",
    "serving-every-visitor",
)


def _known_chapter(slug: str) -> str:
    if slug not in CHAPTERS:
        raise ValueError(f"unknown chapter {slug!r}; expected one of {', '.join(CHAPTERS)}")
    return slug


ChapterSlug = Annotated[str, AfterValidator(_known_chapter)]


class Model(BaseModel):
    """Base for all data models: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- states -------------------------------------------------------------------------------


class Source(Model):
    url: HttpUrl
    title: Text
    kind: Literal["official", "secondary"]
    supports: Text
    note: Text | None = None


class SourcedText(Model):
    text: Text
    sources: SourceRefs = Field(min_length=1)


class ServiceNote(SourcedText):
    chapter: ChapterSlug


class Regulator(Model):
    agency: Text
    unit: Text | None = None
    website: HttpUrl | None
    note: Text | None = None
    sources: SourceRefs = Field(min_length=1)


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


def _sourced_when_known(values: list[object], sources: list[int], what: str) -> None:
    if any(v is not None for v in values) and not sources:
        raise ValueError(f"sources: {what} is given but cites no source")


class MinimumAge(Model):
    years: int | None = Field(ge=14, le=30)
    note: Text | None = None
    sources: SourceRefs

    @model_validator(mode="after")
    def _sourced(self) -> MinimumAge:
        _sourced_when_known([self.years], self.sources, "the minimum age")
        return self


class Training(Model):
    initial_hours: float | None = Field(ge=0, le=1000)
    summary: Text | None
    note: Text | None = None
    service_topics: list[SourcedText]
    sources: SourceRefs

    @model_validator(mode="after")
    def _sourced(self) -> Training:
        _sourced_when_known([self.initial_hours, self.summary], self.sources, "training")
        return self


class Renewal(Model):
    period_years: float | None = Field(gt=0, le=10)
    refresher: Text | None
    note: Text | None = None
    sources: SourceRefs

    @model_validator(mode="after")
    def _sourced(self) -> Renewal:
        _sourced_when_known([self.period_years, self.refresher], self.sources, "renewal")
        return self


# Names become page titles and nav entries: plain words only.
StateName = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9 .'()-]+$")]


class State(Model):
    code: StateCode
    name: StateName
    confidence: Literal["official", "secondary"]
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

    def source_references(self) -> list[tuple[str, list[int]]]:
        """(field path, cited source numbers) for every fact of the state."""
        refs: list[tuple[str, list[int]]] = [
            ("regulator.sources", self.regulator.sources),
            ("credential.sources", self.credential.sources),
            ("min_age.sources", self.min_age.sources),
            ("training.sources", self.training.sources),
            ("renewal.sources", self.renewal.sources),
        ]
        if self.reciprocity:
            refs.append(("reciprocity.sources", self.reciprocity.sources))
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
    drill: Slug | None = None
    front: list[CardLine] = Field(min_length=1, max_length=7)
    back: list[CardSection] = Field(min_length=1, max_length=3)


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


class PathStep(Model):
    id: Slug
    stage: Text
    title: Text
    goal: Text
    minutes: int = Field(gt=0, le=24 * 60)
    chapters: list[ChapterSlug] = []
    drills: list[Slug] = []
    cards: list[Slug] = []
    tasks: list[Text] = []


# --- glossary -----------------------------------------------------------------------------


class GlossaryEntry(Model):
    term: Text
    abbr: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9&.]*$")] | None = None
    definition: Text
    chapter: ChapterSlug | None = None


class Review(Model):
    states_reviewed: date
