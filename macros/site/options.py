"""The plugin's options in mkdocs.yml, typed: the build's caches, one group each for the edition's profile, the
offline build (and its zip and LMS package) and the installable app, and where the build keeps what it derives.
`mkdocs build` reads them from mkdocs.yml; macros.site.builder sets them for `make site` and tests: no environment
variable between our parts."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

PLUGIN_NAME = "handbook"   # under plugins: in mkdocs.yml; the entry point in pyproject.toml


class ProfileOptions(base.Config):
    """An organisation's edition: a profile folder (profiles/<name>), relative to mkdocs.yml; empty for none."""

    folder = c.Type(str, default="")


class OfflineOptions(base.Config):
    """The offline build (runs from file://, no service worker), and where the online build makes it first."""

    enabled = c.Type(bool, default=False)
    # The online build first builds the offline edition into this folder (relative to mkdocs.yml), zips it beside
    # it with the onboarding course's LMS package, and publishes both. Empty: no downloads (and no extra build).
    folder = c.Type(str, default="")


class AppOptions(base.Config):
    """The online build as an installable app that works with no signal."""

    short_name = c.Type(str, default="Handbook")
    theme_color = c.Type(str, default="#1b3a5c")
    workbox = c.Type(str, default="assets/javascripts/vendor/workbox-7.4.1")   # the vendored Workbox runtime


class HandbookOptions(base.Config):
    """Everything the handbook plugin takes from mkdocs.yml."""

    # Keep the checked data, Markdown conversions, search entries and the theme's compiled templates between builds
    # (false: MkDocs, Material and the data loader do all their work every build; the site comes out the same,
    # tests/site/test_caches_off.py).
    caches = c.Type(bool, default=True)
    profile = c.SubConfig(ProfileOptions)
    offline = c.SubConfig(OfflineOptions)
    app = c.SubConfig(AppOptions)
    # Derived files (PDFs, icons, conversions, search entries) and compiled templates, kept between builds;
    # relative to mkdocs.yml, like every path here: the project is mkdocs.yml's folder, never the package's.
    cache_dir = c.Type(str, default=".cache")
    timings = c.Type(str, default="")   # a JSON file the build writes where its time went (`make bench`); empty: none
