"""The built pages a trainee and a trainer use around the record: each chapter's way back to its path step, the
path's shape handed to the browser, and the trainee results page in the navigation and the trainer's guide."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from macros.content.handbook import Handbook, load_handbook
from macros.content.trainee_record import path_fingerprint
from macros.outputs.print_files import SCORM_ZIP_NAME
from tests.conftest import Site

CHAPTERS = tuple(load_handbook().chapter_titles())   # slugs, in the book's order


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def landing(page_url: str, href: str) -> str:
    """Where a link lands, as a site path with its anchor (the online edition's directory URLs)."""
    return urljoin(page_url, href).removeprefix("https://site.test/")


def test_a_chapters_end_leads_back_to_its_path_step_and_on_to_its_drill_and_self_check(site: Site,
                                                                                         book: Handbook) -> None:
    quizzes = {quiz.step.id for quiz in book.quizzes()}
    for slug in CHAPTERS:
        steps = [(number, step) for number, step in enumerate(book.path, start=1) if slug in step.chapters]
        page_url = f"https://site.test/chapters/{slug}/"
        article = soup(site.online / "chapters" / slug / "index.html").select_one("article")
        boxes = article.select("nav.chapter-path")
        assert len(boxes) == len(steps), f"{slug}: {len(boxes)} path boxes for {len(steps)} steps"
        assert steps, f"{slug} is in no step of the path"
        for box, (number, step) in zip(boxes, steps, strict=True):
            assert box.has_attr("data-search-exclude"), f"{slug}: the path box would be searched"
            links = {landing(page_url, a["href"]) for a in box.select("a")}
            wanted = {f"onboarding/#step-{step.id}"}
            later = step.chapters[step.chapters.index(slug) + 1:]
            wanted |= {f"chapters/{other}/" for other in later}
            if step.drills:
                wanted.add(f"onboarding/drills/#drill-{step.drills[0]}")
            if step.id in quizzes:
                wanted.add(f"onboarding/quiz/{step.id}/")
            assert links == wanted, f"{slug}: the box links {sorted(links)}"
            assert f"step {number} of {len(book.path)}" in box.get_text(" ", strip=True)
        last = [child for child in article.children if getattr(child, "name", None)][-1]
        assert last is boxes[-1], f"{slug}: the path box is not at the chapter's end"


def test_the_path_my_progress_and_trainee_results_share_the_paths_shape(site: Site, book: Handbook) -> None:
    quizzes = {quiz.step.id: quiz for quiz in book.quizzes()}
    outlines = []
    for page in ("index.html", "my-progress/index.html", "trainer-results/index.html"):
        holders = soup(site.online / "onboarding" / page).select("script[data-record-outline]")
        assert len(holders) == 1, page
        outlines.append(json.loads(holders[0].string))
    outline = outlines[0]
    assert outlines[1] == outline and outlines[2] == outline
    assert outline["path"] == path_fingerprint(book.path, book.quizzes())
    assert [step["id"] for step in outline["steps"]] == [step.id for step in book.path]
    for shaped, step in zip(outline["steps"], book.path, strict=True):
        assert [c["id"] for c in shaped["chapters"]] == step.chapters
        assert [d["id"] for d in shaped["drills"]] == step.drills
        quiz = quizzes.get(step.id)
        assert shaped["questions"] == ([[q.id, q.answer] for q in quiz.questions] if quiz else [])


def test_trainee_results_is_in_the_navigation_and_the_trainers_guide(site: Site) -> None:
    guide = soup(site.online / "onboarding" / "trainers-guide" / "index.html")
    links = {landing("https://site.test/onboarding/trainers-guide/", a["href"])
             for a in guide.select("article a[href]")}
    assert "onboarding/trainer-results/" in links
    nav = soup(site.online / "onboarding" / "trainer-results" / "index.html").select("nav.md-nav--primary a[href]")
    assert any(a.get_text(strip=True) == "Trainee results" for a in nav)
    page = soup(site.online / "onboarding" / "trainer-results" / "index.html")
    assert page.select_one("[data-trainer-results] input[type=file][multiple]")
    scripts = [tag["src"] for tag in page.select("script[src]")]
    assert any(src.endswith("assets/javascripts/trainer.js") for src in scripts)
    assert not any(src.endswith("my-progress.js") for src in scripts), "a page loads another page's script"


def test_every_page_and_the_lms_launch_page_carry_the_one_storage_contract(site: Site, book: Handbook) -> None:
    wanted = book.storage.for_browser()
    pages = [site.online / "index.html", site.online / "onboarding" / "my-progress" / "index.html",
             site.offline / "chapters" / "first-aid.html"]
    for path in pages:
        doc = soup(path)
        holder = doc.select_one("script#handbook-storage[type='application/json']")
        assert holder is not None and json.loads(holder.string or "") == wanted, path
        scripts = [Path(tag["src"]).name for tag in doc.select("script[src]")]
        assert scripts.index("storage.js") < scripts.index("handbook.js"), f"{path}: storage.js must load first"
    with zipfile.ZipFile(site.online / SCORM_ZIP_NAME) as package:
        assert "assets/javascripts/storage.js" in package.namelist()
        launch = BeautifulSoup(package.read("course.html").decode("utf-8"), "html.parser")
    holder = launch.select_one("script#handbook-storage")
    assert holder is not None and json.loads(holder.string or "") == wanted
    scripts = [tag["src"] for tag in launch.select("script[src]")]
    assert scripts.index("assets/javascripts/storage.js") < scripts.index("course.js")
