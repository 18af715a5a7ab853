"""What the browser tests share: the offline build opened from file:// with every outside request caught,
the search box driven as a reader types, and axe's accessibility check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
import yaml

from macros.content.handbook import Handbook
from macros.content.models import PathStep, Question
from tests.conftest import Site

EXPECTATIONS = yaml.safe_load((Path(__file__).parent / "search_expectations.yml").read_text(encoding="utf-8"))
SEARCH_EVAL = Path(__file__).parent / "search_eval"


# The sets written after the split, each measured once untouched and then tuned on: validation, validation-2, ...
VALIDATION_SETS = tuple(sorted((path.stem for path in SEARCH_EVAL.glob("validation*.yml")),
                               key=lambda stem: int(stem.partition("-")[2] or 1)))


def search_eval(name: str) -> dict:
    """An evaluation set of tests/search_eval: "test" or "tuning" (the random halves), or "reported"."""
    return yaml.safe_load((SEARCH_EVAL / f"{name}.yml").read_text(encoding="utf-8"))


AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The WCAG A and AA rules whose outcome depends on colours alone: what a change of colour scheme can break.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


# Requests outside the site, each made as a page would make it: a script, an image, a fetch, a web socket.
OUTSIDE_ADDRESSES = ["https://cdn.example.com/library.js", "http://192.0.2.1/pixel.png",
                     "https://example.com/data.json", "wss://example.com/live"]
OUTSIDE_REQUESTS = """async ([script, image, data, socket]) => {
  const loaded = (element, address) => new Promise(done => {
    element.onload = () => done('loaded'); element.onerror = () => done('failed');
    element.src = address; document.body.append(element);
  });
  return [
    await loaded(document.createElement('script'), script),
    await loaded(new Image(), image),
    await fetch(data).then(() => 'loaded', () => 'failed'),
    await new Promise(done => { const live = new WebSocket(socket);
                                live.onopen = () => done('loaded'); live.onerror = () => done('failed'); }),
  ];
}"""


def outside_requests(context, site: str) -> list[str]:
    """The addresses a browser context's pages request outside the site whose addresses start with `site`, web
    sockets included, as they are requested (the list fills as the pages run). What a page writes inline or makes
    itself (data: and blob: addresses) is never outside."""
    inside = (site, "data:", "blob:")
    outside: list[str] = []

    def record(address: str) -> None:
        if not address.startswith(inside):
            outside.append(address)

    context.on("request", lambda request: record(request.url))
    context.on("page", lambda page: page.on("websocket", lambda socket: record(socket.url)))
    return outside


class Offline:
    """A browser context with no network, as on a post with no signal: the site's own files (file://) load, every
    other request fails and is recorded. (The browser drops the requests itself: routing every request through
    Playwright to let file:// through cost about a sixth of each page load.)"""

    def __init__(self, browser, **options) -> None:
        self.context = browser.new_context(offline=True, **options)
        self.outside = outside_requests(self.context, "file://")

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


def do_every_part(page, book: Handbook, step: PathStep) -> None:
    """Every part of a path step done, stored as the pages store it: its chapters read and drills ticked today, and
    each of its self-check questions not yet answered answered right. The page must be one of the site's."""
    quiz = next((quiz for quiz in book.quizzes() if quiz.step.id == step.id), None)
    answers = {q.id: q.answer for q in quiz.questions} if quiz else {}
    page.evaluate("""([chapters, drills, answers]) => {
      const today = new Date().toISOString().slice(0, 10);
      const get = key => JSON.parse(localStorage.getItem(key) || '{}');
      const read = get('handbook.read'), progress = get('handbook.progress'), checked = get('handbook.checked');
      chapters.forEach(c => { read[c] = read[c] || today; });
      drills.forEach(d => { progress['drill:' + d] = progress['drill:' + d] || today; });
      Object.entries(answers).forEach(([id, answer]) => { checked[id] = checked[id] || {first: answer, now: answer}; });
      localStorage.setItem('handbook.read', JSON.stringify(read));
      localStorage.setItem('handbook.progress', JSON.stringify(progress));
      localStorage.setItem('handbook.checked', JSON.stringify(checked));
    }""", [step.chapters, step.drills, answers])


HEADER_SEARCH = "[data-search-header]"
RESULT_LINKS = "box => [...box.querySelectorAll('[data-search-results] a')].map(a => a.href)"


def search_landings(page, query: str, box: str = HEADER_SEARCH, typed: bool = True) -> list[str]:
    """Where the results of a search box land, in order (URLs with their anchors): the header's box (opened
    with its button on a phone) unless another box is named. The query is typed key by key, or, for long
    lists of queries, put in at once as a paste would."""
    field = page.locator(f"{box} [data-search-input]")
    if not field.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    if typed:
        field.fill("")
        field.press_sequentially(query, delay=10)
    else:
        field.fill(query)
    handle = page.locator(box).element_handle()
    page.wait_for_function("([box, query]) => box.dataset.searchShown === query", arg=[handle, query],
                           timeout=15_000)
    return handle.evaluate(RESULT_LINKS)


def search_is_close(page, box: str = HEADER_SEARCH) -> bool:
    """Whether the search box showed results as close (else it said "Nothing close")."""
    return page.locator(box).get_attribute("data-search-close") == "yes"


def lands_on(site: Site, landing: str, wanted: str) -> bool:
    """Whether a result lands on an expected address: "page.html" (anywhere on the page) or
    "page.html#anchor" (exactly that section)."""
    path, _, anchor = wanted.partition("#")
    target = url(site, path)
    return landing == f"{target}#{anchor}" if anchor else landing.split("#")[0] == target


# A phone's browser: 390 x 844 px, touch. Context options for Offline(...) or browser.new_context(...).
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def search_misses(browser, site: Site, expectations: dict[str, list[str]]) -> list[str]:
    """The queries whose first result, in the header's search on a 390 px phone, lands on none of the
    expected addresses."""
    misses = []
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "chapters/first-impressions.html"))
        for query, expected in expectations.items():
            landings = search_landings(page, query, typed=False)
            close = search_is_close(page)
            if not close or not landings or not any(lands_on(site, landings[0], wanted) for wanted in expected):
                shown = [t.split(site.offline.as_uri() + "/")[-1] for t in landings[:3]]
                misses.append(f"{query!r}: the first results were {shown}" if close else f"{query!r}: nothing close")
        assert not offline.outside, offline.outside
    return misses


