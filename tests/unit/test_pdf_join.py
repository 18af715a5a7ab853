"""Parts that share their first pages (every state's deck holds the topic deck's full sheets): those pages are
written once and joined to each part's own, and the PDF reads as if written whole: the same pages, text, tags,
structure, bookmarks and title."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
from pypdf import PdfReader

from macros.cache import DerivedCache
from macros.outputs.pdf_engine import Part, to_pdfs
from macros.outputs.pdf_join import joined
from tests.unit.test_pdf_engine import HTML, assert_tagged


def structure(data: bytes) -> dict[str, object]:
    """What a reader or a screen reader gets from a PDF: each page's text, the structure elements in order with the
    page each is on, where each page's marked content leads, the bookmarks and their pages, title and language."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        elements: list[tuple[str, int | None]] = []

        def walk(element: object) -> None:
            if isinstance(element, pikepdf.Array):
                for kid in element:
                    walk(kid)
            elif isinstance(element, pikepdf.Dictionary) and "/S" in element:
                elements.append((str(element.S), pages[element.Pg.objgen] if "/Pg" in element else None))
                walk(element.get("/K", pikepdf.Array()))

        walk(pdf.Root.StructTreeRoot.K)
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        content = []   # per page: (MCID, the role and page of the element it belongs to)
        for page in pdf.pages:
            mcids = [int(m) for m in re.findall(rb"/MCID (\d+)", page.obj.Contents.read_bytes())]
            owners = tree[int(page.obj.StructParents)]
            content.append([(m, str(owners[m].S), pages[owners[m].Pg.objgen]) for m in mcids])
        with pdf.open_outline() as outline:
            bookmarks = [(item.title, pages[item.destination[0].objgen]) for item in outline.root]
        return {"elements": elements, "content": content, "bookmarks": bookmarks, "lang": str(pdf.Root.Lang),
                "title": str(pdf.docinfo.Title), "xmp": pdf.Root.Metadata.read_bytes().count(b"pdfuaid:part"),
                "text": [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]}


def test_parts_sharing_pages_read_as_if_written_whole(tmp_path: Path) -> None:
    whole = [Part("deck", (0, 1), "Cartes"), Part("deck oregon", (0, 2), "Cartes et l'Oregon")]
    shared = [Part(part.name, part.pages, part.title, shared=1) for part in whole]
    written_whole = to_pdfs(DerivedCache(tmp_path / "whole"), HTML, whole)
    written_joined = to_pdfs(DerivedCache(tmp_path / "joined"), HTML, shared)
    for part, alone, together in zip(whole, written_whole, written_joined, strict=True):
        assert alone != together, "not joined"
        assert structure(together) == structure(alone), part.name
        assert_tagged(PdfReader(io.BytesIO(together)), part.title)
    assert structure(written_joined[1])["bookmarks"] == [("Accueil", 0), ("Oregon", 1)]


def test_a_join_is_the_same_bytes_every_time(tmp_path: Path) -> None:
    first, second = to_pdfs(DerivedCache(tmp_path), HTML, [Part("one", (0,), "Un"), Part("two", (2,), "Deux")])
    assert joined(first, second, title="Les deux") == joined(first, second, title="Les deux")
    assert structure(joined(first, second, title="Les deux"))["bookmarks"] == [("Accueil", 0), ("Oregon", 1)]
