"""Load the per-state data set: one YAML file per state under macros/data/states/."""

from __future__ import annotations

from pathlib import Path

from macros.content.addresses import state_page
from macros.content.loader import load_one
from macros.content.models import State
from macros.errors import DataError, display_path


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
    return state_page(state.code)
