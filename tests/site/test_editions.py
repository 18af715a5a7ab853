"""An organisation's edition: the example profile (built under a name with markup characters) builds with its
name, logo, colours, contacts, states, post-order pages and cards; the shared handbook stays as it was; bad profiles
stop the build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
import yaml
from bs4 import BeautifulSoup

from macros.cli import build_site
from macros.content.handbook import Handbook, load_handbook
from macros.outputs.card_layout import CARD_SIZES, SHEETS
from macros.outputs.print_files import (
    OFFLINE_ZIP_NAME,
    PRINT_FILES,
    SCORM_ZIP_NAME,
    deck_path,
    state_card_path,
    state_deck_path,
)
from macros.site.pages import EDITION_CSS, profile_folder
from tests.browsing import COLOUR_RULES, Offline, axe_violations
from tests.conftest import Site, copy_project, run_mkdocs_build
from tests.example_profile import (
    EXAMPLE,
    NAME_WITH_MARKUP,
    OVERFLOWING_CARD,
    SETTINGS,
    SHORT_NAME_WITH_MARKUP,
    changed_profile,
    example_named_with_markup,
)
from tests.pdf_reading import pdf_text, pdf_words
from tests.project import CONFIG_FILE, PROJECT_DIR
from tests.seed_overlap import copied_runs, seed_runs

PHONES = [contact["phone"] for contact in SETTINGS["contacts"]]
POST_ORDERS = sorted(path.stem for path in (EXAMPLE / "post-orders").glob("*.md"))
EXAMPLE_CARDS = yaml.safe_load((EXAMPLE / "cards.yml").read_text(encoding="utf-8"))["cards"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example profile's online edition under a name with markup characters, built once (strictly) for this
    module."""
    work = tmp_path_factory.mktemp("edition")
    build_site.build(example_named_with_markup(work), out=work / "site", config_file=CONFIG_FILE, downloads=False)
    return work / "site"


@pytest.fixture(scope="module")
def example_book() -> Handbook:
    return load_handbook(profile=EXAMPLE)


# --- the example edition ----------------------------------------------------------------------


