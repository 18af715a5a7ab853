"""Search in a real Chromium on the offline edition, on a 390 px phone: what officers type lands first on the
steps for their situation (a pocket card or the chapter section, at its anchor); slips are forgiven."""

from __future__ import annotations

import re

import pytest

from tests.browsing import (
    EXPECTATIONS,
    HEADER_SEARCH,
    PHONE,
    Offline,
    axe_violations,
    search_is_close,
    search_landings,
    search_misses,
    url,
)
from tests.conftest import Site

STEPS = re.compile(r"^(cards\.html#card-[a-z0-9-]+|chapters/[a-z0-9-]+\.html#[a-z0-9-]+)$")


def _hit_rate(name: str, expectations: dict[str, list[str]], misses: list[str]) -> str:
    hits = len(expectations) - len(misses)
    return f"{name}: {hits} of {len(expectations)} land first on their steps"


@pytest.mark.parametrize(("kind", "at_least"), [("situations", 100), ("misspellings", 50)])
def test_situations_and_misspellings_land_first_on_their_steps(browser, site: Site, kind: str,
                                                               at_least: int) -> None:
    expectations = EXPECTATIONS[kind]
    assert len(expectations) >= at_least
    misses = search_misses(browser, site, expectations)
    print(_hit_rate(kind, expectations, misses))
    assert not misses, "\n".join(misses)


def test_expected_landings_are_steps_that_exist(site: Site) -> None:
    """A situation's expected first result is a card or a chapter section (never a drill, a glossary term or a
    page's top), and its anchor is on the page."""
    for kind in ("situations", "misspellings"):
        for query, expected in EXPECTATIONS[kind].items():
            for address in expected:
                assert STEPS.match(address), f"{query!r}: {address} is not a card or a chapter section"
                path, _, anchor = address.partition("#")
                page = (site.offline / path).read_text(encoding="utf-8")
                assert f'id="{anchor}"' in page, f"{query!r}: no #{anchor} on {path}"


def test_words_officers_use_rank_results_but_readers_never_see_them(browser, site: Site) -> None:
    """"wayfinding" is only one of the words the directions card is searched by: it finds the card first,
    and neither the results nor the pages show it."""
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        assert search_landings(page, "wayfinding")[0] == url(site, "cards.html") + "#card-giving-directions"
        assert "wayfinding" not in page.locator("[data-search-header] [data-search-results]").inner_text().lower()
        page.goto(url(site, "cards.html"))
        assert "wayfinding" not in page.locator("article.md-content__inner").inner_text().lower()
        assert not offline.outside


def test_a_word_split_by_voice_typing_is_read_whole_but_known_words_stay_apart(browser, site: Site) -> None:
    """Voice typing leaves "protest" as "pro test" and "trespass" as "tres pass": joined, they name the situation.
    Words the handbook knows are not joined ("heart attack grill", "break in boots"), nor are pieces that make a
    situation's word only with a slip, unless it is a long word ("blown out" is not "brownout"): those queries stay
    honest."""
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        for query, card in [("pro test at the front gate", "protest"), ("tres pass warning", "refuses-to-leave"),
                            ("in decent exposure by the pool", "indecent-exposure")]:
            assert search_landings(page, query)[0] == url(site, "cards.html") + f"#card-{card}", query
            assert search_is_close(page), query
        for query in ("heart attack grill menu", "break in new boots", "tire blown out on the highway"):
            search_landings(page, query)
            assert not search_is_close(page), query
        assert not offline.outside


def test_text_speak_and_a_dropped_final_g_are_read_as_the_words_meant(browser, site: Site) -> None:
    """Typing with one thumb, officers shorten words ("ppl", "wat", "4": search.yml's variants and fillers) and drop
    the g of -ing: "askin" and "lookin" are read as "asking" and "looking", as the handbook knows them."""
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        for query, card in [("someone askin the way to the er", "giving-directions"),
                            ("ppl keep askin where the elevators are", "giving-directions"),
                            ("kid cryin lookin 4 his mom", "lost-child")]:
            assert search_landings(page, query)[0] == url(site, "cards.html") + f"#card-{card}", query
            assert search_is_close(page), query
        assert not offline.outside


def test_beside_a_word_of_another_subject_situation_words_find_nothing(browser, site: Site) -> None:
    """A query about a show, a game or a hobby (search.yml's other_topic_words) gets "Nothing close", though its
    situation words alone find their steps; nor is such a word taken for a slip ("fishing" is not "fighting")."""
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        for query in ("tornado chaser documentary on netflix", "fortnite storm circle timing", "ohio fishing license"):
            search_landings(page, query)
            assert not search_is_close(page), query
        for query in ("tornado chaser", "storm circle"):
            assert search_landings(page, query)[0] == url(site, "cards.html") + "#card-severe-weather", query
            assert search_is_close(page), query
        assert not offline.outside


def test_a_city_beside_a_word_about_the_rules_finds_its_state(browser, site: Site) -> None:
    """Officers name the city, not the state: "guard card in fresno" opens California's page; "fresno weather",
    "chicago fire tickets" and an incident in a city are about no state's rules."""
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        for query, state in [("guard card in fresno", "ca"), ("chicago security license", "il"),
                             ("vegas casino job, do i need a work card", "nv")]:
            assert search_landings(page, query)[0].startswith(url(site, f"states/{state}.html")), query
            assert search_is_close(page), query
        for query in ("fresno weather", "chicago fire tickets"):
            search_landings(page, query)
            assert not search_is_close(page), query
        assert search_landings(page, "old man fell in houston")[0] == url(site, "cards.html") + "#card-slip-or-fall"
        assert not offline.outside


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_results_read_well_open_focused_and_hovered(browser, site: Site, scheme: str, width: int) -> None:
    """The status line and a focused or hovered result keep WCAG AA contrast, in the header and on the home page."""
    problems = []
    with Offline(browser, color_scheme=scheme, viewport={"width": width, "height": 844}) as offline:
        page = offline.context.new_page()
        for address, box in (("chapters/first-impressions.html", HEADER_SEARCH), ("index.html", ".situation-search")):
            page.goto(url(site, address))
            search_landings(page, "seizure", box=box)
            results = page.locator(f"{box} [data-search-results] a")
            results.nth(0).focus()
            results.nth(1).hover()
            page.wait_for_timeout(300)   # Material animates the hover colour
            problems += [f"{address} {box}: {v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
                         for v in axe_violations(page)]
        assert not offline.outside
    assert not problems, "\n".join(problems)
