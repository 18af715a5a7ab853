"""The printed output: card decks at true size with aligned backs, the sign-off sheet, the handbook."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from macros import pdf
from macros.handbook import Handbook
from macros.print_files import PRINT_FILES, state_deck_path
from tests.conftest import Site
from tests.sign_off_sheet import sign_off_problems

MM_PER_PT = 25.4 / 72
TOLERANCE_MM = 0.5


def page_size_mm(page: pdfplumber.page.Page) -> tuple[float, float]:
    return page.width * MM_PER_PT, page.height * MM_PER_PT


def card_boxes(page: pdfplumber.page.Page, card: pdf.Size) -> list[tuple[float, float, float, float]]:
    """Card outlines on a sheet (x0, top, x1, bottom in mm): the rectangles of card size."""
    boxes = []
    for rect in page.rects:
        w, h = rect["width"] * MM_PER_PT, rect["height"] * MM_PER_PT
        # The border is drawn as an outer and an inner edge 0.4 mm apart; keep the outer one.
        if abs(w - card.width) < 0.25 and abs(h - card.height) < 0.25:
            boxes.append(tuple(round(v * MM_PER_PT, 1) for v in (rect["x0"], rect["top"], rect["x1"], rect["bottom"])))
    return sorted(set(boxes))


def text_in(page: pdfplumber.page.Page, box: tuple[float, float, float, float]) -> str:
    x0, top, x1, bottom = (v / MM_PER_PT for v in box)
    return " ".join(page.crop((x0, top, x1, bottom)).extract_text().split())


@pytest.mark.parametrize(("name", "size", "sheet"), [
    ("3x5-letter", "3x5", "letter"), ("3x5-a4", "3x5", "a4"), ("a7-letter", "a7", "letter"), ("a7-a4", "a7", "a4"),
])
def test_sheet_decks_true_size_and_duplex_alignment(site: Site, book: Handbook, name: str, size: str,
                                                    sheet: str) -> None:
    card, paper = pdf.CARD_SIZES[size], pdf.SHEETS[sheet]
    titles = [c.title for c in book.topic_cards()]
    seen: list[str] = []
    with pdfplumber.open(site.online / "print" / f"pocket-cards-{name}.pdf") as document:
        pages = document.pages
        assert len(pages) % 2 == 0, "every sheet of fronts needs a sheet of backs"
        for front, back in zip(pages[::2], pages[1::2]):
            for page in (front, back):
                w, h = page_size_mm(page)
                assert abs(w - paper.width) <= TOLERANCE_MM and abs(h - paper.height) <= TOLERANCE_MM
            front_boxes, back_boxes = card_boxes(front, card), card_boxes(back, card)
            assert front_boxes and len(front_boxes) == len(back_boxes)
            for box in front_boxes:
                x0, top, x1, bottom = box
                assert abs((x1 - x0) - card.width) <= TOLERANCE_MM and abs((bottom - top) - card.height) <= TOLERANCE_MM
                # Long-edge duplex: the back sits mirrored left-to-right, on the same row.
                mirrored = (round(paper.width - x1, 1), top, round(paper.width - x0, 1), bottom)
                match = [b for b in back_boxes if all(abs(p - q) <= TOLERANCE_MM for p, q in zip(b, mirrored))]
                assert match, f"{name}: no back at {mirrored}"
                front_text, back_text = text_in(front, box), text_in(back, match[0])
                title = next(t for t in titles if t in front_text)
                assert title.lower() in back_text.lower(), f"{name}: the back behind '{title}' shows another card"
                seen.append(title)
    assert seen == titles, "every card, in deck order, once"


@pytest.mark.parametrize("size", ["3x5", "a7"])
def test_single_card_pages_are_card_size(site: Site, book: Handbook, size: str) -> None:
    card = pdf.CARD_SIZES[size]
    faces = book.topic_cards()
    with pdfplumber.open(site.online / "print" / f"pocket-cards-{size}-single.pdf") as document:
        assert len(document.pages) == 2 * len(faces)
        for i, page in enumerate(document.pages):
            w, h = page_size_mm(page)
            assert abs(w - card.width) <= TOLERANCE_MM and abs(h - card.height) <= TOLERANCE_MM
            assert faces[i // 2].title.lower() in " ".join(page.extract_text().split()).lower()


def test_state_decks_hold_the_state_card(site: Site, book: Handbook) -> None:
    for state in book.states:
        path = site.online / state_deck_path(state.code)
        with pdfplumber.open(path) as document:
            assert len(document.pages) == 2, state.code
            first = " ".join(document.pages[0].extract_text().split())
            assert state.name in first and "Regulator:" in first, state.code
            # The printed card keeps the caveats of the page.
            marks = sum(line.count("(unconfirmed)") for line in book.state_card(state.code).front)
            assert first.count("(unconfirmed)") == marks, state.code
            assert "Carry on duty" in " ".join(document.pages[1].extract_text().split()), state.code


def test_text_is_at_least_7pt_and_fonts_are_embedded(site: Site) -> None:
    for file in PRINT_FILES:
        path = site.online / file.path
        with pdfplumber.open(path) as document:
            sizes = {round(c["size"], 2) for page in document.pages for c in page.chars}
        assert sizes and min(sizes) >= 7 - 0.01, f"{file.path}: text at {min(sizes)} pt"
        for page in PdfReader(path).pages:
            fonts = (page.get("/Resources") or {}).get("/Font") or {}
            for font in fonts.values():
                font = font.get_object()
                descendants = font.get("/DescendantFonts")
                descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
                assert descriptor is not None, f"{file.path}: font without descriptor"
                descriptor = descriptor.get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                    f"{file.path}: font {font.get('/BaseFont')} not embedded"


@pytest.mark.parametrize("sheet", ["letter", "a4"])
def test_sign_off_sheet_is_one_page(site: Site, book: Handbook, sheet: str) -> None:
    paper = pdf.SHEETS[sheet]
    with pdfplumber.open(site.online / "print" / f"sign-off-{sheet}.pdf") as document:
        assert len(document.pages) == 1
        page = document.pages[0]
        w, h = page_size_mm(page)
        assert abs(w - paper.width) <= TOLERANCE_MM and abs(h - paper.height) <= TOLERANCE_MM
        problems = sign_off_problems(page, book)
        assert not problems, problems


def test_handbook_pdf_has_contents_chapters_and_page_numbers(site: Site) -> None:
    with pdfplumber.open(site.online / "print" / "handbook.pdf") as document:
        pages = [" ".join((p.extract_text() or "").split()) for p in document.pages]
    assert len(pages) >= 15
    contents = pages[1]
    chapter_titles = ["Why service is security work", "First impressions", "Building trust", "Proactive service",
                      "Protocol and flexibility", "Communication and de-escalation", "Working as a team", "Hard situations",
                      "Serving every visitor"]
    for title in chapter_titles:
        assert title.lower() in contents.lower(), title
    # Page numbers stand at the foot of every page after the cover.
    for number, text in enumerate(pages[1:], start=2):
        assert text.endswith(str(number)), f"page {number} has no page number"


def test_every_print_file_is_linked_from_the_print_page(site: Site) -> None:
    html = (site.online / "print" / "index.html").read_text(encoding="utf-8")
    for file in PRINT_FILES:
        assert Path(file.path).name in html