def test_site_name_logo_and_colours(edition: Path) -> None:
    home = soup(edition / "index.html")
    assert home.title.get_text().endswith(NAME_WITH_MARKUP)
    assert home.select_one(".md-header__topic").get_text(strip=True) == NAME_WITH_MARKUP
    logo = home.select_one(".md-header__button.md-logo img")
    assert logo is not None and logo["src"] == "assets/images/edition-logo.svg"
    assert (edition / "assets/images/edition-logo.svg").read_bytes() == (EXAMPLE / SETTINGS["logo"]).read_bytes()
    assert home.select_one("link[rel=icon]")["href"] == "assets/images/edition-logo.svg"
    stylesheets = [link["href"] for link in home.select("link[rel=stylesheet]")]
    assert stylesheets[-1] == EDITION_CSS, "the edition's colours load after the house palette"
    css = (edition / EDITION_CSS).read_text(encoding="utf-8")
    for colour in SETTINGS["colours"].values():
        assert colour in css
    assert f"--md-primary-fg-color: {SETTINGS['colours']['primary']}" in css
    manifest = json.loads((edition / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == NAME_WITH_MARKUP and manifest["short_name"] == SHORT_NAME_WITH_MARKUP
    assert manifest["theme_color"] == SETTINGS["colours"]["primary"]
    assert home.select_one('meta[name="theme-color"]')["content"] == SETTINGS["colours"]["primary"]


def test_contacts_on_the_home_page_and_every_web_card_side(edition: Path, example_book: Handbook) -> None:
    home = soup(edition / "index.html")
    box = home.select_one(".edition-contacts")
    assert box and NAME_WITH_MARKUP in box.get_text()
    assert [a.get_text() for a in box.select("a[href^='tel:']")] == PHONES
    cards = soup(edition / "cards" / "index.html")
    sides = cards.select(".card-grid .pocket-card__side")
    assert len(sides) == 2 * len(example_book.topic_cards())
    state_page = soup(edition / "states" / "or" / "index.html")
    sides += state_page.select(".pocket-card__side")
    for side in sides:
        numbers = [a.get_text() for a in side.select(".pocket-card__contacts a[href^='tel:']")]
        assert numbers == PHONES, side.get_text(" ", strip=True)[:80]
    for front in cards.select(".pocket-card__front"):
        assert front.select_one(".pocket-card__issuer").get_text() == NAME_WITH_MARKUP
    assert cards.select_one("a[href='tel:5035550199;ext=214']"), "an extension dials as ;ext="


def test_contacts_and_name_on_every_printed_card_side(edition: Path, example_book: Handbook) -> None:
    cards = len(example_book.topic_cards())
    single = pdf_text(edition / "print" / "pocket-cards-a7-single.pdf")
    assert len(single) == 2 * cards
    for number, text in enumerate(single):
        flat = " ".join(text.split())
        assert all(phone in flat for phone in PHONES), f"page {number + 1}: {flat[-120:]}"
    for name, expected in ((deck_path("3x5-letter"), 2 * cards), (state_card_path("OR", "a7-single"), 2),
                           (state_deck_path("OR", "a7-a4"), 2 * (cards + 1))):
        text = pdf_words(edition / name)
        assert text.count(PHONES[0]) == expected, name
    with pdfplumber.open(edition / "print" / "pocket-cards-3x5-letter.pdf") as document:
        assert document.metadata["Title"].startswith(NAME_WITH_MARKUP)


def test_only_its_states(edition: Path) -> None:
    assert sorted(p.name for p in (edition / "states").iterdir()) == ["index.html", "or"]
    oregon = {state_deck_path("OR", f"{size}-{sheet}") for size in CARD_SIZES for sheet in SHEETS} | {
        state_card_path("OR", f"{size}-single") for size in CARD_SIZES}
    assert {f"print/states/{p.name}" for p in (edition / "print" / "states").iterdir()} == oregon, \
        "print files for its one state only"
    index = soup(edition / "states" / "index.html")
    assert [row["data-state"] for row in index.select("table.states-table tbody tr")] == ["OR"]
    assert index.select_one("form.state-chooser") is None, "one state needs no chooser"
    assert index.select_one(".state-single a")["href"].endswith("or/")
    states_nav = [a.get_text(strip=True) for a in index.select("nav.md-nav--primary a[href]")
                  if re.fullmatch(r"[a-z]{2}/", a["href"])]   # state pages, as linked from the States index
    assert states_nav == ["Oregon"]
    # The home page shows the one state's card at once, with no hidden per-state copies.
    home = soup(edition / "index.html")
    assert home.select_one(".your-state-card .pocket-card__title").get_text() == "Oregon"
    assert not home.select(".state-card-templates")
    chapter = soup(edition / "chapters" / "first-impressions" / "index.html")
    assert {li["data-state"] for li in chapter.select(".state-notes li[data-state]")} <= {"OR"}
    assert "Oregon" in chapter.select_one(".your-state").get_text()


def test_post_orders_in_nav_and_search(edition: Path) -> None:
    # The navigation is pruned to the open section: read it on a post-order page.
    page = soup(edition / "post-orders" / POST_ORDERS[0] / "index.html")
    section = [item for item in page.select("nav.md-nav--primary > ul > li")
               if item.find(string=re.compile("Post orders"))]
    assert section, "a 'Post orders' section in the navigation"
    pages = {a["href"] for a in section[0].select("a[href]") if "#" not in a["href"]}
    assert sorted(pages) == sorted(["./"] + [f"../{slug}/" for slug in POST_ORDERS[1:]])
    assert "Infant and child security (Code Pink)" in section[0].get_text()
    index = json.loads((edition / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    for slug in POST_ORDERS:
        assert f"post-orders/{slug}/" in entries, slug
        assert (edition / "post-orders" / slug / "index.html").is_file()
    assert entries["post-orders/infant-and-child-security/"]["title"] == "Infant and child security (Code Pink)"
    assert entries["post-orders/infant-and-child-security/"]["terms"].startswith("code pink")
    assert "post-orders/infant-and-child-security/#when-code-pink-is-called" in entries


def test_post_orders_are_our_own_words(edition: Path) -> None:
    seeds = seed_runs()
    for slug in POST_ORDERS:
        page = soup(edition / "post-orders" / slug / "index.html")
        text = page.select_one("article").get_text(" ")
        assert not copied_runs(text, seeds), slug


def test_its_cards_on_the_cards_page_and_in_every_deck(edition: Path) -> None:
    cards = soup(edition / "cards" / "index.html")
    for card in EXAMPLE_CARDS:
        heading = cards.select_one(f"#card-{card['id']}")
        assert heading and heading.get_text() == card["title"]
        link = heading.find_parent("article").select_one(".pocket-card__link a")
        assert link["href"].endswith(f"post-orders/{card['post_order']}/")
    groups = [h.get_text() for h in cards.select("section.card-group h2")]
    assert groups[-2:] == ["Riverbend post orders", "State cards"], "a new group follows the shared ones"
    urgent = cards.select_one("#card-code-pink").find_parent("section", class_="card-group")
    assert urgent.h2.get_text() == "When someone needs help fast", "a card may join a shared group"
    decks = [f for f in PRINT_FILES if f.path.startswith("print/pocket-cards-")]
    assert len(decks) == 6
    for deck in decks:
        text = pdf_words(edition / deck.path)
        for card in EXAMPLE_CARDS:
            assert card["title"] in text, (deck.path, card["id"])


def test_the_shared_handbook_is_unchanged(site: Site, edition: Path, book: Handbook) -> None:
    """Without a profile, nothing of an edition shows; with one, shared pages read the same."""
    default_home = soup(site.online / "index.html")
    assert default_home.select_one(".md-header__topic").get_text(strip=True) == "Security Officer Service Handbook"
    assert not default_home.select(".edition-contacts, .pocket-card__contacts")
    assert default_home.select_one(".md-logo img") is None, "the house shield icon, no logo file"
    assert not (site.online / EDITION_CSS).exists() and not (site.online / "post-orders").exists()
    assert soup(site.online / "states" / "index.html").select_one("form.state-chooser")
    assert not soup(site.online / "cards" / "index.html").select(".pocket-card__contacts")
    # An empty setting is no profile: the shared data alone.
    assert profile_folder("", PROJECT_DIR) is None and profile_folder("  ", PROJECT_DIR) is None
    assert load_handbook(profile=None).edition is None
    # The edition only adds and selects: its files are the shared ones, less the other states, plus its own.
    default_files = {p.relative_to(site.online).as_posix() for p in site.online.rglob("*") if p.is_file()}
    edition_files = {p.relative_to(edition).as_posix() for p in edition.rglob("*") if p.is_file()}
    other_states = {state.code.lower() for state in book.states} - {"or"}
    assert len(other_states) == 50

    def state_of(path: str) -> str | None:
        found = re.search(r"^states/([a-z]{2})/index\.html$|^print/states/[a-z-]+-([a-z]{2})-[a-z0-9-]+\.pdf$", path)
        return found and (found[1] or found[2])

    dropped = default_files - edition_files
    assert dropped == {f for f in default_files if state_of(f) in other_states} | {
        OFFLINE_ZIP_NAME, SCORM_ZIP_NAME}   # the fixture builds the online edition alone
    added = edition_files - default_files
    assert added == {EDITION_CSS, "assets/images/edition-logo.svg"} | {
        f"post-orders/{slug}/index.html" for slug in POST_ORDERS}
    for page in ("glossary/index.html", "sources/index.html", "onboarding/self-checks/index.html"):
        shared = soup(site.online / page).select_one("article").get_text(" ", strip=True)
        assert soup(edition / page).select_one("article").get_text(" ", strip=True) == shared, page


EDITION_PAGES = ["index.html", "cards/index.html", "states/index.html", "states/or/index.html",
                 "chapters/first-impressions/index.html", *(f"post-orders/{slug}/index.html" for slug in POST_ORDERS)]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_edition_colours_show_and_pass_axe(browser, edition: Path, scheme: str) -> None:
    """In a real browser the header wears the primary colour, the logo loads, and axe finds no violation: of any
    WCAG A or AA rule in light, of the colour rules in dark (which changes colours only)."""
    primary = SETTINGS["colours"]["primary"]
    rgb = "rgb({}, {}, {})".format(*(int(primary[i:i + 2], 16) for i in (1, 3, 5)))
    problems = []
    with Offline(browser, color_scheme=scheme) as offline:
        page = offline.context.new_page()
        for path in EDITION_PAGES:
            page.goto((edition / path).as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == rgb
            assert page.evaluate("document.querySelector('.md-logo img').naturalWidth") > 0, path
            for violation in axe_violations(page, rules=COLOUR_RULES if scheme == "dark" else ()):
                problems.append(f"{path}: {violation['id']}: {[n['target'] for n in violation['nodes'][:3]]}")
        assert not offline.outside, f"requests outside the site: {offline.outside}"
    assert not problems, "\n".join(problems)


# --- bad profiles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda folder: (folder / "cards.yml").open("a", encoding="utf-8").write(OVERFLOWING_CARD),
         "bad-profile/cards.yml: card overflowing ("),
        (lambda folder: (folder / "profile.yml").write_text(
            (folder / "profile.yml").read_text(encoding="utf-8").replace("503-555-0142", "503-555-O142"),
            encoding="utf-8"),
         "bad-profile/profile.yml: profile.contacts.0: phone: Dispatch: '503-555-O142' is not a phone number"),
    ],
    ids=["overflowing-card", "malformed-phone"],
)
def test_bad_profile_stops_the_real_build(tmp_path: Path, change, expected: str) -> None:
    project = copy_project(tmp_path / "project")
    folder = shutil.copytree(EXAMPLE, tmp_path / "bad-profile")
    change(folder)
    result = run_mkdocs_build(project, tmp_path / "out", HANDBOOK_PROFILE=str(folder))
    assert result.returncode != 0
    assert expected in result.stderr + result.stdout, (result.stderr + result.stdout)[-2000:]
    assert not (tmp_path / "out" / "index.html").exists()


# --- parts ------------------------------------------------------------------------------------


def test_serve_watches_the_profile_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    class Server:
        """The parts of MkDocs' LiveReloadServer that on_serve uses."""

        def __init__(self) -> None:
            self.watched: list[str] = []
            self.builder = lambda: None
            self.app = None

        def watch(self, path: str) -> None:
            self.watched.append(path)

        def get_app(self):
            return self.app

        def set_app(self, app) -> None:
            self.app = app

    def watched(profile: str) -> list[str]:
        monkeypatch.setenv("HANDBOOK_PROFILE", profile)
        config = load_config(str(PROJECT_DIR / "mkdocs.yml"))
        config = config.plugins.on_config(config)
        return config.plugins["handbook"].on_serve(Server(), config=config, builder=None).watched

    assert watched("profiles/example-hospital") == [str(EXAMPLE)]
    assert watched("") == [], "no profile: nothing more is watched"


@pytest.mark.parametrize("command", [
    ["-m", "macros.cli.build_site", "out-site", "out-offline"],   # make site
    ["-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8765"],    # make serve
], ids=["make-site", "make-serve"])
def test_a_bad_profile_ends_the_command_with_its_message_alone(tmp_path: Path, command: list[str]) -> None:
    folder = changed_profile(tmp_path, states=["or", "XX"])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", HANDBOOK_PROFILE=str(folder))
    result = subprocess.run([sys.executable, *command], capture_output=True, text=True, env=env, cwd=PROJECT_DIR,
                            timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "bad-profile/profile.yml: profile.states.1: unknown state code 'XX'" in output, output[-2000:]
    assert "Traceback" not in output, output[-3000:]


def test_markup_in_the_name_shows_as_text_everywhere(edition: Path) -> None:
    for page in ("index.html", "states/or/index.html", "404.html"):
        doc = soup(edition / page)
        assert doc.title.get_text().endswith(NAME_WITH_MARKUP), page
        header = doc.select_one(".md-header")
        assert not header.select("b"), f"{page}: the name's markup became an element"
        assert header.select_one(".md-header__topic").get_text(strip=True) == NAME_WITH_MARKUP, page
        assert header.select_one("a.md-logo")["aria-label"] == NAME_WITH_MARKUP, page
    manifest = json.loads((edition / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["name"], manifest["short_name"]) == (NAME_WITH_MARKUP, SHORT_NAME_WITH_MARKUP)
    for pdf in ("print/handbook.pdf", "print/pocket-cards-3x5-letter.pdf", "print/states/state-card-or-a7-single.pdf"):
        with pdfplumber.open(edition / pdf) as document:
            assert NAME_WITH_MARKUP in document.metadata["Title"] + (document.pages[0].extract_text() or ""), pdf
