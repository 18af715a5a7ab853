"""The search on phrasings it was not tuned on (tests/search_eval/test.yml, the random half kept out of tuning), and
on the phrasings reported from use: the steps first, or an honest "Nothing close", in a real Chromium on a 390 px
phone, on the offline edition with every outside request blocked."""

from __future__ import annotations

from tests.browsing import (
    HEADER_SEARCH,
    PHONE,
    Offline,
    lands_on,
    score_search,
    search_eval,
    search_is_close,
    search_landings,
    url,
)
from tests.conftest import Site

# Floors on the test half: the goals the handbook set itself (it reaches 98.2% right, none called a miss, 31 of 33
# off-topic queries answered "Nothing close").
FIRST_RESULT_RIGHT = 0.9      # of on-topic phrasings, the first result is their card or section
OFF_TOPIC_HONEST = 0.9        # of off-topic queries, the box says "Nothing close"
CALLED_A_MISS = 0             # on-topic queries the box calls "Nothing close"
REPORTED_RIGHT = 15           # of the 15 phrasings reported from use


def test_phrasings_it_was_not_tuned_on_land_first_on_their_steps(browser, site: Site) -> None:
    score = score_search(browser, site, search_eval("test"))
    print("test half:", score.summary())
    assert score.on_topic >= 200 and score.off_topic >= 30
    called = "\n".join(["on-topic queries called a miss:", *score.called_a_miss])
    assert len(score.called_a_miss) <= CALLED_A_MISS, called
    assert score.right_share >= FIRST_RESULT_RIGHT, score.summary() + "\n" + "\n".join(score.misses)
    assert score.honest_share >= OFF_TOPIC_HONEST, score.summary() + "\n" + "\n".join(score.answered)


def test_phrasings_reported_from_use(browser, site: Site) -> None:
    reported = search_eval("reported")
    score = score_search(browser, site, reported)
    print("reported:", score.summary())
    assert score.right >= REPORTED_RIGHT, score.summary() + "\n" + "\n".join(score.misses + score.called_a_miss)
    assert score.honest == score.off_topic, "\n".join(score.answered)


def test_a_weapon_offers_both_the_fight_and_the_attack_steps(browser, site: Site) -> None:
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        landings = search_landings(page, "someone pulled a knife")
        for card in ("fight", "lockdown"):
            assert any(lands_on(site, landing, f"cards.html#card-{card}") for landing in landings[:3]), landings


def test_nothing_close_says_so_and_points_to_the_urgent_cards(browser, site: Site) -> None:
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "chapters/first-impressions.html"))
        landings = search_landings(page, "best pizza nearby")
        status = page.locator(f"{HEADER_SEARCH} [data-search-status]").inner_text()
        assert not search_is_close(page)
        assert status.startswith("Nothing close to \u201cbest pizza nearby\u201d") and "911" in status, status
        assert "steps first" not in status
        assert landings == [url(site, "index.html") + "#urgent-cards-title", url(site, "cards.html")]
        page.locator(f"{HEADER_SEARCH} [data-search-results] a").first.click()
        page.wait_for_url("**/index.html#urgent-cards-title")
        assert page.locator("a.urgent-card").first.is_visible()

        home = ".situation-search"   # on the home page the urgent cards are right below the box
        search_landings(page, "company picnic", box=home)
        assert not search_is_close(page, home)
        assert page.locator(f"{home} [data-search-results] a").count() == 0
        assert "Nothing close" in page.locator(f"{home} [data-search-status]").inner_text()
        assert page.locator("a.urgent-card").count() > 0
        assert not offline.outside
