"""The example organisation's edition (profiles/example-hospital), and broken copies of it for tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.project import PROJECT_DIR

EXAMPLE = PROJECT_DIR / "profiles" / "example-hospital"


SETTINGS = yaml.safe_load((EXAMPLE / "profile.yml").read_text(encoding="utf-8"))


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
