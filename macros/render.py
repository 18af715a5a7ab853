"""The Jinja environment for the project's own templates: autoescaped, strict about undefined names."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)

from macros.paths import TEMPLATES_DIR


@cache
def compiled_templates(folder: Path) -> FileSystemBytecodeCache:
    """Templates compiled to Python bytecode, kept between builds in folder (ours and the theme's): compiling them
    again costs about half a second a build. Jinja checks each against its source, so none is ever stale."""
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def keep_compiled(folder: Path, *overlays: Environment) -> None:
    """Keep our templates compiled in folder (the build's cache), from now on, in the shared environment and in
    overlays of it (an overlay copies its settings when it is made, not later)."""
    for templates in (environment(), *overlays):
        templates.bytecode_cache = compiled_templates(folder)


@cache
def environment() -> Environment:
    """One shared environment; every value from data is HTML-escaped on output."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context: Any) -> str:
    """Render one template from macros/templates/ with the given context."""
    return environment().get_template(template).render(**context)
