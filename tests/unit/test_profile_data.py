"""An organisation's profile loads and is checked like the shared data: bad input is named by file, entry and
field; colours must pass WCAG AA; phone numbers must dial; state codes may be typed in lower case."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.content.colours import contrast_ratio, relative_luminance
from macros.content.handbook import Handbook, load_handbook
from macros.content.profile import Profile, phone_problem
from macros.errors import DataError
from macros.outputs.pdfs import check_edition_cards_fit
from tests.example_profile import EXAMPLE, OVERFLOWING_CARD, SETTINGS, changed_profile
from tests.project import CONFIG_FILE, PROJECT_DIR, project_cache


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
    folder = changed_profile(tmp_path, **changes)
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
    folder = changed_profile(tmp_path)
    (folder / "cards.yml").write_text(cards_yml, encoding="utf-8")
    with pytest.raises(DataError, match=expected):
        load_handbook(profile=folder)


def test_post_order_page_needs_a_title(tmp_path: Path) -> None:
    folder = changed_profile(tmp_path)
    (folder / "post-orders" / "untitled.md").write_text("Just text.\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"post-orders/untitled\.md: title: the page needs a '# Title' line"):
        load_handbook(profile=folder)


def test_overflowing_card_is_named_with_its_file(tmp_path: Path) -> None:
    folder = changed_profile(tmp_path)
    with (folder / "cards.yml").open("a", encoding="utf-8") as stream:
        stream.write(OVERFLOWING_CARD)
    book = load_handbook(profile=folder)
    assert book.edition is not None
    with pytest.raises(DataError, match=r"bad-profile/cards\.yml: card overflowing \((front|back)\): overflows"):
        check_edition_cards_fit(project_cache(), book.edition, book.topic_cards())


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
    folder = changed_profile(tmp_path, states=None)
    assert Profile.model_validate({"name": "X"}).states is None
    assert [s.code for s in load_handbook(profile=folder).states] == [s.code for s in book.states]


def test_a_profile_edit_reloads(tmp_path: Path) -> None:
    folder = changed_profile(tmp_path)
    first = load_handbook(profile=folder)
    assert load_handbook(profile=folder) is first
    text = (folder / "profile.yml").read_text(encoding="utf-8")
    (folder / "profile.yml").write_text(text.replace(SETTINGS["name"], "Another Team Security"), encoding="utf-8")
    assert load_handbook(profile=folder).edition.profile.name == "Another Team Security"


def test_both_editions_get_the_profile(tmp_path: Path) -> None:
    """The build API hands the profile to the plugin's typed options, and to the offline copy the online build
    makes (in a process of its own: macros.site.builder's command line)."""
    from macros.site.builder import edition_config

    for offline in (True, False):
        config = edition_config(CONFIG_FILE, tmp_path / "site", offline=offline, edition=EXAMPLE)
        options = config.plugins["handbook"].config
        assert (options.profile.folder, options.offline.enabled) == (str(EXAMPLE), offline)
    shared = edition_config(CONFIG_FILE, tmp_path / "site", offline=False).plugins["handbook"].config
    assert shared.profile.folder == "" and shared.offline.folder == "build/offline", "mkdocs.yml's own options"
    assert edition_config(CONFIG_FILE, tmp_path / "site", offline=False, downloads=False
                          ).plugins["handbook"].config.offline.folder == "", "no offline copy, no zips"


def test_nothing_shared_names_an_organisation() -> None:
    name = SETTINGS["name"].split()[0]
    for folder in (PROJECT_DIR / "docs", PROJECT_DIR / "macros"):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in {".md", ".yml", ".html", ".py", ".css", ".js"}:
                assert name not in path.read_text(encoding="utf-8"), path


def test_state_codes_may_be_typed_in_lower_case(tmp_path: Path) -> None:
    book = load_handbook(profile=changed_profile(tmp_path, states=["or", " wa", "Dc"]))
    assert [state.code for state in book.states] == ["DC", "OR", "WA"]   # sorted by name, as always
