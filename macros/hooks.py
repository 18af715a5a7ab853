"""MkDocs hooks: generated state pages, print files, search keywords, abbreviations and a lean output."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros import derived, markdown_cache, offline_app, pdf, raw_html, search_cache, search_terms, timing
from macros.background import background
from macros.build_errors import stop_on_bad_data
from macros.glossary import abbreviation_lines
from macros.handbook import Handbook, load_handbook
from macros.navigation import chapter_titles
from macros.print_files import (
    HANDBOOK_PDF,
    OFFLINE_ZIP_NAME,
    data_print_paths,
    deck_path,
    offline_zip_path,
    sign_off_path,
    state_card_path,
    state_deck_path,
)
from macros.profile import (
    EDITION_CSS,
    Edition,
    check_cards_fit,
    configured_folder,
    contacts_overflow,
    edition_files,
    nav_with_post_orders,
)
from macros.render import compiled_templates, render
from macros.states import nav_with_states, page_path, state_stub

# Data shared between the events of one build.
_build: dict[str, Any] = {}


def _book() -> Handbook:
    return _build["book"]


@stop_on_bad_data
@timing.timed("hooks")
def on_config(config: Any) -> Any:
    """Load and check all data (and the edition's profile, if any), then list one nav entry per state under
    States; an edition also brings its name, logo, colours and post-order pages. Search keeps its entries of
    unchanged pages between builds."""
    _build.clear()
    derived.made.clear()
    raw_html.clear()
    _build["book"] = load_handbook(profile=configured_folder(config))
    _build["chapters"] = {}
    config.nav = nav_with_states(config.nav, _book().states)
    search = config.plugins.get("material/search")
    if search is not None:
        search_cache.remember_entries(search)
    if _book().edition:
        _apply_edition(config, _book().edition)
    return config


def _apply_edition(config: Any, edition: Edition) -> None:
    """The organisation's name, logo, colours and post-order pages in place of the house ones."""
    profile = edition.profile
    config.site_name = profile.name
    if edition.logo_site_path:
        config.theme["logo"] = edition.logo_site_path
        config.theme["favicon"] = edition.logo_site_path
    app = config.extra["app"]
    app["theme_color"] = profile.colours.primary
    if profile.short_name:
        app["short_name"] = profile.short_name
    config.extra_css.append(EDITION_CSS)
    config.nav = nav_with_post_orders(config.nav, edition)


@stop_on_bad_data
@timing.timed("hooks")
def on_files(files: Files, config: Any) -> Files:
    """Add a page per state, the PDFs, and the offline edition's zip when one was built."""
    book = _book()
    for state in book.states:
        files.append(File.generated(config, page_path(state), content=state_stub(state)))
    if book.edition:
        _add_edition_files(files, config, book)
    # Made now, so bad data stops the build before any page is written; under serve, places kept now (so
    # links to them validate) and filled after the pages (on_post_build), like the handbook's.
    made = {} if background.serving else _print_files(book)
    for path in [*data_print_paths(book.states), HANDBOOK_PDF]:
        files.append(File.generated(config, path, content=made.get(path, b"")))
    zip_path = offline_zip_path(config)
    if zip_path:
        files.append(File.generated(config, OFFLINE_ZIP_NAME, abs_src_path=str(zip_path)))
    if config.extra.get("offline_edition"):
        files.remove(files.get_file_from_path(offline_app.OFFLINE_PAGE_SOURCE))   # only a worker serves it
    else:
        for path, content in _app_files(config).items():
            files.append(File.generated(config, path, content=content))
    markdown_cache.new_build(files, config)
    return files


def _add_edition_files(files: Files, config: Any, book: Handbook) -> None:
    """The edition's stylesheet, post-order pages and logo."""
    edition = book.edition
    assert edition is not None
    for path, text in edition_files(edition).items():
        files.append(File.generated(config, path, content=text))
    if edition.logo_file and edition.logo_site_path:
        files.append(File.generated(config, edition.logo_site_path, abs_src_path=str(edition.logo_file)))


def _app_files(config: Any) -> dict[str, str | bytes]:
    """The online edition's web manifest and icons (the offline edition runs from file://, with no app)."""
    app = config.extra["app"]
    made: dict[str, str | bytes] = dict(offline_app.app_icons(app["theme_color"]))
    made[offline_app.MANIFEST] = offline_app.web_manifest(
        config.site_name, app["short_name"], config.site_description, app["theme_color"])
    return made


def _print_files(book: Handbook) -> dict[str, bytes]:
    """Every PDF made from data alone: the topic decks, each state's deck and card, the sign-off sheets. An
    edition's own cards must fit before any deck is made."""
    if book.edition:
        check_cards_fit(book.edition, book.topic_cards())
    state_cards = [book.state_card(state.code) for state in book.states]
    try:
        decks = pdf.card_decks(book.topic_cards(), state_cards, book.title("Pocket cards"))
    except pdf.CardOverflow as error:
        raise contacts_overflow(book.edition, error) if book.edition else error
    made = {deck_path(key): data for key, data in decks.topics.items()}
    for state, card in zip(book.states, state_cards):
        made.update({state_deck_path(state.code, key): data for key, data in decks.states[card.id].items()})
        made.update({state_card_path(state.code, key): data for key, data in decks.state_cards[card.id].items()})
    sheet = render("sign_off.html", steps=book.path, drills=book.drills)
    for key, size in pdf.SHEETS.items():
        made[sign_off_path(key)] = pdf.sign_off_pdf(sheet, size)
    listed = set(data_print_paths(book.states))   # the places on_files keeps for them
    if set(made) != listed:
        raise RuntimeError(f"print files made and listed differ: {sorted(set(made) ^ listed)}")
    return made


def _write(site: Path, made: dict[str, bytes]) -> None:
    for path, data in made.items():
        (site / path).write_bytes(data)


def on_env(env: Any, config: Any, files: Files) -> Any:
    """Keep the theme's compiled templates between builds, as we keep our own."""
    env.bytecode_cache = compiled_templates()
    return env


def on_pre_page(page: Page, config: Any, files: Files) -> Page:
    """A page is converted from Markdown only when its Markdown (or the site's files) changed since a build
    kept its conversion."""
    markdown_cache.remember(page)
    return page


@timing.timed("hooks")
def on_page_markdown(markdown: str, page: Page, config: Any, files: Files) -> str:
    """Add the glossary's abbreviation tooltips."""
    return markdown + "\n\n" + abbreviation_lines(_book().glossary) + "\n"


@stop_on_bad_data
@timing.timed("hooks")
def on_page_context(context: Any, page: Page, config: Any, nav: Any) -> Any:
    """Give the page's search entries their keywords and card text (Material's search has just added them)."""
    search = config.plugins.get("material/search")
    if search is not None:
        if "search_extras" not in _build:
            _build["search_extras"] = search_terms.section_extras(_book())
        search_terms.add_to_entries(
            search.search_index.entries,
            page.url,
            page.file.src_uri,
            search_terms.page_keywords(page.meta, page.file.src_uri),
            _build["search_extras"].get(page.file.src_uri),
        )
    return context


@timing.timed("hooks")
def on_page_content(html: str, page: Page, config: Any, files: Files) -> str:
    """Put back the HTML our macros held out of Markdown; keep each chapter's HTML for the printable handbook."""
    html = raw_html.restore(html, page)
    if page.file.src_uri.startswith("chapters/"):
        _build["chapters"][page.file.src_uri] = (page.title, html)
    return html


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Under `mkdocs serve`: make the PDFs and the service worker after the pages, so a saved chapter or card
    shows at once; with `make serve PROFILE=...`, rebuild when a file of the profile changes."""
    background.attach(server, waiting_for=(".pdf", "/" + offline_app.SERVICE_WORKER))
    folder = configured_folder(config)
    if folder is not None:
        server.watch(str(folder))
    return server


@stop_on_bad_data
@timing.timed("hooks")
def on_post_build(config: Any) -> None:
    """Write the handbook PDF (under `mkdocs serve`, every PDF); drop what readers never load (source maps,
    unused search languages, and in the offline edition the 404 page, which no server serves, and the worker's
    code); last, in the online edition, write the service worker. Under `mkdocs serve` the PDFs and the
    worker are written once the pages are served."""
    site = Path(config.site_dir)
    rendered = _build["chapters"]
    chapters = [(slug, *rendered[f"chapters/{slug}.md"]) for slug in chapter_titles(config.nav)]
    if background.serving:
        book = _book()
        background.run(lambda: _write(site, _print_files(book)))
    background.run(lambda: _write(site, {HANDBOOK_PDF: pdf.handbook_pdf(config.site_name, chapters)}))
    for source_map in (site / "assets").rglob("*.map"):   # only the theme's scripts and styles have them
        source_map.unlink()
    search = config.plugins.get("material/search")
    if search and (search.config.lang or [config.theme.language]) == ["en"]:
        # English search needs none of lunr's language packs (about 1 MB).
        shutil.rmtree(site / "assets" / "javascripts" / "lunr", ignore_errors=True)
    if config.extra.get("offline_edition"):
        # Its links are absolute ("/assets/..."), so from file:// it would show unstyled.
        (site / "404.html").unlink(missing_ok=True)
        shutil.rmtree(site / config.extra["app"]["workbox"], ignore_errors=True)   # no worker on file://
    else:
        # Last (after the handbook PDF, under serve too), so the precache list holds every file written before it.
        background.run(lambda: _write_service_worker(site, config.extra["app"]["workbox"]))
    timing.write_report(made=derived.made)


def _write_service_worker(site: Path, workbox: str) -> None:
    worker = offline_app.service_worker(offline_app.precache_entries(site), workbox)
    (site / offline_app.SERVICE_WORKER).write_text(worker, encoding="utf-8")
