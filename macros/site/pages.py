"""The pages and files the build adds to docs/: one page per state, an edition's post orders, stylesheet and logo,
and the nav entries that list them."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import yaml

from macros.content.models import State
from macros.content.profile import Edition
from macros.content.states import page_path
from macros.errors import DataError
from macros.render import render

STATES_NAV_TITLE = "States"
STATES_INDEX = "states/index.md"
POST_ORDERS_NAV_TITLE = "Post orders"
EDITION_CSS = "assets/stylesheets/edition.css"
# Words officers use for their credential, so a search like "guard card Connecticut" finds the state.
STATE_SEARCH_TERMS = ("guard card", "security license", "license", "registration", "renewal", "training hours")


def state_stub(state: State) -> str:
    """The Markdown source of a state's generated page: front matter and one macro call."""
    meta = {
        "title": state.name,
        "description": f"Who licenses security officers in {state.name}, training, renewal and sources.",
        "keywords": [state.name, state.code, *agency_abbreviations(state), *STATE_SEARCH_TERMS],
    }
    front_matter = yaml.safe_dump(meta, sort_keys=False)
    return f"---\n{front_matter}---\n\n{{{{ state_page(\"{state.code}\") }}}}\n"


def agency_abbreviations(state: State) -> list[str]:
    """Abbreviations the regulator is known by, e.g. ['DPSST'] from '... Training (DPSST)'."""
    names = f"{state.regulator.agency} {state.regulator.unit or ''}"
    return re.findall(r"\(([A-Z][A-Za-z]*[A-Z])\)", names)


def nav_with_states(nav: list[Any], states: list[State]) -> list[Any]:
    """The nav with the States entry turned into a section: the index, then every state page."""
    section = [STATES_INDEX, *({s.name: page_path(s)} for s in states)]
    replaced = False
    result = []
    for item in nav:
        if isinstance(item, dict) and item.get(STATES_NAV_TITLE) == STATES_INDEX:
            result.append({STATES_NAV_TITLE: section})
            replaced = True
        else:
            result.append(item)
    if not replaced:
        raise DataError(f"mkdocs.yml nav: needs an entry '{STATES_NAV_TITLE}: {STATES_INDEX}'")
    return result


def nav_with_post_orders(nav: list[Any], edition: Edition) -> list[Any]:
    """The nav with a "Post orders" section after the home page, when the edition has pages. The theme prints
    nav titles as they are, so each title is HTML-escaped here."""
    if not edition.post_orders:
        return nav
    section = {POST_ORDERS_NAV_TITLE: [{html.escape(order.title): order.docs_path} for order in edition.post_orders]}
    return [*nav[:1], section, *nav[1:]]


def edition_files(edition: Edition) -> dict[str, str]:
    """Docs path -> content of every text file the edition adds: its stylesheet and post-order pages."""
    files = {EDITION_CSS: render("edition.css", colours=edition.profile.colours,
                                 tint=lambda colour: f"{colour}1a")}
    files.update({order.docs_path: order.markdown() for order in edition.post_orders})
    return files


def profile_folder(setting: str, base: Path) -> Path | None:
    """The profile folder a build setting names (relative to the mkdocs.yml folder), or None for none."""
    if not setting.strip():
        return None
    folder = Path(setting.strip())
    return (folder if folder.is_absolute() else base / folder).resolve()
