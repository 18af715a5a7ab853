"""The browser's own Print (Chromium's page.pdf with the page's CSS page size), on the offline edition.

Every page prints on the reader's paper; the Pocket cards page turns it landscape for true-size cards.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import pdfplumber
import pytest

from macros.content.handbook import Handbook
from tests.browsing import Offline, url
from tests.conftest import Site
from tests.drill_sign_in_sheet import sign_in_problems
from tests.pdf_reading import page_sizes, pdf_text
from tests.sign_off_sheet import sign_off_problems

PT_PER_IN = 72
PAPERS = {"Letter": (8.5 * PT_PER_IN, 11 * PT_PER_IN), "A4": (210 / 25.4 * PT_PER_IN, 297 / 25.4 * PT_PER_IN)}
TOLERANCE_PT = 1.0
MIN_CHARS = 300   # a page before the last with less text than this is a stray heading or a split scrap
ON_PAPER = [
    "chapters/first-impressions.html",
    "chapters/hard-situations.html",
    "states/or.html",
    "states/index.html",
    "onboarding/index.html",
    "onboarding/drills.html",
    "onboarding/self-checks.html",
    "onboarding/quiz/first-week-trust.html",
    "glossary.html",
    "onboarding/sign-off.html",
    "onboarding/drill-sign-in.html",
]
# Controls and site chrome: none of these belongs on paper.
NOT_ON_PAPER = ["Skip to content", "Back to top", "Previous", "Try again", "Reset my progress",
                "Remember my state", "Forget my choice", "\u00b6", "Back to step", "Not ticked"]


@dataclass(frozen=True)
class Printout:
    """One page printed to PDF: each sheet's size in points and its text."""

    data: bytes
    sizes: list[tuple[float, float]]
    texts: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.texts)

    @property
    def compact(self) -> str:
        """The text with every space and line break removed, so a wrapped address reads whole."""
        return "".join(self.text.split())


def read_pdf(data: bytes) -> Printout:
    return Printout(data=data, sizes=page_sizes(data), texts=[" ".join(text.split()) for text in pdf_text(data)])


@pytest.fixture(scope="module")
def printed(browser, site: Site) -> Callable[[str, str], Printout]:
    """Print a page of the offline edition on a paper format, once per page and format."""
    done: dict[tuple[str, str], Printout] = {}
    with Offline(browser) as offline:
        page = offline.context.new_page()

        def print_page(path: str, paper: str) -> Printout:
            if (path, paper) not in done:
                page.goto(url(site, path))
                done[path, paper] = read_pdf(page.pdf(format=paper, prefer_css_page_size=True))
                assert not offline.outside, offline.outside
            return done[path, paper]

        yield print_page


def same_size(size: tuple[float, float], wanted: tuple[float, float]) -> bool:
    return all(abs(a - b) <= TOLERANCE_PT for a, b in zip(size, wanted, strict=True))


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("path", ON_PAPER)
def test_pages_print_on_the_readers_paper_with_no_stray_pages(printed, path: str, paper: str) -> None:
    out = printed(path, paper)
    wrong = [i + 1 for i, size in enumerate(out.sizes) if not same_size(size, PAPERS[paper])]
    assert not wrong, f"{path} on {paper}: pages {wrong} are another size ({out.sizes[wrong[0] - 1]} pt)"
    thin = [(i + 1, len(t)) for i, t in enumerate(out.texts[:-1]) if len(t) < MIN_CHARS]
    assert not thin, f"{path} on {paper}: pages (number, characters) {thin} hold almost nothing"


@pytest.mark.parametrize("path", ON_PAPER)
def test_no_controls_or_site_chrome_on_paper(printed, path: str) -> None:
    text = printed(path, "Letter").text
    found = [words for words in NOT_ON_PAPER if words in text]
    assert not found, f"{path} prints {found}"


def test_a_chapter_prints_its_pocket_cards_on_the_paper(printed, book: Handbook) -> None:
    out = printed("chapters/first-impressions.html", "Letter")
    cards = [c for c in book.topic_cards() if c.page == "chapters/first-impressions.md"]
    assert cards
    # A card prints its front and back side by side: read the left half of each page, where the fronts are.
    with pdfplumber.open(io.BytesIO(out.data)) as document:
        fronts = [" ".join((p.crop((0, 0, p.width / 2, p.height)).extract_text() or "").split())
                  for p in document.pages]
    for card in cards:
        assert any(card.title in text for text in fronts), f"{card.title} is missing from the printed chapter"
    heading = "Pocket cards for this chapter"
    page = next(i for i, t in enumerate(fronts) if heading in t)
    assert cards[0].title in fronts[page].split(heading, 1)[1], "the cards heading is left alone at the foot of a page"


