"""A real Chromium, driven by Playwright, on the offline edition opened from file:// with no network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.content.handbook import Handbook
from tests.browsing import (
    COLOUR_RULES,
    EXPECTATIONS,
    OUTSIDE_ADDRESSES,
    OUTSIDE_REQUESTS,
    Offline,
    axe_violations,
    do_every_part,
    quiz_page,
    search_misses,
    url,
)
from tests.conftest import Site


def test_search_answers_what_officers_type(browser, site: Site) -> None:
    misses = search_misses(browser, site, EXPECTATIONS["queries"])
    assert not misses, "\n".join(misses)


def test_the_browser_tests_catch_every_outside_request(browser, site: Site) -> None:
    """What every "no outside requests" check here counts on: with Offline, a request outside the site fails and is
    recorded, whatever makes it, and the site's own files still load."""
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "index.html"))
        assert page.title(), "the site's own page loaded"
        assert page.evaluate(OUTSIDE_REQUESTS, OUTSIDE_ADDRESSES) == ["failed"] * len(OUTSIDE_ADDRESSES)
        assert offline.outside == OUTSIDE_ADDRESSES


def pages_covering_every_class(site: Site, pages: list[str]) -> list[str]:
    """Of pages that share one template, the fewest (chosen greedily) that between them use every class any of
    them uses: the template's colours come from its classes, so these show every colour it can draw."""
    def classes_of(path: str) -> set[str]:
        text = (site.offline / path).read_text(encoding="utf-8")
        return {name for names in re.findall(r'class="([^"]*)"', text) for name in names.split()}

    classes = {path: classes_of(path) for path in pages}
    missing = set().union(*classes.values())
    chosen = []
    while missing:
        best = max(pages, key=lambda path: len(classes[path] & missing))
        chosen.append(best)
        missing -= classes[best]
    return chosen


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_outside_requests_and_no_axe_violations(browser, site: Site, scheme: str) -> None:
    """Light: every page, every WCAG A and AA rule. The state pages share one template and differ in words: colour
    contrast, most of axe's time, is checked on those that between them use all its classes. Dark changes colours
    only, and draws a class alike on every page: its colour rules are checked on the pages that between them use
    every class of the site."""
    pages = sorted(p.relative_to(site.offline).as_posix() for p in site.offline.rglob("*.html"))
    assert len(pages) > 60
    states = [path for path in pages if path.startswith("states/") and path != "states/index.html"]
    assert len(states) == 51, "the 50 states and DC"
    coloured = pages_covering_every_class(site, states)
    assert len(coloured) < len(states) / 3, f"the state pages' classes vary more than one template's: {coloured}"
    if scheme == "dark":
        pages = pages_covering_every_class(site, pages)
    problems = []
    with Offline(browser, color_scheme=scheme) as offline:
        page = offline.context.new_page()
        for path in pages:
            page.goto(url(site, path))
            page.wait_for_load_state("load")
            expected = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == expected, path
            if scheme == "dark":
                violations = axe_violations(page, rules=COLOUR_RULES)
            else:
                violations = axe_violations(page, contrast=path not in states or path in coloured)
            for violation in violations:
                targets = [n["target"] for n in violation["nodes"][:3]]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}): {targets}")
        assert not offline.outside, f"requests outside the site: {offline.outside}"
    assert not problems, "\n".join(problems)


def test_keyboard_skip_link_focus_and_search(browser, site: Site) -> None:
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "chapters/first-impressions.html"))
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert "md-skip" in focused, focused
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), "the focused skip link shows no outline"
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('[data-search-header] [data-search-input]')"):
                break
        else:
            pytest.fail("the search box is not reachable with Tab")
        page.keyboard.type("lost kid", delay=20)
        status = page.locator("[data-search-header] [data-search-status]")
        page.wait_for_function("el => el.textContent.includes('match')", arg=status.element_handle(), timeout=15_000)
        assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
        page.keyboard.press("ArrowDown")   # into the results, first the steps
        assert page.evaluate("document.activeElement.href").endswith("cards.html#card-lost-child")
        page.keyboard.press("ArrowUp")   # back to the box; Escape empties and closes it
        page.keyboard.press("Escape")
        assert page.evaluate("document.getElementById('__search').checked") is False
        assert page.locator("[data-search-header] [data-search-results] a").count() == 0
        page.keyboard.press("/")   # opens it again, the cursor in the box
        assert page.evaluate("document.activeElement.matches('[data-search-header] [data-search-input]')")
        page.keyboard.type("lost kid", delay=20)
        page.wait_for_function("el => el.dataset.searchShown === 'lost kid'",
                               arg=page.locator("[data-search-header]").element_handle(), timeout=15_000)
        page.keyboard.press("Enter")   # opens the first result
        page.wait_for_url("**/cards.html#card-lost-child")


def test_self_check_answer_and_progress_survive_a_reload(browser, site: Site, book: Handbook) -> None:
    question = book.questions[0]
    wrong = next(c.key for c in question.choices if c.key != question.answer)
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, quiz_page(book, question)))
        form = page.locator(f"#q-{question.id}")
        form.get_by_label(next(c.text for c in question.choices if c.key == wrong), exact=False).check()
        form.get_by_role("button", name="Check").click()
        assert "Not quite" in form.locator(".self-check__feedback").inner_text()

        step = book.path[0]
        page.goto(url(site, "onboarding/index.html"))
        tick = page.get_by_label("I have finished this step").first
        assert page.locator(f"#done-step-{step.id}").count() == 1
        do_every_part(page, book, step)   # a step ticks only once its parts are done
        tick.check()
        page.reload()
        assert page.locator(f"#done-step-{step.id}").is_checked(), "the tick did not survive a reload"
        assert "1 of" in page.locator("[data-progress-summary]").inner_text()
        page.get_by_role("button", name="Reset my progress").click()
        page.get_by_role("button", name="Yes, clear my progress").click()
        page.reload()
        assert not page.locator(f"#done-step-{step.id}").is_checked()


def test_chosen_state_is_remembered_and_chapters_point_to_it(browser, site: Site) -> None:
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "states/index.html"))
        page.get_by_label("Your state").select_option("OR")
        page.get_by_role("button", name="Remember my state").click()
        assert "Oregon" in page.locator(".state-chooser__status").inner_text()
        row = page.locator("table.states-table tr.is-your-state")
        assert row.count() == 1 and row.get_attribute("data-state") == "OR"
        assert "Your state" in row.inner_text()
        page.goto(url(site, "chapters/building-trust.html"))
        link = page.locator("[data-your-state-link]")
        assert "Oregon" in link.inner_text()
        link.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("states/or.html")
        assert not offline.outside


def test_everything_works_without_javascript(browser, site: Site, book: Handbook) -> None:
    with Offline(browser, java_script_enabled=False) as offline:
        page = offline.context.new_page()
        question = book.questions[0]
        page.goto(url(site, quiz_page(book, question)))
        answer = page.locator(f"#q-{question.id} details")
        answer.locator("summary").click()
        assert f"Answer: {question.answer.upper()}" in answer.inner_text()
        page.goto(url(site, "chapters/building-trust.html"))
        page.locator("[data-your-state-link]").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("states/index.html")
        assert page.locator("table.states-table a").count() == len(book.states)
        assert not offline.outside


def test_pdfs_open_from_the_offline_edition(browser, site: Site) -> None:
    with Offline(browser) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "print.html"))
        hrefs = page.eval_on_selector_all(".print-links a", "els => els.map(e => e.href)")
        assert hrefs
        for href in hrefs:
            assert href.startswith("file://") and Path(href.removeprefix("file://")).is_file(), href
