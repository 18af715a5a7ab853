"""The onboarding data: the learning path, scenario drills and self-check questions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.content.addresses import quiz_page
from macros.content.loader import load_list, read_yaml, require_unique
from macros.content.models import CHAPTERS_FILE, Chapter, Drill, PathStep, Question
from macros.errors import DataError, display_path


def load_drills(path: Path) -> list[Drill]:
    """Scenario drills in file order, with unique ids."""
    drills = load_list(path, Drill)
    require_unique([d.id for d in drills], path, "drill id")
    return drills


def load_questions(path: Path) -> list[Question]:
    """Self-check questions in file order, with unique ids."""
    questions = load_list(path, Question)
    require_unique([q.id for q in questions], path, "question id")
    return questions


def load_chapters(path: Path) -> list[Chapter]:
    """The chapters in the book's order, with unique slugs."""
    chapters = load_list(path, Chapter)
    require_unique([c.slug for c in chapters], path, "chapter slug")
    return chapters


def load_path(path: Path, chapters: list[Chapter]) -> list[PathStep]:
    """The onboarding steps in order, with unique ids, each with the chapters that name it (chapters.yml)."""
    for i, raw in enumerate(read_yaml(path) or []):
        if isinstance(raw, dict) and "chapters" in raw:
            raise DataError(f"{display_path(path)}: {raw.get('id') or f'entry {i + 1}'}.chapters: a step's chapters "
                            f"are listed in {CHAPTERS_FILE}: give each chapter its step there (step: ...)")
    steps = load_list(path, PathStep)
    require_unique([s.id for s in steps], path, "step id")
    known = {s.id for s in steps}
    for chapter in chapters:
        if chapter.step is not None and chapter.step not in known:
            raise DataError(f"{display_path(path.parent / CHAPTERS_FILE)}: {chapter.slug}.step: unknown path step "
                            f"{chapter.step!r}; path.yml has {', '.join(s.id for s in steps)}")
    return [step.model_copy(update={"chapters": [c.slug for c in chapters if c.step == step.id]}) for step in steps]


def stages(steps: list[PathStep]) -> list[tuple[str, list[PathStep]]]:
    """Steps grouped by stage, keeping the order in which stages first appear."""
    grouped: dict[str, list[PathStep]] = {}
    for step in steps:
        grouped.setdefault(step.stage, []).append(step)
    return list(grouped.items())


def duration(minutes: int) -> str:
    """A step's length in words, e.g. 'about 1 hour 15 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours > 1 else ''}")
    if rest:
        parts.append(f"{rest} minutes")
    return "about " + " ".join(parts)


@dataclass(frozen=True)
class DrillPlace:
    """Where a drill sits in the path: its step, and what comes next in that step."""

    step: PathStep
    next_drill: str | None      # the step's next drill, if any
    quiz_next: bool             # else the step's self-check, if it has one


def drill_places(steps: list[PathStep], with_quiz: set[str]) -> dict[str, DrillPlace]:
    """Drill id -> its place in the path (with_quiz: the ids of the steps that have a self-check)."""
    places = {}
    for step in steps:
        for i, drill_id in enumerate(step.drills):
            following = step.drills[i + 1] if i + 1 < len(step.drills) else None
            places[drill_id] = DrillPlace(step, following, step.id in with_quiz and following is None)
    return places


@dataclass(frozen=True)
class Quiz:
    """One path step's self-check: the questions of the chapters the step is the first to read, by chapter."""

    step: PathStep
    chapters: dict[str, list[Question]]   # chapter slug -> its questions, in chapter order

    @property
    def questions(self) -> list[Question]:
        """Every question of the quiz, in the order the page shows them."""
        return [q for group in self.chapters.values() for q in group]

    def numbered(self) -> dict[str, list[tuple[int, Question]]]:
        """Chapter slug -> (number, question): numbered from 1 on through the step's chapters, as its page
        numbers them, so a printed sheet and the page agree."""
        numbers = iter(range(1, len(self.questions) + 1))
        return {chapter: [(next(numbers), q) for q in group] for chapter, group in self.chapters.items()}


def questions_per_step(quizzes: list[Quiz]) -> dict[str, int]:
    """Step id -> how many self-check questions it has (steps without a self-check left out): the sign-off sheet's
    room for each first-try score."""
    return {quiz.step.id: len(quiz.questions) for quiz in quizzes}


def quiz_page_path(step: PathStep) -> str:
    """The docs-relative path of a step's self-check page (the build adds one for each step with questions)."""
    return quiz_page(step.id)


def chapter_steps(steps: list[PathStep]) -> dict[str, PathStep]:
    """Chapter slug -> the first step that reads it: the step a chapter's self-check belongs to."""
    owners: dict[str, PathStep] = {}
    for step in steps:
        for chapter in step.chapters:
            owners.setdefault(chapter, step)
    return owners
