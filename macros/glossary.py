"""The glossary: terms for the glossary page and abbreviations for tooltips on every page."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

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


class Abbreviations:
    """Marks glossary abbreviations in data text as <abbr> tooltips, escaping everything else."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.terms = {e.abbr: e.term for e in entries if e.abbr}
        words = "|".join(re.escape(a) for a in sorted(self.terms, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w&#])(?:{words})(?!\w)") if words else None

    def __call__(self, text: str) -> Markup:
        escaped = str(escape(text))
        if not self.pattern:
            return Markup(escaped)
        return Markup(self.pattern.sub(
            lambda m: f'<abbr title="{escape(self.terms[m.group(0)])}">{m.group(0)}</abbr>', escaped))
