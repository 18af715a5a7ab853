"""Several tagged PDFs from one laid-out document: each its pages, its title, the document's own language."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from macros.cache import DerivedCache
from macros.outputs import pdf_engine
from macros.outputs.pdf_engine import PAGE_MARK, Part, to_pdf, to_pdfs

# Three pages, each a heading (a bookmark) and a line of text; French, so no language can be assumed.
PAGES = ["<section><h1>Accueil</h1><p>Page une.</p></section>",
         "<section><h1>Confiance</h1><p>Page deux.</p></section>",
         "<section><h1>Oregon</h1><p>Page trois.</p></section>"]


def document(*pages: int, marks: str = PAGE_MARK) -> str:
    """The document of these pages (from 0), each page marked where it begins."""
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Cartes</title>
<style>@page {{ size: 100mm 70mm; margin: 5mm }} section {{ break-after: page }}
section:last-child {{ break-after: auto }}</style></head><body>{"".join(marks + PAGES[page] for page in pages)}
{marks}</body></html>"""


HTML = document(0, 1, 2)


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def assert_tagged(reader: PdfReader, title: str) -> None:
    catalog = reader.trailer["/Root"]
    assert catalog["/StructTreeRoot"].get_object()["/K"], "an empty structure tree"
    assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data(), "no PDF/UA identifier"
    assert catalog["/Lang"] == "fr", "the language is the document's own"
    assert reader.metadata.title == title


def test_each_part_takes_its_pages_under_its_own_title(tmp_path: Path) -> None:
    cache = DerivedCache(tmp_path)
    parts = [Part("deck", (0, 1), "Cartes"), Part("deck oregon", (0, 2), "Cartes et l'Oregon")]
    deck, oregon = (read(data) for data in to_pdfs(cache, HTML, parts))
    assert [" ".join(p.extract_text().split()) for p in deck.pages] == ["Accueil Page une.", "Confiance Page deux."]
    assert [" ".join(p.extract_text().split()) for p in oregon.pages] == ["Accueil Page une.", "Oregon Page trois."]
    assert_tagged(deck, "Cartes")
    assert_tagged(oregon, "Cartes et l'Oregon")
    assert [item.title for item in deck.outline] == ["Accueil", "Confiance"], "a bookmark per heading of its pages"
    assert [item.title for item in oregon.outline] == ["Accueil", "Oregon"]
    assert cache.made == ["deck", "deck oregon"]
    again = DerivedCache(tmp_path)
    to_pdfs(again, HTML, parts)
    assert again.made == [], "unchanged parts come from the cache"


def test_parts_all_in_the_cache_lay_nothing_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parts = [Part("deck", (0, 1), "Cartes")]
    to_pdfs(DerivedCache(tmp_path), HTML, parts)

    def no_layout(html: str) -> None:
        raise AssertionError("laid out again")

    monkeypatch.setattr(pdf_engine, "_html", no_layout)
    to_pdfs(DerivedCache(tmp_path), HTML, parts)


def test_many_parts_are_written_in_a_worker_and_come_back_in_order(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_engine, "IN_WORKER_FROM", 2)
    pages = ["Accueil Page une.", "Confiance Page deux.", "Oregon Page trois."]
    parts = [Part(f"part {n}", (n % 3,), f"Carte {n}") for n in range(6)]
    made = [read(data) for data in to_pdfs(DerivedCache(tmp_path), HTML, parts)]
    assert pdf_engine._pool.cache_info().currsize == 1, "no worker process was started"
    assert [" ".join(r.pages[0].extract_text().split()) for r in made] == [pages[n % 3] for n in range(6)]
    for n, reader in enumerate(made):
        assert_tagged(reader, f"Carte {n}")


def test_a_document_of_another_length_stops_the_build(tmp_path: Path) -> None:
    unmarked = HTML.replace(PAGE_MARK + PAGES[2], PAGES[2])   # three pages, two of them marked
    with pytest.raises(ValueError, match="expected 2 pages, the document has 3"):
        to_pdfs(DerivedCache(tmp_path), unmarked, [Part("deck", (0,), "Cartes"), Part("deck oregon", (0, 1), "Cartes")])


def test_a_part_is_made_again_when_its_own_pages_change_only(tmp_path: Path) -> None:
    parts = [Part("deck", (0, 1), "Cartes"), Part("deck oregon", (0, 2), "Cartes et l'Oregon")]
    to_pdfs(DerivedCache(tmp_path), HTML, parts)
    changed = DerivedCache(tmp_path)
    to_pdfs(changed, HTML.replace("Page trois.", "Page trois, revue."), parts)
    assert changed.made == ["deck oregon"]


def test_a_whole_document_is_tagged_by_default(tmp_path: Path) -> None:
    assert_tagged(read(to_pdf(DerivedCache(tmp_path), HTML, "cards")), "Cartes")


def test_a_few_parts_are_laid_out_alone_and_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One part of three pages' document: its own page, laid out alone (fewer pages than the whole)."""
    laid_out: list[str] = []
    render = pdf_engine._html
    monkeypatch.setattr(pdf_engine, "_html", lambda html: laid_out.append(html) or render(html))
    (alone,) = (read(data) for data in to_pdfs(DerivedCache(tmp_path), HTML, [Part("deck oregon", (2,), "L'Oregon")]))
    assert len(laid_out) == 1 and "Page trois" in laid_out[0] and "Page une" not in laid_out[0], "laid out whole"
    assert [" ".join(p.extract_text().split()) for p in alone.pages] == ["Oregon Page trois."]
    assert_tagged(alone, "L'Oregon")
