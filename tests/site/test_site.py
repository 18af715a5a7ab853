"""Tests on the built site: pages, navigation, links, content rules, weight and no outside requests."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.content.facts import state_facts
from macros.content.handbook import Handbook, load_handbook
from macros.content.sources import is_test_host
from tests.bench import BUDGETS_KB
from tests.conftest import Site, copy_project, run_mkdocs_build
from tests.seed_overlap import copied_runs, seed_runs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STATE_SECTIONS = ("who-regulates-you", "your-credential", "training", "renewal", "state-card", "what-changed",
                  "legal-citations", "sources")

CHAPTERS = tuple(load_handbook().chapter_titles())   # slugs, in the book's order


def html_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_chapter_is_built_and_in_the_navigation(site: Site) -> None:
    # The navigation is pruned to the open section, so read it where the chapters are open.
    chapters = soup(site.online / "chapters" / "index.html")
    nav_links = {a["href"] for a in chapters.select("nav.md-nav--primary a[href]")}
    home_nav = {a["href"] for a in soup(site.online / "index.html").select("nav.md-nav--primary a[href]")}
    assert "chapters/" in home_nav
    for slug in CHAPTERS:
        page = site.online / "chapters" / slug / "index.html"
        assert page.is_file(), slug
        assert f"{slug}/" in nav_links, f"{slug} not in the navigation"
        assert soup(page).select_one("article h1"), slug


def test_no_unrendered_template_syntax(site: Site) -> None:
    for root in (site.online, site.offline):
        for page in html_pages(root):
            text = soup(page).get_text()
            assert "{{" not in text and "{%" not in text, page


def test_state_pages_have_every_section_and_sources(site: Site, book: Handbook) -> None:
    index = soup(site.online / "states" / "index.html")
    table_links = {a["href"] for a in index.select("table.states-table a[href]")}
    for state in book.states:
        page = site.online / "states" / state.code.lower() / "index.html"
        doc = soup(page)
        for section in STATE_SECTIONS:
            assert doc.find(id=section), f"{state.code}: section {section} missing"
        sources = doc.select("#sources ~ div ol.sources a[href^='http']")
        linked = [s for s in state.sources if not s.unlinked]
        assert len(sources) == len(linked) >= 1, state.code
        assert len(doc.select("#sources ~ div ol.sources > li")) == len(state.sources), state.code
        assert not any(is_test_host(a["href"]) for a in doc.select("a[href^='http']")), state.code
        assert "verify every fact with the regulator" in doc.get_text().lower(), state.code
        assert doc.find("time", attrs={"datetime": state.checked.when.isoformat()}), state.code
        assert "reviewed" not in doc.select_one(".state-notice").get_text().lower(), state.code
        # Every caveat of the headline figures is on the page, as on the card and in the table.
        caveats = doc.select(".state-facts .fact-caveat--unconfirmed, .state-facts .fact-caveat--disputed")
        marks = [c.get_text() for c in caveats if c.get_text() in ("unconfirmed", "sources disagree")]
        expected = [shown.caveat for _, shown in state_facts(state).labelled() if shown.caveat]
        assert sorted(marks) == sorted(expected), state.code
        row = index.select_one(f'table.states-table tr[data-state="{state.code}"]')
        assert row and row.select_one("th a")["href"].endswith(f"{state.code.lower()}/"), state.code
        if state.conflicts:
            assert doc.find(id="where-sources-disagree"), state.code
        assert f"{state.code.lower()}/" in " ".join(table_links), f"states index does not link {state.code}"
    assert len(table_links) == len(book.states) == 51


def test_state_pages_show_each_quote_on_demand_with_its_date(site: Site, book: Handbook) -> None:
    quoted = 0
    for state in book.states:
        doc = soup(site.online / "states" / state.code.lower() / "index.html")
        shown = [(details.get_text(" ", strip=True), details) for details in doc.select("details.fact-evidence")]
        for field, figure in state.figures():
            for evidence in figure.evidence:
                quote = " ".join(evidence.quote.split())
                holding = [details for text, details in shown if quote in text]
                assert holding, (state.code, field, quote)
                details = holding[0]
                assert details.find("time", attrs={"datetime": evidence.read.isoformat()}), (state.code, field)
                assert details.select_one(f'a[href="#source-{evidence.source}"]'), (state.code, field)
                assert "open" not in details.attrs, "quotes show on demand"
                quoted += 1
        assert len(shown) == sum(1 for _, figure in state.figures() if figure.evidence), state.code
    assert quoted >= 90


def test_state_pages_list_what_changed(site: Site, book: Handbook) -> None:
    for state in book.states:
        section = soup(site.online / "states" / state.code.lower() / "index.html").select_one(
            "#what-changed + div.state-changes")
        entries = section.select("li")
        assert len(entries) == len(state.changes), state.code
        for entry, change in zip(entries, state.changes, strict=True):
            assert entry.find("time", attrs={"datetime": change.when.isoformat()}), state.code
    california = soup(site.online / "states" / "ca" / "index.html").select_one("#what-changed + div").get_text(" ")
    assert "power to arrest and the appropriate use of force" in california and "2026-12-04" in california


def test_each_state_card_shows_the_figures_of_its_page(site: Site, book: Handbook) -> None:
    """The card on each state page against the figures on the same page: what the card says of a figure (its text, or
    for one not found its detail; when or how often; its caveat) stands in the page's line for that figure."""
    labels = {"Minimum age": "Minimum age", "Before assignment": "Before work",
              "After hire (on the job or in class)": "After hire", "Refresher": "Refresher",
              "Renewal period": "Renewal"}
    for state in book.states:
        doc = soup(site.online / "states" / state.code.lower() / "index.html")
        page = {}
        for line in doc.select(".fact-figures > li, .state-facts > p"):
            text = line.get_text(" ", strip=True)
            label = text.split(":", 1)[0]
            if label in labels:
                page[labels[label]] = " ".join(text.split(":", 1)[1].split())
        front = doc.select(f'article[aria-labelledby="card-state-{state.code.lower()}"] .pocket-card__front li')
        card = [" ".join(li.get_text(" ", strip=True).split()) for li in front]
        assert card, state.code
        facts = state_facts(state)
        parts = {"Minimum age": facts.age, "Before work": facts.before_assignment, "After hire": facts.after_hire,
                 "Refresher": facts.refresher, "Renewal": facts.renewal}
        for label, shown in parts.items():
            on_card = [line for line in card if line.startswith((f"{label}:", "Training:"))
                       and (label not in ("Renewal", "Minimum age") or line.startswith(f"{label}:"))]
            if not on_card:
                assert shown.text == "Not found in our sources" and not shown.detail, (state.code, label)
                continue
            for part in (shown.text if shown.text != "Not found in our sources" else None, shown.detail,
                         shown.caveat):
                if part:
                    assert part.lower() in on_card[0].lower(), (state.code, label, part, on_card[0])
                    assert part in page[label], (state.code, label, part, page[label])


