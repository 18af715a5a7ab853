"""Content tests: every hard situation is taught in full, and drills and self-checks really teach."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from macros.content.handbook import Handbook
from macros.content.models import Question
from tests.project import PROJECT_DIR

# Each situation the handbook must teach: its chapter, the heading of its section, and its pocket card.
# The drill and the self-check questions are found from the data through the card.
SITUATIONS = {
    "refuses to leave": ("hard-situations", "When someone refuses to leave", "refuses-to-leave"),
    "mental-health crisis": ("hard-situations", "When someone is in a mental-health crisis", "mental-health-crisis"),
    "disabilities and service animals": ("serving-every-visitor", "Visitors with disabilities",
                                         "disability-and-service-animals"),
    "language barriers": ("serving-every-visitor", "When you do not share a language", "language-barriers"),
    "complaints and service recovery": ("hard-situations", "When someone complains about you or the site",
                                        "complaint-recovery"),
    "being filmed": ("hard-situations", "When someone films or records you", "being-filmed"),
    "incident report": ("hard-situations", "Writing an incident report", "incident-report"),
    "fire alarm and evacuation": ("emergencies-and-safety", "When the fire alarm sounds", "evacuation"),
    "lockdown and active attacker": ("emergencies-and-safety", "Lockdown or an active attacker", "lockdown"),
    "bomb threat and suspicious item": ("emergencies-and-safety", "A bomb threat or a suspicious item", "bomb-threat"),
    "severe weather": ("emergencies-and-safety", "When severe weather is coming", "severe-weather"),
    "fight or officer attacked": ("emergencies-and-safety", "A fight, or an officer under attack", "fight"),
    "collapse, CPR and the AED": ("first-aid", "Someone collapses: CPR and the AED", "cpr-and-aed"),
    "heavy bleeding": ("first-aid", "Heavy bleeding", "heavy-bleeding"),
    "a seizure": ("first-aid", "A seizure", "seizure"),
    "suspected opioid overdose": ("first-aid", "A suspected opioid overdose", "overdose"),
    "heat stroke and heat exhaustion": ("first-aid", "Heat stroke and heat exhaustion", "heat-illness"),
    "a stroke": ("first-aid", "A stroke", "stroke"),
    "severe allergic reaction": ("first-aid", "A severe allergic reaction", "allergic-reaction"),
    "diabetic emergency": ("first-aid", "A diabetic emergency", "diabetic-emergency"),
    "chest pain or heart attack": ("first-aid", "Chest pain or a heart attack", "chest-pain"),
    "after a bad incident": ("emergencies-and-safety", "After a bad incident: looking after yourself",
                             "after-an-incident"),
    "gas leak": ("emergencies-and-safety", "A smell of gas or a gas leak", "gas-leak"),
    "power cut or stuck elevator": ("emergencies-and-safety", "A power cut, or people stuck in an elevator",
                                    "power-cut-elevator"),
    "chemical spill or release": ("emergencies-and-safety", "A chemical spill or release: shelter in place",
                                  "chemical-release"),
    "suspected theft": ("everyday-hard-cases", "When you suspect shoplifting or theft", "theft-suspect"),
    "nowhere to go": ("everyday-hard-cases", "When a person has nowhere to go", "nowhere-to-go"),
    "harassment or a domestic dispute": ("everyday-hard-cases", "Harassment, stalking and domestic disputes",
                                         "harassment-or-domestic"),
    "missing vulnerable adult": ("everyday-hard-cases", "When a vulnerable adult goes missing",
                                 "missing-vulnerable-adult"),
    "protest at the entrance": ("everyday-hard-cases", "When a protest comes to your site", "protest"),
    "indecent exposure": ("everyday-hard-cases", "When someone exposes themselves", "indecent-exposure"),
    "locked out or asking to be let in": ("everyday-hard-cases", "Locked out, or asking to be let in", "let-me-in"),
    "animal bite or loose dog": ("everyday-hard-cases", "An animal bite or a loose dog", "animal-bite"),
    "parking lot break-in or crash": ("everyday-hard-cases", "A car break-in or a crash in the parking lot",
                                      "parking-lot-incident"),
    "slip or fall": ("everyday-hard-cases", "When a visitor slips or falls", "slip-or-fall"),
}
MAX_RIGHT_IS_LONGEST = 0.3   # in each chapter: "pick the longest" must not work


def headings(chapter: str) -> set[str]:
    text = (PROJECT_DIR / "docs" / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    return {m.group(1).strip() for m in re.finditer(r"^#{2,3} (.+?)\s*$", text, re.MULTILINE)}


@pytest.mark.parametrize("situation", sorted(SITUATIONS))
def test_each_situation_has_section_card_drill_and_three_questions(book: Handbook, situation: str) -> None:
    chapter, heading, card_id = SITUATIONS[situation]
    assert heading in headings(chapter), f"{situation}: no section '{heading}' in {chapter}.md"
    cards = {c.id: c for c in book.deck.cards}
    assert card_id in cards, f"{situation}: no pocket card {card_id}"
    card = cards[card_id]
    assert card.chapter == chapter
    assert card.front and any(s.label in ("Say", "Write", "Try", "Service dog (ADA)") for s in card.back), \
        f"{situation}: the card's back should say what to say or do"
    assert any(s.label in ("Avoid", "Never") for s in card.back), f"{situation}: the card's back has no Avoid"
    drills = [d for d in book.drills if d.card == card_id]
    assert drills, f"{situation}: no drill uses card {card_id}"
    assert all(d.chapter == chapter for d in drills)
    questions = [q for q in book.questions if q.card == card_id]
    assert len(questions) >= 3, f"{situation}: only {len(questions)} self-check questions"


def section(chapter: str, heading: str) -> str:
    """The text of one ## section of a chapter, up to the next ## heading."""
    text = (PROJECT_DIR / "docs" / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


# The lines the public guidance owns, pinned in the chapter section and on the card (issue: advice a trainer can
# stand behind): (chapter, heading, card, what the section must say, what a card line must say, the owner's host).
GUIDANCE = {
    "Hands-Only CPR for every bystander (AHA)": (
        "first-aid", "Someone collapses: CPR and the AED", "cpr-and-aed",
        r"asks every bystander, trained or not, to call 911 and then push hard and fast in the center of the chest",
        r"Push hard and fast, center of chest", "heart.org"),
    "a tourniquet 2-3 inches above, not on a joint, tightened, timed (Stop the Bleed)": (
        "first-aid", "Heavy bleeding", "heavy-bleeding",
        r"2 to 3 inches above the wound[\s\S]*Never put it on a joint[\s\S]*twist the rod until the bleeding stops"
        r"[\s\S]*Note the time", r"Tourniquet 2-3 inches above the wound, not on a joint", "stopthebleed"),
    "naloxone for anyone, a second dose after 2-3 minutes (FDA, CDC)": (
        "first-aid", "A suspected opioid overdose", "overdose",
        r"made for anyone to use[\s\S]*Give naloxone if it is at hand[\s\S]*2 to 3 minutes\? Give a second dose",
        r"No response in 2-3 minutes\? Give a second dose", "fda.gov"),
    "a seizure: ease down, onto one side, nothing in the mouth (CDC)": (
        "first-aid", "A seizure", "seizure",
        r"Ease them to the floor[\s\S]*Turn them gently onto one side[\s\S]*put nothing in their mouth",
        r"Turn them gently onto one side", "cdc.gov"),
    "a fire you find: pull the alarm, then 911 from a safe place": (
        "emergencies-and-safety", "When the fire alarm sounds", "evacuation",
        r"pull the nearest fire alarm on your way out[\s\S]*from a safe place, call 911",
        r"Found a fire\? Pull the alarm\. Once safe, 911", "montgomerycountymd.gov"),
    "a missing adult with dementia: 911 after 15 minutes of searching (Alzheimer's Association)": (
        "everyday-hard-cases", "When a vulnerable adult goes missing", "missing-vulnerable-adult",
        r"911 if [^.]*not found within 15 minutes", r"15 min of searching\? 911", "alz.org"),
}


@pytest.mark.parametrize("guidance", sorted(GUIDANCE))
def test_the_public_guidance_is_in_the_chapter_and_on_the_card(book: Handbook, guidance: str) -> None:
    chapter, heading, card_id, said, on_card, host = GUIDANCE[guidance]
    text = section(chapter, heading)
    assert re.search(said, text), f"{guidance}: the section '{heading}' no longer says it"
    assert host in text, f"{guidance}: the section does not cite {host}"
    card = next(c for c in book.deck.cards if c.id == card_id)
    assert any(re.search(on_card, line) for line in card.front), f"{guidance}: the card {card_id} no longer says it"


def test_spanish_phrase_cards_have_twenty_phrases_and_spanish_punctuation(book: Handbook) -> None:
    phrases = [p for card in book.phrase_cards for side in (card.front, card.back) for p in side.phrases]
    assert len(phrases) >= 20
    needed = ["wait here", "hurt", "calling for help", "bag", "leave", "where"]
    english = " ".join(p.en.lower() for p in phrases)
    for words in needed:
        assert words in english, f"no phrase for '{words}'"
    for phrase in phrases:
        assert phrase.es.count("¿") == phrase.es.count("?"), phrase.es
        assert phrase.es.count("¡") == phrase.es.count("!"), phrase.es
        assert not re.search(r"\b(tú|tu|te)\b", phrase.es.lower()), f"use the formal usted: {phrase.es}"
    assert {c.id for c in book.phrase_cards} <= {f.id for f in book.topic_cards()}, "phrase cards join the deck"


def right_is_longest(question: Question) -> bool:
    """The right choice's text is strictly longer than every other choice's."""
    lengths = {c.key: len(c.text) for c in question.choices}
    right = lengths[question.answer]
    return all(right > length for key, length in lengths.items() if key != question.answer)


def test_right_option_is_rarely_the_longest_in_any_chapter(book: Handbook) -> None:
    """"Pick the longest" must not work: in no chapter's quiz is the right choice the longest in more than 30%."""
    for chapter in {q.chapter for q in book.questions}:
        questions = [q for q in book.questions if q.chapter == chapter]
        biased = [q.id for q in questions if right_is_longest(q)]
        assert len(biased) / len(questions) <= MAX_RIGHT_IS_LONGEST, (chapter, biased)


def test_right_answers_are_spread_over_the_positions(book: Handbook) -> None:
    """For each number of choices, every position holds the right answer about as often as any other (within one),
    and no three questions in a row share the right position."""
    by_size: dict[int, Counter[str]] = {}
    for question in book.questions:
        by_size.setdefault(len(question.choices), Counter()).update(question.answer)
    for size, counts in by_size.items():
        keys = "abcdef"[:size]
        spread = [counts[key] for key in keys]
        assert max(spread) - min(spread) <= 1, (size, dict(counts))
    answers = [q.answer for q in book.questions]
    runs = [book.questions[i].id for i in range(len(answers) - 2) if len(set(answers[i:i + 3])) == 1]
    assert not runs, runs


def test_the_bias_check_catches_a_biased_question() -> None:
    biased = Question.model_validate({
        "id": "x", "chapter": "first-impressions", "question": "Q?", "answer": "a",
        "choices": [{"key": "a", "text": "A long and careful right answer", "why": "w"},
                    {"key": "b", "text": "Short", "why": "w"}]})
    assert right_is_longest(biased)


def test_answer_keys_are_spread_out(book: Handbook) -> None:
    keys = Counter(q.answer for q in book.questions)
    assert keys.most_common(1)[0][1] / len(book.questions) <= 0.4, keys


def test_every_drill_has_model_answers(book: Handbook) -> None:
    for drill in book.drills:
        assert drill.debrief, drill.id
        for item in drill.debrief:
            assert item.answer and item.answer != item.question, f"{drill.id}: {item.question}"


def test_every_chapter_has_at_least_three_questions(book: Handbook) -> None:
    counts = Counter(q.chapter for q in book.questions)
    assert all(counts[c] >= 3 for c in book.chapter_titles()), counts


def test_every_question_is_in_exactly_one_steps_self_check(book: Handbook) -> None:
    placed = [q.id for quiz in book.quizzes() for q in quiz.questions]
    assert sorted(placed) == sorted(q.id for q in book.questions)
    steps = {quiz.step.id for quiz in book.quizzes()}
    assert steps == {step.id for step in book.path if step.chapters}, "a step that reads a chapter has no self-check"


def test_a_steps_questions_are_numbered_on_through_its_chapters(book: Handbook) -> None:
    several = [quiz for quiz in book.quizzes() if len(quiz.chapters) > 1]
    assert several, "no step reads two chapters: the numbering across chapters is untried"
    for quiz in book.quizzes():
        numbered = quiz.numbered()
        assert list(numbered) == list(quiz.chapters)
        assert [q for group in numbered.values() for _, q in group] == quiz.questions
        assert [n for group in numbered.values() for n, _ in group] == list(range(1, len(quiz.questions) + 1))


def test_drills_are_numbered_in_the_paths_order(book: Handbook) -> None:
    numbers = book.drill_numbers()
    in_path = [drill_id for step in book.path for drill_id in step.drills]
    assert [numbers[drill_id] for drill_id in in_path] == list(range(1, len(in_path) + 1))
    assert sorted(numbers.values()) == list(range(1, len(book.drills) + 1))


def test_a_question_no_step_reaches_stops_the_build(tmp_path) -> None:
    import shutil

    import yaml

    from macros.content.handbook import load_handbook
    from macros.errors import DataError
    from macros.paths import DATA_DIR

    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    chapters = yaml.safe_load((data / "chapters.yml").read_text(encoding="utf-8"))
    dropped = chapters[-1]["slug"]
    del chapters[-1]["step"]   # the chapter stays in the book, but no step reads it
    (data / "chapters.yml").write_text(yaml.safe_dump(chapters, sort_keys=False), encoding="utf-8")
    question = next(q for q in load_handbook().questions if q.chapter == dropped)
    with pytest.raises(DataError, match=rf"questions.yml: {question.id}.chapter: no step of path.yml reads"):
        load_handbook(data)
