"""What of the offline edition goes into the LMS package: the pages and files the course uses, and nothing that
gives the self-checks' answers away.

Left out: the print page and the trainer's guide (they link every deck and the answer keys), the answer keys
themselves, every state deck and state card, the search index's second copy (an LMS serves the package over
HTTP, where the pages fetch the JSON one) and the sitemap. A PDF goes in only when a page of the package links it.
Links to what is left out are taken out of the pages that stay: a menu entry goes with its item, a footer or
button link goes whole, a link in a sentence keeps its words, and an element marked data-not-in-course (a state
page's lines on its printed deck) goes whole; search results for left-out pages go too."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from macros.content.handbook import Handbook
from macros.outputs.print_files import answer_key_paths

# Source pages of the offline edition (use_directory_urls is off there: print.md is print.html).
LEFT_OUT_PAGES = ("print.md", "onboarding/trainers-guide.md")
STATE_PRINTS = "print/states/"                           # every state's decks and cards
SEARCH_INDEX = "search/search_index.json"
LEFT_OUT_FILES = ("search/search_index.js", "sitemap.xml", "sitemap.xml.gz")
OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)   # an address with a scheme, or another host


def page_address(source: str) -> str:
    """A source page's address in the offline edition."""
    return source.removesuffix(".md") + ".html"


def left_out(book: Handbook) -> Callable[[str], bool]:
    """Whether a file of the offline edition stays out of the package, whatever links it."""
    named = {page_address(page) for page in LEFT_OUT_PAGES} | set(answer_key_paths()) | set(LEFT_OUT_FILES)
    return lambda path: path in named or path.startswith(STATE_PRINTS)


def target(page: str, address: str) -> str | None:
    """The package file a link on a page points to (None: outside the package, or the page itself)."""
    address = address.strip()
    if not address or address.startswith("#") or OUTSIDE.match(address):
        return None
    path = re.split(r"[?#]", address, maxsplit=1)[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else None


NOT_IN_COURSE = "data-not-in-course"   # marks what pages say of files the course leaves out: it goes whole
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Attributes that hold an address relative to their page: links, sources, and those search.js loads from.
LINKING = ("href", "src", "data-index", "data-index-script", "data-minisearch", "data-stemmer", "data-engine")


class _Links(HTMLParser):
    """Finds, with their places in the text, the links of a page to files that `gone` says are not there."""

    def __init__(self, text: str, page: str, gone: Callable[[str], bool]) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.page = page
        self.gone = gone
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.open: list[tuple[str, int, str]] = []   # (tag, where its start tag begins, what to do at its end)
        self.cuts: list[tuple[int, int, str]] = []   # (start, end, replacement)
        self.doomed_items: set[int] = set()          # the start of each <li> to take out whole

    def _here(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _points_away(self, value: str | None) -> bool:
        found = target(self.page, value or "")
        return found is not None and self.gone(found)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        raw = self.get_starttag_text() or ""
        end = start + len(raw)
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        action = ""
        if NOT_IN_COURSE in values:
            action = "drop"
        elif tag == "a" and self._points_away(values.get("href")):
            if "md-nav__link" in classes:
                item = next((at for name, at, _ in reversed(self.open) if name == "li"), None)
                if item is not None:
                    self.doomed_items.add(item)
                action = "drop" if item is None else ""
            elif {"md-footer__link", "md-button"} & set(classes):
                action = "drop"
            else:
                self.cuts.append((start, end, ""))
                action = "unwrap"
        elif tag == "link" and self._points_away(values.get("href")):
            self.cuts.append((start, end, ""))
        else:
            kept = raw
            for name, value in attrs:
                if name in LINKING and self._points_away(value):
                    kept = re.sub(rf'\s{re.escape(name)}=(?:"[^"]*"|\'[^\']*\'|[^\s>]+)', "", kept, count=1)
            if kept != raw:
                self.cuts.append((start, end, kept))
        if tag not in VOID and not raw.endswith("/>"):
            self.open.append((tag, start, action))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)   # <path ... />: nothing to close

    def handle_endtag(self, tag: str) -> None:
        if tag not in (name for name, _, _ in self.open):
            return   # a stray end tag
        while True:
            name, start, action = self.open.pop()
            if name == tag:
                break
        end = self.text.index(">", self._here()) + 1
        if action == "drop" or (tag == "li" and start in self.doomed_items):
            self.cuts.append((start, end, ""))
        elif action == "unwrap":
            self.cuts.append((self._here(), end, ""))


def prune_links(text: str, page: str, gone: Callable[[str], bool]) -> str:
    """A page with its links to files that are not in the package taken out (see the module's docstring)."""
    finder = _Links(text, page, gone)
    finder.feed(text)
    finder.close()
    pieces = []
    at = 0
    for start, end, replacement in sorted(finder.cuts, key=lambda cut: (cut[0], -cut[1])):
        if start < at:
            continue   # inside a larger cut: a link in a menu item that goes whole
        pieces += [text[at:start], replacement]
        at = end
    return "".join([*pieces, text[at:]])


def links(text: str, page: str) -> Iterable[str]:
    """Every package file a page's links, sources and script data addresses point to."""
    collector = _Collector(page)
    collector.feed(text)
    collector.close()
    return collector.found


class _Collector(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in LINKING:
                found = target(self.page, value or "")
                if found is not None:
                    self.found.append(found)


def prune_search_index(text: str, gone: Callable[[str], bool]) -> str:
    """The search index without entries on left-out pages (the concepts' entry numbers follow)."""
    index = json.loads(text)
    numbers: dict[int, int] = {}
    docs: list[dict[str, Any]] = []
    for number, entry in enumerate(index["docs"]):
        if not gone(target("", entry["location"]) or ""):
            numbers[number] = len(docs)
            docs.append(entry)
    index["docs"] = docs
    for concept in index["concepts"]:
        concept["entries"] = [numbers[n] for n in concept["entries"] if n in numbers]
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def package_files(offline_site: Path, book: Handbook) -> dict[str, bytes]:
    """Package path -> content: the offline edition's files the course uses, its pages' links pruned."""
    out = left_out(book)
    files = {path.relative_to(offline_site).as_posix(): path for path in sorted(offline_site.rglob("*"))
             if path.is_file()}
    files = {name: path for name, path in files.items() if not out(name)}
    pdfs = {name for name in files if name.endswith(".pdf")}
    pages = {name: prune_links(path.read_text(encoding="utf-8"), name, lambda found: found not in files)
             for name, path in files.items() if name.endswith(".html")}
    linked = {found for name, text in pages.items() for found in links(text, name)}
    made: dict[str, bytes] = {}
    for name, path in files.items():
        if name in pdfs and name not in linked:
            continue   # no page of the course links it
        if name in pages:
            made[name] = pages[name].encode("utf-8")
        elif name == SEARCH_INDEX:
            made[name] = prune_search_index(path.read_text(encoding="utf-8"), lambda found: found not in files).encode(
                "utf-8")
        else:
            made[name] = path.read_bytes()
    return made
