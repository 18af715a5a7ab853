"""A state's page rendered from its template, as MkDocs writes it, for tests that need no site build."""

from __future__ import annotations

from types import SimpleNamespace

from macros.content.addresses import chapter_page
from macros.content.facts import state_facts
from macros.content.handbook import Handbook
from macros.content.models import State
from macros.render import environment
from macros.site.abbreviations import Abbreviations
from macros.site.held_html import HeldHtml

CHAPTERS = ("first-impressions", "building-trust", "protocol-and-flexibility", "why-service-is-security",
            "proactive-service", "communication-and-de-escalation", "working-as-a-team")


def render_state_page(book: Handbook, state: State) -> str:
    """The HTML of a state's page (its card from the book), with its held HTML put back."""
    held_html = HeldHtml()
    templates = environment().overlay()
    templates.filters["held"] = held_html.hold
    held = templates.get_template("state_page.md").render(
        state=state, card=book.state_card(state.code), deck="print/x.pdf", chapters={c: c for c in CHAPTERS},
        chapter_page=chapter_page,
        link=lambda path, anchor="": path, state_path=lambda s: f"states/{s.code.lower()}/",
        abbr=Abbreviations(book.glossary), facts_of=state_facts)
    return held_html.restore(held, SimpleNamespace(present_anchor_ids=set()))
