"""The handbook's MkDocs plugin: generated state pages, print files, search keywords, abbreviations, an
organisation's edition, the installable app and a lean output. The build's state lives on the instance."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros import timing
from macros.cache import DerivedCache
from macros.content.addresses import chapter_of, chapter_page
from macros.content.handbook import Handbook, load_handbook
from macros.content.onboarding import quiz_page_path
from macros.content.profile import Edition
from macros.content.states import page_path
from macros.outputs import app
from macros.outputs.internals import search_entries
from macros.outputs.minify import minify_own_assets
from macros.outputs.pdfs import data_pdfs, handbook_pdf
from macros.outputs.print_files import (
    HANDBOOK_PDF,
    OFFLINE_ZIP_NAME,
    SCORM_ZIP_NAME,
    data_print_paths,
)
from macros.paths import PACKAGE_DIR
from macros.render import compiled_templates, environment, keep_compiled
from macros.site import builder, search_index
from macros.site.abbreviations import abbreviation_lines
from macros.site.background import Background
from macros.site.blocks import register_macros
from macros.site.downloads import make_downloads
from macros.site.errors import stop_on_bad_data
from macros.site.held_html import HeldHtml
from macros.site.markdown_cache import MarkdownCache
from macros.site.navigation import nav_with_chapters
from macros.site.options import PLUGIN_NAME, HandbookOptions
from macros.site.pages import (
    EDITION_CSS,
    edition_files,
    nav_with_post_orders,
    nav_with_quizzes,
    nav_with_states,
    profile_folder,
    quiz_stub,
    state_stub,
)
from macros.site.search_cache import SearchCache

SEARCH = "material/search"
OFFLINE = "material/offline"   # Material's offline plugin: on for the offline edition alone
MACROS = "macros"              # mkdocs-macros, which renders the pages' macros
# Runs before the default priority (0) of other plugins, or after them.
FIRST, LAST = 50, -50


@dataclass
class Build:
    """What one build's events share: the data, the derived-file cache, rendered chapters."""

    book: Handbook
    project: Path    # mkdocs.yml's folder: every path in the plugin's options is relative to it
    site_name: str   # as written: config.site_name holds it HTML-escaped, since the theme prints it as it is
    theme_color: str
    short_name: str   # the app's name on a phone's home screen
    cache: DerivedCache
    markdown: MarkdownCache
    search: SearchCache
    chapters: dict[str, tuple[str, str]] = field(default_factory=dict)   # src path -> (title, HTML)
    downloads: dict[str, Path] = field(default_factory=dict)   # site path -> the offline zip and LMS package
    data_pdfs: Callable[[], dict[str, bytes]] = dict   # the PDFs made from data, once made (on_files starts them)


