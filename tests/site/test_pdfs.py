"""The printed output: card decks at true size with aligned backs and type that fills the card, each state's
deck, the sign-off and drill sign-in sheets, the trainers' sheets, the handbook, and tags for screen readers."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from macros.cache import DerivedCache
from macros.content.cards import CardFace, CardSide
from macros.content.handbook import Handbook
from macros.outputs import card_fit, card_layout, pdfs
from macros.outputs.card_layout import CROP_LENGTH_MM, CROP_OFFSET_MM, SAFE_MM
from macros.outputs.print_files import (
    HANDBOOK_PDF,
    PRINT_FILES,
    SHEET_DECKS,
    SINGLE_DECKS,
    data_print_paths,
    deck_path,
    sign_in_path,
    state_card_path,
    state_deck_path,
    training_path,
)
from tests.conftest import Site
from tests.drill_sign_in_sheet import sign_in_problems
from tests.pdf_reading import pdf_text, pdf_words, type_sizes
from tests.project import project_cache
from tests.sign_off_sheet import sign_off_problems

MM_PER_PT = 25.4 / 72
TOLERANCE_MM = 0.5
MARK_MM = 0.3   # how close a crop mark must sit to where a card's corner calls for it
SAMPLE_STATES = ("OR", "CA", "TX", "DC", "WY")


def page_size_mm(page: pdfplumber.page.Page) -> tuple[float, float]:
    return page.width * MM_PER_PT, page.height * MM_PER_PT


def graphics(page: pdfplumber.page.Page) -> list[tuple[float, float, float, float]]:
    """Every drawn line, rectangle and curve as (x0, top, x1, bottom) in mm."""
    return [tuple(o[k] * MM_PER_PT for k in ("x0", "top", "x1", "bottom"))
            for o in page.lines + page.rects + page.curves]


def crop_marks(page: pdfplumber.page.Page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal marks (y, x0, x1) and vertical marks (x, top, bottom) in mm: thin, crop-mark-long strokes."""
    horizontal, vertical = [], []
    for x0, top, x1, bottom in graphics(page):
        w, h = x1 - x0, bottom - top
        if abs(w - CROP_LENGTH_MM) < MARK_MM and h < 0.5:
            horizontal.append(((top + bottom) / 2, x0, x1))
        elif abs(h - CROP_LENGTH_MM) < MARK_MM and w < 0.5:
            vertical.append(((x0 + x1) / 2, top, bottom))
    return horizontal, vertical


def card_boxes(page: pdfplumber.page.Page, card: card_layout.Size) -> list[tuple[float, float, float, float]]:
    """Cards on a sheet (x0, top, x1, bottom in mm): boxes of card size with crop marks at all four corners."""
    horizontal, vertical = crop_marks(page)

    def h_mark(y: float, x_end: float, leftward: bool) -> bool:
        return any(abs(my - y) < MARK_MM and abs((mx1 + CROP_OFFSET_MM if leftward else mx0 - CROP_OFFSET_MM) - x_end)
                   < MARK_MM for my, mx0, mx1 in horizontal)

    def v_mark(x: float, y_end: float, upward: bool) -> bool:
        return any(abs(mx - x) < MARK_MM and abs((mb + CROP_OFFSET_MM if upward else mt - CROP_OFFSET_MM) - y_end)
                   < MARK_MM for mx, mt, mb in vertical)

    boxes = []
    for x in clustered(v[0] for v in vertical):
        for y in clustered(h[0] for h in horizontal):
            x1, y1 = x + card.width, y + card.height
            corners = [h_mark(y, x, True), v_mark(x, y, True), h_mark(y, x1, False), v_mark(x1, y, True),
                       h_mark(y1, x, True), v_mark(x, y1, False), h_mark(y1, x1, False), v_mark(x1, y1, False)]
            if all(corners):
                boxes.append((x, y, round(x1, 1), round(y1, 1)))
    return sorted(boxes, key=lambda b: (b[1], b[0]))   # in reading order: rows, then left to right


