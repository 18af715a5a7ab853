"""An organisation's edition: the example profile builds with its name, logo, colours, contacts, states,
post-order pages and cards; the shared handbook stays as it was; bad profiles stop the build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from macros.cli import build_site
from macros.content.handbook import Handbook, load_handbook
from macros.errors import DataError
from macros.paths import PROJECT_DIR
from macros.cache import project_cache
from macros.content.colours import contrast_ratio, relative_luminance
from macros.content.profile import Profile, phone_problem
from macros.outputs.card_layout import CARD_SIZES, SHEETS
from macros.outputs.pdfs import check_edition_cards_fit
from macros.outputs.print_files import PRINT_FILES, deck_path, state_card_path, state_deck_path
from macros.site.pages import EDITION_CSS, profile_folder
from tests.conftest import Site, copy_project, run_mkdocs_build
from tests.seed_overlap import copied_runs, seed_runs
from tests.test_browser import Offline, _axe

EXAMPLE = PROJECT_DIR / "profiles" / "example-hospital"
SETTINGS = yaml.safe_load((EXAMPLE / "profile.yml").read_text(encoding="utf-8"))
PHONES = [contact["phone"] for contact in SETTINGS["contacts"]]
POST_ORDERS = sorted(path.stem for path in (EXAMPLE / "post-orders").glob("*.md"))
EXAMPLE_CARDS = yaml.safe_load((EXAMPLE / "cards.yml").read_text(encoding="utf-8"))["cards"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pdf_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as document:
        return [page.extract_text() or "" for page in document.pages]


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example profile's online edition, built once (strictly) for this module."""
    site = tmp_path_factory.mktemp("edition") / "site"
    build_site.mkdocs_build(site, offline=False, profile=EXAMPLE)
    return site


@pytest.fixture(scope="module")
def example_book() -> Handbook:
    return load_handbook(profile=EXAMPLE)


# --- the example edition ----------------------------------------------------------------------


def test_site_name_logo_and_colours(edition: Path) -> None:
    home = soup(edition / "index.html")
    assert home.title.get_text().endswith(SETTINGS["name"])
    assert home.select_one(".md-header__topic").get_text(strip=True) == SETTINGS["name"]
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
    assert manifest["name"] == SETTINGS["name"] and manifest["short_name"] == SETTINGS["short_name"]
    assert manifest["theme_color"] == SETTINGS["colours"]["primary"]
    assert home.select_one('meta[name="theme-color"]')["content"] == SETTINGS["colours"]["primary"]


def test_contacts_on_the_home_page_and_every_web_card_side(edition: Path, example_book: Handbook) -> None:
    home = soup(edition / "index.html")
    box = home.select_one(".edition-contacts")
    assert box and SETTINGS["name"] in box.get_text()
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
        assert front.select_one(".pocket-card__issuer").get_text() == SETTINGS["name"]
    assert cards.select_one("a[href='tel:5035550199;ext=214']"), "an extension dials as ;ext="


def test_contacts_and_name_on_every_printed_card_side(edition: Path, example_book: Handbook) -> None:
    cards = len(example_book.topic_cards())
    single = pdf_pages(edition / "print" / "pocket-cards-a7-single.pdf")
    assert len(single) == 2 * cards
    for number, text in enumerate(single):
        flat = " ".join(text.split())
        assert all(phone in flat for phone in PHONES), f"page {number + 1}: {flat[-120:]}"
    for name, expected in ((deck_path("3x5-letter"), 2 * cards), (state_card_path("OR", "a7-single"), 2),
                           (state_deck_path("OR", "a7-a4"), 2 * (cards + 1))):
        text = " ".join(" ".join(pdf_pages(edition / name)).split())
        assert text.count(PHONES[0]) == expected, name
    with pdfplumber.open(edition / "print" / "pocket-cards-3x5-letter.pdf") as document:
        assert document.metadata["Title"].startswith(SETTINGS["name"])


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
    assert entries["post-orders/infant-and-child-security/"]["keywords"].startswith("code pink")
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
        # pypdf reads text faster than pdfplumber; the layout does not matter here.
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(edition / deck.path).pages).split())
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
    # An empty setting is no profile: the very same data.
    assert load_handbook(profile=profile_folder("", PROJECT_DIR)) is book
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
        "downloads/security-officer-handbook-offline.zip"}   # the fixture builds the online edition alone
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
    """In a real browser the header wears the primary colour, the logo loads, and axe finds no violation."""
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
            for violation in _axe(page):
                problems.append(f"{path}: {violation['id']}: {[n['target'] for n in violation['nodes'][:3]]}")
        assert not offline.outside, f"requests outside the site: {offline.outside}"
    assert not problems, "\n".join(problems)


