"""mkdocs-macros entry point: registers the handbook's macros, nothing else."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from macros.blocks import Blocks
from macros.handbook import load_handbook
from macros.loader import DataError
from macros.timing import measure


def define_env(env: Any) -> None:
    """Register every public method of Blocks as a macro, bound to freshly loaded data."""
    try:
        with measure("macros"):
            blocks = Blocks(load_handbook(), env)
    except DataError as error:
        raise PluginError(str(error)) from None
    for name in Blocks.MACROS:
        env.macro(getattr(blocks, name), name)
