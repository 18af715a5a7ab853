"""The handbook's Python package. mkdocs-macros calls define_env; the MkDocs plugin is macros.site.plugin."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register every macro, bound to this build's data (imported here, so that loading the data never
    imports MkDocs)."""
    from macros.site.blocks import register

    register(env)