def test_chapters_show_state_notes_and_cards(site: Site, book: Handbook) -> None:
    trust = soup(site.online / "chapters" / "building-trust" / "index.html")
    notes = trust.select_one("details.state-notes")
    assert notes and "Oregon" in notes.get_text()
    lists = {}
    for chapter in {n.chapter for s in book.states for n in s.service_notes}:
        box = soup(site.online / "chapters" / chapter / "index.html").select_one("details.state-notes")
        items = box.select("li[data-state]")
        # Only this chapter's notes, each marked with its state; no list pasted into every chapter.
        wanted = [(s.code, n) for s in book.states for n in s.service_notes if n.chapter == chapter]
        assert [li["data-state"] for li in items] == [code for code, _ in wanted], chapter
        for li, (_, note) in zip(items, wanted, strict=True):
            assert (f"({note.place} city rule)" in li.get_text()) == bool(note.place), chapter
        has_dc = any(code == "DC" for code, _ in wanted)
        assert ("state and DC rules" in box.select_one("summary").get_text()) == has_dc, chapter
        lists[chapter] = box.get_text()
    assert len(set(lists.values())) == len(lists)
    for card in book.topic_cards():
        page = soup(site.online / card.page.replace(".md", "") / "index.html")
        assert page.find(id=f"card-{card.id}"), f"card {card.id} missing from its chapter"


