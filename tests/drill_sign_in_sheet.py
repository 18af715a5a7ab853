"""Reading a printed drill session sign-in sheet back from its PDF page: the fields, the drills and the ruled rows."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pdfplumber

from macros.content.handbook import Handbook

MIN_ROW_IN = 0.28   # room for a signature
MIN_ROWS = 10
HEADER = ["No.", "Trainee name (print)", "Signature", "Drills played as the officer", "Time in", "Time out"]
FIELDS = ("Session date:", "Start time:", "End time:", "Site:", "Room or post:", "Trainer:", "Drills run",
          "Other exercise:", "Notes", "Trainer signature:", "Date:")


def _clean(text: str | None) -> str:
    """One line of text, with words hyphenated across a line break joined again."""
    return re.sub(r"(?<=\w)-\s+(?=\w)", "-", " ".join((text or "").split()))


def sign_in_problems(page: pdfplumber.page.Page, book: Handbook) -> list[str]:
    """What is wrong with a printed sign-in sheet: missing fields or drills, drills out of their steps or not
    numbered as on the drills handout, too few rows to sign in or rows too low, no ruled lines for notes."""
    text = _clean(page.extract_text())
    problems = [f"no {field!r}" for field in FIELDS if field not in text]
    numbers = book.drill_numbers()
    titles = {drill.id: drill.title for drill in book.drills}
    at = 0
    for i, step in enumerate(book.path, start=1):
        if not step.drills:
            continue
        label = f"{i}. {step.title}:"
        found = text.find(label, at)
        if found < 0:
            problems.append(f"{step.id}: no {label!r} after the steps before it")
            continue
        at = found + len(label)
        for drill_id in step.drills:
            wanted = f"{numbers[drill_id]}. {titles[drill_id]}"
            found = text.find(wanted, at)
            if found < 0:
                problems.append(f"{step.id}: {wanted!r} is not under its step, in order")
            else:
                at = found + len(wanted)
    # Found from the ruling (an unruled table is not found at all); the tick boxes make tables of their own.
    tables = [table for table in page.find_tables() if len(table.rows) > 1]
    if not tables:
        return problems + ["no ruled table"]
    table = max(tables, key=lambda table: len(table.rows))
    rows = [(row.bbox[3] - row.bbox[1], [_clean(c) for c in cells])
            for row, cells in zip(table.rows, table.extract(), strict=True)]
    if rows[0][1] != HEADER:
        problems.append(f"header {rows[0][1]}")
    body = rows[1:]
    if len(body) < MIN_ROWS:
        problems.append(f"{len(body)} rows to sign in; {MIN_ROWS} wanted")
    for number, (height, cells) in enumerate(body, start=1):
        if cells[0] != str(number) or any(cells[1:]):
            problems.append(f"row {number} reads {cells}")
        if height / 72 < MIN_ROW_IN:
            problems.append(f"row {number} is {height / 72:.2f} in tall")
    notes = page.search("Notes")
    below = [line for line in page.lines + page.edges if notes and line["top"] > notes[-1]["bottom"]
             and line["x1"] - line["x0"] > page.width / 2 and abs(line["top"] - line["bottom"]) < 1]
    if len(_clustered(line["top"] for line in below)) < 3:
        problems.append("fewer than three ruled lines for notes")
    return problems


def _clustered(values: Iterable[float], gap: float = 3) -> list[float]:
    """Positions closer than `gap` points taken as one: a ruled line may be drawn as a thin box, two edges."""
    groups: list[float] = []
    for value in sorted(values):
        if not groups or value - groups[-1] > gap:
            groups.append(value)
    return groups
