"""The path as a trainee's record sees it: each step's chapters, drills and self-check questions, in path order,
and a fingerprint of that shape. The pages hand it to the browser (record.js), which builds the record a trainee
exports and reads the records a trainer loads; a record code lists the parts by position, so it is read only
against the same shape."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from macros.content.models import PathStep, RecordFormat
from macros.content.onboarding import Quiz


def path_fingerprint(steps: list[PathStep], quizzes: list[Quiz]) -> str:
    """Four hex digits that change whenever a step, chapter, drill or question is added, removed or moved."""
    questions = {quiz.step.id: [q.id for q in quiz.questions] for quiz in quizzes}
    shape = [[s.id, s.chapters, s.drills, questions.get(s.id, [])] for s in steps]
    digest = hashlib.sha256(json.dumps(shape, separators=(",", ":")).encode("utf-8")).hexdigest()
    return digest[:4]


def record_outline(steps: list[PathStep], quizzes: list[Quiz], chapter_titles: dict[str, str],
                   drill_titles: dict[str, str], handbook: str, record: RecordFormat) -> dict[str, Any]:
    """The JSON the pages give record.js: the format, the handbook's name, the fingerprint and every step with its
    chapters and drills (id and title) and its questions (id and right choice)."""
    questions = {quiz.step.id: quiz.questions for quiz in quizzes}
    return {
        "format": record.format,   # storage.yml: the record's format and version
        "version": record.version,
        "handbook": handbook,
        "path": path_fingerprint(steps, quizzes),
        "steps": [
            {
                "id": step.id,
                "title": step.title,
                "chapters": [{"id": slug, "title": chapter_titles[slug]} for slug in step.chapters],
                "drills": [{"id": drill_id, "title": drill_titles[drill_id]} for drill_id in step.drills],
                "questions": [[q.id, q.answer] for q in questions.get(step.id, [])],
            }
            for step in steps
        ],
    }