@dataclass
class SearchScore:
    """How the header's search did on an evaluation set: first results right, on-topic queries it called a miss,
    off-topic queries it answered honestly with "Nothing close"."""

    on_topic: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)
    called_a_miss: list[str] = field(default_factory=list)
    off_topic: int = 0
    honest: int = 0
    answered: list[str] = field(default_factory=list)

    @property
    def right_share(self) -> float:
        return self.right / self.on_topic if self.on_topic else 1.0

    @property
    def honest_share(self) -> float:
        return self.honest / self.off_topic if self.off_topic else 1.0

    def summary(self) -> str:
        return (f"first result right {self.right}/{self.on_topic} ({100 * self.right_share:.1f}%), "
                f"on-topic called a miss {len(self.called_a_miss)}, "
                f"off-topic answered \"Nothing close\" {self.honest}/{self.off_topic} ({100 * self.honest_share:.1f}%)")


def score_search(browser, site: Site, evaluation: dict) -> SearchScore:
    """Every query of an evaluation set (tests/search_eval) in the header's search on a 390 px phone, offline."""
    score = SearchScore()
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "chapters/first-impressions.html"))
        for query, expected in evaluation["situations"].items():
            score.on_topic += 1
            landings = search_landings(page, query, typed=False)
            shown = [t.split(site.offline.as_uri() + "/")[-1] for t in landings[:2]]
            if not search_is_close(page):
                score.called_a_miss.append(f"{query!r}: nothing close (wanted {expected[0]})")
            elif any(lands_on(site, landings[0], wanted) for wanted in expected):
                score.right += 1
            else:
                score.misses.append(f"{query!r}: {shown} (wanted {expected[0]})")
        for query in evaluation["off_topic"]:
            score.off_topic += 1
            landings = search_landings(page, query, typed=False)
            if search_is_close(page):
                score.answered.append(f"{query!r}: {landings[0].split(site.offline.as_uri() + '/')[-1]}")
            else:
                score.honest += 1
        assert not offline.outside, offline.outside
    return score


# Where the home page's parts sit on a phone, and whether something else is drawn over any of them.
HOME_SCREEN = """() => {
  const box = el => {
    const r = el.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY};
  };
  const covered = el => {
    el.scrollIntoView({block: 'center'});
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !(hit && (el === hit || el.contains(hit)));
  };
  const search = document.querySelector('.situation-search input');
  const urgent = [...document.querySelectorAll('a.urgent-card')];
  const zip = document.querySelector('.offline-download');
  const found = {search: box(search), urgent: urgent.map(box), zip: zip && box(zip),
                 covered: [search, ...urgent].filter(covered).map(el => el.textContent.trim() || 'the search box'),
                 height: innerHeight};
  scrollTo(0, 0);
  return found;
}"""


def home_screen_problems(page, urgent_cards: int) -> list[str]:
    """What keeps an officer from the steps on the home page: the search off the first screen, an urgent card
    missing or more than one scroll down, anything drawn over them, the offline zip above them."""
    home = page.evaluate(HOME_SCREEN)
    height = home["height"]
    problems = []
    if home["search"]["bottom"] > height:
        problems.append(f"the search box ends at {home['search']['bottom']:.0f} px, below the first screen")
    if len(home["urgent"]) != urgent_cards:
        problems.append(f"{len(home['urgent'])} urgent cards linked, not {urgent_cards}")
    last = max(link["bottom"] for link in home["urgent"])
    if last > 2 * height:
        problems.append(f"the last urgent card ends at {last:.0f} px: more than one scroll of a {height} px screen")
    if home["covered"]:
        problems.append(f"covered: {home['covered']}")
    if home["zip"] and home["zip"]["top"] < last:
        problems.append("the offline zip comes before the urgent cards")
    return problems


def axe_violations(page, *, contrast: bool = True, rules: tuple[str, ...] = ()) -> list[dict]:
    """axe's WCAG 2.1 A and AA rules on the page as shown; `contrast=False` leaves out colour contrast (most of
    axe's time), for a page whose colours another page of its template has been checked with; `rules` runs those
    rules alone."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": WCAG_TAGS}
    result = page.evaluate(
        "([only, contrast]) => axe.run(document, {runOnly: only, resultTypes: ['violations'],"
        " rules: {'color-contrast': {enabled: contrast}}})",
        [only, contrast])
    return result["violations"]
