"""One tap to the steps, and the reader's own state, in a real Chromium on the offline edition."""

from __future__ import annotations

from macros.content.handbook import Handbook
from tests import browsing
from tests.browsing import Offline, home_screen_problems, search_landings, url
from tests.conftest import Site

PHONE = {**browsing.PHONE, "device_scale_factor": 2}   # sharp enough to read the cards
IN_VIEW = """el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }"""


def test_home_screen_puts_the_search_and_every_urgent_card_first(browser, site: Site, book: Handbook) -> None:
    """On a phone: "What is happening?" on the first screen, every urgent card within one scroll, nothing over
    them; what is typed there lands on the steps, and Enter opens them."""
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        assert home_screen_problems(page, len(book.urgent_cards())) == []
        box = ".situation-search"
        assert page.locator(box).get_by_label("What is happening?").is_visible()
        assert search_landings(page, "kid lost his mom", box=box)[0] == url(site, "cards.html") + "#card-lost-child"
        page.locator(box).get_by_label("What is happening?").press("Enter")
        page.wait_for_url("**/cards.html#card-lost-child")
        page.goto(url(site, "index.html"))   # Enter at once, before any result shows: the first one opens
        field = page.locator(box).get_by_label("What is happening?")
        field.fill("fire alarm going off")
        field.press("Enter")
        page.wait_for_url("**/cards.html#card-evacuation")
        assert not offline.outside


def test_home_page_urgent_links_open_the_card(browser, site: Site, book: Handbook) -> None:
    titles = {face.id: face.title for face in book.topic_cards()}
    urgent = [face.id for face in book.urgent_cards()]
    assert len(urgent) >= 10
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        for index, card_id in enumerate(urgent):
            page.goto(url(site, "index.html"))
            links = page.locator("a.urgent-card")
            assert links.count() == len(urgent)
            link = links.nth(index)
            assert link.inner_text() == titles[card_id]
            link.click()
            page.wait_for_load_state("load")
            assert page.url == url(site, "cards.html") + f"#card-{card_id}"
            heading = page.locator(f"h3#card-{card_id}")
            assert heading.inner_text() == titles[card_id]
            page.wait_for_function(
                f"document.getElementById('card-{card_id}').getBoundingClientRect().top < window.innerHeight")
            assert heading.evaluate(IN_VIEW), f"{card_id}: the card is not on screen after the tap"
        assert not offline.outside


def test_cards_page_opens_with_a_jump_list_to_every_card(browser, site: Site, book: Handbook) -> None:
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "cards.html"))
        jump = page.locator("nav.card-jump")
        first_card = page.locator("article.pocket-card").first
        assert jump.evaluate("(nav, card) => !!(nav.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING)",
                             first_card.element_handle())
        hrefs = jump.locator("li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert hrefs == [f"#card-{card.id}" for group in book.deck.groups for card in book.topic_cards()
                         if card.group == group.id]
        for href in hrefs:
            assert page.locator(f"h3{href}").count() == 1, href
        jump.locator("li a").last.click()
        assert page.locator(hrefs[-1]).evaluate(IN_VIEW)
        assert not offline.outside


def test_a_cards_key_lines_are_body_size(browser, site: Site) -> None:
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "cards.html"))
        body = page.locator("article.md-content__inner > p").first.evaluate("p => getComputedStyle(p).fontSize")
        sizes = page.locator(".card-grid .pocket-card__front li").evaluate_all(
            "items => [...new Set(items.map(li => getComputedStyle(li).fontSize))]")
        assert sizes == [body], f"card lines {sizes}, body text {body}"


def test_no_page_scrolls_sideways_on_a_phone(browser, site: Site) -> None:
    pages = sorted(p.relative_to(site.offline).as_posix() for p in site.offline.rglob("*.html"))
    wide = []
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        for path in pages:
            page.goto(url(site, path))
            page.wait_for_load_state("load")
            width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if width[0] > width[1]:
                wide.append(f"{path}: {width[0]} px wide on a {width[1]} px screen")
        assert not offline.outside
    assert not wide, "\n".join(wide)


