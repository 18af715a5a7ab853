"""Check every state source address on the web, politely, and write a report (run: make check-sources).

Needs the network, so it is never part of the build or of `make test`. One request at a time, a pause
between requests and a timeout on each. Redirects are reported, not followed. On each page that answers, every
quote the data takes from it is looked for (case, spaces and typographic quotes aside): a quote that is gone is
the first sign that a rule changed.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from macros.content.models import State
from macros.content.states import load_states
from macros.paths import DATA_DIR
from macros.render import render

REPORT_DIR = Path("build") / "source-check"   # in the project (the folder `make check-sources` runs in)
USER_AGENT = "security-handbook-source-check/1.0 (link check; one request at a time)"
MAX_PAGE_BYTES = 5_000_000


@dataclass(frozen=True)
class Target:
    """One source address of one state."""

    state: str
    number: int
    url: str
    kind: str
    unlinked: bool
    quotes: tuple[tuple[str, str], ...] = ()   # (figure's field, quote) the data takes from this source


@dataclass(frozen=True)
class Result:
    """What one address answered."""

    state: str
    number: int
    url: str
    kind: str
    outcome: str            # "ok", "redirect", "dead", "error" or "skipped"
    status: int | None
    redirect_to: str | None
    error: str | None
    quotes_found: tuple[str, ...] = ()     # fields whose quote is on the page
    quotes_gone: tuple[str, ...] = ()      # fields whose quote is not: the rule may have changed
    quotes_unchecked: tuple[str, ...] = ()  # fields whose quote could not be looked for (no page, not HTML)


def targets(states: Iterable[State]) -> list[Target]:
    """Every source address of every state, numbered as on the state page, with the quotes taken from it."""
    return [
        Target(state.code, number, str(source.url), source.kind, bool(source.unlinked), tuple(
            (field, evidence.quote) for field, figure in state.figures()
            for evidence in figure.evidence if evidence.source == number))
        for state in states
        for number, source in enumerate(state.sources, start=1)
    ]


_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u00a0": " "})


def normalised(text: str) -> str:
    """Text as quotes are compared: lower case, typographic quotes and dashes folded, runs of space made one."""
    return " ".join(text.translate(_FOLD).lower().split())


def page_text(body: str) -> str:
    """The readable text of an HTML page (tags dropped, entities decoded), normalised."""
    without = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", body)
    return normalised(html.unescape(re.sub(r"<[^>]+>", " ", without)))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def check_url(url: str, timeout: float) -> tuple[str, int | None, str | None, str | None, str | None]:
    """(outcome, status, redirect target, error, page text) for one address; no redirect is followed. The text is
    there only for an HTML page that answered."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            text = None
            if "html" in response.headers.get("Content-Type", ""):
                charset = response.headers.get_content_charset() or "utf-8"
                text = page_text(response.read(MAX_PAGE_BYTES).decode(charset, errors="replace"))
            return "ok", response.status, None, None, text
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            location = error.headers.get("Location")
            target = urllib.parse.urljoin(url, location) if location else None
            return "redirect", error.code, target, None, None
        return "dead", error.code, None, None, None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return "error", None, None, str(reason), None


def check(
    items: list[Target],
    delay: float = 1.0,
    timeout: float = 15.0,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Result]:
    """Check the targets one at a time, pausing `delay` seconds between requests."""
    results: list[Result] = []
    first = True
    for item in items:
        if item.unlinked:
            results.append(Result(item.state, item.number, item.url, item.kind, "skipped", None, None,
                                  "not linked from the site (test or staging host)"))
            continue
        if not first:
            sleep(delay)
        first = False
        outcome, status, redirect_to, error, text = check_url(item.url, timeout)
        found: tuple[str, ...]
        gone: tuple[str, ...]
        if text is None:
            found, gone, unchecked = (), (), tuple(field for field, _ in item.quotes)
        else:
            there = [(field, normalised(quote) in text) for field, quote in item.quotes]
            found = tuple(field for field, present in there if present)
            gone = tuple(field for field, present in there if not present)
            unchecked = ()
        results.append(Result(item.state, item.number, item.url, item.kind, outcome, status, redirect_to, error,
                              found, gone, unchecked))
    return results


def quotes_gone(results: list[Result]) -> dict[str, list[tuple[str, int, str]]]:
    """State -> (figure's field, source number, address) for every quote no longer on its page."""
    gone: dict[str, list[tuple[str, int, str]]] = {}
    for result in results:
        for field in result.quotes_gone:
            gone.setdefault(result.state, []).append((field, result.number, result.url))
    return gone


def summary(results: list[Result]) -> dict[str, int]:
    """How many addresses had each outcome, and how many quotes were found, gone or not looked for."""
    outcomes = ("ok", "redirect", "dead", "error", "skipped")
    totals = {outcome: sum(1 for r in results if r.outcome == outcome) for outcome in outcomes}
    for name in ("quotes_found", "quotes_gone", "quotes_unchecked"):
        totals[name.replace("_", " ")] = sum(len(getattr(r, name)) for r in results)
    return totals


def write_report(results: list[Result], out_dir: Path, checked_at: datetime) -> tuple[Path, Path]:
    """Write report.json and report.md into out_dir; return both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = checked_at.isoformat(timespec="seconds")
    by_state: dict[str, list[Result]] = {}
    for result in results:
        by_state.setdefault(result.state, []).append(result)
    totals, gone = summary(results), quotes_gone(results)
    json_path = out_dir / "report.json"
    json_path.write_text(json.dumps({
        "checked_at": stamp,
        "summary": totals,
        "quotes_gone": gone,
        "states": {code: [asdict(r) for r in rows] for code, rows in by_state.items()},
    }, indent=2), encoding="utf-8")
    md_path = out_dir / "report.md"
    md_path.write_text(render("source_check.md", checked_at=stamp, totals=totals, by_state=by_state, gone=gone),
                       encoding="utf-8")
    return json_path, md_path


def main(argv: list[str] | None = None) -> int:
    """Check the sources of every state (or of the given states) and write the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("states", nargs="*", help="state codes to check (default: all)")
    parser.add_argument("--out", type=Path, default=REPORT_DIR)
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between requests (default 1)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default 15)")
    args = parser.parse_args(argv)
    states = load_states(DATA_DIR / "states")
    wanted = {code.upper() for code in args.states}
    chosen = [s for s in states if not wanted or s.code in wanted]
    results = check(targets(chosen), delay=args.delay, timeout=args.timeout)
    json_path, md_path = write_report(results, args.out, datetime.now(UTC))
    totals = summary(results)
    print(f"{len(results)} addresses: " + ", ".join(f"{n} {k}" for k, n in totals.items()))
    for code, fields in quotes_gone(results).items():
        print(f"{code}: quote gone for " + ", ".join(f"{field} (source {number})" for field, number, _ in fields))
    print(f"Report: {md_path} and {json_path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