def test_outside_links_print_their_address_and_inside_links_do_not(printed, book: Handbook) -> None:
    oregon = next(s for s in book.states if s.code == "OR")
    out = printed("states/or.html", "Letter")
    assert str(oregon.regulator.website) in out.compact
    for source in oregon.sources:
        if not source.unlinked:
            assert str(source.url) in out.compact, source.url
    inside = re.findall(r"\((?!https?://)[^()]*\.html[^()]*\)", out.compact)
    assert not inside, f"addresses inside the handbook were printed: {inside[:3]}"


def test_self_check_explanations_print_with_the_right_choice_named(printed, book: Handbook) -> None:
    # A fresh browser: no question has been answered, so on screen every explanation is hidden.
    quiz = book.quizzes()[0]
    out = printed(f"onboarding/quiz/{quiz.step.id}.html", "Letter")
    questions = quiz.questions
    assert out.text.count("(right answer)") == len(questions)
    for question in questions:
        right = next(c for c in question.choices if c.key == question.answer)
        assert " ".join(right.why.split()[:6]) in out.text, question.id


def test_drills_print_with_good_practice_and_model_answers(printed, book: Handbook) -> None:
    out = printed("onboarding/drills.html", "A4")
    for drill in book.drills:
        assert " ".join(drill.good_service[-1].split()[:6]) in out.text, drill.id
        assert " ".join(drill.debrief[-1].answer.split()[:6]) in out.text, drill.id


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_sign_off_sheet_prints_on_one_page(printed, book: Handbook, paper: str) -> None:
    out = printed("onboarding/sign-off.html", paper)
    assert len(out.sizes) == 1, f"the sign-off sheet takes {len(out.sizes)} pages on {paper}"
    with pdfplumber.open(io.BytesIO(out.data)) as document:
        problems = sign_off_problems(document.pages[0], book)
    assert not problems, problems


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_drill_sign_in_sheet_prints_on_one_page(printed, book: Handbook, paper: str) -> None:
    out = printed("onboarding/drill-sign-in.html", paper)
    assert len(out.sizes) == 1, f"the sign-in sheet takes {len(out.sizes)} pages on {paper}"
    assert out.texts[0].startswith("Drill session sign-in sheet Session date:"), "the page's intro is for the screen"
    with pdfplumber.open(io.BytesIO(out.data)) as document:
        problems = sign_in_problems(document.pages[0], book)
    assert not problems, problems


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_the_cards_page_prints_two_cards_to_a_sheet_of_the_readers_paper(printed, book: Handbook, paper: str) -> None:
    out = printed("cards.html", paper)
    landscape = tuple(reversed(PAPERS[paper]))
    assert all(same_size(size, landscape) for size in out.sizes), sorted(set(out.sizes))
    cards = book.topic_cards()
    assert len(out.sizes) == math.ceil(len(cards) / 2), f"{len(cards)} cards on {len(out.sizes)} sheets"
    for i, card in enumerate(cards):
        assert card.title.lower() in out.texts[i // 2].lower(), f"sheet {i // 2 + 1} does not hold {card.id}"


def test_printed_cards_are_true_size_and_their_text_fits(browser, site: Site, book: Handbook) -> None:
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "cards.html"))
        page.emulate_media(media="print")
        sides = page.eval_on_selector_all(
            ".card-group .card-grid :is(.pocket-card__front, .pocket-card__back)",
            "sides => sides.map(s => [s.getBoundingClientRect().width, s.getBoundingClientRect().height,"
            " s.scrollHeight - s.clientHeight])")
    assert len(sides) == 2 * len(book.topic_cards())
    css_px = 96   # CSS pixels an inch
    wrong = [i for i, (w, h, _) in enumerate(sides) if abs(w - 5 * css_px) > 1 or abs(h - 3 * css_px) > 1]
    assert not wrong, f"card sides {wrong[:5]} are not 5 x 3 in: {sides[wrong[0]][:2]}"
    cut = [i for i, (*_, over) in enumerate(sides) if over > 0]
    assert not cut, f"the text of card sides {cut} runs past the card"
