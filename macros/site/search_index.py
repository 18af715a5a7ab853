"""What the search box can find: one entry per pocket card, chapter section, glossary term, drill and page,
each with its kind, which search.yml weighs so that the steps for a situation come first.

Material's search plugin still splits each page's HTML into entries, one per heading with an id (and its
partial is what puts the box in the header). This module turns a page's entries into the handbook's:
- the Cards page, the drills page and the Glossary are indexed from the data: a card with its front, back and
  its drill's keywords; a drill with its setting and situation only (its model answers would answer a search
  with a drill); each glossary term alone;
- a self-check page is indexed question by question, without its choices and explanations;
- on a chapter, the stories under "Examples from the job" are examples, below the sections with the steps;
- a page's front-matter keywords are the terms of its own entry; on a state page, the heading above its pocket
  card, "What changed", "Legal citations" and "Sources" are left out, and neither the notice at its top, the
  quotes behind each figure nor the source numbers are indexed (data-search-exclude): they are reference, not
  steps.
Entries that teach a card's situation carry the card's id while the index is made: the card itself, its chapter
section (the card's `section`), its drill and its questions. The concepts of search_concepts.yml point to cards;
the index file gives each concept the numbers of those entries. The file holds the ranking settings, the concepts
and the entries; overrides/assets/javascripts/search-engine.js ranks with them (search.js draws the results).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

from macros.content.addresses import STATES_FOLDER, chapter_page, state_of
from macros.content.handbook import Handbook
from macros.content.models import Card, PhraseCard, SearchConcept, SearchSettings, State
from macros.content.onboarding import quiz_page_path
from macros.errors import DataError, display_path
from macros.site.links import page_url

HOME_PAGE = "index.md"
URGENT_CARDS = "urgent-cards-title"   # the heading of the urgent cards on the home page (urgent_cards.html)
CARDS_PAGE = "cards.md"
DRILLS_PAGE = "onboarding/drills.md"
GLOSSARY_PAGE = "glossary.md"
QUIZ_PAGES = "onboarding/quiz/"
EXAMPLES_HEADING = "Examples from the job"
# Sections of a state page (state_page.md) that answer no search: the heading above its pocket card (51 headings
# with the word "card"), and its reference lists: the facts' history, the legal citations and the sources.
STATE_REFERENCE_SECTIONS = {"state-card", "what-changed", "legal-citations", "sources"}

Entry = dict[str, Any]


def page_keywords(meta: Mapping[str, Any], src_uri: str) -> list[str]:
    """A page's front-matter keywords as strings; a value that is not a list stops the build."""
    keywords = meta.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, (str, int, float)) for k in keywords):
        raise DataError(f"docs/{src_uri}: keywords: expected a list of words, got {keywords!r}")
    return [str(k) for k in keywords]


CARDS = "cards"   # the key of the card ids an entry teaches, while the index is made


TEXT_KEPT = 900    # characters of an entry's text the index keeps: its opening says what it is about, and the
                   # concepts (search_concepts.yml) carry the words officers use; the whole text would not fit the
                   # index's budget (150 KB gzip); 900 finds the same first results as 1000 on the tuning and
                   # validation sets
STATE_TEXT_KEPT = 250   # of a state page's sections: officers find them by the state's name and the topic, which
                        # their titles and openings say, and read the facts on the page (one first result of every
                        # evaluation set changed from 400, and put back by a phrase; 6 KB less index)


def entry(location: str, title: str, kind: str, text: str = "", terms: list[str] | tuple[str, ...] = (),
          where: str = "", cards: list[str] | tuple[str, ...] = (), kept: int = TEXT_KEPT) -> Entry:
    """One search entry. `where` names the page a section belongs to, shown under its title; `cards` are the
    pocket cards whose situation it teaches; `kept`, how many characters of its text the index keeps."""
    found: Entry = {"location": location, "title": title, "kind": kind, "text": _plain(text, kept)}
    if terms:
        found["terms"] = ", ".join(dict.fromkeys(terms))
    if where:
        found["where"] = where
    if cards:
        found[CARDS] = list(cards)
    return found


