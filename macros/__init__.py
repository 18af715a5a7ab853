"""mkdocs-macros entry point: registers the handbook's macros, nothing else."""

from __future__ import annotations

from typing import Any

from macros.blocks import Blocks
from macros.build_errors import stop_on_bad_data
from macros.handbook import load_handbook
from macros.profile import configured_folder
from macros.timing import measure


@stop_on_bad_data
def define_env(env: Any) -> None:
    """Register every macro of Blocks, bound to freshly loaded and checked data."""
    with measure("macros"):
        blocks = Blocks(load_handbook(profile=configured_folder(env.conf)), env)
    for name in Blocks.MACROS:
        env.macro(getattr(blocks, name), name)