def test_cards_page_shows_every_card_grouped(site: Site, book: Handbook) -> None:
    page = soup(site.online / "cards" / "index.html")
    for group in book.deck.groups:
        assert page.find("h2", string=group.title)
    titles = page.select(".card-grid article.pocket-card h3.pocket-card__title")
    assert {h["id"] for h in titles} == {f"card-{c.id}" for c in book.topic_cards()}


def test_onboarding_is_generated_from_data(site: Site, book: Handbook) -> None:
    drills = soup(site.online / "onboarding" / "drills" / "index.html")
    assert len(drills.select("div.drill")) == len(book.drills)
    quizzes = [soup(site.online / "onboarding" / "quiz" / quiz.step.id / "index.html") for quiz in book.quizzes()]
    headings = [page.select_one("article h1").get_text(strip=True).removesuffix("¶") for page in quizzes]
    assert headings == [f"Self-check: {quiz.step.title}" for quiz in book.quizzes()], "a quiz page's title"
    assert sorted(form["id"] for quiz in quizzes for form in quiz.select("form.self-check")) == sorted(
        f"q-{q.id}" for q in book.questions), "every question is on exactly one step's self-check page"
    overview = soup(site.online / "onboarding" / "self-checks" / "index.html")
    assert len(overview.select("[data-quiz-overview] td[data-score]")) == len(quizzes)
    path = soup(site.online / "onboarding" / "index.html")
    assert len(path.select("div.path-step input[type=checkbox]")) == len(book.path)