def clustered(values: Iterable[float]) -> list[float]:
    """Positions closer than MARK_MM taken as one (a mark may be drawn as two strokes)."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] < MARK_MM:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [round(statistics.mean(g), 1) for g in groups]


def text_in(page: pdfplumber.page.Page, box: tuple[float, float, float, float]) -> str:
    x0, top, x1, bottom = (v / MM_PER_PT for v in box)
    return " ".join(page.crop((x0, top, x1, bottom)).extract_text().split())


def chars_in(page: pdfplumber.page.Page, box: tuple[float, float, float, float]) -> list[dict]:
    x0, top, x1, bottom = box
    return [c for c in page.chars
            if x0 - 1 <= c["x0"] * MM_PER_PT <= x1 + 1 and top - 1 <= c["top"] * MM_PER_PT <= bottom + 1]


def assert_safe(page: pdfplumber.page.Page, box: tuple[float, float, float, float], where: str) -> None:
    """No character and no drawn line within SAFE_MM of the box's trim; marks stay outside the box."""
    x0, top, x1, bottom = box
    for c in chars_in(page, box):
        cx0, ctop, cx1, cbottom = (c[k] * MM_PER_PT for k in ("x0", "top", "x1", "bottom"))
        gap = min(cx0 - x0, ctop - top, x1 - cx1, bottom - cbottom)
        assert gap >= SAFE_MM - 0.05, f"{where}: {c['text']!r} {gap:.1f} mm from the trim"
    for gx0, gtop, gx1, gbottom in graphics(page):
        if gx1 <= x0 or gx0 >= x1 or gbottom <= top or gtop >= bottom:
            continue   # outside the card: crop marks
        gap = min(gx0 - x0, gtop - top, x1 - gx1, bottom - gbottom)
        assert gap >= SAFE_MM - 0.05, f"{where}: a line {gap:.1f} mm from the trim"


def mirrored(box: tuple[float, float, float, float], paper_w: float, paper_h: float) -> tuple[float, ...]:
    """Where the back of a card lands when the paper turns over on its long edge."""
    x0, top, x1, bottom = box
    if paper_w > paper_h:   # landscape: the long edge is across, the sheet turns top to bottom
        return (x0, paper_h - bottom, x1, paper_h - top)
    return (paper_w - x1, top, paper_w - x0, bottom)


def check_sheet_deck(path: Path, size: str, sheet: str, titles: list[str]) -> None:
    """True size, cards where the crop marks say, backs behind fronts, every card once in order, nothing near the
    trim, and no text under 9 pt."""
    card, paper = card_layout.CARD_SIZES[size], card_layout.SHEETS[sheet]
    seen: list[str] = []
    with pdfplumber.open(path) as document:
        pages = document.pages
        assert len(pages) % 2 == 0, "every sheet of fronts needs a sheet of backs"
        for front, back in zip(pages[::2], pages[1::2], strict=True):
            w, h = page_size_mm(front)
            assert sorted((w, h)) == pytest.approx(sorted((paper.width, paper.height)), abs=TOLERANCE_MM)
            assert page_size_mm(back) == pytest.approx((w, h), abs=TOLERANCE_MM)
            assert min(c["size"] for p in (front, back) for c in p.chars) >= card_fit.MIN_PT - 0.01
            front_boxes, back_boxes = card_boxes(front, card), card_boxes(back, card)
            assert front_boxes and len(front_boxes) == len(back_boxes)
            for box in front_boxes:
                expected = mirrored(box, w, h)
                match = [b for b in back_boxes
                         if all(abs(p - q) <= TOLERANCE_MM for p, q in zip(b, expected, strict=True))]
                assert match, f"{path.name}: no back at {expected}"
                assert_safe(front, box, path.name)
                assert_safe(back, match[0], path.name)
                front_text, back_text = text_in(front, box), text_in(back, match[0])
                title = next(t for t in titles if t in front_text)
                assert title.lower() in back_text.lower(), f"{path.name}: the back behind '{title}' shows another card"
                seen.append(title)
    assert seen == titles, "every card, in deck order, once"


@pytest.mark.parametrize("key", SHEET_DECKS)
def test_topic_sheet_decks_true_size_duplex_and_safe_margin(site: Site, book: Handbook, key: str) -> None:
    size, sheet = key.split("-")
    check_sheet_deck(site.online / deck_path(key), size, sheet, [c.title for c in book.topic_cards()])


