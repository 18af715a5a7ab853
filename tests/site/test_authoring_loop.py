"""The authoring loop: derived artefacts are made only when their inputs change, never served stale."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from tests.conftest import TIMINGS, Site, copy_project, run_mkdocs_build
from tests.pdf_reading import pdf_words
from tests.project import edit_state_card
from tests.serving import fetch, serving, wait_for

OREGON_PDFS = {"deck state-or 3x5-letter", "deck state-or 3x5-a4", "deck state-or a7-letter", "deck state-or a7-a4",
               "state card state-or 3x5-single", "state card state-or a7-single"}


def build(project: Path, site_dir: Path) -> dict:
    """A strict build of a project copy with the shared cache; its timing report (with what it made)."""
    result = run_mkdocs_build(project, site_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    return report(project)


def report(project: Path) -> dict:
    """The timing report of a copy's last build."""
    return json.loads((project / TIMINGS).read_text(encoding="utf-8"))


def page_folder(source: str) -> str:
    """The folder a page's source is built into: "cards.md" -> "cards", "states/index.md" -> "states"."""
    folder = source.removesuffix(".md").removesuffix("index").rstrip("/")
    return folder or "."


def test_a_changed_card_remakes_its_pdfs_and_nothing_else(site: Site, tmp_path: Path) -> None:
    # The same sources as the site's online edition, without its downloads (whose offline copy, built first in a
    # process of its own, would make the changed PDFs before this build could): no PDF to make again, nor the
    # search entries of pages that do not link the downloads. (Conversions may be made again: they are keyed by
    # the site's whole file listing, and the downloads are in the site's, not in this build's.)
    project = copy_project(tmp_path / "project")
    first = build(project, tmp_path / "first")
    linking = {page.parent.relative_to(site.online).as_posix() for page in site.online.rglob("index.html")
               if b"downloads/" in page.read_bytes()}
    assert linking, "the site links its downloads"
    again = [name for name in first["made"] if not name.startswith("markdown ")
             and page_folder(name.removeprefix("search entries ")) not in linking]
    assert again == [], f"the same sources made {again} again"

    edit = edit_state_card(project)
    # Templates are kept compiled between builds: edited ones, ours and the theme's, must be compiled again.
    # (Ours is on the Cards page alone.)
    ours, theirs = project / "macros" / "templates" / "card_grid.html", project / "overrides" / "main.html"
    ours.write_text(ours.read_text(encoding="utf-8") + "<!-- our template, edited -->\n", encoding="utf-8")
    theirs.write_text(theirs.read_text(encoding="utf-8").replace(
        "{% block extrahead %}", "{% block extrahead %}<!-- theme template, edited -->", 1), encoding="utf-8")
    second = build(project, tmp_path / "second")
    cards_page = (tmp_path / "second" / "cards" / "index.html").read_text(encoding="utf-8")
    assert "our template, edited" in cards_page and "theme template, edited" in cards_page, "a stale template"
    made = set(second["made"])
    # Oregon's card is in Oregon's decks and alone, and in no other PDF: its six PDFs are made again, no other.
    decks = {name for name in made if name.startswith(("deck ", "state card "))}
    assert decks == OREGON_PDFS, decks
    assert not {"handbook", "sign-off US Letter", "sign-off A4"} & made, "unchanged PDFs were made again"
    indexed = {name.removeprefix("search entries ") for name in made if name.startswith("search entries ")}
    assert {"states/or.md", "cards.md"} <= indexed, "the state page with the edit, the page with the edited template"
    assert not {"glossary.md", "states/tx.md"} & indexed, "unchanged pages keep their search entries"
    assert edit in (tmp_path / "second" / "search" / "search_index.json").read_text(encoding="utf-8")
    for pdf in ("print/states/pocket-cards-or-a7-a4.pdf", "print/states/state-card-or-3x5-single.pdf"):
        assert edit in pdf_words((tmp_path / "second" / pdf).read_bytes()), pdf


def test_only_pages_whose_markdown_changed_are_converted_again(tmp_path: Path) -> None:
    """Conversions are kept between builds and serve's rebuilds; a kept one gives its warnings again."""
    project = copy_project(tmp_path / "project")

    def converted(report: dict) -> list[str]:
        return sorted(name.removeprefix("markdown ") for name in report["made"] if name.startswith("markdown "))

    def pages(site_dir: Path) -> dict[str, str]:
        return {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")}

    build(project, tmp_path / "first")
    again = build(project, tmp_path / "again")
    assert converted(again) == [], "an unchanged site reuses every conversion"
    assert pages(tmp_path / "again") == pages(tmp_path / "first")

    chapter = project / "docs" / "chapters" / "first-impressions.md"
    original = chapter.read_text(encoding="utf-8")
    code = secrets.token_hex(3)   # new on every run: no build has converted these pages before
    chapter.write_text(original + f"\nSee [part {code}](building-trust.md#no-such-part).\n", encoding="utf-8")
    for attempt in ("edited", "unchanged since"):
        result = run_mkdocs_build(project, tmp_path / attempt)
        assert result.returncode != 0 and "does not contain an anchor '#no-such-part'" in result.stderr, \
            f"strict stops the {attempt} build on the broken link"
        assert converted(report(project)) == (["chapters/first-impressions.md"] if attempt == "edited" else [])
    chapter.write_text(original + f"\nA sentence saved, code {code}.\n", encoding="utf-8")
    fixed = build(project, tmp_path / "fixed")
    assert converted(fixed) == ["chapters/first-impressions.md"]
    before, after = pages(tmp_path / "first"), pages(tmp_path / "fixed")
    assert f"A sentence saved, code {code}." in after["chapters/first-impressions/index.html"]
    assert {page for page in before if before[page] != after[page]} == {"chapters/first-impressions/index.html"}


def test_serve_shows_an_edited_chapter_and_its_pdfs_never_stale(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with serving(project) as url:
        deck_url = url + "print/states/pocket-cards-or-3x5-letter.pdf"
        assert "Carry on duty" in pdf_words(fetch(deck_url))
        worker = fetch(url + "sw.js")

        chapter = project / "docs" / "chapters" / "first-impressions.md"
        marker = f"A sentence saved while the server runs, code {secrets.token_hex(3)}."   # new: no cached PDF
        chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        wait_for(url + "chapters/first-impressions/", marker, timeout=120)
        # Made after the page is served; the request waits for it rather than getting an older one.
        assert marker in pdf_words(fetch(url + "print/handbook.pdf", timeout=120)), "the handbook PDF is stale"
        assert fetch(url + "sw.js", timeout=120) != worker, "the service worker still lists the old page"

        edit = edit_state_card(project)
        wait_for(url + "states/or/", edit, timeout=120)
        assert edit in pdf_words(fetch(deck_url, timeout=60)), "the served PDF is stale"
