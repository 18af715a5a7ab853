"""What the LMS course keeps of a trainee's progress in cmi.suspend_data, which SCORM 1.2 caps at 4,096 characters.

The record is position-coded (suspend-data.js writes and reads it): a fixed number of characters for each self-check
question, self-check, tick and chapter, in the order this layout gives, so its length depends on the content alone,
never on what the trainee did. The build checks that the layout fits before anything is built."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from macros.content.handbook import Handbook
from macros.errors import DataError

LIMIT = 4096   # SCORM 1.2: cmi.suspend_data is a CMIString4096
FORMAT = "1"   # the record's first character; a new layout of the record gets a new one

# Characters each part takes (suspend-data.js must agree; a browser test holds both to these figures).
HEADER = len(FORMAT) + 4 + 3   # the format, the layout's fingerprint, the count of interactions written
PER_QUESTION = 2               # the first checked choice, and this attempt's
PER_QUIZ = 2                   # the attempt under way at a step's self-check, base 36, up to 1,295
PER_TICK = 3                   # the day a step or drill was ticked, base 36 days since 2000-01-01
PER_CHAPTER = 3                # the day a chapter was read to its end, the same way


@dataclass(frozen=True)
class ProgressLayout:
    """The order of everything the record holds: the course's data tells suspend-data.js what each position is."""

    questions: tuple[str, ...]   # question ids
    quizzes: tuple[str, ...]     # path step ids with a self-check
    ticks: tuple[str, ...]       # the pages' progress keys: "step:<id>", "drill:<id>"
    chapters: tuple[str, ...]    # chapter slugs

    @property
    def fingerprint(self) -> str:
        """Four base-36 characters that change when the layout does: a record of another layout is not read."""
        text = json.dumps([self.questions, self.quizzes, self.ticks, self.chapters])
        number = int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 36 ** 4
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"
        return "".join(digits[number // 36 ** power % 36] for power in (3, 2, 1, 0))

    @property
    def length(self) -> int:
        """The record's length, whatever the trainee did: its worst case too."""
        return (HEADER + PER_QUESTION * len(self.questions) + PER_QUIZ * len(self.quizzes)
                + PER_TICK * len(self.ticks) + PER_CHAPTER * len(self.chapters))

    def as_data(self) -> dict[str, object]:
        """What the launch page's data carries of the layout."""
        return {"format": FORMAT, "fingerprint": self.fingerprint, "questions": list(self.questions),
                "quizzes": list(self.quizzes), "ticks": list(self.ticks), "chapters": list(self.chapters)}


def progress_layout(book: Handbook) -> ProgressLayout:
    """The record's layout for this edition's content, in the order of the data files."""
    return ProgressLayout(
        questions=tuple(q.id for q in book.questions),
        quizzes=tuple(quiz.step.id for quiz in book.quizzes()),
        ticks=tuple([f"step:{step.id}" for step in book.path] + [f"drill:{drill.id}" for drill in book.drills]),
        chapters=tuple(book.chapter_titles()),
    )


def check_progress_fits(book: Handbook) -> ProgressLayout:
    """The layout, or a DataError saying what to cut when the record could outgrow SCORM 1.2's 4,096 characters."""
    layout = progress_layout(book)
    over = layout.length - LIMIT
    if over > 0:
        raise DataError(
            "macros/data/questions.yml, path.yml, drills.yml: the LMS course keeps each trainee's progress in "
            f"cmi.suspend_data, which would need {layout.length:,} characters, over SCORM 1.2's {LIMIT:,}: "
            f"{len(layout.questions)} self-check questions take {PER_QUESTION} each, {len(layout.ticks)} path steps "
            f"and drills {PER_TICK} each, {len(layout.quizzes)} self-checks {PER_QUIZ} each, {len(layout.chapters)} "
            f"chapters {PER_CHAPTER} each, and {HEADER} more. Cut {over:,} characters: for example "
            f"{-(-over // PER_QUESTION)} questions or {-(-over // PER_TICK)} drills.")
    return layout
