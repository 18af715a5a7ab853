"""What keeps the authoring loop fast: the derived-file cache, remembered search entries and Markdown
conversions, held HTML, data loaded once per version of its files, and background work that fails loudly."""

from __future__ import annotations

import logging
import pickle
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from macros.cache import DerivedCache
from macros.content.handbook import load_handbook
from macros.paths import DATA_DIR
from macros.site.held_html import HeldHtml
from macros.site.markdown_cache import INCLUDE, MarkdownCache
from macros.site.search_cache import SearchCache


def test_the_cache_makes_an_artefact_once_per_input(tmp_path: Path) -> None:
    cache = DerivedCache(tmp_path)
    calls = []

    def make(text: str):
        return lambda: calls.append(text) or text.encode()

    assert cache.get("a", "input one", make("one"), ".bin") == b"one"
    assert cache.get("a", "input one", make("again"), ".bin") == b"one", "an unchanged input is reused"
    assert cache.get("b", "input two", make("two"), ".bin") == b"two", "a changed input is made"
    assert calls == ["one", "two"] and cache.made == ["a", "b"]
    assert not list(tmp_path.glob("*.part")), "no half-written file is left behind"
    assert cache.find("input one", ".bin") == b"one" and cache.find("input three", ".bin") is None
    assert cache.has("input two", ".bin") and not cache.has("input two", ".pdf")
    kept = cache.get("a", "input one", make("again"), ".bin")
    assert cache.read([kept.name]) == [b"one"] and cache.read([kept.name, "gone.bin"]) is None, "found by name"
    assert pickle.loads(pickle.dumps(kept)).name == kept.name, "a worker process gets the name too"


def test_a_kept_artefact_is_placed_in_the_site_as_a_link_and_a_new_file_on_its_own(tmp_path: Path, monkeypatch) -> None:
    """A site file shares a kept artefact rather than copying it; a stale site file is replaced, never written
    into (which would change the kept one); where no link can be made, the bytes are written."""
    cache = DerivedCache(tmp_path / "cache")
    kept = cache.get("a", "input one", lambda: b"one", ".pdf")
    site = tmp_path / "site"
    cache.place(kept, site / "print" / "a.pdf")
    assert (site / "print" / "a.pdf").samefile(tmp_path / "cache" / kept.name), "linked, not copied"
    (site / "written.pdf").write_bytes(b"")
    assert (site / "print" / "a.pdf").stat().st_mode == (site / "written.pdf").stat().st_mode, \
        "as readable as a file written there (a web server runs as another user)"
    cache.place(b"two", site / "print" / "a.pdf")
    assert (site / "print" / "a.pdf").read_bytes() == b"two"
    assert (tmp_path / "cache" / kept.name).read_bytes() == b"one", "the kept artefact is untouched"

    def no_links(*args: Any) -> None:
        raise OSError("another file system")

    monkeypatch.setattr("os.link", no_links)
    cache.place(kept, site / "b.pdf")
    assert (site / "b.pdf").read_bytes() == b"one" and not (site / "b.pdf").samefile(tmp_path / "cache" / kept.name)


def material_search() -> Any:
    """Material's search plugin, as a build has set it up."""
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    search = SearchPlugin()
    search.load_config({})
    search.search_index = SearchIndex(**search.config)
    return search


def test_search_entries_are_parsed_once_per_page_version(tmp_path: Path) -> None:
    from mkdocs.structure.toc import get_toc

    cache = DerivedCache(tmp_path)
    content = '<h1 id="x">X</h1><p>Greet people.</p><h2 id="two">Two</h2><p>Offer help.</p>'

    def page(meta: dict[str, Any]) -> SimpleNamespace:
        return SimpleNamespace(url="chapters/x/", title="X", meta=meta, toc=get_toc([]), content=content,
                               file=SimpleNamespace(src_uri="x.md"))

    def entries(indexed: SimpleNamespace) -> list[dict[str, Any]]:
        search, kept = material_search(), SearchCache(cache)
        kept.before_indexing(indexed, search)
        search.on_page_context({}, page=indexed, config=None, nav=None)
        kept.after_indexing(indexed, search)
        return search.search_index.entries

    parsed = material_search()
    parsed.on_page_context({}, page=page({}), config=None, nav=None)
    first, again = page({}), page({})
    assert entries(first) == entries(again) == parsed.search_index.entries, \
        "remembered entries are the ones Material parses"
    assert cache.made == ["search entries x.md"], "the second build reused the first one's entries"
    assert first.meta == again.meta == {}, "the page's front matter is as it was"
    entries(page({"search": {"boost": 2}}))
    boosted = page({"search": {"boost": 2}})
    assert entries(boosted)[0]["boost"] == 2 and len(cache.made) == 2, "kept entries of a boosted page"
    assert boosted.meta == {"search": {"boost": 2}}, "the page's own search settings are as they were"
    content = content.replace("Offer help", "Walk them there")
    assert "Walk them there" in entries(page({}))[1]["text"] and len(cache.made) == 3, "an edited page is parsed again"


def test_generated_html_skips_markdown_and_comes_back_unchanged() -> None:
    import markdown

    html = '<section class="card-grid">\n<h3 id="card-x">A &amp; B</h3>\n<p>*not emphasis*</p>\n</section>'
    page = SimpleNamespace(present_anchor_ids={"from-markdown"})
    converter = markdown.Markdown(extensions=["md_in_html", "toc"])
    held = HeldHtml()
    converted = converter.convert(f"# Title\n{held.hold(html)}\nAfter *it*.")
    restored = held.restore(converted, page)
    assert html in restored, "the held HTML came back exactly as written"
    assert "<em>it</em>" in restored and "handbook-html" not in restored
    # MkDocs checks links to a page's anchors against this set: ids in held HTML must be in it.
    assert {"from-markdown", "card-x"} <= page.present_anchor_ids


