"""What the browser tests share: the offline build opened from file:// with every outside request caught,
the search box driven as a reader types, and axe's accessibility check."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import yaml

from macros.content.handbook import Handbook
from macros.content.models import Question
from tests.conftest import Site

EXPECTATIONS = yaml.safe_load((Path(__file__).parent / "search_expectations.yml").read_text(encoding="utf-8"))
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Offline:
    """A browser context that lets file:// through and blocks and records every other request."""

    def __init__(self, browser, **options) -> None:
        self.outside: list[str] = []
        self.context = browser.new_context(**options)
        self.context.route("**/*", self._route)

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def __enter__(self) -> Offline:
        return self

    def __exit__(self, *exc) -> None:
        self.context.close()


def quiz_page(book: Handbook, question: Question) -> str:
    """The offline edition's address of the self-check page that holds a question: its path step's."""
    quiz = next(quiz for quiz in book.quizzes() if question.chapter in quiz.chapters)
    return f"onboarding/quiz/{quiz.step.id}.html"


def url(site: Site, path: str) -> str:
    return (site.offline / path).as_uri()


SEARCH_READY = "!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')"
SEARCH_DONE = "document.querySelector('.md-search-result__meta').textContent.includes('match')"
SEARCH_EMPTY = "!document.querySelector('.md-search-result__list').children.length"
# Where each result lands: the link with the best score among those shown for one page (the page
# itself, or the section Material shows under it), as a site path with its anchor.
RESULT_LANDINGS = """items => items.map(item => {
  const links = [...item.querySelectorAll(':scope > a')];
  const score = a => parseFloat(a.querySelector('[data-md-score]').dataset.mdScore);
  const best = links.reduce((a, b) => (score(b) > score(a) ? b : a));
  const url = new URL(best.href);
  return url.origin + url.pathname + url.hash;
})"""


def search_landings(page, query: str) -> list[str]:
    """Where the search results for a query land, in order: one address (URL with anchor) per page."""
    box = page.locator("input.md-search__input")
    box.focus()
    page.wait_for_function(SEARCH_READY, timeout=30_000)   # the index loads in a worker first
    box.fill("")
    box.press("End")   # a key press, so Material sees the empty box and clears the results
    page.wait_for_function(SEARCH_EMPTY, timeout=15_000)
    box.press_sequentially(query, delay=10)   # real key presses: Material searches on keyup
    page.wait_for_function(SEARCH_DONE, timeout=15_000)
    # Results update once per key; read them when two reads a moment apart agree.
    landings: list[str] | None = None
    for _ in range(60):
        current = page.eval_on_selector_all(".md-search-result__item", RESULT_LANDINGS)
        if current == landings:
            break
        landings = current
        page.wait_for_timeout(250)
    return landings or []


def search(page, query: str) -> list[str]:
    """The distinct pages among the search results, in order, as URLs."""
    pages: list[str] = []
    for landing in search_landings(page, query):
        path = landing.split("#")[0]
        if path not in pages:
            pages.append(path)
    return pages


def lands_on(site: Site, landing: str, wanted: str) -> bool:
    """Whether a result lands on an expected address: "page.html" (anywhere on the page) or
    "page.html#anchor" (exactly that section)."""
    path, _, anchor = wanted.partition("#")
    target = url(site, path)
    return landing == f"{target}#{anchor}" if anchor else landing.split("#")[0] == target


def search_misses(browser, site: Site, expectations: dict[str, list[str]]) -> list[str]:
    """The queries none of whose first three results lands on an expected address."""
    misses = []
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        for query, expected in expectations.items():
            top = search_landings(page, query)[:3]
            if not any(lands_on(site, landing, wanted) for landing in top for wanted in expected):
                shown = [t.split(site.offline.as_uri() + "/")[-1] for t in top]
                misses.append(f"{query!r}: top three were {shown}")
        assert not offline.outside, offline.outside
    return misses


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS)
    return result["violations"]
