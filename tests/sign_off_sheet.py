"""Reading a printed sign-off sheet back from its PDF page: the ruled table, row by row."""

from __future__ import annotations

import re

import pdfplumber

from macros.content.handbook import Handbook
from macros.content.onboarding import questions_per_step

MIN_ROW_IN = 0.35
FIELDS = ("Trainee:", "Site:", "Trainer:", "Start date:", "Needs retraining", "Trainee signature:",
          "Trainer signature:", "Date:")


def _clean(text: str | None) -> str:
    """One line of text, with words hyphenated across a line break joined again."""
    return re.sub(r"-\s+", "-", " ".join((text or "").split()))


def sign_off_problems(page: pdfplumber.page.Page, book: Handbook) -> list[str]:
    """What is wrong with a printed sign-off sheet: missing steps, criteria, drills, first-try scores or fields, cells
    too low."""
    tables = page.find_tables()   # found from the ruling: an unruled table is not found at all
    if not tables:
        return ["no ruled table"]
    table = tables[0]
    rows = [(row.bbox[3] - row.bbox[1], [_clean(c) for c in cells])
            for row, cells in zip(table.rows, table.extract(), strict=True)]
    problems = []
    header, body = rows[0][1], rows[1:]
    if header[2:] != ["Date", "Trainer initials", "Needs retraining"]:
        problems.append(f"header {header}")
    if len(body) != len(book.path):
        return problems + [f"{len(body)} rows for {len(book.path)} steps"]
    drills = {d.id: d for d in book.drills}
    questions = questions_per_step(book.quizzes())
    for i, (step, (height, cells)) in enumerate(zip(book.path, body, strict=True), start=1):
        if height / 72 < MIN_ROW_IN:
            problems.append(f"{step.id}: row {height / 72:.2f} in tall")
        if not cells[0].startswith(f"{i}. {step.title}"):
            problems.append(f"{step.id}: step cell reads {cells[0]!r}")
        if step.id in questions and not cells[0].endswith(f"First-try score: of {questions[step.id]}"):
            problems.append(f"{step.id}: no room for the first-try score of {questions[step.id]} in {cells[0]!r}")
        for wanted in [step.pass_criteria] + [drills[d].title for d in step.drills]:
            if wanted not in cells[1]:
                problems.append(f"{step.id}: {wanted!r} is not in its row")
        if any(cells[2:]):
            problems.append(f"{step.id}: the cells to write in are not blank")
    text = _clean(page.extract_text())
    problems += [f"no {field!r}" for field in FIELDS if field not in text]
    return problems
