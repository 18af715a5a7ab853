"""Bad data ends a build with its message alone, not a traceback."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from mkdocs.exceptions import PluginError

from macros.errors import DataError


def stop_on_bad_data(function: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a DataError raised inside `function` into MkDocs' clean build failure."""
    @wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DataError as error:
            raise PluginError(str(error)) from None
    return run
