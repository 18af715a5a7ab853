"""The pages and files the build adds to docs/: one page per state, an edition's post orders, stylesheet and logo,
and the nav entries that list them."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import yaml

from macros.content.addresses import QUIZZES_INDEX, STATES_INDEX
from macros.content.models import PathStep, State
from macros.content.onboarding import quiz_page_path
from macros.content.profile import Edition
from macros.content.states import page_path
from macros.errors import DataError
from macros.render import render

STATES_NAV_TITLE = "States"
ONBOARDING_NAV_TITLE = "Onboarding"
QUIZZES_NAV_TITLE = "Self-checks"
POST_ORDERS_NAV_TITLE = "Post orders"
EDITION_CSS = "assets/stylesheets/edition.css"
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)   # libyaml's, when PyYAML has it: the same text, faster
# Words officers use for their credential, so a search like "guard card Connecticut" finds the state.
# What officers type about a state's rules, beside its name: the page's own words for its subject in search.
STATE_SEARCH_TERMS = ("guard card", "security guard", "private security", "security officer", "security license",
                      "license", "licensing", "permit", "registration", "certification", "certificate", "renewal",
                      "renew", "training hours", "training", "hours", "requirements", "armed", "unarmed",
                      "minimum age", "how old", "how long", "how many", "level", "class", "state",
                      "pre-assignment", "course")


def state_stub(state: State) -> str:
    """The Markdown source of a state's generated page: front matter and one macro call."""
    meta = {
        "title": state.name,
        "description": f"Who licenses security officers in {state.name}, training, renewal and sources.",
        "keywords": [state.name, state.code, *agency_abbreviations(state), *STATE_SEARCH_TERMS],
    }
    front_matter = yaml.dump(meta, Dumper=SafeDumper, sort_keys=False)
    return f"---\n{front_matter}---\n\n{{{{ state_page(\"{state.code}\") }}}}\n"


def agency_abbreviations(state: State) -> list[str]:
    """Abbreviations the regulator is known by, e.g. ['DPSST'] from '... Training (DPSST)'."""
    names = f"{state.regulator.agency} {state.regulator.unit or ''}"
    return re.findall(r"\(([A-Z][A-Za-z]*[A-Z])\)", names)


def nav_with_states(nav: list[Any], states: list[State]) -> list[Any]:
    """The nav with the States entry turned into a section: the index, then every state page."""
    return _nav_with_section(nav, STATES_NAV_TITLE, STATES_INDEX, [{s.name: page_path(s)} for s in states])


def nav_with_quizzes(nav: list[Any], steps: list[PathStep]) -> list[Any]:
    """The nav with Onboarding's Self-checks entry turned into a section: the overview, then each step's quiz."""
    for item in nav:
        if isinstance(item, dict) and item.get(ONBOARDING_NAV_TITLE):
            entries = [{html.escape(step.title): quiz_page_path(step)} for step in steps]
            item[ONBOARDING_NAV_TITLE] = _nav_with_section(item[ONBOARDING_NAV_TITLE], QUIZZES_NAV_TITLE,
                                                           QUIZZES_INDEX, entries)
            return nav
    raise DataError(f"mkdocs.yml nav: needs an '{ONBOARDING_NAV_TITLE}' section")


def _nav_with_section(nav: list[Any], title: str, index: str, entries: list[dict[str, str]]) -> list[Any]:
    """The nav with its entry `title: index` turned into a section: the index page, then the entries."""
    result = []
    for item in nav:
        if isinstance(item, dict) and item.get(title) == index:
            result.append({title: [index, *entries]})
        else:
            result.append(item)
    if result == nav:
        raise DataError(f"mkdocs.yml nav: needs an entry '{title}: {index}'")
    return result


def quiz_stub(step: PathStep) -> str:
    """The Markdown source of a step's generated self-check page. The theme prints the title and description as
    they are, so they are HTML-escaped here."""
    title = html.escape(step.title)
    meta = {
        "title": f"Self-check: {title}",
        "description": f"Questions on the onboarding step {title}, with explanations.",
        "keywords": ["self-check", "quiz", "practice test"],
    }
    front_matter = yaml.dump(meta, Dumper=SafeDumper, sort_keys=False)
    # Its own heading: the nav, whose title the theme would use instead, names the step alone.
    return f"---\n{front_matter}---\n\n# Self-check: {title}\n\n{{{{ step_quiz(\"{step.id}\") }}}}\n"


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
