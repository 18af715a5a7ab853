"""The search's data: its settings and the concepts (search.yml, search_concepts.yml), checked as the build checks
them, and the link from each card to its chapter section."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from macros.content.handbook import Handbook, load_handbook
from macros.content.models import SearchSettings
from macros.errors import DataError
from macros.paths import DATA_DIR
from macros.site import search_index


def test_every_card_is_found_by_the_words_of_a_concept(book: Handbook) -> None:
    """No card is left to its own words alone: officers type other words for every situation."""
    named = {card for concept in book.concepts for card in concept.cards}
    missing = [face.id for face in book.topic_cards() if face.id not in named]
    assert not missing, f"cards no concept of search_concepts.yml names: {missing}"


def test_every_handbook_card_names_its_chapter_section(book: Handbook) -> None:
    """A card's "Read more" opens its section, and the search ranks that section with the card."""
    assert not [card.id for card in [*book.deck.cards, *book.phrase_cards] if not card.section]


def test_a_phrase_of_several_words_keeps_two_once_stop_words_go(book: Handbook) -> None:
    """Stop words are dropped from phrases as from queries: "report me" would be "report", found in every query
    that says report. Write the single word if that is what is meant."""
    stop = set(book.search.stop_words)
    collapsed = []
    for concept in book.concepts:
        for phrase in concept.words:
            words = re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", phrase.replace("-", " "))
            if len(words) > 1 and len([w for w in words if w not in stop]) < 2:
                collapsed.append(f"{concept.id}: {phrase!r}")
    assert not collapsed, collapsed


def test_no_two_phrases_of_a_concept_say_the_same_once_stop_words_go(book: Handbook) -> None:
    """A phrase is found by its words in any order, stop words left out: "lost my ring" is "lost ring", and the
    index has room for each once."""
    stop = set(book.search.stop_words)
    repeated = []
    for concept in book.concepts:
        seen: dict[tuple[str, ...], str] = {}
        for phrase in concept.words:
            words = re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", phrase.replace("-", " "))
            key = tuple(sorted(w for w in words if w not in stop))
            if key in seen:
                repeated.append(f"{concept.id}: {phrase!r} says what {seen[key]!r} says")
            seen.setdefault(key, phrase)
    assert not repeated, repeated


def copy_data(tmp_path: Path) -> Path:
    return shutil.copytree(DATA_DIR, tmp_path / "data")