# --- bad profiles -----------------------------------------------------------------------------


def bad_profile(tmp_path: Path, **changes: object) -> Path:
    """A copy of the example profile with some keys of profile.yml changed (None removes a key)."""
    folder = shutil.copytree(EXAMPLE, tmp_path / "bad-profile")
    settings = dict(SETTINGS)
    for key, value in changes.items():
        if value is None:
            settings.pop(key)
        else:
            settings[key] = value
    (folder / "profile.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return folder


OVERFLOWING_CARD = """
  - id: overflowing
    group: riverbend-post-orders
    title: Far too much to say
    post_order: visitor-hours-and-badges
    front:
      - Greet every visitor.
    back:
""" + ("""      - label: Say
        lines:
""" + "          - Welcome in. Let me help you find the right place today.\n" * 8) * 3


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"states": ["OR", "ZZ"]}, r"profile\.yml: profile\.states\.1: unknown state code 'ZZ'"),
        ({"logo": "missing.svg"}, r"profile\.yml: profile\.logo: file not found: .*missing\.svg"),
        ({"contacts": [{"label": "Dispatch", "phone": "555-CALL"}]},
         r"profile\.yml: profile\.contacts\.0: phone: Dispatch: '555-CALL' is not a phone number"),
        ({"contacts": [{"label": "Desk", "phone": "12"}]}, r"profile\.contacts\.0: phone: Desk: '12' is not"),
        ({"colour": "#0b5563"}, r"profile\.yml: profile\.colour: Extra inputs are not permitted"),
        ({"contacts": [{"label": "Dispatch", "phone": "911", "email": "x@example.org"}]},
         r"profile\.contacts\.0\.email: Extra inputs are not permitted"),
        ({"colours": {"primary": "#7fb3d5"}},
         r"profile\.yml: profile\.colours\.primary: #7fb3d5: white header text on #7fb3d5 has a contrast of "
         r"2\.\d\d:1; WCAG AA needs 4\.5:1"),
        ({"colours": {"accent": "#ff9900"}}, r"profile\.colours\.accent: #ff9900: .* on white has a contrast of "
                                             r"2\.\d\d:1"),
        ({"colours": {"dark_accent": "#444444"}}, r"profile\.colours\.dark_accent: #444444: .*dark scheme"),
        ({"name": None}, r"profile\.yml: profile\.name: Field required"),
    ],
    ids=["unknown-state", "missing-logo", "malformed-phone", "too-few-digits", "unknown-key", "unknown-contact-key",
         "low-contrast-primary", "low-contrast-accent", "low-contrast-dark-accent", "no-name"],
)
def test_bad_profile_is_named_by_the_loader(tmp_path: Path, changes: dict[str, object], expected: str) -> None:
    folder = bad_profile(tmp_path, **changes)
    with pytest.raises(DataError, match=expected) as caught:
        load_handbook(profile=folder)
    assert "bad-profile/profile.yml: profile." in str(caught.value)


@pytest.mark.parametrize(
    ("cards_yml", "expected"),
    [
        ("cards:\n  - id: greeting\n    group: urgent-help\n    title: T\n    chapter: first-impressions\n"
         "    front: [x]\n    back: [{label: Say, lines: [y]}]\n",
         r"cards\.yml: greeting: duplicate card id"),
        ("cards:\n  - id: new-card\n    group: nowhere\n    title: T\n    chapter: first-impressions\n"
         "    front: [x]\n    back: [{label: Say, lines: [y]}]\n",
         r"cards\.yml: new-card\.group: unknown group 'nowhere'"),
        ("cards:\n  - id: new-card\n    group: urgent-help\n    title: T\n    post_order: no-such-page\n"
         "    front: [x]\n    back: [{label: Say, lines: [y]}]\n",
         r"cards\.yml: new-card\.post_order: no page post-orders/no-such-page\.md"),
        ("cards:\n  - id: new-card\n    group: urgent-help\n    title: T\n"
         "    front: [x]\n    back: [{label: Say, lines: [y]}]\n",
         r"cards\.yml: new-card: post_order: give either chapter"),
    ],
    ids=["duplicate-id", "unknown-group", "unknown-page", "no-page"],
)
def test_bad_profile_cards_are_named(tmp_path: Path, cards_yml: str, expected: str) -> None:
    folder = bad_profile(tmp_path)
    (folder / "cards.yml").write_text(cards_yml, encoding="utf-8")
    with pytest.raises(DataError, match=expected):
        load_handbook(profile=folder)


