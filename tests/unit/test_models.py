"""Bad data stops the build with the file, the entry and the field named."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from macros.content.cards import CardFace, CardSide
from macros.content.handbook import Handbook
from macros.content.loader import load_list, load_one
from macros.content.models import Drill, PathStep, Question, State
from macros.content.states import load_states
from macros.errors import DataError
from macros.outputs import card_fit, card_layout
from macros.paths import DATA_DIR
from tests.project import project_cache
from tests.state_page import render_state_page

OREGON = yaml.safe_load((DATA_DIR / "states" / "or.yml").read_text(encoding="utf-8"))


def write(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def oregon(**changes: object) -> dict:
    data = copy.deepcopy(OREGON)
    data.update(changes)
    return data


def load_error(path: Path, model: type) -> str:
    with pytest.raises(DataError) as error:
        load_one(path, model)
    return str(error.value)


def test_missing_required_field_names_file_state_and_field(tmp_path: Path) -> None:
    data = oregon()
    del data["renewal"]
    message = load_error(write(tmp_path / "or.yml", data), State)
    assert "or.yml: OR.renewal: Field required" in message


def test_source_that_is_not_a_url(tmp_path: Path) -> None:
    data = oregon()
    data["sources"][0]["url"] = "see the statute book"
    message = load_error(write(tmp_path / "or.yml", data), State)
    assert "or.yml: OR.sources.0.url:" in message and "URL" in message


def test_regulator_website_that_is_not_a_url(tmp_path: Path) -> None:
    data = oregon()
    data["regulator"]["website"] = "oregon.gov dpsst"
    assert "OR.regulator.website:" in load_error(write(tmp_path / "or.yml", data), State)


def test_citation_of_a_source_that_is_not_listed(tmp_path: Path) -> None:
    data = oregon()
    data["renewal"]["sources"] = [99]
    message = load_error(write(tmp_path / "or.yml", data), State)
    assert "OR: renewal.sources: cites source 99" in message


def test_fact_without_a_source(tmp_path: Path) -> None:
    data = oregon()
    data["notable"][0]["sources"] = []
    assert "OR.notable.0.sources:" in load_error(write(tmp_path / "or.yml", data), State)


def test_duplicate_state(tmp_path: Path) -> None:
    """One file per state named by its code makes a second copy of a state show up under another code."""
    write(tmp_path / "or.yml", oregon())
    write(tmp_path / "oe.yml", oregon(code="OE"))
    with pytest.raises(DataError, match=r"or.yml: OR.name: duplicate state 'Oregon' \(also in oe.yml\)"):
        load_states(tmp_path)


def test_state_file_named_for_another_state(tmp_path: Path) -> None:
    write(tmp_path / "wa.yml", oregon())
    with pytest.raises(DataError, match=r"wa.yml: OR.code: does not match the file name"):
        load_states(tmp_path)


def test_unknown_state_code(book: Handbook) -> None:
    with pytest.raises(DataError, match="unknown state code 'ZZ'"):
        book.state("ZZ")


def test_question_whose_answer_is_not_a_choice(tmp_path: Path) -> None:
    question = {
        "id": "bad-1", "chapter": "first-impressions", "question": "Which?", "answer": "d",
        "choices": [{"key": k, "text": k, "why": k} for k in "abc"],
    }
    with pytest.raises(DataError) as error:
        load_list(write(tmp_path / "questions.yml", [question]), Question)
    assert "questions.yml: bad-1: answer: 'd' is not among the choices a, b, c" in str(error.value)


def test_malformed_drill_names_its_id(tmp_path: Path) -> None:
    drill = {"id": "broken-drill", "title": "T", "setting": "S", "chapter": "first-impressions",
             "card": "greeting", "good_service": ["a", "b"], "avoid": ["c"], "protocol": ["d"],
             "debrief": [{"question": "e", "answer": "f"}]}
    with pytest.raises(DataError) as error:
        load_list(write(tmp_path / "drills.yml", [drill]), Drill)
    assert "drills.yml: broken-drill.situation: Field required" in str(error.value)


def test_unknown_chapter_is_refused(tmp_path: Path) -> None:
    drill = {"id": "d", "title": "T", "setting": "S", "chapter": "no-such-chapter", "card": "greeting",
             "situation": "x", "good_service": ["a", "b"], "avoid": ["c"], "protocol": ["d"],
             "debrief": [{"question": "e", "answer": "f"}]}
    with pytest.raises(DataError, match="d.chapter: unknown chapter 'no-such-chapter'"):
        load_list(write(tmp_path / "drills.yml", [drill]), Drill)


def test_markup_in_a_state_name_stops_the_build(tmp_path: Path) -> None:
    data = oregon(name='Oregon <script>alert("x")</script>')
    assert "or.yml: OR.name: String should match pattern" in load_error(write(tmp_path / "or.yml", data), State)


def test_markup_in_data_is_rendered_as_text(book: Handbook) -> None:
    data = oregon()
    data["notable"][0]["text"] = '<img src=x onerror="alert(1)">'
    data["training"]["service_topics"][0]["text"] = '<script>alert("x")</script>'
    data["training"]["before_assignment"]["evidence"][0]["confirms_by"] = '<b onclick="alert(2)">bold</b>'
    state = State.model_validate(data)
    html = render_state_page(book, state)   # the page as MkDocs writes it
    assert "<script>" not in html and "<img src=x" not in html and "<b onclick" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html and "&lt;b onclick" in html


def test_overlong_card_names_card_side_and_overflow() -> None:
    face = CardFace(
        id="too-long", title="A card with far too much to say", kicker="Test",
        front=("Short line.",), back=tuple(CardSide(f"Part {i}", ("A long line of advice that wraps " * 2,) * 8)
                                            for i in range(3)),
        page="chapters/first-impressions.md", footer="Footer",
    )
    overflow = r"card too-long \(back\): overflows the 3 × 5 in card by \d+\.\d mm"
    with pytest.raises(card_fit.CardOverflow, match=overflow):
        card_fit.check_fit(project_cache(), [face], card_layout.CARD_SIZES["3x5"])


def test_a_debrief_question_without_a_model_answer_names_the_field(tmp_path: Path) -> None:
    drill = {"id": "no-answer", "title": "T", "setting": "S", "chapter": "first-impressions", "card": "greeting",
             "situation": "x", "good_service": ["a", "b"], "avoid": ["c"], "protocol": ["d"],
             "debrief": [{"question": "What would you say?"}]}
    with pytest.raises(DataError, match=r"no-answer.debrief.0.answer: Field required"):
        load_list(write(tmp_path / "drills.yml", [drill]), Drill)


def test_a_path_step_without_pass_criteria_names_the_field(tmp_path: Path) -> None:
    step = yaml.safe_load((DATA_DIR / "path.yml").read_text(encoding="utf-8"))[0]
    del step["pass_criteria"]
    with pytest.raises(DataError, match=rf"path.yml: {step['id']}.pass_criteria: Field required"):
        load_list(write(tmp_path / "path.yml", [step]), PathStep)
