"""The states table on a phone (390 px) and on a desktop, in a real Chromium on the offline edition."""

from __future__ import annotations

import pytest

from macros.content.handbook import Handbook
from tests.browsing import Offline, url
from tests.conftest import Site

# For every state-name link: how many line boxes it has, and its height against its line height.
NAME_LINES = """() => [...document.querySelectorAll('table.states-table th[scope=row] a')].map(a => {
  const style = getComputedStyle(a);
  return {name: a.textContent, boxes: a.getClientRects().length,
          height: a.getBoundingClientRect().height,
          line: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6};
})"""
SIDEWAYS = "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"


@pytest.mark.parametrize("width", [390, 1280])
def test_state_names_stay_on_one_line_and_the_page_never_scrolls_sideways(browser, site: Site, book: Handbook,
                                                                         width: int) -> None:
    with Offline(browser, viewport={"width": width, "height": 844}) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "states/index.html"))
        names = page.evaluate(NAME_LINES)
        assert [n["name"] for n in names] == [s.name for s in book.states]
        broken = [n["name"] for n in names if n["boxes"] != 1 or n["height"] > n["line"] * 1.5]
        assert not broken, f"state names break at {width} px: {broken}"
        assert page.evaluate(SIDEWAYS) <= 0, f"the states page scrolls sideways at {width} px"
        rows = page.eval_on_selector_all("table.states-table tbody tr", "rows => rows.map(r => r.dataset.state)")
        assert rows == [s.code for s in book.states]
        shades = page.eval_on_selector_all(
            "table.states-table tbody tr", "rows => rows.slice(0, 2).map(r => getComputedStyle(r).backgroundColor)")
        assert shades[0] != shades[1], "rows are not shaded"
        for path in ("states/ct.html", "states/ny.html", "states/ca.html"):
            page.goto(url(site, path))
            assert page.evaluate(SIDEWAYS) <= 0, f"{path} scrolls sideways at {width} px"
        assert not offline.outside


def test_phone_table_stacks_each_state_with_labelled_figures(browser, site: Site) -> None:
    with Offline(browser, viewport={"width": 390, "height": 844}) as offline:
        page = offline.context.new_page()
        page.goto(url(site, "states/index.html"))
        row = page.locator('table.states-table tr[data-state="CA"]')
        cells = row.locator("td")
        widths = cells.evaluate_all("cells => cells.map(c => c.getBoundingClientRect().width)")
        table_width = page.locator("table.states-table").evaluate("t => t.getBoundingClientRect().width")
        # Stacked: each figure takes the row's full width, with its label in front of it.
        assert all(w > table_width * 0.9 for w in widths)
        labels = cells.evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
        assert labels == ['"Credential"', '"Training hours"', '"Renewal"', '"Sources disagree"']
        text = row.inner_text()
        assert "Before assignment: 8 h (before registration)" in text and "After hire: 32 h" in text
        renewal = row.locator('td[data-label="Renewal"]').inner_text()
        assert "every 2 years" in renewal and "unconfirmed" not in renewal, "the 2-year term is quoted from the statute"
        assert "Minimum age: 18 unconfirmed" in text, "the age, with its caveat badge, under the credential"