@pytest.mark.parametrize("key", SHEET_DECKS)
def test_a_states_deck_is_every_topic_card_then_its_card(site: Site, book: Handbook, key: str) -> None:
    size, sheet = key.split("-")
    titles = [c.title for c in book.topic_cards()] + [book.state("OR").name]
    check_sheet_deck(site.online / state_deck_path("OR", key), size, sheet, titles)


def test_sheets_hold_four_cards() -> None:
    for card in card_layout.CARD_SIZES.values():
        for paper in card_layout.SHEETS.values():
            assert len(card_layout.sheet_layout(paper, card).slots) == 4, (card.name, paper.name)


def last_sheet_text(path: Path) -> tuple[str, str]:
    pages = PdfReader(path).pages
    return tuple(" ".join(pages[i].extract_text().split()) for i in (-2, -1))


def page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def test_every_state_on_a4_at_a7_and_on_letter_at_3x5(site: Site, book: Handbook) -> None:
    """Every state's card alone, printed as its page says it (caveats kept); every state's deck one sheet longer
    than the topic deck, or as long where the state's card fits on its last sheet; for a sample, the card's words
    on the last sheet of every deck. (Every deck's bookmarks name its cards: see below.)"""
    topic_pages = {key: page_count(site.online / deck_path(key)) for key in SHEET_DECKS}
    for state in book.states:
        face = book.state_card(state.code)
        marks = sum(line.count("(unconfirmed)") for line in face.front)
        decks = [state_deck_path(state.code, key) for key in SHEET_DECKS if state.code in SAMPLE_STATES]
        for name in [state_card_path(state.code, key) for key in SINGLE_DECKS] + decks:
            front, back = last_sheet_text(site.online / name)
            assert state.name in front and "Regulator:" in front, name
            assert "Carry on duty" in back, name
            assert front.count("(unconfirmed)") == marks, f"{name}: the printed card keeps the page's caveats"
        for key in SHEET_DECKS:
            pages = page_count(site.online / state_deck_path(state.code, key))
            assert pages in (topic_pages[key], topic_pages[key] + 2), (state.code, key)


@pytest.mark.parametrize("code", SAMPLE_STATES)
def test_a_states_deck_holds_every_topic_card(site: Site, book: Handbook, code: str) -> None:
    for key in SHEET_DECKS:
        text = pdf_words(site.online / state_deck_path(code, key))
        for card in book.topic_cards():
            assert card.title in text, (code, key, card.id)
        assert book.state(code).name in text


def side_pages(path: Path, card: card_layout.Size) -> list[tuple[float, float, float]]:
    """(smallest type in pt, share of the card's height the text spans, nearest char to the trim in mm) a page."""
    measured = []
    with pdfplumber.open(path) as document:
        for page in document.pages:
            w, h = page_size_mm(page)
            assert (w, h) == pytest.approx((card.width, card.height), abs=TOLERANCE_MM)
            box = (0, 0, w, h)
            assert_safe(page, box, path.name)
            chars = [c for c in page.chars if c["text"].strip()]
            top = min(c["top"] for c in chars) * MM_PER_PT
            bottom = max(c["bottom"] for c in chars) * MM_PER_PT
            measured.append((min(c["size"] for c in chars), (bottom - top) / card.height, top))
    return measured


@pytest.mark.parametrize("size", sorted(card_layout.CARD_SIZES))
def test_cards_use_the_card(site: Site, book: Handbook, size: str) -> None:
    card = card_layout.CARD_SIZES[size]
    sides = side_pages(site.online / deck_path(f"{size}-single"), card)
    for code in SAMPLE_STATES:
        sides += side_pages(site.online / state_card_path(code, f"{size}-single"), card)
    assert min(s[0] for s in sides) >= card_fit.MIN_PT - 0.01, "no card text under 9 pt"
    filled = sum(1 for s in sides if s[1] >= 0.6)
    assert filled >= 0.75 * len(sides), f"text spans 60% of the card on only {filled} of {len(sides)} sides"


