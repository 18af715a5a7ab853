"""Glossary abbreviations as tooltips: Markdown definitions for every page, <abbr> marks in data text."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from macros.content.models import GlossaryEntry


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
