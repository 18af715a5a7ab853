"""Unit tests of the state helpers that shape pages and navigation."""

from __future__ import annotations

import pytest
import yaml

from macros.content.handbook import Handbook
from macros.content.states import page_path
from macros.errors import DataError
from macros.site.pages import agency_abbreviations, nav_with_states, state_stub


def test_regulator_abbreviations_become_search_keywords(book: Handbook) -> None:
    assert agency_abbreviations(book.state("OR")) == ["DPSST"]
    assert agency_abbreviations(book.state("CA")) == ["BSIS"]   # from the unit's name
    front_matter = yaml.safe_load(state_stub(book.state("OR")).split("---")[1])
    assert {"Oregon", "OR", "DPSST", "guard card"} <= set(front_matter["keywords"])


def test_nav_lists_every_state_under_states(book: Handbook) -> None:
    nav = nav_with_states([{"Home": "index.md"}, {"States": "states/index.md"}], book.states)
    section = nav[1]["States"]
    assert section[0] == "states/index.md"
    assert [next(iter(entry.values())) for entry in section[1:]] == [page_path(s) for s in book.states]


def test_nav_without_a_states_entry_is_an_error(book: Handbook) -> None:
    with pytest.raises(DataError, match="needs an entry 'States: states/index.md'"):
        nav_with_states([{"Home": "index.md"}], book.states)