def test_linkchecker_finds_no_broken_links(site: Site) -> None:
    for root in (site.online, site.offline):
        result = subprocess.run(
            [str(Path(sys.executable).with_name("linkchecker")), "--no-status", "--no-warnings",
             "--ignore-url=^https?://", str(root / "index.html")],
            capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
        assert re.search(r"\b0 errors found", result.stdout), result.stdout[-2000:]


def test_no_run_of_eight_words_from_a_seed(site: Site) -> None:
    seeds = seed_runs()
    for page in html_pages(site.online):
        doc = soup(page)
        for element in doc.select("script, style, cite"):   # <cite> names a source article's title
            element.decompose()
        copied = copied_runs(doc.get_text(" "), seeds)
        assert not copied, f"{page}: {copied[:3]}"


def test_nothing_is_requested_from_outside_the_site(site: Site) -> None:
    """No page loads a script, style, font or image from elsewhere (the browser tests prove it at run time).

    Material's bundle keeps two dormant fallbacks that fetch from a CDN: a ResizeObserver polyfill for
    browsers without one, and mermaid for pages with a mermaid diagram. The handbook has no diagram.
    """
    for root in (site.online, site.offline):
        for path in root.rglob("*.html"):
            doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for tag in doc.select("script[src], link[href], img[src], iframe[src], source[src]"):
                url = tag.get("src") or tag.get("href")
                assert not re.match(r"(?:https?:)?//", url), f"{path}: loads {url}"
            assert not doc.select(".mermaid"), f"{path}: a mermaid diagram would load mermaid from a CDN"
            assert "fonts.googleapis" not in str(doc.head), path
        for path in [*root.rglob("*.js"), *root.rglob("*.css")]:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "iframe-worker/shim" not in text and "fonts.googleapis" not in text, path
        assert not list(root.rglob("*.map")), "source maps are shipped"
        assert not (root / "assets" / "javascripts" / "lunr").exists(), "unused search languages are shipped"


def test_offline_edition_is_zipped_and_linked(site: Site) -> None:
    home = soup(site.online / "index.html")
    link = home.select_one("a[href$='security-officer-handbook-offline.zip']")
    assert link
    zipped = site.online / "downloads" / "security-officer-handbook-offline.zip"
    assert zipped.stat().st_size > 100_000
    import zipfile

    names = zipfile.ZipFile(zipped).namelist()
    assert "security-officer-handbook/index.html" in names
    assert "security-officer-handbook/search/search_index.js" in names


def test_strict_build_fails_on_a_broken_link(tmp_path: Path) -> None:
    project = tmp_path / "broken"
    shutil.copytree(FIXTURES / "broken_link", project)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "missing.md" in result.stderr
    # Without the broken link the same project builds, so the failure is the link's.
    (project / "docs" / "index.md").write_text("# Fixture\n", encoding="utf-8")
    ok = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert ok.returncode == 0, ok.stderr


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda p: (p / "docs" / "states" / "index.md").open("a").write('\n{{ state_page("ZZ") }}\n'),
         "unknown state code 'ZZ'"),
        (lambda p: _replace(p / "macros" / "data" / "states" / "or.yml", "  website: https://www.oregon.gov/dpsst",
                            "  website: www oregon gov/dpsst"),
         "macros/data/states/or.yml: OR.regulator.website"),
        (lambda p: _replace(p / "macros" / "data" / "states" / "or.yml", "  kind: law-library", "  kind: government"),
         "macros/data/states/or.yml: OR: sources.0.kind (source 1): labelled government, but syfert.com is not a "
         "government host"),
        (lambda p: _replace(p / "macros" / "data" / "cards.yml", "    title: Greeting and first contact",
                            "    title: Greeting and first contact\n    extra_field: 1"),
         "macros/data/cards.yml: greeting"),
        (lambda p: _replace(p / "macros" / "data" / "cards.yml", "      - label: Say\n",
                            "      - label: Also\n        lines:\n"
                            + "          - Stand where people can see you and greet each of them.\n" * 8
                            + "      - label: Say\n"),
         "card greeting (back): overflows the"),
        (lambda p: _replace(p / "macros" / "data" / "questions.yml", "  answer: b\n", "  answer: e\n"),
         "macros/data/questions.yml: why-1: answer: 'e' is not among the choices a, b, c, d"),
    ],
    ids=["unknown-state-code", "bad-url", "government-label-on-a-law-library", "unknown-field", "overlong-card",
         "answer-not-a-choice"],
)
def test_bad_data_stops_the_real_build(tmp_path: Path, change, expected: str) -> None:
    project = copy_project(tmp_path / "project")
    change(project)
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert expected in result.stderr + result.stdout


def test_markup_in_data_reaches_the_page_as_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _replace(project / "macros" / "data" / "states" / "or.yml", "- text: The Event and Entertainment",
             "- text: <script>window.pwned=1</script> The Event and Entertainment")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "out" / "states" / "or" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.pwned" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_page_weight_and_search_index_budgets(site: Site) -> None:
    """A chapter's first view (its HTML and every script and stylesheet it loads) in both editions, and the
    search index, within their budgets (tests/bench.py prints them with `make bench`)."""
    budget = BUDGETS_KB["chapter first view (HTML+CSS+JS)"]
    for page in (site.offline / "chapters" / "first-impressions.html",
                 site.online / "chapters" / "first-impressions" / "index.html"):
        doc = soup(page)
        assets = [page] + [(page.parent / tag["src"]).resolve() for tag in doc.select("script[src]")] + \
                 [(page.parent / tag["href"]).resolve() for tag in doc.select("link[rel=stylesheet][href]")]
        total = sum(len(gzip.compress(Path(a).read_bytes())) for a in assets)
        assert total <= budget * 1024, f"{page}: the first view of a chapter is {total / 1024:.1f} KB gzip"
    index = len(gzip.compress((site.online / "search" / "search_index.json").read_bytes()))
    assert index <= BUDGETS_KB["search index"] * 1024, f"the search index is {index / 1024:.1f} KB gzip"


