"""How a state figure reads, with its caveat: one place for page, table and card."""

from __future__ import annotations

from dataclasses import dataclass

from macros.content.models import Evidence, Figure, State

UNCONFIRMED = "unconfirmed"
NOT_FOUND = "Not found in our sources"
DISPUTED = "sources disagree"


@dataclass(frozen=True)
class Shown:
    """A figure as every view shows it."""

    text: str                   # "8 h", "every 2 years", "None required statewide", "Not found in our sources"
    caveat: str | None          # UNCONFIRMED, DISPUTED or None
    detail: str | None          # when or how often, from the data
    sources: tuple[int, ...]
    known: bool                 # a figure was stated or disputed (not "none" or "not found")
    evidence: tuple[Evidence, ...] = ()   # the words of the sources that state it

    def words(self, details: tuple[str, ...] | None = None) -> str:
        """The figure as one line of plain words, with when or how often and its caveat, as the card prints it (the
        page and the table show the same parts around their markup). A figure not found, with a detail, is its
        detail alone: the detail says what is known ("required; hours not confirmed")."""
        details = (self.detail,) if details is None and self.detail else details or ()
        said = "; ".join(details)
        if said and self.text == NOT_FOUND:
            text = said
        else:
            text = f"{self.text}, {said}" if said else self.text
        return f"{text} ({self.caveat})" if self.caveat else text


def caveat(state: State, figure: Figure) -> str | None:
    """The caveat every view prints beside a figure. A figure, or a "none required", is confirmed only by the quoted
    words of the law or the regulator: one inferred from silence, or from secondary pages, is unconfirmed."""
    if figure.status == "disputed":
        return DISPUTED
    if figure.status in ("stated", "none-required") and not state.quotes_the_law(figure):
        return UNCONFIRMED
    return None


def _number(value: float) -> str:
    return f"{value:g}"


def _hours(figure: Figure) -> str:
    if figure.value is None:
        return figure.words or ""
    if figure.up_to is not None:
        return f"{_number(figure.value)} to {_number(figure.up_to)} h"
    return f"{_number(figure.value)} h"


def _years(value: float) -> str:
    return "every year" if value == 1 else f"every {_number(value)} years"


def _age(figure: Figure) -> str:
    return figure.words or _number(figure.value or 0)


def _or(values: list[float], unit: str) -> str:
    numbers = [_number(v) for v in values]
    return f"{', '.join(numbers[:-1])} or {numbers[-1]} {unit}"


def show(state: State, figure: Figure, unit: str) -> Shown:
    """A figure in words: unit is 'hours', 'years' (a renewal term) or 'age'."""
    if figure.status == "stated":
        text = {"hours": _hours, "age": _age}.get(unit, lambda f: _years(f.value or 0))(figure)
    elif figure.status == "disputed":
        text = _or(figure.values, "years" if unit == "years" else ("h" if unit == "hours" else ""))
        text = text.rstrip()
    elif figure.status == "none-required":
        text = "None required statewide" if unit != "hours" or not state.credential.statewide else "None required"
    else:
        text = NOT_FOUND
    return Shown(
        text=text,
        caveat=caveat(state, figure),
        detail=figure.detail,
        sources=tuple(figure.sources),
        known=figure.status in ("stated", "disputed"),
        evidence=tuple(figure.evidence),
    )


@dataclass(frozen=True)
class StateFacts:
    """The headline figures of one state, ready for any view."""

    age: Shown
    before_assignment: Shown
    after_hire: Shown
    refresher: Shown
    renewal: Shown

    def caveats(self) -> list[tuple[str, Shown]]:
        """(label, figure) for every headline figure that carries a caveat."""
        return [(label, shown) for label, shown in self.labelled() if shown.caveat]

    def labelled(self) -> list[tuple[str, Shown]]:
        """(label, figure) for every headline figure, in reading order."""
        return [
            ("Minimum age", self.age),
            ("Training before assignment", self.before_assignment),
            ("Training after hire", self.after_hire),
            ("Refresher training", self.refresher),
            ("Renewal", self.renewal),
        ]


def state_facts(state: State) -> StateFacts:
    """Every headline figure of a state, shown with its caveat."""
    return StateFacts(
        age=show(state, state.min_age.age, "age"),
        before_assignment=show(state, state.training.before_assignment, "hours"),
        after_hire=show(state, state.training.after_hire, "hours"),
        refresher=show(state, state.training.refresher, "hours"),
        renewal=show(state, state.renewal.period, "years"),
    )