WEB_ADDRESS = re.compile(r"(?:\bWebsite:\s*)?https?://\S+")


def _plain(text: str, kept: int) -> str:
    """Material's entry text keeps a few tags (p, li, code); the search box shows and searches words only, the
    first `kept` characters of them, cut at a word. Web addresses go: nobody searches by one, and a state's
    regulator's address is on its page."""
    words = re.sub(r"<[^>]+>", " ", text)
    words = re.sub(r"\s+", " ", WEB_ADDRESS.sub(" ", html.unescape(words))).strip()
    return words if len(words) <= kept else words[:kept].rsplit(" ", 1)[0]


def card_entries(book: Handbook, url: str) -> list[Entry]:
    """Each pocket card of the Cards page: its steps, what to say and avoid, its drill's keywords."""
    cards = {card.id: card for card in book.deck.cards}
    drills = {drill.id: drill for drill in book.drills}
    found = []
    for face in book.topic_cards():
        card = cards.get(face.id)
        drill = drills.get(card.drill) if card and card.drill else None
        terms = drill.keywords if drill else ()
        lines = [*face.front, *(f"{row.en} {row.es}" for row in (*face.phrases_front, *face.phrases_back))]
        lines += [f"{side.label}: {' '.join(side.lines)}" for side in face.back]
        found.append(entry(f"{url}#card-{face.id}", face.title, "card", " ".join(lines), terms, "Pocket card",
                           cards=[face.id]))
    return found


def drill_entries(book: Handbook, url: str) -> list[Entry]:
    """Each scenario drill: its setting and situation, not the answers it asks the trainee to find."""
    return [
        entry(f"{url}#drill-{d.id}", d.title, "drill", f"{d.setting}. {d.situation}", d.keywords, "Scenario drill",
              cards=[d.card])
        for d in book.drills
    ]


def glossary_entries(book: Handbook, url: str) -> list[Entry]:
    """Each glossary term on its own, at its anchor."""
    return [
        entry(f"{url}#{term.anchor}", f"{term.term} ({term.abbr})" if term.abbr else term.term, "glossary",
              term.definition, where="Glossary")
        for term in book.glossary
    ]


def question_entries(book: Handbook, url: str, src_uri: str) -> list[Entry]:
    """Each question of a step's self-check page: the question alone, never its choices or explanations."""
    quiz = next(quiz for quiz in book.quizzes() if quiz_page_path(quiz.step) == src_uri)
    title = f"Self-check: {quiz.step.title}"
    return [entry(f"{url}#q-{q.id}", title, "question", q.question, cards=[q.card] if q.card else [])
            for q in quiz.questions]


def example_anchors(toc: Any) -> set[str]:
    """The ids of the stories under a page's "Examples from the job" heading, at any depth of its contents."""
    found: set[str] = set()
    for item in toc:
        if item.title == EXAMPLES_HEADING:
            found |= {child.id for child in item.children}
        found |= example_anchors(item.children)
    return found


def page_entries(book: Handbook, material: list[Entry], *, url: str, src_uri: str, title: str,
                 keywords: list[str], examples: set[str]) -> list[Entry]:
    """The handbook's search entries for one page, from the entries Material's search made of it."""
    top = next((e for e in material if e["location"] == url), None)
    page = [entry(url, title, "page", top["text"] if top else "", keywords)]
    if src_uri == CARDS_PAGE:
        return page + card_entries(book, url)
    if src_uri == DRILLS_PAGE:
        return page + drill_entries(book, url)
    if src_uri == GLOSSARY_PAGE:
        return [entry(url, title, "page", terms=keywords)] + glossary_entries(book, url)
    if src_uri.startswith(QUIZ_PAGES):
        return [entry(url, title, "page", terms=keywords)] + question_entries(book, url, src_uri)
    taught = sections_of_cards(book, src_uri, {found["location"].partition("#")[2] for found in material})
    code = state_of(src_uri)
    state = state_concept_id(code) if code else ""
    if state:   # every part of a state page answers its state's name (state_concepts)
        page[0][CARDS] = [state]
    sections = []
    for found in material:
        location = found["location"]
        anchor = location.partition("#")[2]
        if not anchor or (src_uri.startswith(STATES_FOLDER) and anchor in STATE_REFERENCE_SECTIONS):
            continue
        kind = "example" if anchor in examples else "section"
        sections.append(entry(location, found["title"], kind, found["text"], where=title,
                              cards=[state] if state else taught.get(anchor, []),
                              kept=STATE_TEXT_KEPT if state else TEXT_KEPT))
    return page + sections


