"""An organisation's edition: profiles/<name>/profile.yml (name, logo, colours, contacts, states), its
post-order pages and its extra cards, loaded and checked like the shared data.

A profile only selects and adds: it picks states from macros/data/states/ and adds pages and cards;
nothing in docs/ or macros/data/ changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from macros.content.colours import Colours, contrast_problems
from macros.content.loader import entry_name, read_yaml, require_unique, validate
from macros.content.models import (
    Card,
    CardDeck,
    CardGroup,
    ChapterSlug,
    Model,
    Slug,
    State,
)
from macros.errors import DataError, display_path

PROFILE_FILE = "profile.yml"
CARDS_FILE = "cards.yml"
POST_ORDERS_DIR = "post-orders"
LOGO_SITE_PATH = "assets/images/edition-logo"   # + the logo's own suffix

PHONE = re.compile(r"^(?P<number>\+?[0-9][0-9 ().-]*?)(?:\s*(?:x|ext\.?)\s*(?P<extension>[0-9]{1,6}))?$")


# --- the profile file ---------------------------------------------------------------------


def phone_problem(phone: str) -> str | None:
    """Why a phone number is malformed, or None when it is fine."""
    match = PHONE.match(phone)
    digits = re.sub(r"\D", "", match["number"]) if match else ""
    if not match or not 3 <= len(digits) <= 15 or phone.count("(") != phone.count(")"):
        return (f"{phone!r} is not a phone number: use digits, spaces, dashes, dots and parentheses, "
                "an optional leading + and an extension like 'x123'; 3 to 15 digits (911 is fine)")
    return None


class Contact(Model):
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
    phone: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]

    @model_validator(mode="after")
    def _dialable(self) -> Contact:
        problem = phone_problem(self.phone)
        if problem:
            raise ValueError(f"phone: {self.label}: {problem}")
        return self

    @property
    def dial(self) -> str:
        """The number as a tel: link dials it: digits, a leading +, and ';ext=' for an extension."""
        match = PHONE.match(self.phone)
        assert match is not None   # checked on loading
        number = ("+" if match["number"].startswith("+") else "") + re.sub(r"\D", "", match["number"])
        return f"{number};ext={match['extension']}" if match["extension"] else number


# A state code as an author may type it: 'or' is Oregon's OR.
ProfileStateCode = Annotated[str, BeforeValidator(lambda code: code.strip().upper() if isinstance(code, str) else code),
                             StringConstraints(pattern=r"^[A-Z]{2}$")]
LogoName = Annotated[str, StringConstraints(strip_whitespace=True,
                                            pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(svg|png)$")]


class Profile(Model):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    short_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12)] | None = None
    logo: LogoName | None = None
    colours: Colours = Colours()
    contacts: list[Contact] = Field(default=[], max_length=4)
    states: list[ProfileStateCode] | None = Field(default=None, min_length=1)
    mastery_score: int | None = Field(default=None, ge=0, le=100)   # the LMS course's pass mark, in percent

    @model_validator(mode="after")
    def _states_once(self) -> Profile:
        if self.states and len(set(self.states)) != len(self.states):
            raise ValueError(f"states: a state is listed twice: {', '.join(self.states)}")
        return self


# --- cards --------------------------------------------------------------------------------


class ProfileCard(Card):
    """A card of the profile: like a card of cards.yml, but it may belong to a post-order page."""

    chapter: ChapterSlug | None = None   # type: ignore[assignment]
    post_order: Slug | None = None

    @model_validator(mode="after")
    def _one_page(self) -> ProfileCard:
        if (self.chapter is None) == (self.post_order is None):
            raise ValueError("post_order: give either chapter (a handbook chapter) or post_order (a page's file name)")
        return self

    def page(self) -> str:
        """The docs path of the page the card belongs to."""
        return f"{POST_ORDERS_DIR}/{self.post_order}.md" if self.post_order else super().page()


# --- the edition --------------------------------------------------------------------------


@dataclass(frozen=True)
class PostOrder:
    """One post-order page: a Markdown file of the profile, published under post-orders/."""

    slug: str
    title: str
    source: Path

    @property
    def docs_path(self) -> str:
        """Where the page goes in the site's docs tree."""
        return f"{POST_ORDERS_DIR}/{self.slug}.md"

    def markdown(self) -> str:
        """The page's Markdown, read now so an edit shows on the next rebuild."""
        return self.source.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Edition:
    """A loaded, checked profile with its folder, post-order pages and extra cards."""

    folder: Path
    profile: Profile
    post_orders: tuple[PostOrder, ...]
    groups: tuple[CardGroup, ...]
    cards: tuple[ProfileCard, ...]

    @property
    def profile_file(self) -> Path:
        """The profile's profile.yml."""
        return self.folder / PROFILE_FILE

    @property
    def logo_file(self) -> Path | None:
        """The logo image in the profile folder, if the profile names one."""
        return self.folder / self.profile.logo if self.profile.logo else None

    @property
    def logo_site_path(self) -> str | None:
        """Where the logo goes in the site."""
        return f"{LOGO_SITE_PATH}{Path(self.profile.logo).suffix}" if self.profile.logo else None

    def select_states(self, states: list[State]) -> list[State]:
        """Only the profile's states (all when it lists none); an unknown code stops the build."""
        if self.profile.states is None:
            return states
        known = {state.code for state in states}
        for i, code in enumerate(self.profile.states):
            if code not in known:
                raise DataError(f"{display_path(self.profile_file)}: profile.states.{i}: unknown state code "
                                f"{code!r}; known codes: {', '.join(sorted(known))}")
        return [state for state in states if state.code in self.profile.states]

    def extend_deck(self, deck: CardDeck) -> CardDeck:
        """The shared deck with the profile's groups and cards added."""
        return CardDeck(groups=[*deck.groups, *self.groups], cards=[*deck.cards, *self.cards])

    def page_titles(self) -> dict[str, str]:
        """Docs path -> title of every post-order page."""
        return {order.docs_path: order.title for order in self.post_orders}


