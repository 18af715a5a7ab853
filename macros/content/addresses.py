"""Where every page of the site is: the docs path of each chapter, state page and self-check page. Pages, the
nav, links, search and the printed handbook ask here, so a page's address is written once."""

from __future__ import annotations

CHAPTERS_FOLDER = "chapters/"
CHAPTERS_INDEX = f"{CHAPTERS_FOLDER}index.md"
STATES_FOLDER = "states/"
STATES_INDEX = f"{STATES_FOLDER}index.md"
QUIZZES_INDEX = "onboarding/self-checks.md"   # the self-checks' overview


def chapter_page(slug: str) -> str:
    """The docs path of a chapter's page: its slug's Markdown file in the chapters' folder."""
    return f"{CHAPTERS_FOLDER}{slug}.md"


def chapter_of(src_path: str) -> str | None:
    """The slug of the chapter whose page this docs path is; None for any other page (the chapters' index too)."""
    return _name_in(CHAPTERS_FOLDER, src_path)


def state_page(code: str) -> str:
    """The docs path of a state's generated page, e.g. 'states/or.md'."""
    return f"{STATES_FOLDER}{code.lower()}.md"


def state_of(src_path: str) -> str | None:
    """The lower-case code of the state whose page this docs path is; None for any other page (the index too)."""
    return _name_in(STATES_FOLDER, src_path)


def _name_in(folder: str, src_path: str) -> str | None:
    """The name of a page directly in a folder ('or' for 'states/or.md'); None elsewhere, and for its index."""
    if not src_path.startswith(folder) or not src_path.endswith(".md"):
        return None
    name = src_path.removeprefix(folder).removesuffix(".md")
    return None if "/" in name or name == "index" else name


def quiz_page(step_id: str) -> str:
    """The docs path of a path step's generated self-check page."""
    return f"onboarding/quiz/{step_id}.md"