def state_concept_id(code: str) -> str:
    """The id of the concept a state's page answers to: "state-il"."""
    return f"state-{code.lower()}"


def state_concepts(states: list[State], settings: SearchSettings) -> list[SearchConcept]:
    """Each state's name and postal code, unless it is also another word ("ok", "maine"), and its nicknames, as a
    concept that leads to the state's page: "guard card expired california" is about California, whatever else it
    says. Its largest cities lead there too, beside a word about the rules: "guard card in fresno", not "fresno
    weather"."""
    concepts = []
    for state in states:
        name = " ".join(re.sub(r"[^a-z0-9' -]+", " ", state.name.lower()).split())   # a phrase's letters only
        words = [word for word in (name, state.code.lower()) if word and word not in settings.not_state_words]
        words += settings.state_nicknames.get(state.code, [])
        page = state_concept_id(state.code)
        if words:
            concepts.append(SearchConcept(id=page, cards=[page], words=words))
        if state.code in settings.state_cities:
            concepts.append(SearchConcept(id=f"{page}-cities", cards=[page], words=settings.state_cities[state.code],
                                          only_with=settings.state_rule_words))
    return concepts


def sections_of_cards(book: Handbook, src_uri: str, anchors: set[str]) -> dict[str, list[str]]:
    """Anchor -> the ids of the cards whose section it is, for a chapter page; a card's section that is not a
    heading of its chapter stops the build."""
    taught: dict[str, list[str]] = {}
    cards: list[Card | PhraseCard] = [*book.deck.cards, *book.phrase_cards]
    for card in cards:
        if card.section and src_uri == chapter_page(card.chapter):
            if card.section not in anchors:
                raise DataError(f"{display_path(book.data_dir / 'cards.yml')}: {card.id}.section: no heading "
                                f"#{card.section} in docs/{src_uri}")
            taught.setdefault(card.section, []).append(card.id)
    return taught


def nothing_close_links(use_directory_urls: bool) -> dict[str, str]:
    """Where the search box sends a reader when nothing is close: the urgent cards on the home page, every card."""
    return {"urgent": f"{page_url(HOME_PAGE, use_directory_urls)}#{URGENT_CARDS}",
            "cards": page_url(CARDS_PAGE, use_directory_urls)}


def index_json(settings: SearchSettings, concepts: list[SearchConcept], entries: list[Entry],
               links: dict[str, str]) -> str:
    """The search index file: the ranking settings, each concept with the numbers (positions) of the entries that
    teach its cards, every entry, and the addresses to offer when nothing is close."""
    teaching: dict[str, list[int]] = {}
    docs = []
    for number, found in enumerate(entries):
        for card in found.get(CARDS, ()):
            teaching.setdefault(card, []).append(number)
        docs.append({key: value for key, value in found.items() if key != CARDS})
    vocabulary = [
        {"id": concept.id, "weight": concept.weight, "words": concept.words, "not_with": concept.not_with,
         **({"only_with": concept.only_with} if concept.only_with else {}),
         "entries": sorted({number for card in concept.cards for number in teaching.get(card, ())})}
        for concept in concepts
    ]
    return json.dumps({"settings": settings.model_dump(), "concepts": vocabulary, "docs": docs, "links": links},
                      ensure_ascii=False, separators=(",", ":"))
