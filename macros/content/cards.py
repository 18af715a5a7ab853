"""Pocket cards: topic cards from cards.yml and one card per state, as faces ready to render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.content.addresses import chapter_page
from macros.content.facts import NOT_FOUND, StateFacts, state_facts
from macros.content.loader import (
    entry_name,
    load_list,
    read_yaml,
    require_unique,
    validate,
)
from macros.content.models import (
    Card,
    CardDeck,
    CardGroup,
    PhraseCard,
    PhraseSide,
    State,
)
from macros.content.states import page_path
from macros.errors import DataError, display_path


@dataclass(frozen=True)
class CardSide:
    """A labelled list of short lines on the back of a card."""

    label: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class PhraseRow:
    """One phrase in English and in Spanish, a row of a phrase card."""

    en: str
    es: str


@dataclass(frozen=True)
class CardContact:
    """A number printed on every side of an edition's cards: who to call, the number, what a phone dials."""

    label: str
    phone: str
    dial: str


@dataclass(frozen=True)
class CardFace:
    """Everything needed to draw one card, on screen or in print."""

    id: str
    title: str
    kicker: str          # the small line above the title: the group or the state
    front: tuple[str, ...]
    back: tuple[CardSide, ...]
    page: str            # docs-relative path of the page the card belongs to
    footer: str          # the small print at the bottom of the back
    section: str = ""    # the anchor of the card's section on that page, if it names one
    group: str = ""      # the card group id, for topic and phrase cards
    phrases_front: tuple[PhraseRow, ...] = ()   # phrase cards: English and Spanish rows
    phrases_back: tuple[PhraseRow, ...] = ()
    issuer: str = ""     # an edition's organisation, printed with its contacts
    contacts: tuple[CardContact, ...] = ()   # an edition's numbers, on both sides


TOPIC_FOOTER = "Follow your post orders and site procedures."
STATE_FOOTER = "Guidance, not legal advice. Verify with the regulator."


def load_deck(path: Path) -> CardDeck:
    """The topic card deck, validated, with unique ids and known groups."""
    raw = read_yaml(path)
    if not isinstance(raw, dict) or set(raw) != {"groups", "cards"}:
        raise DataError(f"{display_path(path)}: expected exactly two keys, groups and cards")
    if not all(isinstance(raw[key], list) and raw[key] for key in ("groups", "cards")):
        raise DataError(f"{display_path(path)}: groups and cards must be non-empty lists")
    deck = CardDeck(
        groups=[validate(CardGroup, g, path, entry_name(g, i)) for i, g in enumerate(raw["groups"])],
        cards=[validate(Card, c, path, entry_name(c, i)) for i, c in enumerate(raw["cards"])],
    )
    require_unique([g.id for g in deck.groups], path, "card group")
    require_unique([c.id for c in deck.cards], path, "card id")
    _check_groups(deck.cards, deck, path)
    return deck


def _check_groups(cards: list[Card] | list[PhraseCard], deck: CardDeck, path: Path) -> None:
    """Every card names a group of the deck (cards.yml)."""
    groups = {g.id for g in deck.groups}
    for card in cards:
        if card.group not in groups:
            raise DataError(f"{display_path(path)}: {card.id}.group: unknown group {card.group!r} (see cards.yml)")


def topic_faces(deck: CardDeck) -> list[CardFace]:
    """Faces of the topic cards, in deck order."""
    titles = {g.id: g.title for g in deck.groups}
    return [
        CardFace(
            id=card.id,
            title=card.title,
            kicker=titles[card.group],
            front=tuple(card.front),
            back=tuple(CardSide(s.label, tuple(s.lines)) for s in card.back),
            page=card.page(),
            section=card.section or "",
            footer=TOPIC_FOOTER,
            group=card.group,
        )
        for card in deck.cards
    ]


def load_phrase_cards(path: Path, deck: CardDeck) -> list[PhraseCard]:
    """The phrase cards, validated, with ids unique across the deck and known groups."""
    cards = load_list(path, PhraseCard)
    require_unique([c.id for c in deck.cards] + [c.id for c in cards], path, "card id (cards.yml and here)")
    _check_groups(cards, deck, path)
    return cards


