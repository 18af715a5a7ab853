"""Load the per-state data set: one YAML file per state under macros/data/states/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from macros.loader import DataError, display_path, load_one
from macros.models import State


def load_states(folder: Path) -> list[State]:
    """Every state file in a folder, validated, sorted by state name."""
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise DataError(f"{display_path(folder)}: no state files (*.yml) found")
    states: list[State] = []
    seen: dict[str, Path] = {}
    for path in files:
        state = load_one(path, State)
        if path.stem != state.code.lower():
            raise DataError(
                f"{display_path(path)}: {state.code}.code: does not match the file name "
                f"(expected {state.code.lower()}.yml)"
            )
        if state.name in seen:
            raise DataError(
                f"{display_path(path)}: {state.code}.name: duplicate state {state.name!r} "
                f"(also in {seen[state.name].name})"
            )
        seen[state.name] = path
        states.append(state)
    return sorted(states, key=lambda s: s.name)


def page_path(state: State) -> str:
    """The docs-relative path of a state's generated page."""
    return f"states/{state.code.lower()}.md"


STATES_NAV_TITLE = "States"
STATES_INDEX = "states/index.md"
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
