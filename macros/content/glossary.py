"""The glossary: its terms, loaded and checked."""

from __future__ import annotations

from pathlib import Path

from macros.content.loader import load_list, require_unique
from macros.content.models import GlossaryEntry


def load_glossary(path: Path) -> list[GlossaryEntry]:
    """Glossary entries sorted by term, with unique terms and abbreviations."""
    entries = load_list(path, GlossaryEntry)
    require_unique([e.term.lower() for e in entries], path, "term")
    require_unique([e.abbr for e in entries if e.abbr], path, "abbreviation")
    return sorted(entries, key=lambda e: e.term.lower())