class HandbookPlugin(BasePlugin[HandbookOptions]):
    """Turns the handbook's data into pages, PDFs and an offline app around MkDocs' own build."""

    def __init__(self) -> None:
        self.background = Background()
        self.held = HeldHtml()
        # Our templates for pages: `{% filter held %}<div>...</div>{% endfilter %}` keeps HTML out of Markdown.
        self.page_templates = environment().overlay()
        self.page_templates.filters["held"] = self.held.hold
        self._build: Build | None = None
        self.command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this event keeps the instance across `mkdocs serve` rebuilds, so its background work does.
        Under serve there are no downloads (the offline build and its zips): they would slow every save."""
        self.command = command
        # MkDocs keeps this instance for every build in the process: a new command writes its files at once
        # until on_serve says it serves.
        self.background.serving = False

    @property
    def build(self) -> Build:
        """The current build's shared state (set up by on_config)."""
        if self._build is None:
            raise RuntimeError(f"the '{PLUGIN_NAME}' plugin's on_config has not run")
        return self._build

    @property
    def offline(self) -> bool:
        """Whether this is the offline build, which runs from file:// with no app."""
        return bool(self.config.offline.enabled)

    def offline_zip(self) -> Path | None:
        """The offline build's zip this (online) build publishes, if it made one."""
        return self.build.downloads.get(OFFLINE_ZIP_NAME)

    def scorm_zip(self) -> Path | None:
        """The LMS package this (online) build publishes, if it made one."""
        return self.build.downloads.get(SCORM_ZIP_NAME)

    def cache_dir(self) -> Path:
        """Where this build keeps derived files and compiled templates (the cache_dir option)."""
        return self.build.project / self.config.cache_dir

    # --- configuration -------------------------------------------------------------------------------------

    @event_priority(FIRST)   # before Material's offline plugin, which this turns on or off
    @stop_on_bad_data
    @timing.timed("plugin")
    def _on_config_load(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check all data (and the edition's profile, if any), then list one nav entry per state under
        States; an edition also brings its name, logo, colours and post-order pages."""
        project = Path(config.config_file_path).parent
        folder = profile_folder(self.config.profile.folder, project)
        cache_dir = project / self.config.cache_dir
        cache = DerivedCache(cache_dir / "derived")
        book = load_handbook(profile=folder, kept=cache.folder if self.config.caches else None)
        keep_compiled(cache_dir / "templates", self.page_templates)
        self.held.clear()
        app_options = self.config.app
        self._build = Build(book, project, config.site_name, app_options.theme_color, app_options.short_name, cache,
                            MarkdownCache(cache), SearchCache(cache))
        if str(PACKAGE_DIR) not in config.watch:
            config.watch.append(str(PACKAGE_DIR))   # data, templates, the plugin: `make serve` reloads on a change
        offline_plugin = config.plugins.get(OFFLINE)
        if offline_plugin is not None:
            offline_plugin.config.enabled = self.offline   # one switch: the handbook's offline option
        steps = [quiz.step for quiz in book.quizzes()]
        config.nav = nav_with_quizzes(nav_with_states(nav_with_chapters(_nav(config), book.chapters), book.states),
                                      steps)
        if book.edition:
            self._apply_edition(config, book.edition)
        return config

    @event_priority(LAST)
    def _on_config_search(self, config: MkDocsConfig) -> MkDocsConfig:
        """The handbook's search box reads its own index (on_post_build), not Material's, so the offline build
        needs no worker shim either."""
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [script for script in polyfills if "iframe-worker" not in script]
        return config

    @event_priority(LAST)    # after mkdocs-macros has set up its environment, wherever either is listed
    def _on_config_macros(self, config: MkDocsConfig) -> MkDocsConfig:
        """Hand the pages' macros, bound to this build's data, to mkdocs-macros through its public hooks."""
        macros = config.plugins.get(MACROS)
        if macros is None:
            raise PluginError(f"mkdocs.yml: list the '{MACROS}' plugin (mkdocs-macros): the pages call its macros")
        register_macros(macros, self)
        return config

    on_config = CombinedEvent(_on_config_load, _on_config_search, _on_config_macros)

    def _apply_edition(self, config: MkDocsConfig, edition: Edition) -> None:
        """The organisation's name, logo, colours and post-order pages in place of the house ones."""
        profile = edition.profile
        self.build.site_name = profile.name
        config.site_name = html.escape(profile.name)
        if edition.logo_site_path:
            config.theme["logo"] = edition.logo_site_path
            config.theme["favicon"] = edition.logo_site_path
        self.build.theme_color = profile.colours.primary
        if profile.short_name:
            self.build.short_name = profile.short_name
        config.extra_css.append(EDITION_CSS)
        config.nav = nav_with_post_orders(_nav(config), edition)

    # --- downloads and files -------------------------------------------------------------------------------

    @stop_on_bad_data
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """The online build first builds the offline edition where mkdocs.yml says, zips it and packages its
        course for an LMS, to publish both: `mkdocs build` makes what `make site` makes (not under serve)."""
        build = self.build
        if self.config.offline.folder and not self.offline and self.command != "serve":
            build.downloads = make_downloads(build.book, build.project / self.config.offline.folder,
                                             lambda folder: self._build_offline(config, folder))

    @stop_on_bad_data
    @timing.timed("plugin")
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add a page per state and a self-check page per path step, the PDFs, and the offline build's zip and
        LMS package when they were made."""
        book = self.build.book
        for state in book.states:
            files.append(File.generated(config, page_path(state), content=state_stub(state)))
        for quiz in book.quizzes():
            files.append(File.generated(config, quiz_page_path(quiz.step), content=quiz_stub(quiz.step)))
        if book.edition:
            self._add_edition_files(files, config, book.edition)
        # The PDFs' places, kept now so links to them validate; on_post_build writes them. The PDFs made from data
        # are started now: `mkdocs build` makes them at once, so bad data stops it before any page is written;
        # `mkdocs serve`, on its worker while the pages are made.
        titles = book.chapter_titles()
        build = self.build
        side_by_side = not self.background.serving   # a rebuild under serve: its pages first
        build.data_pdfs = self.background.start(lambda: data_pdfs(build.cache, book, titles, side_by_side))
        for path in [*data_print_paths(book.states), HANDBOOK_PDF]:
            files.append(WrittenAfterPages.generated(config, path, content=b""))
        for name, download in build.downloads.items():
            files.append(File.generated(config, name, abs_src_path=str(download)))
        if self.offline:
            offline_page = files.get_file_from_path(app.OFFLINE_PAGE_SOURCE)
            if offline_page is not None:
                files.remove(offline_page)   # only a worker serves it
        else:
            for path, content in self._app_files(config).items():
                files.append(File.generated(config, path, content=content))
        for file in self._never_loaded(files, config):
            files.remove(file)
        self.build.markdown.new_build(files, config)
        return files

    def _never_loaded(self, files: Files, config: MkDocsConfig) -> list[File]:
        """The theme's files no reader loads, left out rather than copied: source maps, lunr's language packs
        when the search is English (about 1 MB), and in the offline build the service worker's code (no worker
        runs on file://)."""
        search = config.plugins.get(SEARCH)
        english = search is not None and (search.config.lang or [config.theme["language"]]) == ["en"]
        folders = tuple(folder for folder, unused in (("assets/javascripts/lunr/", english),
                                                      (self.config.app.workbox.rstrip("/") + "/", self.offline))
                        if unused)
        return [file for file in files if file.src_uri.startswith(folders) or
                (file.src_uri.startswith("assets/") and file.src_uri.endswith(".map"))]

    def _build_offline(self, config: MkDocsConfig, folder: Path) -> None:
        """The offline edition of the same sources and options, built into folder (in a process of its own)."""
        edition = profile_folder(self.config.profile.folder, self.build.project)
        try:
            builder.build_apart(Path(config.config_file_path), folder, offline=True, edition=edition,
                                cache_dir=self.cache_dir(), engine=builder.engine_of(config))
        except builder.BuildFailed as failure:
            raise PluginError(f"the offline edition's build stopped: {failure}") from None

    def _add_edition_files(self, files: Files, config: MkDocsConfig, edition: Edition) -> None:
        """The edition's stylesheet, post-order pages and logo."""
        for path, text in edition_files(edition).items():
            files.append(File.generated(config, path, content=text))
        if edition.logo_file and edition.logo_site_path:
            files.append(File.generated(config, edition.logo_site_path, abs_src_path=str(edition.logo_file)))

    def _app_files(self, config: MkDocsConfig) -> dict[str, str | bytes]:
        """The online build's web manifest and icons (the offline build runs from file://, with no app)."""
        build = self.build
        made: dict[str, str | bytes] = dict(app.app_icons(build.cache, build.theme_color))
        made[app.MANIFEST] = app.web_manifest(
            build.site_name, build.short_name, config.site_description or "", build.theme_color)
        return made

    # --- pages ---------------------------------------------------------------------------------------------

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Keep the theme's compiled templates between builds, as we keep our own; give the theme's templates
        what they need of the build."""
        if self.config.caches:
            env.bytecode_cache = compiled_templates(self.cache_dir() / "templates")
        env.globals["handbook"] = {
            "offline": self.offline,
            "theme_color": self.build.theme_color,
            "workbox": self.config.app.workbox,
            "storage": self.build.book.storage.for_browser(),   # the keys every script uses (storage.js)
        }
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """A page is converted from Markdown only when its Markdown (or the site's files) changed since a build
        kept its conversion (unless the caches are off)."""
        if self.config.caches:
            self.build.markdown.remember(page)
        return page

    @event_priority(LAST)    # after mkdocs-macros has rendered the page's Jinja
    @timing.timed("plugin")
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Add the glossary's abbreviation tooltips."""
        return markdown + "\n\n" + abbreviation_lines(self.build.book.glossary) + "\n"

    @timing.timed("plugin")
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put back the HTML our macros held out of Markdown; keep each chapter's HTML for the printable handbook."""
        html = self.held.restore(html, page)
        if chapter_of(page.file.src_uri):
            self.build.chapters[page.file.src_uri] = (page.title or "", html)
        return html

    @event_priority(FIRST)   # before Material's search indexes the page
    def _on_page_context_kept(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """A page whose search entries were kept is not parsed again (unless the caches are off)."""
        search = config.plugins.get(SEARCH)
        if search is not None and self.config.caches:
            self.build.search.before_indexing(page, search)
        return context

    @event_priority(LAST)    # after Material's search has added the page's entries
    @stop_on_bad_data
    @timing.timed("plugin")
    def _on_page_context_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Turn the search entries Material made of the page into the handbook's (search_index.py)."""
        search = config.plugins.get(SEARCH)
        if search is not None:
            if self.config.caches:
                self.build.search.after_indexing(page, search)
            # Material has just added the page's entries at the end of the list.
            entries = search_entries(search)
            start = len(entries)
            while start and (entries[start - 1]["location"] == page.url
                             or entries[start - 1]["location"].startswith(page.url + "#")):
                start -= 1
            mine = entries[start:]
            entries[start:] = search_index.page_entries(
                self.build.book, mine, url=page.url, src_uri=page.file.src_uri, title=page.title or "",
                keywords=search_index.page_keywords(page.meta, page.file.src_uri),
                examples=search_index.example_anchors(page.toc))
        return context

    on_page_context = CombinedEvent(_on_page_context_kept, _on_page_context_search)

    # --- serving and the end of the build --------------------------------------------------------------------

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Under `mkdocs serve`: make the PDFs and the service worker after the pages, so a saved chapter or card
        shows at once; with `make serve PROFILE=...`, rebuild when a file of the profile changes."""
        self.background.attach(server, waiting_for=(".pdf", "/" + app.SERVICE_WORKER))
        edition = self.build.book.edition
        if edition is not None:
            server.watch(str(edition.folder))
        return server

    @event_priority(LAST)    # after Material's search has written its index, which the service worker lists
    @stop_on_bad_data
    @timing.timed("plugin")
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the PDFs; minify our own scripts and styles; in the offline build drop the 404 page, which no
        server serves; last, in the online build, write the service worker. Under `mkdocs serve` the PDFs and the
        worker are written once the pages are served."""
        build = self.build
        site = Path(config.site_dir)
        chapters = [(c.slug, *build.chapters[chapter_page(c.slug)]) for c in build.book.chapters]
        self.background.run(lambda: _write(build.cache, site, build.data_pdfs()))
        self.background.run(lambda: _write(build.cache, site, {HANDBOOK_PDF: handbook_pdf(
            build.cache, build.site_name, chapters)}))
        if config.theme.custom_dir:
            minify_own_assets(Path(config.theme.custom_dir), site)
        search = config.plugins.get(SEARCH)
        if search is not None:   # over the index Material has just written
            book = build.book
            links = search_index.nothing_close_links(config.use_directory_urls)
            concepts = [*book.concepts, *search_index.state_concepts(book.states, book.search)]
            index = search_index.index_json(book.search, concepts, search_entries(search), links)
            (site / "search" / "search_index.json").write_text(index, encoding="utf-8")
        workbox = self.config.app.workbox
        if self.offline:
            # Its links are absolute ("/assets/..."), so from file:// it would show unstyled.
            (site / "404.html").unlink(missing_ok=True)
        else:
            # Last (after the handbook PDF, under serve too), so the precache list holds every file written before it.
            self.background.run(lambda: _write_service_worker(site, workbox))
        if self.config.timings:
            timing.write_report(build.project / self.config.timings, made=build.cache.made)


def _nav(config: MkDocsConfig) -> list[Any]:
    """mkdocs.yml's nav, which the handbook adds its generated pages to."""
    if config.nav is None:
        raise PluginError(f"mkdocs.yml: the '{PLUGIN_NAME}' plugin adds its pages to the nav: list one under nav:")
    return config.nav


class WrittenAfterPages(File):
    """A file the plugin writes itself once the pages are written (on_post_build): MkDocs knows its place, so
    links to it validate, and writes nothing there."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def _write(cache: DerivedCache, site: Path, made: dict[str, bytes]) -> None:
    for path, data in made.items():
        cache.place(data, site / path)


def _write_service_worker(site: Path, workbox: str) -> None:
    worker = app.service_worker(app.precache_entries(site), workbox)
    (site / app.SERVICE_WORKER).write_text(worker, encoding="utf-8")
