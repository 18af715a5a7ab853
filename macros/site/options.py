"""The plugin's options in mkdocs.yml, typed: the build's caches, and one group each for the edition's profile,
the offline build, the LMS package and the installable app."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

PLUGIN_NAME = "handbook"   # under plugins: in mkdocs.yml; the entry point in pyproject.toml


class ProfileOptions(base.Config):
    """An organisation's edition: a profile folder (profiles/<name>), relative to mkdocs.yml; empty for none."""

    folder = c.Type(str, default="")


class OfflineOptions(base.Config):
    """The offline build (runs from file://, no service worker), and the zip of it the online build links."""

    enabled = c.Type(bool, default=False)
    zip = c.Type(str, default="")


class ScormOptions(base.Config):
    """The onboarding course's LMS package (made from the offline build), which the online build links."""

    zip = c.Type(str, default="")


class AppOptions(base.Config):
    """The online build as an installable app that works with no signal."""

    short_name = c.Type(str, default="Handbook")
    theme_color = c.Type(str, default="#1b3a5c")
    workbox = c.Type(str, default="assets/javascripts/vendor/workbox-7.4.1")   # the vendored Workbox runtime


class HandbookOptions(base.Config):
    """Everything the handbook plugin takes from mkdocs.yml."""

    # Keep Markdown conversions, search entries and the theme's compiled templates between builds (false: MkDocs
    # and Material do all their work every build; the site comes out the same, tests/site/test_caches_off.py).
    caches = c.Type(bool, default=True)
    profile = c.SubConfig(ProfileOptions)
    offline = c.SubConfig(OfflineOptions)
    scorm = c.SubConfig(ScormOptions)
    app = c.SubConfig(AppOptions)
