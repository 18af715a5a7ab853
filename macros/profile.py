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

from pydantic import Field, StringConstraints, model_validator

from macros import pdf
from macros.cards import CardFace
from macros.loader import DataError, display_path, entry_name, read_yaml, require_unique, validate
from macros.models import Card, CardDeck, CardGroup, ChapterSlug, Model, Slug, State, StateCode
from macros.render import render

PROFILE_ENV = "HANDBOOK_PROFILE"   # set by `make site PROFILE=...`, read through mkdocs.yml's extra.profile
PROFILE_FILE = "profile.yml"
CARDS_FILE = "cards.yml"
POST_ORDERS_DIR = "post-orders"
POST_ORDERS_NAV_TITLE = "Post orders"
LOGO_SITE_PATH = "assets/images/edition-logo"   # + the logo's own suffix
EDITION_CSS = "assets/stylesheets/edition.css"

WHITE = "#ffffff"
DARK_BACKGROUND = "#1e2129"   # Material's slate scheme background: hsl(225, 15%, 14%)
ACCENT_TINT_ALPHA = 0x1A / 0xFF   # --md-accent-fg-color--transparent marks the reader's state
AA_TEXT = 4.5                  # WCAG 2.x AA contrast for normal text

HexColour = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^#[0-9a-fA-F]{6}$")]
PHONE = re.compile(r"^(?P<number>\+?[0-9][0-9 ().-]*?)(?:\s*(?:x|ext\.?)\s*(?P<extension>[0-9]{1,6}))?$")


# --- colours ------------------------------------------------------------------------------


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour, as WCAG 2.x defines it."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, background: str, alpha: float) -> str:
    """A colour laid over a background with some opacity, as the browser paints it."""
    mixed = (
        round(alpha * int(colour[i : i + 2], 16) + (1 - alpha) * int(background[i : i + 2], 16))
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{value:02x}" for value in mixed)


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


class Colours(Model):
    primary: HexColour = "#1b3a5c"       # the header bar (white text on it) and links on white
    accent: HexColour = "#9c3d00"        # hover, focus and warning text on white
    dark_accent: HexColour = "#ffb37a"   # the accent of the dark scheme, on its dark background


LogoName = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(svg|png)$")]


class Profile(Model):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    short_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12)] | None = None
    logo: LogoName | None = None
    colours: Colours = Colours()
    contacts: list[Contact] = Field(default=[], max_length=4)
    states: list[StateCode] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _states_once(self) -> Profile:
        if self.states and len(set(self.states)) != len(self.states):
            raise ValueError(f"states: a state is listed twice: {', '.join(self.states)}")
        return self


def contrast_problems(colours: Colours) -> list[tuple[str, str]]:
    """(field, problem) for every colour that would fail WCAG AA for text where the site uses it."""
    uses = [
        ("primary", WHITE, colours.primary, f"white header text on {colours.primary}"),
        ("accent", colours.accent, WHITE, f"{colours.accent} text and links on white"),
        ("accent", colours.accent, blend(colours.accent, WHITE, ACCENT_TINT_ALPHA),
         f"{colours.accent} text on its own light tint"),
        ("dark_accent", colours.dark_accent, DARK_BACKGROUND,
         f"{colours.dark_accent} text on the dark scheme's background {DARK_BACKGROUND}"),
    ]
    problems = []
    for field, text, background, where in uses:
        ratio = contrast_ratio(text, background)
        if ratio < AA_TEXT:
            problems.append((field, f"{getattr(colours, field)}: {where} has a contrast of {ratio:.2f}:1; "
                                    f"WCAG AA needs {AA_TEXT}:1"))
    return problems


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


def profile_folder(setting: str | None, base: Path) -> Path | None:
    """The profile folder a build setting names (relative to the mkdocs.yml folder), or None for none."""
    if not setting or not setting.strip():
        return None
    folder = Path(setting.strip())
    return (folder if folder.is_absolute() else base / folder).resolve()


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
            raise DataError(f"{display_path(path)}: {card.id}.post_order: no page {POST_ORDERS_DIR}/{card.post_order}.md")
        if card.drill:
            raise DataError(f"{display_path(path)}: {card.id}.drill: a profile's card cannot name a drill")
    return groups, cards


# --- the build ----------------------------------------------------------------------------


def configured_folder(config: Any) -> Path | None:
    """The profile folder a build was given (mkdocs.yml's extra.profile, from HANDBOOK_PROFILE), or None."""
    return profile_folder(config["extra"].get("profile"), Path(config["config_file_path"]).parent)


def nav_with_post_orders(nav: list[Any], edition: Edition) -> list[Any]:
    """The nav with a "Post orders" section after the home page, when the profile has pages."""
    if not edition.post_orders:
        return nav
    section = {POST_ORDERS_NAV_TITLE: [{order.title: order.docs_path} for order in edition.post_orders]}
    return [*nav[:1], section, *nav[1:]]


def edition_files(edition: Edition) -> dict[str, str]:
    """Docs path -> content of every text file the edition adds: its stylesheet and post-order pages."""
    files = {EDITION_CSS: render("edition.css", colours=edition.profile.colours,
                                 tint=lambda colour: f"{colour}1a")}
    files.update({order.docs_path: order.markdown() for order in edition.post_orders})
    return files


def check_cards_fit(edition: Edition, faces: list[CardFace]) -> None:
    """Stop the build on a card of the profile that overflows its card, naming the profile's cards.yml."""
    own = [face for face in faces if face.id in {card.id for card in edition.cards}]
    if not own:
        return
    for size in pdf.CARD_SIZES.values():
        try:
            pdf.check_fit(own, size)
        except pdf.CardOverflow as error:
            raise DataError(f"{display_path(edition.folder / CARDS_FILE)}: {error}") from None


def contacts_overflow(edition: Edition, error: DataError) -> DataError:
    """A shared card pushed over its size by the edition's contacts: say which file to change."""
    return DataError(f"{error}; {display_path(edition.profile_file)}: profile.contacts: printed on every "
                     "card side, they no longer fit: use fewer or shorter contacts")