def test_post_order_page_needs_a_title(tmp_path: Path) -> None:
    folder = bad_profile(tmp_path)
    (folder / "post-orders" / "untitled.md").write_text("Just text.\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"post-orders/untitled\.md: title: the page needs a '# Title' line"):
        load_handbook(profile=folder)


def test_overflowing_card_is_named_with_its_file(tmp_path: Path) -> None:
    folder = bad_profile(tmp_path)
    with (folder / "cards.yml").open("a", encoding="utf-8") as stream:
        stream.write(OVERFLOWING_CARD)
    book = load_handbook(profile=folder)
    assert book.edition is not None
    with pytest.raises(DataError, match=r"bad-profile/cards\.yml: card overflowing \((front|back)\): overflows"):
        check_edition_cards_fit(project_cache(), book.edition, book.topic_cards())


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


def test_wcag_contrast() -> None:
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert relative_luminance("#000000") == 0
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#0b5563", "#0b5563") == pytest.approx(1.0)
    # #767676 is the lightest grey that passes AA on white; #777777 fails.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize("phone", ["911", "503-555-0142", "+1 (503) 555-0142", "503.555.0142 ext. 12",
                                   "503-555-0199 x214", "4444"])
def test_phone_numbers_that_dial(phone: str) -> None:
    assert phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["12", "555-CALL", "(503 555-0142", "++1 503 555 0142", "x214", "call 911",
                                   "1234567890123456"])
def test_phone_numbers_that_do_not(phone: str) -> None:
    assert phone_problem(phone)


def test_states_default_to_all(tmp_path: Path, book: Handbook) -> None:
    folder = bad_profile(tmp_path, states=None)
    assert Profile.model_validate({"name": "X"}).states is None
    assert [s.code for s in load_handbook(profile=folder).states] == [s.code for s in book.states]


def test_a_profile_edit_reloads(tmp_path: Path) -> None:
    folder = bad_profile(tmp_path)
    first = load_handbook(profile=folder)
    assert load_handbook(profile=folder) is first
    text = (folder / "profile.yml").read_text(encoding="utf-8")
    (folder / "profile.yml").write_text(text.replace(SETTINGS["name"], "Another Team Security"), encoding="utf-8")
    assert load_handbook(profile=folder).edition.profile.name == "Another Team Security"


def test_both_editions_get_the_profile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[dict[str, str]] = []

    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        seen.append(kwargs["env"])   # type: ignore[arg-type]
        (tmp_path / "offline").mkdir(exist_ok=True)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(build_site.subprocess, "run", run)
    build_site.build_online_and_offline(tmp_path / "site", tmp_path / "offline", profile=EXAMPLE)
    assert [env["HANDBOOK_PROFILE"] for env in seen] == [str(EXAMPLE)] * 2
    assert [env["HANDBOOK_OFFLINE"] for env in seen] == ["true", "false"]
    seen.clear()
    monkeypatch.setenv("HANDBOOK_PROFILE", str(EXAMPLE))
    build_site.build_online_and_offline(tmp_path / "site", tmp_path / "offline")
    assert [env["HANDBOOK_PROFILE"] for env in seen] == ["", ""], "no profile given: the shared handbook"


def test_nothing_shared_names_an_organisation() -> None:
    name = SETTINGS["name"].split()[0]
    for folder in (PROJECT_DIR / "docs", PROJECT_DIR / "macros"):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in {".md", ".yml", ".html", ".py", ".css", ".js"}:
                assert name not in path.read_text(encoding="utf-8"), path


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
