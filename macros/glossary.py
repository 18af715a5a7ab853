"""The glossary: terms for the glossary page and abbreviations for tooltips on every page."""

from __future__ import annotations

from pathlib import Path

from macros.loader import load_list, require_unique
from macros.models import GlossaryEntry


def load_glossary(path: Path) -> list[GlossaryEntry]:
    """Glossary entries sorted by term, with unique terms and abbreviations."""
    entries = load_list(path, GlossaryEntry)
    require_unique([e.term.lower() for e in entries], path, "term")
    require_unique([e.abbr for e in entries if e.abbr], path, "abbreviation")
    return sorted(entries, key=lambda e: e.term.lower())


def abbreviation_lines(entries: list[GlossaryEntry]) -> str:
    """Markdown abbreviation definitions (`*[ABBR]: term`) for Python-Markdown's abbr extension."""
    return "\n".join(f"*[{e.abbr}]: {e.term}" for e in entries if e.abbr)