def _choose(page, site: Site, code: str) -> None:
    page.goto(url(site, "states/index.html"))
    page.get_by_label("Your state").select_option(code)
    page.get_by_role("button", name="Remember my state").click()


def _check_home(page, site: Site, name: str, code: str) -> None:
    page.goto(url(site, "index.html"))
    slot = page.locator("[data-your-state-card]")
    assert slot.is_visible()
    assert slot.locator("article.pocket-card").count() == 1
    assert slot.locator(".pocket-card__title").inner_text() == name
    link = slot.get_by_role("link", name=f"{name}: rules, training and renewal")
    assert link.get_attribute("href") == f"states/{code.lower()}.html"


def _check_cards(page, site: Site, name: str, code: str) -> None:
    page.goto(url(site, "cards.html"))
    slot = page.locator("[data-your-state-card]")
    assert slot.is_visible() and slot.locator(".pocket-card__title").inner_text() == name
    first_topic_card = page.locator(".card-group article.pocket-card").first
    assert slot.evaluate("(slot, card) => !!(slot.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING)",
                         first_topic_card.element_handle()), "the state card is not the first card"
    assert page.locator(".state-card-links li").first.get_attribute("data-state") == code


def _check_chapter(page, site: Site, code: str) -> None:
    page.goto(url(site, "chapters/building-trust.html"))
    notes = page.locator(".state-notes li[data-state]")
    first = notes.first
    assert first.get_attribute("data-state") == code
    assert "is-your-state" in first.get_attribute("class")
    assert first.evaluate("li => li.textContent").startswith("Your state: ")
    assert page.locator(".state-notes li.is-your-state").count() == 1


def test_choosing_a_state_changes_home_cards_and_chapters_and_survives_a_reload(browser, site: Site) -> None:
    with Offline(browser, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "chapters/building-trust.html"))
        assert page.locator(".state-notes li[data-state]").first.get_attribute("data-state") != "OR"
        page.goto(url(site, "index.html"))
        assert not page.locator("[data-your-state-card]").is_visible()

        _choose(page, site, "OR")
        for check in (_check_home, _check_cards):
            check(page, site, "Oregon", "OR")
            page.reload()
            check(page, site, "Oregon", "OR")
        _check_chapter(page, site, "OR")
        page.reload()
        _check_chapter(page, site, "OR")

        _choose(page, site, "MN")   # a second choice replaces the first everywhere
        _check_home(page, site, "Minnesota", "MN")
        _check_cards(page, site, "Minnesota", "MN")
        page.goto(url(site, "chapters/building-trust.html"))
        assert page.locator(".state-notes li.is-your-state").count() == 0   # no Minnesota note there

        page.goto(url(site, "states/index.html"))
        page.get_by_role("button", name="Forget my choice").click()
        page.goto(url(site, "index.html"))
        assert not page.locator("[data-your-state-card]").is_visible()
        assert not offline.outside


def test_quick_access_works_without_javascript(browser, site: Site, book: Handbook) -> None:
    with Offline(browser, java_script_enabled=False, **PHONE) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        assert not page.locator("[data-your-state-card]").is_visible()
        assert page.locator("template[data-state]").count() == len(book.states)
        page.get_by_role("link", name="state page").click()
        page.wait_for_load_state("load")
        assert page.url == url(site, "states/index.html")
        page.goto(url(site, "index.html"))
        page.locator("a.urgent-card").first.click()
        page.wait_for_load_state("load")
        first = book.urgent_cards()[0].id
        assert page.url == url(site, "cards.html") + f"#card-{first}"
        assert page.locator(f"h3#card-{first}").evaluate(IN_VIEW)
        page.locator("nav.card-jump a", has_text="State cards").click()
        assert page.locator("#group-states").evaluate(IN_VIEW)
        assert page.locator(".state-card-links a").count() == len(book.states)
        page.goto(url(site, "index.html"))
        assert not page.locator(".situation-search").is_visible(), "a search box that cannot work without scripts"
        assert not offline.outside
