"""Glossary abbreviations: tooltips in Markdown pages and in text that comes from data."""

from __future__ import annotations

from macros.content.models import GlossaryEntry
from macros.site.abbreviations import Abbreviations, abbreviation_lines

ENTRIES = [
    GlossaryEntry(term="Emergency medical services", abbr="EMS", definition="Ambulance crews."),
    GlossaryEntry(term='Fake "quoted" <agency>', abbr="FQA", definition="For the test."),
    GlossaryEntry(term="De-escalation", definition="Calming things down."),
]


def test_abbreviations_wrap_whole_words_and_escape_the_rest() -> None:
    marked = Abbreviations(ENTRIES)('Call EMS <now> & not EMSX or FQA.')
    assert str(marked) == (
        'Call <abbr title="Emergency medical services">EMS</abbr> &lt;now&gt; &amp; not EMSX or '
        '<abbr title="Fake &#34;quoted&#34; &lt;agency&gt;">FQA</abbr>.'
    )


def test_markdown_abbreviation_lines_list_only_abbreviations() -> None:
    assert abbreviation_lines(ENTRIES) == '*[EMS]: Emergency medical services\n*[FQA]: Fake "quoted" <agency>'
