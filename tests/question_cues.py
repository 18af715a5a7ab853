"""How far a test-wise trainee gets on the self-checks by reading the choices and none of the handbook.

Each strategy answers every question from cues in the choices' wording alone:

- longest: pick the longest choice;
- hedged: pick the one choice that hedges (policy, post orders, training, law, a supervisor, "if", "unless",
  "as your ... say"), or the longest when none or several do;
- no absolutes: rule out the choices with the most absolute words (always, never, only, must, at once...) and
  guess among the rest;
- least harmful: score each choice by words that sound harmful, rude or absurd (grab, chase, yell, ignore,
  wallet, wait...: HARMFUL) and guess among the ones that score least;
- shortest: pick the shortest choice (the balance rules keep the right one from being the longest);
- neither longest nor shortest: rule out both and guess among the rest (a right choice kept from both ends);
- least harmful, no absolutes: the two cues at once, as a test-wise reader would use them.

A strategy's score is its expected share of right answers: a guess among k tied choices earns 1/k when the
right one is among them. Chance is 1/(number of choices), averaged over the questions. The self-checks test
judgement only if no strategy beats chance by more than a few points (tests/unit/test_question_cues.py).

Run `.venv/bin/python -m tests.question_cues` for the figures, overall and per chapter.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from macros.content.models import Choice, Question

MARGIN = 0.10   # a strategy may beat chance by at most 10 points

HEDGES = re.compile(
    r"\b(?:polic(?:y|ies)|post orders?|orders|training|trained|laws?|legal|supervisor|plan|procedures?|"
    r"if|unless|allows?|allowed|as your [\w' ]+ says?)\b", re.IGNORECASE)

ABSOLUTES = re.compile(
    r"\b(?:always|never|all|every|everyone|everybody|everything|any|anyone|anything|only|must|immediately|"
    r"at once|right away|right now|no one|nobody|nothing|none|whole|entire|completely|totally|certainly|"
    r"definitely|guaranteed?)\b", re.IGNORECASE)

# Words that make a choice sound harmful, rude or absurd to someone who has not read the page: hands on,
# chasing, loud or rude, threats and bluffs, neglect and delay, prying, and risky or odd moves.
HARMFUL = re.compile("|".join([
    r"\bgrab\w*", r"\bhold (?:him|her|them|his|her) (?:down|still|arms?)", r"\btak\w+ (?:him|her|them) by",
    r"\bshak\w*", r"\bdrag\w*", r"\bpull\w*", r"\bcarr(?:y|ies|ied)\b", r"\blift\w*", r"\btackl\w*",
    r"\bblock\w*", r"\b(?:step|stand)\w* in front", r"\bforc\w*", r"\brestrain\w*", r"\bhandcuff\w*",
    r"\bpin (?:him|her|them)",
    r"\bchas\w*", r"\brun\w* after", r"\bgo\w* after", r"\bfollow (?:him|her|them)\b",
    r"\byell\w*", r"\bshout\w*", r"\bscream\w*", r"\bloud\w*", r"\bfirm\w*", r"\bstern\w*",
    r"\blectur\w*", r"\blucky\b", r"\bblam\w*", r"\bfault\b", r"\bmock\w*", r"\blaugh\w*", r"\bjok\w*",
    r"\binsult\w*", r"\bdrunk\b", r"\bstupid\b", r"\blazy\b", r"\bargu\w*",
    r"\bthreat\w*", r"\bpolice are (?:on the way|on their way|coming)", r"\bban(?:ned)?\b", r"\barrest\w*",
    r"\btrespass\w*", r"\bor i'll\b", r"\bwhether or not\b", r"\bbluff\w*", r"\blie\b", r"\blies\b",
    r"\blying\b", r"\bpretend\w*",
    r"\bignor\w*", r"\bleav\w* (?:it|him|her|them)\b", r"\blet (?:it|him|her|them) go\b", r"\bwait\w*",
    r"\bnothing\b", r"\bskip\w*", r"\bnot (?:my|your|our|a) (?:problem|job|business|security)",
    r"\bsuit yourself\b", r"\bwhatever\b", r"\bprobably\b", r"\bsleep it off\b", r"\bwalk it off\b",
    r"\bgo home\b", r"\boff you go\b", r"\blater\b", r"\btomorrow\b", r"\bnext (?:round|patrol|time)\b",
    r"\bkeep (?:patrolling|writing|scanning|timing)",
    r"\bwallet\b", r"\bpurse\b", r"\bsearch\w*", r"\bgo\w* through\b", r"\bempty (?:his|her|their)",
    r"\bpage\w* (?:her|his|the)", r"\bspeakers?\b", r"\bonline\b", r"\bgossip\w*",
    r"\bcandles?\b", r"\blighter\b", r"\bflame\b", r"\bpour\w*", r"\bthrow\w*", r"\bsplash\w*",
    r"\bteeth\b", r"\bsmell it\b", r"\bopen it\b", r"\blid\b", r"\bpick it up\b", r"\btrees?\b",
    r"\bhatch\b", r"\bpry\b", r"\bdrive (?:him|her|them)\b", r"\byour car\b", r"\baspirin\b",
    r"\bpainkiller\b", r"\bcold water\b",
]), re.IGNORECASE)


def hedged(choice: Choice) -> bool:
    return bool(HEDGES.search(choice.text))


def absolutes(choice: Choice) -> int:
    return len(ABSOLUTES.findall(choice.text))


def harm(choice: Choice) -> int:
    return len(HARMFUL.findall(choice.text))


def _guess(question: Question, picked: Sequence[Choice]) -> float:
    """The expected score of a guess among the picked choices."""
    return sum(c.key == question.answer for c in picked) / len(picked)


def _fewest(question: Question, cost: Callable[[Choice], int]) -> float:
    least = min(cost(c) for c in question.choices)
    return _guess(question, [c for c in question.choices if cost(c) == least])


def longest(question: Question) -> float:
    return _fewest(question, lambda c: -len(c.text))


def only_hedged(question: Question) -> float:
    hedging = [c for c in question.choices if hedged(c)]
    return _guess(question, hedging) if len(hedging) == 1 else longest(question)


def no_absolutes(question: Question) -> float:
    return _fewest(question, absolutes)


def least_harmful(question: Question) -> float:
    return _fewest(question, harm)


def shortest(question: Question) -> float:
    return _fewest(question, lambda c: len(c.text))


def middle_length(question: Question) -> float:
    """Neither the longest nor the shortest: what is left once both extremes are ruled out."""
    lengths = [len(c.text) for c in question.choices]
    middle = [c for c in question.choices if min(lengths) < len(c.text) < max(lengths)]
    return _guess(question, middle or question.choices)


def harmless_then_no_absolutes(question: Question) -> float:
    """The least harmful-sounding choices, then among them the ones with the fewest absolute words."""
    fewest_harm = min(map(harm, question.choices))
    mild = [c for c in question.choices if harm(c) == fewest_harm]
    fewest_absolutes = min(map(absolutes, mild))
    return _guess(question, [c for c in mild if absolutes(c) == fewest_absolutes])


# Each strategy by name, with a short name for the per-chapter table.
STRATEGIES: dict[str, tuple[str, Callable[[Question], float]]] = {
    "longest": ("longest", longest),
    "only hedged (else longest)": ("hedged", only_hedged),
    "no absolute words": ("no abs", no_absolutes),
    "least harmful-sounding": ("harmless", least_harmful),
    "shortest": ("shortest", shortest),
    "neither longest nor shortest": ("middle", middle_length),
    "least harmful, no absolutes": ("h+no abs", harmless_then_no_absolutes),
}


def chance(question: Question) -> float:
    return 1 / len(question.choices)


@dataclass(frozen=True)
class Score:
    strategy: str
    score: float    # expected share right, 0 to 1
    chance: float   # the share a blind guess gets on the same questions

    @property
    def over_chance(self) -> float:
        return self.score - self.chance


def scores(questions: Sequence[Question]) -> list[Score]:
    """Each strategy's expected share of right answers on these questions, with chance beside it."""
    blind = sum(map(chance, questions)) / len(questions)
    return [Score(name, sum(map(strategy, questions)) / len(questions), blind)
            for name, (_, strategy) in STRATEGIES.items()]


