"""Data-contract tests: every data file validates and the data set is complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.content.handbook import Handbook
from macros.outputs import card_fit, card_layout
from macros.paths import DATA_DIR
from tests.project import project_cache
from tests.seed_overlap import copied_runs, seed_runs

# The source addresses of the research notes the state data was made from (kept with the tests).
RESEARCH_SOURCES = Path(__file__).resolve().parents[1] / "fixtures" / "research-sources.txt"


def test_all_fifty_states_and_dc(book: Handbook) -> None:
    codes = {s.code for s in book.states}
    assert len(codes) == 51
    assert "DC" in codes


def test_state_data_keeps_every_research_source(book: Handbook) -> None:
    research: dict[str, set[str]] = {}
    for line in RESEARCH_SOURCES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, url = line.split(" ", 1)
            research.setdefault(code, set()).add(url)
    assert set(research) == {s.code for s in book.states}
    for state in book.states:
        kept = {str(src.url) for src in state.sources}
        # pydantic normalises URLs (e.g. adds a trailing slash to a bare host); compare loosely.
        missing = {u for u in research[state.code]
                   if u not in kept and u + "/" not in kept and u.rstrip("/") + "/" not in kept}
        assert not missing, f"{state.code}: research sources missing: {missing}"


def test_every_state_cites_a_source_for_its_regulator_and_credential(book: Handbook) -> None:
    for state in book.states:
        assert state.regulator.sources and state.credential.sources, state.code


def test_card_deck_size_and_chapters(book: Handbook) -> None:
    ids = {c.id for c in book.deck.cards}
    required = {"greeting", "approachability", "trust-and-reports", "proactive-patrol", "enforcing-rules",
                "de-escalation", "intoxicated-guest", "lost-child", "person-taken-ill", "lost-item",
                "giving-directions", "teamwork-handover"}
    assert required <= ids
    assert {c.chapter for c in book.deck.cards} <= set(book.chapter_titles())


def test_onboarding_counts(book: Handbook) -> None:
    assert len(book.drills) >= 10
    assert len(book.questions) >= 30
    assert {q.chapter for q in book.questions} == set(book.chapter_titles())
    in_path = [d for step in book.path for d in step.drills]
    assert sorted(in_path) == sorted(d.id for d in book.drills), "each drill in exactly one step"


@pytest.mark.parametrize("size", sorted(card_layout.CARD_SIZES))
def test_every_card_fits_its_card(book: Handbook, size: str) -> None:
    faces = book.topic_cards() + [book.state_card(s.code) for s in book.states]
    card_fit.check_fit(project_cache(), faces, card_layout.CARD_SIZES[size])


def test_a_state_card_an_editions_contacts_crowd_says_where_to_find_the_age(tmp_path: Path) -> None:
    """New York's card has room for its minimum age, but not beside an edition's phone number at A7: printed, its
    back says to find the age on the state page, and it fits; without contacts, the age stays on the front."""
    from macros.content.cards import AGE_ON_THE_PAGE
    from macros.content.handbook import load_handbook
    from macros.outputs.pdfs import state_cards_that_fit
    from tests.example_profile import changed_profile

    cache = project_cache()
    folder = changed_profile(tmp_path, states=["NY"], contacts=[{"label": "Dispatch", "phone": "503-555-0142"}])
    (crowded,) = state_cards_that_fit(cache, load_handbook(profile=folder))
    assert not any(line.startswith("Minimum age") for line in crowded.front)
    assert AGE_ON_THE_PAGE in [line for side in crowded.back for line in side.lines]
    for size in card_layout.CARD_SIZES.values():
        card_fit.check_fit(cache, [crowded], size)
    roomy = {card.id: card for card in state_cards_that_fit(cache, load_handbook())}[crowded.id]
    assert any(line.startswith("Minimum age: 18") for line in roomy.front)


def test_data_text_is_our_own() -> None:
    seeds = seed_runs()
    for path in sorted(DATA_DIR.rglob("*.yml")):
        assert not copied_runs(path.read_text(encoding="utf-8"), seeds), path.name
