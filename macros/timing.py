"""Where build time goes: our macros, our plugin, PDF generation. Read by `make bench`."""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

_totals: dict[str, float] = defaultdict(float)
_stack: list[list[Any]] = []   # [part, started] of the measurements under way, innermost last
_helper = threading.local()   # set in a helper thread, whose time counts where the build waits for it


def helper_thread() -> None:
    """Mark the calling thread as a helper (a ThreadPoolExecutor's initializer): nothing in it is measured, as the
    time it takes is measured in the thread waiting for it, once."""
    _helper.untimed = True


@contextmanager
def measure(part: str) -> Iterator[None]:
    """Add the time spent inside to `part`, not counting time spent in nested measurements."""
    if getattr(_helper, "untimed", False):
        yield
        return
    now = time.perf_counter()
    if _stack:
        outer = _stack[-1]
        _totals[outer[0]] += now - outer[1]
    _stack.append([part, now])
    try:
        yield
    finally:
        name, started = _stack.pop()
        now = time.perf_counter()
        _totals[name] += now - started
        if _stack:
            _stack[-1][1] = now


def timed(part: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator form of measure()."""
    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)
        def inner(*args: Any, **kwargs: Any) -> Any:
            with measure(part):
                return function(*args, **kwargs)
        return inner
    return wrap


def write_report(target: Path, **extra: Any) -> None:
    """Write the totals, and anything extra, as JSON to target (the plugin's timings option)."""
    target.write_text(json.dumps({**_totals, **extra}, indent=2), encoding="utf-8")