def test_our_scripts_are_minified_in_both_editions(site: Site) -> None:
    from tests.project import PROJECT_DIR

    source = (PROJECT_DIR / "overrides" / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    for root in (site.online, site.offline):
        built = (root / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
        assert "/*" not in built and len(built) < 0.8 * len(source), root


def test_navigation_is_pruned(site: Site) -> None:
    page = soup(site.online / "chapters" / "first-impressions" / "index.html")
    state_links = page.select("nav.md-nav--primary a[href*='states/']")
    assert len(state_links) <= 2, "every state page is repeated in a chapter's navigation"


def test_every_chapter_has_summary_examples_do_avoid_and_takeaways(site: Site) -> None:
    for slug in CHAPTERS:
        doc = soup(site.online / "chapters" / slug / "index.html")
        assert doc.select_one(".admonition.abstract"), f"{slug}: no summary"
        headings = {h.get_text(" ", strip=True).rstrip("¶").strip() for h in doc.select("article h2")}
        for section in ("Examples from the job", "Do and avoid", "Key takeaways"):
            assert section in headings, f"{slug}: no '{section}'"
        assert doc.select_one(".admonition.success li") and doc.select_one(".admonition.failure li"), slug


def test_abbreviations_have_tooltips(site: Site, book: Handbook) -> None:
    doc = soup(site.online / "states" / "or" / "index.html")
    expansions = {e.abbr: e.term for e in book.glossary if e.abbr}
    abbr = doc.find("abbr", string="DPSST")
    assert abbr is not None and abbr["title"] == expansions["DPSST"]


def test_sources_page_names_the_five_articles_and_publisher(site: Site) -> None:
    doc = soup(site.online / "sources" / "index.html")
    cited = {c.get_text(strip=True) for c in doc.select("cite")}
    listed = (FIXTURES / "source-articles.txt").read_text(encoding="utf-8").splitlines()
    titles = {line for line in listed if line and not line.startswith("#")}
    assert len(titles) == 5 and titles == cited
    assert "Examzify" in doc.get_text()


def test_model_answers_and_explanations_stay_out_of_search(site: Site, book: Handbook) -> None:
    """Search never gives the answers away: no drill's answers and no self-check explanation is indexed, while the
    drills and questions themselves still are."""
    import json

    docs = json.loads((site.online / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    indexed = " ".join(" ".join(doc["text"].split()) for doc in docs)
    hidden = [item.answer for drill in book.drills for item in drill.debrief]
    hidden += [choice.why for question in book.questions for choice in question.choices]
    found = [text for text in hidden if " ".join(text.split()) in indexed]
    assert not found, found[:5]
    assert all(" ".join(drill.situation.split()) in indexed for drill in book.drills), "drills are still found"
    assert all(" ".join(q.question.split()) in indexed for q in book.questions), "questions are still found"


def test_a_new_chapter_is_one_data_entry_and_one_markdown_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with (project / "macros" / "data" / "chapters.yml").open("a", encoding="utf-8") as stream:
        stream.write("\n- slug: night-shift\n  title: Night shift\n  about: Stay alert and helpful on a quiet night.\n"
                     "  step: first-week-trust\n")
    (project / "docs" / "chapters" / "night-shift.md").write_text(
        "# Night shift\n\nWalk the site, greet the few people you meet and log what you see.\n\n"
        "{{ chapter_cards() }}\n\n{{ state_notes() }}\n\n{{ chapter_path() }}\n", encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    out = tmp_path / "out"
    page = soup(out / "chapters" / "night-shift" / "index.html")
    assert page.select_one("article h1").get_text(strip=True).startswith("Night shift")
    assert page.select_one("nav.chapter-path a[href$='onboarding/#step-first-week-trust']"), "its way back to its step"
    chapters = soup(out / "chapters" / "index.html")
    assert "night-shift/" in {a["href"] for a in chapters.select("nav.md-nav--primary a[href]")}, "in the nav"
    assert "night-shift/" in {a["href"] for a in chapters.select("article table a[href]")}, "in the chapters' table"
    assert "chapters/night-shift/" in {a["href"] for a in soup(out / "index.html").select("article ol a[href]")}
    read = soup(out / "onboarding" / "index.html").select_one("[data-read='night-shift']")
    assert read is not None and read.find_previous("h3")["id"] == "step-first-week-trust", "the path's step reads it"