def _rows(side: PhraseSide) -> tuple[PhraseRow, ...]:
    return tuple(PhraseRow(p.en, p.es) for p in side.phrases)


def phrase_faces(cards: list[PhraseCard], deck: CardDeck) -> list[CardFace]:
    """Faces of the two-language phrase cards: a note line, then English and Spanish rows."""
    titles = {g.id: g.title for g in deck.groups}
    return [
        CardFace(
            id=card.id,
            title=card.title,
            kicker=titles[card.group],
            front=(card.front.note,),
            back=(CardSide("How to use it", (card.back.note,)),),
            page=chapter_page(card.chapter),
            section=card.section or "",
            footer=TOPIC_FOOTER,
            group=card.group,
            phrases_front=_rows(card.front),
            phrases_back=_rows(card.back),
        )
        for card in cards
    ]


def _lower_first(text: str) -> str:
    """A figure's words after a label: 'None required' reads 'none required'; anything else stays as it is."""
    return text[0].lower() + text[1:] if text.startswith(("None ", "Not ")) else text


def _figure_lines(facts: StateFacts) -> list[str]:
    """One line a figure, in the page's words (with when or how often, and the caveat): the training figures the
    sources say something about, then the renewal term. The three training lines are one when they say the same."""
    training = [("Before work", facts.before_assignment), ("After hire", facts.after_hire),
                ("Refresher", facts.refresher)]
    said = [(label, shown) for label, shown in training if shown.text != NOT_FOUND or shown.detail]
    kinds = {(shown.text, shown.caveat) for _, shown in said}
    # Alike: the same words, or the same value and caveat (details joined) for a value that was found.
    alike = len({shown.words() for _, shown in said}) == 1 or (len(kinds) == 1 and kinds != {(NOT_FOUND, None)})
    if not said:
        lines = [f"Training hours: {_lower_first(NOT_FOUND)}"]
    elif len(said) == len(training) and alike:
        details = tuple(dict.fromkeys(shown.detail for _, shown in said if shown.detail))   # each once, in order
        lines = [f"Training: {_lower_first(said[0][1].words(details))}"]
    else:
        lines = [f"{label}: {_lower_first(shown.words())}" for label, shown in said]
    return [*lines, f"Renewal: {_lower_first(facts.renewal.words())}"]


AGE_ON_THE_PAGE = "Minimum age: see your state page."


def state_face(state: State, age_on_front: bool = True) -> CardFace:
    """The pocket card of one state, with the same figures, details and caveats as its page. Without
    `age_on_front` (a card an edition's contacts leave no room on), the back says where to find the age."""
    facts = state_facts(state)
    regulator = state.regulator
    credential = state.credential.name if state.credential.statewide else "None statewide"
    agency = f"{regulator.agency} ({regulator.caveat})" if regulator.caveat else regulator.agency
    age = [f"Minimum age: {_lower_first(facts.age.words())}"] if age_on_front else []
    front = [f"Regulator: {agency}", f"Credential: {credential}", *age, *_figure_lines(facts)]
    if regulator.website:
        web = f"Web: {regulator.website.host}"
        front.append(f"{web} ({regulator.website_caveat})" if regulator.website_caveat else web)
    carry = tuple(item.text for item in state.carry) or (
        "Our sources name nothing to carry. Ask your employer what ID to carry.",
    )
    back = [CardSide("Carry on duty", carry)]
    check = [AGE_ON_THE_PAGE] if not age_on_front else []
    if state.conflicts or facts.caveats():
        check.append("Some facts are unconfirmed or disputed. See your state page.")
    if check:
        back.append(CardSide("Check first", tuple(check)))
    back.append(CardSide("Last checked", (f"{state.checked.when.isoformat()}, against our research notes",)))
    return CardFace(
        id=f"state-{state.code.lower()}",
        title=state.name,
        kicker="State card",
        front=tuple(front),
        back=tuple(back),
        page=page_path(state),
        footer=STATE_FOOTER,
    )
