"""The LMS course's record of progress (cmi.suspend_data) is sized by the content alone, and the build refuses
content whose record could outgrow SCORM 1.2's 4,096 characters, saying what to cut, before it builds anything."""

from __future__ import annotations

import dataclasses

import pytest

from macros.cli import build_site
from macros.content.handbook import Handbook, load_handbook
from macros.errors import DataError
from macros.outputs.scorm_progress import (
    HEADER,
    LIMIT,
    PER_CHAPTER,
    PER_QUESTION,
    PER_QUIZ,
    PER_TICK,
    check_progress_fits,
    progress_layout,
)
from tests.project import CONFIG_FILE


def with_questions(book: Handbook, times: int) -> Handbook:
    """The handbook with each self-check question `times` times, under new ids."""
    questions = [q.model_copy(update={"id": f"{q.id}-{n}"}) for n in range(times) for q in book.questions]
    return dataclasses.replace(book, questions=questions)


def test_the_record_is_sized_by_the_content() -> None:
    book = load_handbook()
    layout = check_progress_fits(book)
    assert layout.questions == tuple(q.id for q in book.questions)
    assert len(layout.ticks) == len(book.path) + len(book.drills) and len(layout.quizzes) == len(book.quizzes())
    assert layout.length == (HEADER + PER_QUESTION * len(book.questions) + PER_QUIZ * len(book.quizzes())
                             + PER_TICK * len(layout.ticks) + PER_CHAPTER * len(layout.chapters))
    assert 2 * layout.length <= LIMIT, "twice today's content no longer fits"
    assert progress_layout(with_questions(book, 2)).fingerprint != layout.fingerprint
    assert len(layout.fingerprint) == 4 and layout.fingerprint.isalnum()


def test_content_that_would_overflow_the_record_stops_the_build_naming_what_to_cut() -> None:
    book = with_questions(load_handbook(), 20)
    with pytest.raises(DataError) as stopped:
        check_progress_fits(book)
    message = str(stopped.value)
    over = progress_layout(book).length - LIMIT
    assert message.startswith("macros/data/questions.yml, path.yml, drills.yml: ")
    assert f"{len(book.questions)} self-check questions take 2 each" in message
    assert "over SCORM 1.2's 4,096: " in message and f"Cut {over:,} characters" in message
    assert f"{-(-over // PER_QUESTION)} questions" in message


def test_make_site_refuses_before_building(monkeypatch: pytest.MonkeyPatch, tmp_path, capsys) -> None:
    from macros.site import builder, plugin

    monkeypatch.setattr(plugin, "load_handbook", lambda profile=None, kept=None: with_questions(load_handbook(), 20))

    def never(*args, **kwargs):
        raise AssertionError("the offline copy was built")

    monkeypatch.setattr(builder, "build_apart", never)
    assert build_site.main([str(tmp_path / "site"), str(tmp_path / "offline"), "--config-file",
                            str(CONFIG_FILE)]) == 1
    error = capsys.readouterr().err
    assert "ERROR   -  macros/data/questions.yml" in error and "Cut " in error, error[-2000:]
    assert error.rstrip().endswith("the message above says what to change."), error[-500:]
    assert not (tmp_path / "site").exists() and not (tmp_path / "offline").exists(), "nothing was built"
