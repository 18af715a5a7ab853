"""The example organisation's edition (profiles/example-hospital), and changed or broken copies of it for tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.project import PROJECT_DIR

EXAMPLE = PROJECT_DIR / "profiles" / "example-hospital"


SETTINGS = yaml.safe_load((EXAMPLE / "profile.yml").read_text(encoding="utf-8"))

# The name the example edition is built under in the tests: markup characters in it must show as text everywhere.
NAME_WITH_MARKUP = 'Smith & Sons <b>Night</b> "Watch"'
SHORT_NAME_WITH_MARKUP = "S&S <i>"


def example_named_with_markup(tmp_path: Path) -> Path:
    """The example profile under NAME_WITH_MARKUP: the edition the site tests and the wheel test build (one
    build's PDFs serve both, through the shared cache)."""
    return changed_profile(tmp_path, folder="example-named-with-markup", name=NAME_WITH_MARKUP,
                           short_name=SHORT_NAME_WITH_MARKUP)


def changed_profile(tmp_path: Path, folder: str = "bad-profile", **changes: object) -> Path:
    """A copy of the example profile (in tmp_path/folder) with some keys of profile.yml changed (None removes a
    key)."""
    copy = shutil.copytree(EXAMPLE, tmp_path / folder)
    settings = dict(SETTINGS)
    for key, value in changes.items():
        if value is None:
            settings.pop(key)
        else:
            settings[key] = value
    (copy / "profile.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return copy


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