def load_edition(folder: Path, deck: CardDeck, card_ids: set[str]) -> Edition:
    """A profile folder, validated: profile.yml, the logo, its post-order pages and its cards."""
    path = folder / PROFILE_FILE
    if not folder.is_dir():
        raise DataError(f"{display_path(folder)}: no such profile folder")
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise DataError(f"{display_path(path)}: expected a mapping of keys (name, logo, colours, ...)")
    profile = validate(Profile, raw, path, "profile")
    for field, problem in contrast_problems(profile.colours):
        raise DataError(f"{display_path(path)}: profile.colours.{field}: {problem}")
    if profile.logo and not (folder / profile.logo).is_file():
        raise DataError(f"{display_path(path)}: profile.logo: file not found: {display_path(folder / profile.logo)}")
    post_orders = _load_post_orders(folder / POST_ORDERS_DIR)
    groups, cards = _load_cards(folder / CARDS_FILE, deck, card_ids, {o.slug for o in post_orders})
    return Edition(folder, profile, post_orders, groups, cards)


TITLE = re.compile(r"^#\s+(?P<title>\S.*?)\s*#*\s*$", re.MULTILINE)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def _load_post_orders(folder: Path) -> tuple[PostOrder, ...]:
    """Every Markdown page in post-orders/, sorted by file name; each needs a '# Title' line."""
    orders = []
    for source in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", source.stem):
            raise DataError(f"{display_path(source)}: file name: use lower-case letters, digits and dashes "
                            "(it becomes the page address)")
        text = FRONT_MATTER.sub("", source.read_text(encoding="utf-8"), count=1)
        title = TITLE.search(text)
        if not title:
            raise DataError(f"{display_path(source)}: title: the page needs a '# Title' line")
        orders.append(PostOrder(source.stem, title["title"], source))
    return tuple(orders)


def _load_cards(path: Path, deck: CardDeck, card_ids: set[str],
                post_orders: set[str]) -> tuple[tuple[CardGroup, ...], tuple[ProfileCard, ...]]:
    """The profile's cards.yml, if any: new groups (optional) and cards in existing or new groups."""
    if not path.is_file():
        return (), ()
    raw = read_yaml(path)
    if not isinstance(raw, dict) or not set(raw) <= {"groups", "cards"} or not isinstance(raw.get("cards"), list):
        raise DataError(f"{display_path(path)}: expected a list under 'cards' and, optionally, a list under 'groups'")
    raw_groups: list[Any] = raw.get("groups") or []
    groups = tuple(validate(CardGroup, g, path, entry_name(g, i)) for i, g in enumerate(raw_groups))
    cards = tuple(validate(ProfileCard, c, path, entry_name(c, i)) for i, c in enumerate(raw["cards"]))
    require_unique([g.id for g in deck.groups] + [g.id for g in groups], path, "card group (cards.yml and here)")
    require_unique(sorted(card_ids) + [c.id for c in cards], path, "card id (the shared cards and here)")
    known_groups = {g.id for g in deck.groups} | {g.id for g in groups}
    for card in cards:
        if card.group not in known_groups:
            raise DataError(f"{display_path(path)}: {card.id}.group: unknown group {card.group!r}; "
                            f"known: {', '.join(sorted(known_groups))}")
        if card.post_order and card.post_order not in post_orders:
            raise DataError(f"{display_path(path)}: {card.id}.post_order: "
                            f"no page {POST_ORDERS_DIR}/{card.post_order}.md")
        if card.drill:
            raise DataError(f"{display_path(path)}: {card.id}.drill: a profile's card cannot name a drill")
    return groups, cards
