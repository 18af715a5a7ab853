"""The self-checks test judgement: a trainee who answers by cues in the wording alone does no better than chance."""

from __future__ import annotations

import pytest

from macros.content.models import Question
from tests.question_cues import (
    MARGIN,
    STRATEGIES,
    absolutes,
    harm,
    hedge_share,
    hedged,
    least_harmful,
    longest,
    middle_length,
    no_absolutes,
    only_hedged,
    scores,
)


def question(answer: str, *texts: str) -> Question:
    return Question.model_validate({
        "id": "x", "chapter": "first-impressions", "question": "Q?", "answer": answer,
        "choices": [{"key": "abcdef"[i], "text": text, "why": "w"} for i, text in enumerate(texts)]})


def test_each_cue_is_read_from_the_choice() -> None:
    q = question("a", "Call your supervisor, as your post orders say.", "Grab his arm and yell.",
                 "Always wait, and never act.", "Greet him.")
    assert [hedged(c) for c in q.choices] == [True, False, False, False]
    assert [absolutes(c) for c in q.choices] == [0, 0, 2, 0]
    assert harm(q.choices[1]) == 2 and harm(q.choices[2]) == 1 and harm(q.choices[3]) == 0


def test_each_strategy_picks_by_its_cue_and_splits_ties() -> None:
    assert longest(question("b", "Short.", "The longest choice of all.", "Mid length.")) == 1
    assert longest(question("a", "Same.", "Same.", "Other text.")) == 0
    assert only_hedged(question("c", "Do it now.", "A much longer choice with no hedge.",
                                "Only if policy allows.")) == 1
    # no lone hedge: the longest instead
    assert only_hedged(question("b", "If so.", "Unless it is a much longer one.", "No.")) == 1
    assert no_absolutes(question("c", "Always do it.", "Never do it.", "Do it.")) == 1
    assert no_absolutes(question("a", "Do it.", "Do this.", "Never.", "Always.")) == 0.5
    assert least_harmful(question("d", "Grab him.", "Yell at him.", "Ignore him.", "Greet him.")) == 1
    assert least_harmful(question("a", "Greet him.", "Help him.", "Chase him.")) == 0.5


def test_a_quiz_a_cue_can_answer_fails_the_bar() -> None:
    """The bar catches cued questions: here the right choice is the longest, the lone hedged and the mildest one."""
    cued = [question(key, *[("Ask your supervisor, as your post orders and training say, and help them."
                             if k == key else "Always grab him and yell.") for k in "abcd"]) for key in "abcd"]
    figures = {s.strategy: s.score for s in scores(cued)}
    assert figures == {"longest": 1, "only hedged (else longest)": 1, "no absolute words": 1,
                       "least harmful-sounding": 1, "shortest": 0, "neither longest nor shortest": 0.25,
                       "least harmful, no absolutes": 1}
    assert all(s.chance == 0.25 and (s.over_chance > MARGIN) == (s.score == 1) for s in scores(cued))
    shared = hedge_share(cued)
    assert (shared.questions, shared.right, shared.share) == (4, 4, 1.0)


def test_a_right_choice_kept_from_both_ends_is_found() -> None:
    assert middle_length(question("b", "Short.", "Mid length.", "The longest choice of all.")) == 1
    assert middle_length(question("a", "Same.", "Same.", "Same.")) == 1 / 3


@pytest.mark.parametrize("strategy", list(STRATEGIES))
def test_no_cue_beats_chance_by_more_than_the_margin(book, strategy: str) -> None:
    score = next(s for s in scores(book.questions) if s.strategy == strategy)
    assert score.over_chance <= MARGIN, (
        f"answering by '{strategy}' alone scores {score.score:.1%}, chance is {score.chance:.1%}: "
        "run `python -m tests.question_cues` and rewrite the choices it finds")


def test_the_one_hedged_choice_is_right_no_more_often_than_its_share(book) -> None:
    shared = hedge_share(book.questions)
    assert shared.right <= shared.share, (
        f"where only one choice mentions policy, orders, training, law or a supervisor it is right in "
        f"{shared.right} of {shared.questions} questions; its share is {shared.share:.1f}")
