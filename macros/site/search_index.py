"""What the search box can find: one entry per pocket card, chapter section, glossary term, drill and page,
each with its kind, which search.yml weighs so that the steps for a situation come first.

Material's search plugin still splits each page's HTML into entries, one per heading with an id (and its
partial is what puts the box in the header). This module turns a page's entries into the handbook's:
- the Cards page, the drills page and the Glossary are indexed from the data: a card with its front, back
  and the words officers search it by (`searched_as`, and its drill's keywords); a drill with its setting
  and situation only (its model answers would answer a search with a drill); each glossary term alone;
- a self-check page is indexed question by question, without its choices and explanations;
- on a chapter, the stories under "Examples from the job" are examples, below the sections with the steps;
- a page's front-matter keywords are the terms of its own entry; on a state page, the entry of the heading
  above its pocket card is left out (51 headings with the word "card").
The index file holds the entries and the ranking settings; overrides/assets/javascripts/search.js reads it.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from macros.content.handbook import Handbook
from macros.content.models import SearchSettings
from macros.content.onboarding import quiz_page_path
from macros.errors import DataError

CARDS_PAGE = "cards.md"
DRILLS_PAGE = "onboarding/drills.md"
GLOSSARY_PAGE = "glossary.md"
QUIZ_PAGES = "onboarding/quiz/"
EXAMPLES_HEADING = "Examples from the job"
STATE_CARD_SECTION = "state-card"   # the heading above the card on a state page (state_page.md)

Entry = dict[str, Any]


def page_keywords(meta: dict[str, Any], src_uri: str) -> list[str]:
    """A page's front-matter keywords as strings; a value that is not a list stops the build."""
    keywords = meta.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, (str, int, float)) for k in keywords):
        raise DataError(f"docs/{src_uri}: keywords: expected a list of words, got {keywords!r}")
    return [str(k) for k in keywords]


def entry(location: str, title: str, kind: str, text: str = "", terms: list[str] | tuple[str, ...] = (),
          where: str = "") -> Entry:
    """One search entry. `where` names the page a section belongs to, shown under its title."""
    found: Entry = {"location": location, "title": title, "kind": kind, "text": _plain(text)}
    if terms:
        found["terms"] = ", ".join(dict.fromkeys(terms))
    if where:
        found["where"] = where
    return found


def _plain(text: str) -> str:
    """Material's entry text keeps a few tags (p, li, code); the search box shows and searches words only."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def card_entries(book: Handbook, url: str) -> list[Entry]:
    """Each pocket card of the Cards page: its steps, what to say and avoid, the words it is searched by."""
    cards = {card.id: card for card in book.deck.cards}
    drills = {drill.id: drill for drill in book.drills}
    found = []
    for face in book.topic_cards():
        card = cards.get(face.id)
        drill = drills.get(card.drill) if card and card.drill else None
        terms = [*(card.searched_as if card else ()), *(drill.keywords if drill else ())]
        lines = [*face.front, *(f"{row.en} {row.es}" for row in (*face.phrases_front, *face.phrases_back))]
        lines += [f"{side.label}: {' '.join(side.lines)}" for side in face.back]
        found.append(entry(f"{url}#card-{face.id}", face.title, "card", " ".join(lines), terms, "Pocket card"))
    return found


def drill_entries(book: Handbook, url: str) -> list[Entry]:
    """Each scenario drill: its setting and situation, not the answers it asks the trainee to find."""
    return [
        entry(f"{url}#drill-{d.id}", d.title, "drill", f"{d.setting}. {d.situation}", d.keywords, "Scenario drill")
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
    return [entry(f"{url}#q-{q.id}", title, "question", q.question) for q in quiz.questions]


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
    sections = []
    for found in material:
        location = found["location"]
        anchor = location.partition("#")[2]
        if not anchor or anchor == STATE_CARD_SECTION:
            continue
        kind = "example" if anchor in examples else "section"
        sections.append(entry(location, found["title"], kind, found["text"], where=title))
    return page + sections


def index_json(settings: SearchSettings, entries: list[Entry]) -> str:
    """The search index file: the ranking settings and every entry, numbered."""
    docs = [{"id": number, **found} for number, found in enumerate(entries)]
    return json.dumps({"settings": settings.model_dump(), "docs": docs}, ensure_ascii=False, separators=(",", ":"))
