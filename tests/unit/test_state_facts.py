"""State facts carry their evidence: source kinds from hosts, per-figure sources, one caveat for every view."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.content.facts import (
    DISPUTED,
    NOT_FOUND,
    UNCONFIRMED,
    caveat,
    state_facts,
)
from macros.content.handbook import Handbook
from macros.content.loader import load_one
from macros.content.models import FIGURE_UNITS, Figure, State
from macros.content.quotes import NONE_WORDS, number_in_words, says_any, ways_to_say
from macros.content.sources import expected_kind, is_government_host, is_test_host
from macros.errors import DataError
from macros.paths import DATA_DIR
from macros.render import render
from tests.state_page import render_state_page

OREGON = yaml.safe_load((DATA_DIR / "states" / "or.yml").read_text(encoding="utf-8"))
NO_STATEWIDE_CREDENTIAL = {"CO", "GA", "ID", "IN", "KS", "KY", "ME", "MA", "MI", "MS", "MO", "NE", "PA", "SD",
                           "WV", "WY"}


def load_error(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "or.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_one(path, State)
    return str(error.value)


def oregon() -> dict:
    return copy.deepcopy(OREGON)


# --- source kinds -------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "government"), [
    ("https://www.oregon.gov/dpsst", True),
    ("http://www.legis.state.ak.us/basis/x", True),
    ("http://in.gov./pla/3087.htm", True),                        # a trailing dot changes nothing
    ("http://njsp.org/private-detective/", True),                 # a listed exception
    ("https://regulations.justia.com/states/oregon/x", False),
    ("https://www.law.cornell.edu/regulations/x", False),
    ("https://oregon.public.law/rules/x", False),
    ("https://www.nasco.org/unarmed/oregon/", False),
])
def test_government_is_decided_by_the_host(url: str, government: bool) -> None:
    assert is_government_host(url) is government


def test_law_library_and_weak_hosts_come_from_the_data_list() -> None:
    for url in ("https://codes.findlaw.com/x", "https://oregon.public.law/x", "https://law.justia.com/x",
                "https://print.casetext.com/x", "http://ncrules.elaws.us/x"):
        assert expected_kind(url) == "law-library", url
    for url in ("https://www.stateregstoday.com/?p=1", "https://track.mn/x", "https://www.catallaxcore.com/x"):
        assert expected_kind(url) == "weak", url
    assert is_test_host("https://authoring-uat.ct.egov.com/despp/x")
    assert is_test_host("https://staging.example.gov/x") and is_test_host("https://test.example.gov/x")
    assert not is_test_host("https://portal.ct.gov/despp") and not is_test_host("https://www.attest.com/")


def test_a_government_label_on_a_law_library_copy_stops_the_build(tmp_path: Path) -> None:
    data = oregon()
    index = next(i for i, s in enumerate(data["sources"]) if "justia" in s["url"])
    data["sources"][index]["kind"] = "government"
    message = load_error(tmp_path, data)
    assert f"or.yml: OR: sources.{index}.kind (source {index + 1}): labelled government" in message
    assert "regulations.justia.com is not a government host" in message


def test_a_secondary_label_on_a_listed_weak_host_stops_the_build(tmp_path: Path) -> None:
    data = oregon()
    data["sources"][0]["url"] = "https://www.stateregstoday.com/?p=1"
    data["sources"][0]["kind"] = "law-library"
    assert "sources.0.kind (source 1): labelled law-library, but stateregstoday.com is listed as weak" in (
        load_error(tmp_path, data))


def test_a_link_to_a_test_host_stops_the_build(tmp_path: Path) -> None:
    data = oregon()
    data["sources"][-1]["url"] = "https://authoring-uat.ct.egov.com/despp/page"
    data["sources"][-1]["kind"] = "secondary"
    count = len(data["sources"])
    assert f"sources.{count - 1}.url (source {count}): authoring-uat.ct.egov.com is a test or staging host" in (
        load_error(tmp_path, data))
    data = oregon()
    data["regulator"]["website"] = "https://staging.oregon.gov/dpsst"
    assert "or.yml: OR.regulator: website: a test or staging host" in load_error(tmp_path, data)


def test_every_source_kind_fits_its_host(book: Handbook) -> None:
    for state in book.states:
        for number, source in enumerate(state.sources, start=1):
            forced = expected_kind(str(source.url))
            assert source.kind != "government" or is_government_host(str(source.url)), (state.code, number)
            assert forced is None or forced == source.kind, (state.code, number)
            assert not is_test_host(str(source.url)) or source.unlinked, (state.code, number)


def test_connecticut_links_no_test_host(book: Handbook) -> None:
    ct = book.state("CT")
    assert ct.regulator.website is None and "portal.ct.gov" in (ct.regulator.note or "")
    assert not any("authoring" in line for line in book.state_card("CT").front)
    for state in book.states:
        assert state.regulator.website is None or not is_test_host(str(state.regulator.website)), state.code


# --- figures ------------------------------------------------------------------------------


@pytest.mark.parametrize(("figure", "message"), [
    ({"status": "stated", "sources": [1]}, "a stated figure needs a value"),
    ({"status": "none-required", "value": 8, "sources": [1]}, "a none-required figure has no value"),
    ({"status": "not-found", "value": 8}, "a not-found figure has no value"),
    ({"status": "disputed", "values": [2], "sources": [1]}, "at least two figures"),
    ({"status": "none-required"}, "a none-required figure cites the sources that say so"),
    ({"status": "maybe", "sources": [1]}, "Input should be 'stated', 'none-required', 'not-found' or 'disputed'"),
])
def test_a_figure_is_exactly_one_thing(figure: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Figure.model_validate(figure)


def test_renewal_must_fit_the_credential(tmp_path: Path) -> None:
    data = oregon()
    data["renewal"]["period"] = {"status": "none-required", "sources": data["renewal"]["period"]["sources"]}
    assert "no renewal; use 'not-found'" in load_error(tmp_path, data)
    data = oregon()
    data["credential"] = {"statewide": False, "name": None, "note": "Cities decide.", "sources": [1]}
    assert "no statewide credential, so renewal is 'none-required'" in load_error(tmp_path, data)


def test_a_figure_cites_a_listed_source(tmp_path: Path) -> None:
    data = oregon()
    data["training"]["before_assignment"] = {"status": "stated", "value": 14, "sources": [99]}
    assert "OR: training.before_assignment.sources: cites source 99" in load_error(tmp_path, data)


# --- caveats ------------------------------------------------------------------------------


def test_secondary_only_figures_are_unconfirmed(book: Handbook) -> None:
    alaska = book.state("AK")
    facts = state_facts(alaska)
    assert (facts.after_hire.text, facts.after_hire.caveat) == ("40 h", UNCONFIRMED)
    assert all(alaska.sources[r - 1].kind in ("secondary", "weak") for r in facts.after_hire.sources)
    oregon_facts = state_facts(book.state("OR"))
    assert oregon_facts.before_assignment.caveat is None                 # OAR text, quoted from a law-library copy
    for state in book.states:
        for field, figure in state.figures():
            if figure.status in ("stated", "none-required") and not state.quotes_the_law(figure):
                assert caveat(state, figure) == UNCONFIRMED, (state.code, field)


def test_a_figure_is_confirmed_only_by_a_quote_from_the_law_or_the_regulator(tmp_path: Path) -> None:
    data = oregon()
    evidence = data["training"]["before_assignment"].pop("evidence")
    message = load_error(tmp_path, data)
    assert "or.yml: OR: training.before_assignment.evidence: the figure cites government or law-library source(s)" \
        in message
    data["training"]["before_assignment"]["evidence"] = [{**evidence[0], "quote": " ".join(["word"] * 31)}]
    assert "training.before_assignment.evidence.0.quote: a quote of 31 words; keep it to 30" \
        in load_error(tmp_path, data)
    data["training"]["before_assignment"]["evidence"] = [{**evidence[0], "source": 4}]
    assert "evidence.0.source: source 4 is not among the figure's sources" in load_error(tmp_path, data)


@pytest.mark.parametrize(("number", "words"), [(0, "zero"), (8, "eight"), (18, "eighteen"), (24, "twenty-four"),
                                              (40, "forty"), (120, "one hundred twenty"), (300, "three hundred")])
def test_numbers_are_spelled_as_the_law_spells_them(number: int, words: str) -> None:
    assert number_in_words(number) == words


@pytest.mark.parametrize(("quote", "value", "unit", "states"), [
    ("a minimum of eight hours", 8, "hours", True),
    ("an 8-hour course", 8, "hours", True),
    ("an approved eight-hour refresher course", 8, "hours", True),
    ("at least 18 years of age", 8, "hours", False),          # 8 is not in 18
    ("at least eighteen years of age", 8, "hours", False),    # nor eight in eighteen
    ("at least eighteen years of age", 18, "age", True),
    ("Be at least Eighteen (18) years of age", 18, "age", True),
    ("Twenty four hours of classroom instruction", 24, "hours", True),
    ("completed 8.5 hours", 8, "hours", False),
    ("shall be renewed biennially by the department", 2, "years", True),
    ("a biennial refresher course", 2, "hours", False),        # a term's words state a term, not hours
    ("Registrations expire annually", 1, "years", True),
    ("expires two years following the date of issuance", 2, "years", True),
])
def test_a_quote_states_a_number_in_digits_or_words(quote: str, value: int, unit: str, states: bool) -> None:
    assert says_any(quote, ways_to_say(value, unit)) is states


def test_words_for_none_are_whole_words() -> None:
    assert says_any("shall not be required to be licensed", NONE_WORDS)
    assert says_any("are specifically exempted from the continuing education requirements", NONE_WORDS)
    assert not says_any("Any person employed by a licensed company", NONE_WORDS)   # 'no' is not in 'company'
    assert not says_any("notice of employment", NONE_WORDS)                          # nor 'not' in 'notice'


def test_a_quote_that_states_its_figure_passes(tmp_path: Path) -> None:
    data = oregon()
    data["training"]["before_assignment"]["evidence"][0]["quote"] = "Basic training consists of fourteen hours."
    path = tmp_path / "or.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert load_one(path, State).training.before_assignment.evidence[0].quote.startswith("Basic training")


def test_a_quote_that_does_not_state_its_figure_stops_the_build(tmp_path: Path) -> None:
    data = oregon()
    data["training"]["before_assignment"]["evidence"][0]["quote"] = "Basic training is given by a certified instructor."
    message = load_error(tmp_path, data)
    assert ("or.yml: OR: training.before_assignment.evidence.0.quote: the quote does not state the figure (it says "
            "none of '14', 'fourteen'): quote the words that state it, or say how this quote confirms it in "
            "'confirms_by'") in message
    assert "Traceback" not in message
    data["training"]["before_assignment"]["evidence"][0]["confirms_by"] = "The heading above it gives the 14 hours."
    path = tmp_path / "or.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert load_one(path, State).training.before_assignment.evidence[0].confirms_by


def test_a_none_required_quote_says_none(tmp_path: Path) -> None:
    data = oregon()
    data["training"]["after_hire"] = {"status": "none-required", "sources": [3], "evidence": [
        {"source": 3, "quote": "Training after hire is given by the employer.", "read": "2026-12-06"}]}
    assert "training.after_hire.evidence.0.quote: the quote does not state the figure (it says none of 'no', " \
        "'not'" in load_error(tmp_path, data)
    data["training"]["after_hire"]["evidence"][0]["quote"] = "No further training is required after hire."
    path = tmp_path / "or.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert load_one(path, State).training.after_hire.status == "none-required"


def test_every_quote_of_every_state_states_its_figure_or_says_how_it_confirms_it(book: Handbook) -> None:
    """The build checked every quote as it loaded the states; here, that the reasons stay the exception."""
    quotes = reasons = 0
    for state in book.states:
        for field, figure in state.figures():
            forms = figure.stating_forms(FIGURE_UNITS[field])
            for evidence in figure.evidence:
                quotes += 1
                if evidence.confirms_by:
                    reasons += 1
                else:
                    assert not forms or says_any(evidence.quote, forms), (state.code, field, evidence.quote)
    assert quotes >= 100 and reasons <= quotes // 4, (quotes, reasons)


def test_the_page_shows_how_a_quote_confirms_a_figure_it_does_not_state(book: Handbook) -> None:
    data = oregon()
    reason = "The list this item opens names the 14 hours in its next line."
    data["training"]["before_assignment"]["evidence"][0]["confirms_by"] = reason
    page = BeautifulSoup(render_state_page(book, State.model_validate(data)), "html.parser")
    [details] = [d for d in page.select("details.fact-evidence") if "training before assignment" in d.summary.text]
    quote = details.select_one("blockquote")
    confirms = quote.find_next_sibling("p")
    assert "fact-evidence__confirms" in confirms["class"]
    assert confirms.get_text(" ", strip=True) == f"How this confirms it: {reason}"
    assert not page.select(".fact-evidence__confirms + .fact-evidence__confirms")
    plain = BeautifulSoup(render_state_page(book, State.model_validate(oregon())), "html.parser")
    assert not plain.select(".fact-evidence__confirms"), "a quote that states its figure needs no reason"


def test_none_required_inferred_from_silence_is_unconfirmed_on_page_table_and_card(book: Handbook) -> None:
    table = BeautifulSoup(render("states_table.html", states=book.states, link=lambda p: p, facts_of=state_facts),
                          "html.parser")
    for code in ("PA", "CO"):
        facts = state_facts(book.state(code))
        for shown in (facts.age, facts.renewal):
            assert (shown.text, shown.caveat, shown.evidence) == ("None required statewide", UNCONFIRMED, ()), code
        renewal = table.select_one(f'tr[data-state="{code}"] td[data-label="Renewal"]').get_text(" ", strip=True)
        assert "unconfirmed" in renewal, code
        assert any(line.startswith("Renewal: none required statewide") and line.endswith("(unconfirmed)")
                   for line in book.state_card(code).front), code


def test_disputes_show_both_figures(book: Handbook) -> None:
    renewal = state_facts(book.state("AZ")).renewal
    assert (renewal.text, renewal.caveat) == ("2 or 4 years", DISPUTED)
    assert "Renewal: 2 or 4 years (sources disagree)" in book.state_card("AZ").front


def test_no_statewide_credential_reads_none_required_not_not_found(book: Handbook) -> None:
    states = {s.code for s in book.states if not s.credential.statewide}
    assert states == NO_STATEWIDE_CREDENTIAL
    table = BeautifulSoup(render("states_table.html", states=book.states, link=lambda p: p, facts_of=state_facts),
                          "html.parser")
    for code in states:
        facts = state_facts(book.state(code))
        assert facts.renewal.text == "None required statewide", code
        row = table.select_one(f'tr[data-state="{code}"]')
        assert "Not found" not in row.select_one('td[data-label="Renewal"]').get_text(), code
        assert "Renewal: none required statewide" in " ".join(book.state_card(code).front), code
    georgia = state_facts(book.state("GA"))                      # a state training mandate without a credential
    assert georgia.before_assignment.text == "24 h"


def test_table_and_card_show_each_figure_as_the_page_does(book: Handbook) -> None:
    """The same parts for every figure in every view: its text (or, not found, its detail), when or how often, and its
    caveat. The card prints Shown.words(); the page and the table print the parts in their markup."""
    table = BeautifulSoup(render("states_table.html", states=book.states, link=lambda p: p, facts_of=state_facts),
                          "html.parser")
    for state in book.states:
        facts = state_facts(state)
        row = table.select_one(f'tr[data-state="{state.code}"]')
        cells = {label: row.select_one(f'td[data-label="{label}"]').get_text(" ", strip=True)
                 for label in ("Credential", "Training hours", "Renewal")}
        for shown, cell in ((facts.age, "Credential"), (facts.before_assignment, "Training hours"),
                            (facts.after_hire, "Training hours"), (facts.refresher, "Training hours"),
                            (facts.renewal, "Renewal")):
            for part in (shown.text, shown.detail, shown.caveat):
                assert not part or part in cells[cell], (state.code, cell, part)
        card = [line.lower() for line in book.state_card(state.code).front]
        assert f"renewal: {facts.renewal.words()}".lower() in card, state.code
        assert f"minimum age: {facts.age.words()}".lower() in card, state.code
        training = [("before work", facts.before_assignment), ("after hire", facts.after_hire),
                    ("refresher", facts.refresher)]
        said = [(label, shown) for label, shown in training if shown.text != NOT_FOUND or shown.detail]
        merged = [line for line in card if line.startswith("training")]
        for label, shown in said:
            if merged:
                [line] = merged
                assert all(part.lower() in line for part in (shown.detail, shown.caveat) if part), (state.code, label)
                if shown.text != NOT_FOUND:
                    assert shown.text.lower() in line, (state.code, label)
            else:
                assert f"{label}: {shown.words()}".lower() in card, (state.code, label)
        if not said:
            assert "training hours: not found in our sources" in card, state.code


def test_regulator_caveats_travel_to_the_card(book: Handbook) -> None:
    for code in ("ME", "MA", "RI"):
        assert "(licenses companies only)" in book.state_card(code).front[0], code
    assert "(armed guards only)" in book.state_card("MS").front[0]
    assert "not guards" in book.state_card("NE").front[0]
    for code, words in (("AK", "may be outdated"), ("NM", "may be outdated"), ("AL", "unconfirmed")):
        assert any(line.startswith("Web:") and f"({words})" in line for line in book.state_card(code).front), code


def test_small_wording_fixes(book: Handbook) -> None:
    table = render("states_table.html", states=book.states, link=lambda p: p, facts_of=state_facts)
    assert "every 1 years" not in table and "every year" in table
    for state in book.states:
        assert "every 1 years" not in " ".join(book.state_card(state.code).front), state.code
    assert state_facts(book.state("VT")).age.text == "age of majority"
    colorado = " ".join(n.text for n in book.state("CO").notable)
    assert "would create" not in colorado and "As of 2026-11-23" in colorado
    new_york = book.state("NY")
    assert "DCJS" not in (new_york.regulator.note or "") + (new_york.training.summary or "")


def test_each_state_says_when_it_was_last_checked_and_against_what(book: Handbook) -> None:
    for state in book.states:
        assert state.checked.against and state.checked.when.year >= 2026, state.code
        assert state.checked.when.isoformat() in " ".join(book.state_card(state.code).back[-1].lines), state.code


def test_training_before_work_is_what_the_law_asks_before_the_first_shift(book: Handbook) -> None:
    """Alabama and Virginia let officers work while they train; Florida asks for 24 of its 40 hours before applying."""
    for code, after in (("AL", "8 h"), ("VA", "18 h")):
        facts = state_facts(book.state(code))
        assert (facts.before_assignment.text, facts.after_hire.text) == ("None required", after), code
        assert not any(line.startswith("Before work: 8 h") or line.startswith("Before work: 18 h")
                       for line in book.state_card(code).front), code
    florida = state_facts(book.state("FL"))
    assert (florida.before_assignment.text, florida.before_assignment.caveat) == ("24 h", UNCONFIRMED)
    assert (florida.after_hire.text, florida.after_hire.detail) == ("16 h", "within 180 days of applying")
    for code in ("AL", "FL", "VA"):
        assert book.state(code).changes[0].when.isoformat() == "2026-12-06", code


def test_regulator_links_are_current_and_sb_1618_is_left_open(book: Handbook) -> None:
    arizona, washington = book.state("AZ"), book.state("WA")
    assert arizona.regulator.website.host == "www.azdps.gov"
    assert washington.regulator.website.host == "dol.wa.gov"
    assert "/business/" not in str(washington.regulator.website)
    sb_1618 = " ".join(c.text for c in arizona.conflicts)
    assert "SB 1618" in sb_1618 and "no record that it was signed or became law" in sb_1618
    assert state_facts(arizona).renewal.caveat == DISPUTED
    california = " ".join(change.what for change in book.state("CA").changes)
    assert "2 hours of it a review of the appropriate use of force" in california


def test_every_state_card_gives_the_minimum_age_and_points_nowhere_it_cannot(book: Handbook) -> None:
    """The age sits under the credential on every card, in the page's words; a card has no 'below' to point to.
    That every card still fits at 9 pt on both sizes is test_data_contract's test_every_card_fits_its_card."""
    for state in book.states:
        front = book.state_card(state.code).front
        assert front[2].startswith("Minimum age: "), state.code
        assert "below" not in " ".join(front).lower() and "above" not in " ".join(front).lower(), state.code
    assert "Minimum age: 18 (unconfirmed)" in book.state_card("CA").front
    assert "Minimum age: age of majority" in book.state_card("VT").front
    assert "Minimum age: none required statewide (unconfirmed)" in book.state_card("PA").front
