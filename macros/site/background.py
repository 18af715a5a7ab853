"""Under `mkdocs serve`, slow files (the PDFs, then the service worker) are written after the pages, in the
background, so a saved chapter or card shows at once. MkDocs empties the site folder before every build, so
such a file is missing until it is written, never stale; a request for it waits until it is written.
`mkdocs build` writes them at once; both take the same path (plugin.py: on_files starts, on_post_build writes)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from macros.errors import DataError

log = logging.getLogger("mkdocs.plugins.handbook")
T = TypeVar("T")


class Background:
    """Jobs that write a file after the pages; under serve they run one at a time on a worker thread."""

    def __init__(self) -> None:
        self.serving = False
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handbook-background")
        self._idle = threading.Condition()
        self._busy = 0        # builds under way plus jobs not finished
        self._build = 0       # numbers the builds, so a job of a superseded build writes nothing

    def start(self, job: Callable[[], T]) -> Callable[[], T]:
        """Begin a job whose result a later job uses: now (`mkdocs build`, where its error stops the build at
        once) or on the worker (`mkdocs serve`, where a later job that asks for the result meets the error).
        Returns what gives the result; the worker runs jobs in order, so a later job never waits on it."""
        if not self.serving:
            result = job()
            return lambda: result
        return self._worker.submit(job).result

    def run(self, job: Callable[[], None]) -> None:
        """Run a job now (`mkdocs build`) or after the pages on the worker (`mkdocs serve`)."""
        if not self.serving:
            job()
            return
        with self._idle:
            self._busy += 1
            build = self._build

        def task() -> None:
            try:
                if build == self._build:
                    job()
            except DataError as error:   # the pages are served; say what is wrong loudly on the console
                log.error(f"{error}\nFiles made after the pages stay missing until the next good build.")
            except Exception:
                log.exception("A file made after the pages failed; it stays missing until the next good build.")
            finally:
                self._finished()

        self._worker.submit(task)

    def attach(self, server: Any, waiting_for: tuple[str, ...]) -> None:
        """Under `mkdocs serve`: count builds, and make requests for paths ending in `waiting_for` wait."""
        self.serving = True
        build_site = server.builder
        serve_file = server.get_app()

        def builder(*args: Any, **kwargs: Any) -> None:
            with self._idle:
                self._busy += 1
                self._build += 1
            try:
                build_site(*args, **kwargs)
            finally:
                self._finished()

        def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            if environ.get("PATH_INFO", "").endswith(waiting_for):
                self.wait()
            return serve_file(environ, start_response)

        server.builder = builder
        server.set_app(app)

    def wait(self) -> None:
        """Return once no build is under way and every job has finished."""
        with self._idle:
            self._idle.wait_for(lambda: self._busy == 0)

    def _finished(self) -> None:
        with self._idle:
            self._busy -= 1
            self._idle.notify_all()