@dataclass(frozen=True)
class HedgeShare:
    questions: int   # questions in which exactly one choice hedges
    right: int       # ... and that choice is the right one
    share: float     # how many it would be right in by its share alone (sum of 1/number of choices)


def hedge_share(questions: Sequence[Question]) -> HedgeShare:
    """How often the one hedged choice is the right one, against its share."""
    lone = [(q, next(c for c in q.choices if hedged(c))) for q in questions if sum(map(hedged, q.choices)) == 1]
    return HedgeShare(len(lone), sum(c.key == q.answer for q, c in lone), sum(chance(q) for q, _ in lone))


def report(questions: Sequence[Question]) -> str:
    lines = [f"{len(questions)} questions", "", f"{'strategy':30} {'score':>6} {'chance':>7} {'over':>6}"]
    for s in scores(questions):
        lines.append(f"{s.strategy:30} {s.score:6.1%} {s.chance:7.1%} {s.over_chance * 100:+6.1f}")
    h = hedge_share(questions)
    lines += ["", f"one hedged choice in {h.questions} questions: right in {h.right} (its share: {h.share:.1f})", ""]
    chapters = dict.fromkeys(q.chapter for q in questions)
    lines.append(f"{'chapter':34} {'n':>3} " + " ".join(f"{short:>8}" for short, _ in STRATEGIES.values())
                 + "   chance")
    for chapter in chapters:
        theirs = [q for q in questions if q.chapter == chapter]
        figures = scores(theirs)
        lines.append(f"{chapter:34} {len(theirs):3} " + " ".join(f"{s.score:8.0%}" for s in figures)
                     + f" {figures[0].chance:8.0%}")
    return "\n".join(lines)


def main() -> int:
    from macros.content.handbook import load_handbook

    print(report(load_handbook().questions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
