"""Read the nav of mkdocs.yml: the pages it lists, in order, with their titles."""

from __future__ import annotations

from typing import Any

from macros.content.models import CHAPTERS


def nav_entries(nav: Any) -> list[tuple[str | None, str]]:
    """(title, docs path) for every page the nav lists, in order; untitled entries have None."""
    entries: list[tuple[str | None, str]] = []
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, str):
            entries.append((None, item))
        elif isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    entries.append((title, target))
                else:
                    entries.extend(nav_entries(target))
    return entries


def chapter_titles(nav: Any) -> dict[str, str]:
    """Chapter slug -> nav title, in nav order; every chapter must be listed."""
    titles = {
        path.removeprefix("chapters/").removesuffix(".md"): title
        for title, path in nav_entries(nav)
        if title and path.removeprefix("chapters/").removesuffix(".md") in CHAPTERS
    }
    missing = [c for c in CHAPTERS if c not in titles]
    if missing:
        raise ValueError(f"mkdocs.yml nav: chapters missing: {', '.join(missing)}")
    return titles
