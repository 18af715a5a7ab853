"""The search index the build writes: what the handbook's search box can find, entry by entry."""

from __future__ import annotations

import json

from macros.content.handbook import Handbook
from macros.site import search_index
from tests.conftest import Site


def test_the_index_holds_steps_not_answers(site: Site, book: Handbook) -> None:
    """Each card once; each glossary term at its own anchor; each drill by its situation and each self-check
    question alone (test_site checks that no answer is indexed); the stories under "Examples from the job" apart
    from the sections with steps."""
    index = json.loads((site.online / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(index["settings"]["weights"]) == {"card", "section", "page", "example", "drill", "question", "glossary"}
    docs = index["docs"]
    by_location = {doc["location"]: doc for doc in docs}
    assert len(by_location) == len(docs), "an address is indexed twice"

    cards = [doc for doc in docs if doc["kind"] == "card"]
    assert sorted(doc["location"] for doc in cards) == sorted(f"cards/#card-{f.id}" for f in book.topic_cards())
    for card in book.deck.cards:
        doc = by_location[f"cards/#card-{card.id}"]
        assert doc["title"] == card.title and card.front[0] in doc["text"]

    glossary = (site.online / "glossary" / "index.html").read_text(encoding="utf-8")
    for term in book.glossary:
        doc = by_location[f"glossary/#{term.anchor}"]
        assert doc["kind"] == "glossary" and doc["text"] == term.definition
        assert f'id="{term.anchor}"' in glossary
    assert by_location["glossary/"]["text"] == "", "the glossary's terms are indexed one by one, not as one block"

    for drill in book.drills:
        doc = by_location[f"onboarding/drills/#drill-{drill.id}"]
        assert doc["kind"] == "drill" and drill.situation in doc["text"]
    questions = [doc for doc in docs if doc["kind"] == "question"]
    assert sorted(doc["text"] for doc in questions) == sorted(q.question for q in book.questions)

    assert by_location["chapters/hard-situations/#the-man-who-would-not-leave-at-closing"]["kind"] == "example"
    assert by_location["chapters/hard-situations/#when-someone-refuses-to-leave"]["kind"] == "section"
    assert not [doc for doc in docs if doc["location"].endswith("#state-card")]


def test_the_index_keeps_words_not_web_addresses(site: Site, book: Handbook) -> None:
    """Nobody searches by a web address: the state pages' regulator addresses stay on the pages, not in the index."""
    index = json.loads((site.online / "search" / "search_index.json").read_text(encoding="utf-8"))
    addressed = [doc["location"] for doc in index["docs"] if "http://" in doc["text"] or "https://" in doc["text"]]
    assert not addressed, addressed
    page = (site.online / "states" / "or" / "index.html").read_text(encoding="utf-8")
    assert "Website: <a href=\"http" in page, "the state page no longer shows its regulator's address"


def test_each_concept_leads_to_the_card_its_section_drill_and_questions(site: Site, book: Handbook) -> None:
    """A concept's words lead to every entry that teaches its cards: the card, the chapter section the card names,
    the card's drill and its self-check questions (and to nothing else)."""
    index = json.loads((site.online / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    concepts = {concept["id"]: concept for concept in index["concepts"]}
    states = search_index.state_concepts(book.states, book.search)
    assert sorted(concepts) == sorted([*(concept.id for concept in book.concepts), *(state.id for state in states)])
    for state in states:   # "state-tx" and "state-tx-cities": the top of states/tx/ and each of its sections
        found = {docs[number]["location"] for number in concepts[state.id]["entries"]}
        page = f"states/{state.cards[0].removeprefix('state-')}/"
        assert page in found and len(found) > 3 and all(location.startswith(page) for location in found), state.id
    assert "cards" not in docs[0], "the card ids an entry teaches stay out of the file: concepts number the entries"
    cards = {card.id: card for card in book.deck.cards}
    for concept in book.concepts:
        expected = set()
        for card_id in concept.cards:
            expected.add(f"cards/#card-{card_id}")
            card = cards.get(card_id)
            if card and card.section:
                expected.add(f"chapters/{card.chapter}/#{card.section}")
            expected |= {f"onboarding/drills/#drill-{d.id}" for d in book.drills if d.card == card_id}
            expected |= {f"#q-{q.id}" for q in book.questions if q.card == card_id}
        found = {docs[number]["location"] for number in concepts[concept.id]["entries"]}
        questions = {"#" + location.partition("#")[2] for location in found if "/quiz/" in location}
        assert {location for location in found if "/quiz/" not in location} | questions == expected, concept.id