def test_data_is_loaded_once_and_again_after_an_edit(tmp_path: Path) -> None:
    import shutil

    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    first = load_handbook(data)
    assert load_handbook(data) is first, "a second caller of the same build gets the same validated data"
    cards = data / "cards.yml"
    edit = "Greet each person at the door."
    cards.write_text(cards.read_text(encoding="utf-8").replace(
        "      - Greet each person within a few seconds.\n", f"      - {edit}\n"), encoding="utf-8")
    again = load_handbook(data)
    assert again is not first
    assert edit in again.deck.cards[0].front


def test_checked_data_is_kept_between_processes_and_read_again_after_an_edit(tmp_path: Path) -> None:
    """A new build process (here: the in-process memory cleared) reads the checked data back from the build's cache;
    an edited data file, or a changed loader, is read and checked again."""
    import shutil

    from macros.content import handbook

    data = shutil.copytree(DATA_DIR, tmp_path / "data")
    kept = tmp_path / "kept"
    first = load_handbook(data, kept=kept)
    assert len(list(kept.glob("*.pickle"))) == 1
    handbook._load.cache_clear()
    kept_file = next(kept.glob("*.pickle"))
    kept_file.write_bytes(pickle.dumps(replace(first, glossary=[])))   # what a new process would read, marked
    assert load_handbook(data, kept=kept).glossary == [], "the kept data is read back, not parsed again"
    handbook._load.cache_clear()
    cards = data / "cards.yml"
    edit = "Greet each person at the door."
    cards.write_text(cards.read_text(encoding="utf-8").replace(
        "      - Greet each person within a few seconds.\n", f"      - {edit}\n"), encoding="utf-8")
    again = load_handbook(data, kept=kept)
    assert edit in again.deck.cards[0].front and again.glossary, "an edited file is read and checked again"
    assert len(list(kept.glob("*.pickle"))) == 2
    loader = tmp_path / "loader.py"
    loader.write_text("read = 1\n", encoding="utf-8")
    before = handbook._kept_key([cards, loader])
    loader.write_text("read = 2\n", encoding="utf-8")
    assert handbook._kept_key([cards, loader]) != before, "a change to the code that reads the data is a new key"
    assert {"handbook.py", "models.py", "loader.py", "errors.py"} <= {p.name for p in handbook._code_files()}


def test_a_page_that_includes_a_file_is_always_converted(tmp_path: Path) -> None:
    kept = MarkdownCache(DerivedCache(tmp_path))
    converted = []

    def convert(config, files) -> None:
        converted.append(page.markdown)
        page.content, page.toc, page.title, page.present_anchor_ids = "<p>x</p>", [], "X", set()

    for markdown in ("Plain text.", f'{INCLUDE} "policy.md"'):
        page = SimpleNamespace(markdown=markdown, render=convert, links_to_anchors=None, title="X",
                               file=SimpleNamespace(src_uri="x.md", dest_uri="x/index.html", url="x/"))
        kept.remember(page)
        page.render({}, None)
        page.render({}, None)
    assert converted == ["Plain text.", *[f'{INCLUDE} "policy.md"'] * 2], \
        "an included file can change while the page does not"


def test_bad_data_met_after_the_pages_is_reported_without_a_traceback(caplog) -> None:
    """Under serve, decks are made after the pages: a card that no longer fits is reported on the console."""
    from macros.errors import DataError
    from macros.site.background import Background

    jobs = Background()
    jobs.serving = True

    def overflowing() -> None:
        raise DataError("macros/data/cards.yml: greet-everyone.front: does not fit at 9 pt")

    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.handbook"):
        jobs.run(overflowing)
        jobs.wait()
    assert "greet-everyone.front: does not fit at 9 pt" in caplog.text
    assert "Traceback" not in caplog.text and "stay missing until the next good build" in caplog.text


def test_the_caches_switch_leaves_conversion_and_indexing_to_mkdocs_and_material(tmp_path: Path) -> None:
    from macros.site.plugin import HandbookPlugin
    from macros.site.search_cache import SearchCache

    def after_pre_page(caches: bool) -> SimpleNamespace:
        plugin = HandbookPlugin()
        errors, warnings = plugin.load_config({"caches": caches})
        assert not errors and not warnings
        cache = DerivedCache(tmp_path)
        plugin._build = SimpleNamespace(markdown=MarkdownCache(cache), search=SearchCache(cache))
        page = SimpleNamespace(render=print)
        plugin.on_pre_page(page, config=None, files=None)
        return page

    assert after_pre_page(True).render is not print, "with the caches on, a kept conversion stands in"
    assert after_pre_page(False).render is print, "with the caches off, MkDocs converts the page itself"


def test_the_pages_templates_are_kept_compiled_between_builds(tmp_path: Path) -> None:
    """Compiling our templates again costs a build about a tenth of a second: the plugin keeps them compiled in its
    cache, for the templates its pages render as for the others."""
    from mkdocs.config import load_config

    from macros.render import environment
    from tests.project import CONFIG_FILE

    shared = environment().bytecode_cache   # the build sets it for the whole process: put it back after
    try:
        config = load_config(str(CONFIG_FILE))
        plugin = config.plugins["handbook"]
        plugin.config.cache_dir = str(tmp_path)
        config.plugins.on_config(config)
        # MkDocs keeps this plugin for the process (it has on_startup): an earlier build may have loaded the template
        plugin.page_templates.cache.clear()
        plugin.page_templates.get_template("card_grid.html")
    finally:
        environment().bytecode_cache = shared
    assert list((tmp_path / "templates").glob("__jinja2_*.cache")), "a page's template was compiled and not kept"