def test_a_concept_naming_an_unknown_card_stops_the_build(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    concepts = yaml.safe_load((data / "search_concepts.yml").read_text(encoding="utf-8"))
    concepts[0]["cards"].append("no-such-card")
    (data / "search_concepts.yml").write_text(yaml.safe_dump(concepts, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"search_concepts.yml: {concepts[0]['id']}.cards.\d+: unknown card "
                                        "'no-such-card'"):
        load_handbook(data)


def test_two_concepts_with_one_id_stop_the_build(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    concepts = yaml.safe_load((data / "search_concepts.yml").read_text(encoding="utf-8"))
    concepts.append(dict(concepts[0]))
    (data / "search_concepts.yml").write_text(yaml.safe_dump(concepts, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"search_concepts.yml: {concepts[0]['id']}: duplicate concept id"):
        load_handbook(data)


def test_a_phrase_with_a_word_of_another_subject_stops_the_build(tmp_path: Path) -> None:
    """Beside a word of another subject no situation word counts, so a phrase holding one could never be found."""
    data = copy_data(tmp_path)
    concepts = yaml.safe_load((data / "search_concepts.yml").read_text(encoding="utf-8"))
    other = yaml.safe_load((data / "search.yml").read_text(encoding="utf-8"))["other_topic_words"][0]
    concepts[0]["words"].append(f"{other} night")
    (data / "search_concepts.yml").write_text(yaml.safe_dump(concepts, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError, match=rf"search_concepts.yml: {concepts[0]['id']}.words.\d+: '{other} night' holds "
                                        r"a word of another subject \(search.yml, other_topic_words\)"):
        load_handbook(data)


def test_a_word_cannot_be_both_a_stop_word_and_filler(book: Handbook) -> None:
    settings = book.search.model_dump()
    settings["filler_words"] = [*settings["filler_words"], settings["stop_words"][0]]
    with pytest.raises(ValueError, match=f"filler_words: also stop words: {settings['stop_words'][0]}"):
        SearchSettings.model_validate(settings)


def test_a_card_section_that_is_no_heading_of_its_chapter_stops_the_build(book: Handbook) -> None:
    card = next(card for card in book.deck.cards if card.section)
    page = f"chapters/{card.chapter}.md"
    headings = {c.section for c in book.deck.cards if c.chapter == card.chapter and c.section} | {"other"}
    taught = search_index.sections_of_cards(book, page, headings)
    assert card.id in taught[card.section]
    with pytest.raises(DataError, match=rf"cards.yml: {card.id}.section: no heading #{card.section} in docs/{page}"):
        search_index.sections_of_cards(book, page, headings - {card.section})


def test_a_state_is_found_by_its_name_and_code_unless_they_are_other_words(book: Handbook) -> None:
    """"guard card expired texas", "tx level 2", "lone star state license": the state's page; "ok" and "in" stay
    words, and "maine" (which the stemmer reads as "main") is left to the page's own words."""
    concepts = {concept.id: concept.words for concept in search_index.state_concepts(book.states, book.search)
                if not concept.only_with}
    assert concepts["state-tx"] == ["texas", "tx", "lone star state"]
    assert concepts["state-ok"] == ["oklahoma"]
    assert "state-me" not in concepts
    assert len(concepts) == len(book.states) - 1
    assert not {word for words in concepts.values() for word in words} & set(book.search.not_state_words)


def test_a_state_name_with_other_characters_is_found_by_its_words(book: Handbook) -> None:
    """A concept's phrase holds letters, digits, spaces, hyphens and apostrophes; a name's other characters
    ("Texas (Gulf Coast sites)") are left out, rather than stopping the build."""
    texas = book.states[[state.code for state in book.states].index("TX")]
    renamed = texas.model_copy(update={"name": "Texas (Gulf Coast sites)"})
    concept, *_ = search_index.state_concepts([renamed], book.search)
    assert concept.words[:2] == ["texas gulf coast sites", "tx"]


def test_a_city_leads_to_its_state_only_beside_a_word_about_the_rules(book: Handbook) -> None:
    """"guard card in fresno" is about California's rules; "fresno weather" is not (search.yml, state_cities)."""
    cities = {concept.id: concept for concept in search_index.state_concepts(book.states, book.search)
              if concept.only_with}
    assert cities["state-ca-cities"].cards == ["state-ca"] and "fresno" in cities["state-ca-cities"].words
    assert {concept.cards[0] for concept in cities.values()} == {f"state-{code.lower()}"
                                                                  for code in book.search.state_cities}
    assert all(concept.only_with == book.search.state_rule_words for concept in cities.values())
    assert {"license", "card", "training"} <= set(book.search.state_rule_words)


def test_every_part_of_a_state_page_answers_to_its_state(book: Handbook) -> None:
    """The state's concept leads to the top of its page and to each of its sections, and to nothing else."""
    material = [{"location": "states/tx.html", "title": "Texas", "text": "Who regulates you"},
                {"location": "states/tx.html#renewal", "title": "Renewal", "text": "Every two years"},
                {"location": "states/tx.html#sources", "title": "Sources", "text": "1. DPS"}]
    entries = search_index.page_entries(book, material, url="states/tx.html", src_uri="states/tx.md",
                                        title="Texas", keywords=[], examples=set())
    other = search_index.entry("cards.html#card-fight", "A fight", "card", cards=["fight"])
    index = json.loads(search_index.index_json(book.search, search_index.state_concepts(book.states, book.search),
                                               [*entries, other], {}))
    texas = next(concept for concept in index["concepts"] if concept["id"] == "state-tx")
    assert [index["docs"][n]["location"] for n in texas["entries"]] == ["states/tx.html", "states/tx.html#renewal"]