@pytest.mark.parametrize("size", sorted(card_layout.CARD_SIZES))
def test_single_card_pages_are_card_size_in_deck_order(site: Site, book: Handbook, size: str) -> None:
    card = card_layout.CARD_SIZES[size]
    faces = book.topic_cards()
    with pdfplumber.open(site.online / deck_path(f"{size}-single")) as document:
        assert len(document.pages) == 2 * len(faces)
        for i, page in enumerate(document.pages):
            assert page_size_mm(page) == pytest.approx((card.width, card.height), abs=TOLERANCE_MM)
            assert faces[i // 2].title.lower() in " ".join(page.extract_text().split()).lower()


def face(lines: int) -> CardFace:
    return CardFace(id=f"lines-{lines}", title="A test card", kicker="Test", front=("A short line.",) * lines,
                    back=(CardSide("Say", ("A short line.",)),), page="chapters/first-impressions.md", footer="Footer")


def test_type_is_the_largest_that_fits() -> None:
    card = card_layout.CARD_SIZES["a7"]
    fit = card_fit.check_fit(project_cache(), [face(2), face(8), face(10)], card)
    assert fit[("lines-2", "front")].body == 12.0
    assert fit[("lines-8", "front")].body < fit[("lines-2", "front")].body
    assert fit[("lines-10", "front")].body < fit[("lines-8", "front")].body
    assert all(t.body >= card_fit.MIN_PT and t.small >= card_fit.MIN_PT for t in fit.values())
    # One step up would not fit: the chosen size is the largest.
    tight = fit[("lines-10", "front")].body
    larger = [t for t in card_fit.CANDIDATES if t.body == tight + 0.5]
    heights = card_fit.measure(project_cache(), [(face(10), "front")], tuple(larger), card)
    assert heights[0][0] > card.height


def test_only_a_changed_card_is_measured_again(tmp_path: Path) -> None:
    card = card_layout.CARD_SIZES["a7"]
    cards = [face(2), face(3), face(4)]
    first = DerivedCache(tmp_path)
    card_fit.check_fit(first, cards, card)
    assert len(first.made) == 6, "each side is kept on its own"
    again = DerivedCache(tmp_path)
    card_fit.check_fit(again, [face(2), face(5), face(4)], card)
    assert len(again.made) == 2, "the new card's two sides are measured; the others are kept"


def test_a_build_with_unchanged_inputs_reads_the_data_pdfs_back_rendering_nothing(site: Site, book: Handbook,
                                                                                  monkeypatch) -> None:
    """The site's build listed its PDFs made from data: the same inputs find them by name, with nothing rendered, and
    they are the site's files byte for byte."""
    def nothing_rendered(*args: object) -> None:
        raise AssertionError("the PDFs were made again")

    monkeypatch.setattr(pdfs, "made_from_data", nothing_rendered)
    kept = pdfs.data_pdfs(project_cache(), book, book.chapter_titles())
    assert kept.keys() == set(data_print_paths(book.states))
    for path, data in kept.items():
        assert data == (site.online / path).read_bytes(), path


def test_any_change_to_what_the_data_pdfs_are_made_from_is_a_new_key(tmp_path: Path, book: Handbook) -> None:
    """A byte of a template, a data file or the code, or a chapter's title: the PDFs are made again."""
    package = tmp_path / "macros"
    (package / "templates").mkdir(parents=True)
    template = package / "templates" / "deck.html"
    template.write_text("<p>{{ card }}</p>", encoding="utf-8")
    titles = book.chapter_titles()
    before = pdfs.data_pdfs_inputs(book, titles, package)
    assert pdfs.data_pdfs_inputs(book, titles, package) == before
    template.write_text("<p>{{ card }}!</p>", encoding="utf-8")
    edited = pdfs.data_pdfs_inputs(book, titles, package)
    assert edited != before
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert pdfs.data_pdfs_inputs(book, titles, package) == edited, "compiled code is not an input"
    renamed = {**titles, next(iter(titles)): "Another title"}
    assert pdfs.data_pdfs_inputs(book, renamed, package) != edited


def test_card_type_sizes_reported(site: Site, book: Handbook) -> None:
    """Min and median type size per card size, printed for the record (and never under 9 pt)."""
    faces = book.topic_cards() + [book.state_card(s.code) for s in book.states]
    for card in card_layout.CARD_SIZES.values():
        sizes = [t.body for t in card_fit.check_fit(project_cache(), faces, card).values()]
        print(f"\n{card.name}: min {min(sizes)} pt, median {statistics.median(sizes)} pt over {len(sizes)} sides")
        assert min(sizes) >= card_fit.MIN_PT


def test_fonts_are_embedded_and_text_is_readable(site: Site) -> None:
    files = [f.path for f in PRINT_FILES] + [state_deck_path("OR", k) for k in SHEET_DECKS] \
        + [state_card_path("OR", k) for k in SINGLE_DECKS]
    paper = ("print/sign-off", "print/handbook", "print/drills-", "print/self-check-", "print/drill-sign-in")
    for name in files:
        path = site.online / name
        if name.startswith(paper):   # (the cards' type is measured with their layout, above)
            sizes = type_sizes(path)
            assert sizes and min(sizes) >= 7 - 0.01, f"{name}: text at {min(sizes)} pt"
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
                    descendants = font.get("/DescendantFonts")
                    descriptor = (descendants[0] if descendants else font).get("/FontDescriptor")
                    assert descriptor is not None, f"{name}: font without descriptor"
                    assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
                        f"{name}: font {font.get('/BaseFont')} not embedded"


def page_language(site: Site) -> str:
    """The language the site's pages declare, which every PDF must declare too."""
    return BeautifulSoup((site.online / "index.html").read_text(encoding="utf-8"), "html.parser").html["lang"]


def tagging_problems(path: Path, language: str) -> list[str]:
    """What keeps a PDF from being read aloud: no structure tree, not marked tagged, no PDF/UA identifier, no
    title, or a language other than the pages'."""
    problems = []
    with pikepdf.open(path) as pdf:
        catalog = pdf.Root
        tree = catalog.get("/StructTreeRoot")
        if tree is None or not tree.get("/K"):
            problems.append("no structure tree")
        if catalog.get("/MarkInfo", {}).get("/Marked") is not True:
            problems.append("not marked as tagged")
        metadata = catalog.get("/Metadata")
        if metadata is None or b"pdfuaid:part" not in metadata.read_bytes():
            problems.append("no PDF/UA identifier")
        if not str(pdf.docinfo.get("/Title", "")):
            problems.append("no title")
        if str(catalog.get("/Lang", "")) != language:
            problems.append(f"language {str(catalog.get('/Lang', '')) or None!r}, the pages' is {language!r}")
    return [f"{path.name}: {problem}" for problem in problems]


def test_every_pdf_is_tagged_with_title_and_language(site: Site, book: Handbook) -> None:
    pdfs = sorted(site.online.rglob("*.pdf"))
    made = {p.relative_to(site.online).as_posix() for p in pdfs}
    assert set(data_print_paths(book.states)) | {HANDBOOK_PDF} <= made, "a PDF the site lists is missing"
    language = page_language(site)
    problems = [problem for path in pdfs for problem in tagging_problems(path, language)]
    assert not problems, f"{len(problems)} problems in {len(pdfs)} PDFs, e.g. {problems[:5]}"


def outline_titles(path: Path) -> list[str]:
    """The titles of a PDF's top-level bookmarks, in order."""
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        return [item.title for item in outline.root]


def test_every_deck_has_a_bookmark_per_card_in_deck_order(site: Site, book: Handbook) -> None:
    topics = [card.title for card in book.topic_cards()]
    for key in (*SHEET_DECKS, *SINGLE_DECKS):
        assert outline_titles(site.online / deck_path(key)) == topics, key
    for state in book.states:
        card = book.state_card(state.code).title
        for key in SHEET_DECKS:
            assert outline_titles(site.online / state_deck_path(state.code, key)) == [*topics, card], (state.code, key)
        for key in SINGLE_DECKS:
            assert outline_titles(site.online / state_card_path(state.code, key)) == [card], (state.code, key)


def structure_roles(path: Path) -> list[str]:
    """The roles of a tagged PDF's structure elements, in document order."""
    roles: list[str] = []

    def walk(element: object) -> None:
        if isinstance(element, pikepdf.Array):
            for kid in element:
                walk(kid)
        elif isinstance(element, pikepdf.Dictionary) and "/S" in element:
            roles.append(str(element["/S"]))
            walk(element.get("/K", pikepdf.Array()))

    with pikepdf.open(path) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        walk(tree.get("/K", pikepdf.Array()) if tree is not None else pikepdf.Array())
    return roles


@pytest.mark.parametrize("name", [deck_path("3x5-letter"), deck_path("a7-single"), state_deck_path("OR", "a7-a4"),
                                  state_card_path("OR", "3x5-single")])
def test_each_card_front_is_a_heading(site: Site, book: Handbook, name: str) -> None:
    cards = 1 if "state-card-" in name else len(book.topic_cards()) + ("/states/" in name)
    assert structure_roles(site.online / name).count("/H1") == cards, name


def test_handbook_keeps_its_bookmarks(site: Site) -> None:
    titles = outline_titles(site.online / "print" / "handbook.pdf")
    assert "First impressions" in " ".join(titles) and len(titles) >= 9, titles


@pytest.mark.parametrize("sheet", ["letter", "a4"])
def test_sign_off_sheet_is_one_page(site: Site, book: Handbook, sheet: str) -> None:
    paper = card_layout.SHEETS[sheet]
    with pdfplumber.open(site.online / "print" / f"sign-off-{sheet}.pdf") as document:
        assert len(document.pages) == 1
        page = document.pages[0]
        w, h = page_size_mm(page)
        assert abs(w - paper.width) <= TOLERANCE_MM and abs(h - paper.height) <= TOLERANCE_MM
        problems = sign_off_problems(page, book)
        assert not problems, problems


@pytest.mark.parametrize("sheet", ["letter", "a4"])
def test_drill_sign_in_sheet_is_one_page(site: Site, book: Handbook, sheet: str) -> None:
    paper = card_layout.SHEETS[sheet]
    with pdfplumber.open(site.online / sign_in_path(sheet)) as document:
        assert len(document.pages) == 1, f"the sign-in sheet takes {len(document.pages)} pages"
        page = document.pages[0]
        w, h = page_size_mm(page)
        assert abs(w - paper.width) <= TOLERANCE_MM and abs(h - paper.height) <= TOLERANCE_MM
        problems = sign_in_problems(page, book)
        assert not problems, problems
    # Its drill numbers are the handout's, so a trainee can note the drills they played the officer in.
    handout = pdf_words(site.online / training_path("drills-handout", sheet))
    numbers = book.drill_numbers()
    assert sorted(numbers.values()) == list(range(1, len(book.drills) + 1))
    for drill in book.drills:
        assert f"{numbers[drill.id]}. {drill.title}" in handout, drill.id


def test_the_trainers_guide_links_the_sign_in_sheet_and_its_pdfs(site: Site) -> None:
    guide = (site.online / "onboarding" / "trainers-guide" / "index.html").read_text(encoding="utf-8")
    for sheet in ("letter", "a4"):
        assert f'href="../../{sign_in_path(sheet)}"' in guide, sheet
    assert 'href="../drill-sign-in/"' in guide


def test_handbook_pdf_has_contents_chapters_and_page_numbers(site: Site) -> None:
    pages = [" ".join(text.split()) for text in pdf_text(site.online / "print" / "handbook.pdf")]
    assert len(pages) >= 15
    contents = pages[1]
    chapter_titles = ["Why service is security work", "First impressions", "Building trust", "Proactive service",
                      "Protocol and flexibility", "Communication and de-escalation", "Working as a team",
                      "Hard situations", "Serving every visitor"]
    for title in chapter_titles:
        assert title.lower() in contents.lower(), title
    # Page numbers stand at the foot of every page after the cover.
    for number, text in enumerate(pages[1:], start=2):
        assert text.endswith(str(number)), f"page {number} has no page number"


def test_every_print_file_is_linked_from_the_print_page(site: Site, book: Handbook) -> None:
    html = (site.online / "print" / "index.html").read_text(encoding="utf-8")
    for file in PRINT_FILES:
        assert Path(file.path).name in html
    for state in book.states:
        for key in SHEET_DECKS:
            assert Path(state_deck_path(state.code, key)).name in html, (state.code, key)
        for key in SINGLE_DECKS:
            assert Path(state_card_path(state.code, key)).name in html, (state.code, key)
        assert f'id="print-{state.code.lower()}"' in html


def test_a_state_page_prints_its_own_deck(site: Site, book: Handbook) -> None:
    page = (site.online / "states" / "or" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{state_deck_path("OR")}"' in page
    assert 'href="../../print/#print-or"' in page


@pytest.mark.parametrize("sheet", ["letter", "a4"])
def test_the_drills_handout_holds_no_answer_and_its_key_holds_them_all(site: Site, book: Handbook, sheet: str) -> None:
    handout = pdf_words(site.online / training_path("drills-handout", sheet))
    key = pdf_words(site.online / training_path("drills-key", sheet))
    for drill in book.drills:
        assert " ".join(drill.situation.split()) in handout, drill.id
        for item in drill.debrief:
            assert " ".join(item.question.split()) in handout, (drill.id, item.question)
            assert " ".join(item.answer.split()) not in handout, f"{drill.id}: a model answer is in the handout"
            assert " ".join(item.answer.split()) in key, f"{drill.id}: a model answer is missing from the key"
        for step in (*drill.good_service, *drill.protocol):
            assert " ".join(step.split()) not in handout, f"{drill.id}: an answer is in the handout"
            assert " ".join(step.split()) in key, drill.id
    path_order = [d for step in book.path for d in step.drills]
    titles = [book.drills[[d.id for d in book.drills].index(d)].title for d in path_order]
    assert [handout.index(title) for title in titles] == sorted(handout.index(title) for title in titles), \
        "the handout follows the onboarding path"


@pytest.mark.parametrize("sheet", ["letter", "a4"])
def test_the_self_check_sheet_holds_no_answer_and_its_key_holds_them_all(site: Site, book: Handbook,
                                                                        sheet: str) -> None:
    questions = pdf_words(site.online / training_path("self-check-sheet", sheet))
    key = pdf_words(site.online / training_path("self-check-key", sheet))
    assert "Answer:" not in questions and "Right." not in questions
    for question in book.questions:
        assert " ".join(question.question.split()) in questions, question.id
        right = next(c for c in question.choices if c.key == question.answer)
        explanation = " ".join(right.why.removeprefix("Right. ").split())
        assert explanation not in questions, f"{question.id}: the explanation is on the trainee's sheet"
        assert f"Answer: {question.answer.upper()}. {' '.join(right.text.split())}" in key, question.id
        assert explanation in key, question.id


def page_texts(path: Path) -> list[str]:
    """Each page's text as one run of words, a word hyphenated at a line's end joined again."""
    return [" ".join(text.split()) for text in pdf_text(path)]


def web_quizzes(site: Site, book: Handbook) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Each step's self-check page as its reader sees it: the step's title, then each chapter's heading with its
    questions as numbered there ("3. Which ..."), in page order."""
    quizzes = []
    for quiz in book.quizzes():
        path = site.online / "onboarding" / "quiz" / quiz.step.id / "index.html"
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        groups: list[tuple[str, list[str]]] = []
        for element in page.select("article h2[id^=check-], article form.self-check legend"):
            text = " ".join(element.get_text().split()).removesuffix("¶").strip()
            if element.name == "h2":
                groups.append((text, []))
            else:
                groups[-1][1].append(text)
        quizzes.append((quiz.step.title, groups))
    return quizzes


def test_the_web_quizzes_number_each_steps_questions_on_through_its_chapters(site: Site, book: Handbook) -> None:
    web = web_quizzes(site, book)
    assert [title for title, _ in web] == [quiz.step.title for quiz in book.quizzes()]
    for (title, groups), quiz in zip(web, book.quizzes(), strict=True):
        numbered = [[f"{n}. {' '.join(q.question.split())}" for n, q in group] for group in quiz.numbered().values()]
        assert [questions for _, questions in groups] == numbered, title
        assert [n for group in quiz.numbered().values() for n, _ in group] == list(range(1, len(quiz.questions) + 1))


@pytest.mark.parametrize("sheet", ["letter", "a4"])
def test_the_self_check_sheet_goes_by_step_as_the_web_with_a_score_box_each(site: Site, book: Handbook,
                                                                           sheet: str) -> None:
    path = site.online / training_path("self-check-sheet", sheet)
    pages = page_texts(path)
    web = web_quizzes(site, book)
    starts = []
    for i, (title, _groups) in enumerate(web, start=1):
        heading = f"{i}. {title} "
        start = next((n for n, text in enumerate(pages) if text.startswith(heading)), None)
        assert start is not None, f"no page starts with step {heading!r}"
        starts.append(start)
    assert starts == sorted(starts) and len(set(starts)) == len(starts), "the steps in path order, each on its pages"
    ends = starts[1:] + [len(pages)]
    with pdfplumber.open(path) as document:
        for i, ((_title, groups), start, end) in enumerate(zip(web, starts, ends, strict=True), start=1):
            text = " ".join(pages[start:end])
            at = 0
            for chapter, questions in groups:   # same grouping, same numbers, same order as the step's page
                for wanted in [chapter, *questions]:
                    found = text.find(wanted, at)
                    assert found >= 0, f"step {i}: {wanted[:60]!r} is missing or out of order"
                    at = found + len(wanted)
            others = [q for other, (_, g) in enumerate(web, start=1) if other != i for _, qs in g for q in qs]
            strays = [q for q in others if q.split(". ", 1)[1] in text]
            assert not strays, f"step {i} holds another step's questions: {strays[:2]}"
            count = sum(len(questions) for _, questions in groups)
            assert f"Name: Date: Score: of {count}" in pages[start], f"step {i}: no name, date and score box"
            page = document.pages[start]
            score, of = page.search("Score:")[0], page.search(f"of {count}")[-1]
            boxes = [r for r in page.rects if 12 <= r["width"] * MM_PER_PT <= 16 and 7 <= r["height"] * MM_PER_PT <= 10
                     and score["x1"] <= r["x0"] and r["x1"] <= of["x0"] + 1]
            assert boxes, f"step {i}: no box to write the score in"
        # The first page's table: each step, its questions, the page it starts on and a score to fill in.
        table = max(document.pages[0].find_tables(), key=lambda t: len(t.rows)).extract()
    rows = [[" ".join((cell or "").split()) for cell in row] for row in table]
    assert rows[0] == ["Step", "Questions", "Page", "Score"]
    expected = [[f"{i}. {title}", str(count), str(start + 1), f"of {count}"]
                for i, ((title, groups), start) in enumerate(zip(web, starts, strict=True), start=1)
                for count in [sum(len(questions) for _, questions in groups)]]
    total = str(len(book.questions))
    assert rows[1:] == expected + [["All self-checks", total, "", f"of {total}"]]


@pytest.mark.parametrize("sheet", ["letter", "a4"])
def test_the_self_check_key_goes_by_step_as_the_web(site: Site, book: Handbook, sheet: str) -> None:
    path = site.online / training_path("self-check-key", sheet)
    text = " ".join(page_texts(path))
    web = web_quizzes(site, book)
    at = 0
    for i, ((title, groups), quiz) in enumerate(zip(web, book.quizzes(), strict=True), start=1):
        answers = {f"{n}. {' '.join(q.question.split())}": q.answer.upper()
                   for n, q in sum(quiz.numbered().values(), [])}
        for c, (chapter, questions) in enumerate(groups):
            heading = f"{i}. {title} {chapter}" if c == 0 else chapter   # past the table at a glance
            found = text.find(heading, at)
            assert found >= 0, f"step {i}: {heading!r} is missing or out of order"
            at = found + len(heading)
            for question in questions:
                wanted = f"{question} Answer: {answers[question]}."
                found = text.find(wanted, at)
                assert found >= 0, f"step {i}: {wanted[:60]!r} is missing or out of order"
                at = found + len(wanted)
    # The table at a glance: each step's numbers and right answers, for marking a sheet quickly.
    with pdfplumber.open(path) as document:
        table = max(document.pages[0].find_tables(), key=lambda t: len(t.rows)).extract()
    rows = [[" ".join((cell or "").split()) for cell in row] for row in table]
    assert rows[0] == ["Step", "Question and right answer"]
    assert rows[1:] == [[f"{i}. {quiz.step.title}", " ".join(f"{n} {q.answer.upper()}" for n, q in
                                                              sum(quiz.numbered().values(), []))]
                        for i, quiz in enumerate(book.quizzes(), start=1)]
