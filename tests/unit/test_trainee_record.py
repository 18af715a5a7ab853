"""The path's shape for a trainee's record: every step with its chapters, drills and questions, and a fingerprint
that changes exactly when a record code could no longer be read against it."""

from __future__ import annotations

from macros.content.handbook import Handbook, load_handbook
from macros.content.onboarding import Quiz
from macros.content.trainee_record import path_fingerprint, record_outline


def _book() -> Handbook:
    return load_handbook()


def test_the_outline_lists_every_step_with_its_parts_and_right_answers() -> None:
    book = _book()
    titles = {slug: slug.upper() for step in book.path for slug in step.chapters}
    outline = record_outline(book.path, book.quizzes(), titles, {d.id: d.title for d in book.drills}, "A & B",
                             book.storage.record)
    assert outline["format"] == "security-officer-handbook/training-record" and outline["handbook"] == "A & B"
    assert [s["id"] for s in outline["steps"]] == [s.id for s in book.path]
    questions = [pair for s in outline["steps"] for pair in s["questions"]]
    assert sorted(questions) == sorted([q.id, q.answer] for q in book.questions), "every question once, with its answer"
    assert outline["steps"][0]["chapters"][0] == {"id": book.path[0].chapters[0],
                                                  "title": book.path[0].chapters[0].upper()}


def test_the_fingerprint_changes_with_the_paths_shape_only() -> None:
    book = _book()
    quizzes = book.quizzes()
    fingerprint = path_fingerprint(book.path, quizzes)
    assert len(fingerprint) == 4 and int(fingerprint, 16) >= 0
    assert path_fingerprint(list(book.path), list(quizzes)) == fingerprint, "the same path, the same fingerprint"

    renamed = [book.path[0].model_copy(update={"title": "Another title", "goal": "Another goal"}), *book.path[1:]]
    assert path_fingerprint(renamed, quizzes) == fingerprint, "words alone do not change what a code means"

    first = quizzes[0]
    fewer = [Quiz(first.step, {chapter: qs[:-1] for chapter, qs in first.chapters.items()}), *quizzes[1:]]
    assert path_fingerprint(book.path, fewer) != fingerprint, "a question removed"
    swapped = [book.path[1], book.path[0], *book.path[2:]]
    assert path_fingerprint(swapped, quizzes) != fingerprint, "steps in another order"
    drills = [book.path[0].model_copy(update={"drills": [*book.path[0].drills, "extra-drill"]}), *book.path[1:]]
    assert path_fingerprint(drills, quizzes) != fingerprint, "a drill added"
