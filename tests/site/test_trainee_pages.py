"""The built pages around the onboarding path: each chapter's way back to its path step."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from macros.content.handbook import Handbook
from macros.content.models import CHAPTERS
from tests.conftest import Site


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
        for box, (number, step) in zip(boxes, steps):
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
