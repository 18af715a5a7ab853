"""Search in a real Chromium on the offline edition: situations land on their steps, slips are forgiven."""

from __future__ import annotations

import pytest

from tests.browsing import (
    EXPECTATIONS,
    Offline,
    search,
    search_landings,
    search_misses,
    url,
)
from tests.conftest import Site


def _hit_rate(name: str, expectations: dict[str, list[str]], misses: list[str]) -> str:
    hits = len(expectations) - len(misses)
    return f"{name}: {hits} of {len(expectations)} land in the top three"


@pytest.mark.parametrize(("kind", "at_least"), [("situations", 30), ("misspellings", 20)])
def test_situations_and_misspellings_land_on_their_card_drill_or_section(browser, site: Site, kind: str,
                                                                         at_least: int) -> None:
    expectations = EXPECTATIONS[kind]
    assert len(expectations) >= at_least
    misses = search_misses(browser, site, expectations)
    print(_hit_rate(kind, expectations, misses))
    assert not misses, "\n".join(misses)


def _result_count(page, query: str) -> str:
    search(page, query)
    return page.locator(".md-search-result__meta").inner_text()


# "word*" is what Material searches for when it is given a query it does not rewrite: no fuzzy
# twin. A short word finds as many pages either way; only their order may change (whole words first).
@pytest.mark.parametrize("word", ["guard", "radio", "drunk", "sick", "calm", "card"])
def test_short_words_get_no_fuzzy_noise(browser, site: Site, word: str) -> None:
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        forgiving = _result_count(page, word)
        assert "matching" in forgiving and forgiving == _result_count(page, word + "*")
        assert not offline.outside


@pytest.mark.parametrize("slip", ["intoxicted", "harrassment", "emergancy", "deescalate"])
def test_the_slips_from_the_issue_are_forgiven(browser, site: Site, slip: str) -> None:
    """Exactly as typed ("word*", which is not rewritten) these find nothing; forgiven, they do."""
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        assert search(page, slip + "*") == []
        assert search(page, slip) != []
        assert not offline.outside


def test_keywords_rank_results_but_readers_never_see_them(browser, site: Site) -> None:
    """"wayfinding" is only a keyword of the lost-visitor drill (and so of its card): it finds
    them, and neither the results nor the pages show it, nor any tag chips."""
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        top = search_landings(page, "wayfinding")[:2]
        assert url(site, "cards.html") + "#card-giving-directions" in top
        assert url(site, "onboarding/drills.html") + "#drill-lost-visitor" in top
        assert "wayfinding" not in page.locator(".md-search-result__list").inner_text().lower()
        assert page.locator(".md-search-result .md-tag").count() == 0
        page.goto(url(site, "onboarding/drills.html"))
        assert "Also searched as" not in page.locator("article").inner_text()
        assert "wayfinding" not in page.locator("article").inner_text().lower()
        assert not offline.outside


def test_the_index_holds_each_card_once_and_keywords_in_their_own_fields(site: Site, book) -> None:
    """Cards are indexed on the Cards page only (not their chapter copies, not the hidden state
    cards), with their back and their drill's words; keywords sit in fields results never show."""
    import json

    from macros.site.search_terms import PAGE_FIELD, SECTION_FIELD

    docs = json.loads((site.online / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location = {doc["location"]: doc for doc in docs}
    drills = {drill.id: drill for drill in book.drills}
    for card in book.deck.cards:
        entry = by_location[f"cards/#card-{card.id}"]
        assert entry["title"] == card.title
        plain = [line for side in card.back for line in side.lines if not set(line) & set("'\"&<>")]
        assert plain and all(line in entry["text"] for line in plain), card.id
        if card.drill and drills[card.drill].keywords:
            assert entry[SECTION_FIELD] == ", ".join(drills[card.drill].keywords)
    card_entries = [doc["location"] for doc in docs if "#card-" in doc["location"]]
    assert len([loc for loc in card_entries if loc.startswith("cards/")]) == len(book.topic_cards())
    assert all(loc.startswith(("cards/", "states/")) for loc in card_entries), card_entries
    assert not [doc for doc in docs if "tags" in doc]
    assert not [doc for doc in docs if doc["location"].endswith("#state-card")]
    assert by_location["chapters/building-trust/"][PAGE_FIELD].startswith("trust, rapport")
    for drill in book.drills:
        entry = by_location[f"onboarding/drills/#drill-{drill.id}"]
        assert entry.get(SECTION_FIELD, "") == ", ".join(drill.keywords)
        assert ", ".join(drill.keywords) not in entry["text"]


