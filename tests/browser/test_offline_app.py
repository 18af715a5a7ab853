"""The online edition as an app: served over HTTP, visited once, then used with the server stopped and the
browser offline; updated by a real rebuild; installable. A real Chromium, driven by Playwright."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import json
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from macros.content.handbook import Handbook
from macros.outputs import app as offline_app
from tests.browsing import (
    AXE_SCRIPT,
    PHONE,
    axe_violations,
    home_screen_problems,
    search_landings,
)
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, Site, copy_project, run_mkdocs_build

SAVED = "['ready', 'failed'].includes(document.querySelector('[data-offline-status]').dataset.state)"
CARD_PDF = "print/pocket-cards-3x5-letter.pdf"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Backlogged(http.server.ThreadingHTTPServer):
    # A page and its service worker ask for many files at once: socketserver's default backlog of 5 connections
    # would make the others wait and retry.
    request_queue_size = 128


class Server:
    """A static file server on a fixed loopback port that can be stopped and started again (same origin).
    The site sits under a sub-path, as on a shared intranet host: every address in the app must be relative."""

    SUB_PATH = "handbook/"

    def __init__(self, www: Path) -> None:
        self.www = www
        self.root = www / self.SUB_PATH
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/{self.SUB_PATH}"
        self.httpd: Backlogged | None = None

    def start(self) -> None:
        self.httpd = Backlogged(("127.0.0.1", self.port), functools.partial(Quiet, directory=str(self.www)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None


@pytest.fixture
def served(site: Site, tmp_path: Path):
    server = Server(tmp_path / "www")
    shutil.copytree(site.online, server.root)
    server.start()
    yield server
    server.stop()


def precache_list(site_dir: Path) -> list[dict[str, str]]:
    source = (site_dir / offline_app.SERVICE_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"const PRECACHE = (\[.*?\]);", source).group(1))


def page_urls(site_dir: Path) -> dict[str, str]:
    """Address -> title (h1) of every page a reader can open, as the server addresses them."""
    pages = {}
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.parent.relative_to(site_dir).as_posix()
        address = "" if relative == "." else relative + "/"
        if address != offline_app.OFFLINE_PAGE:
            pages[address] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
                "article h1").get_text(" ", strip=True).rstrip("¶").strip()
    return pages


def wait_until_saved(page, timeout: float) -> None:
    """Until the status strip says the handbook is saved for use with no signal, or that saving failed (why)."""
    status = page.locator("[data-offline-status]")
    try:
        page.wait_for_function(SAVED, timeout=timeout)
    except PlaywrightTimeout:
        workers = page.evaluate("""navigator.serviceWorker.getRegistration().then(r => r ? {
            installing: r.installing && r.installing.state, waiting: r.waiting && r.waiting.state,
            active: r.active && r.active.state} : null)""")
        pytest.fail(f"still not saved after {timeout / 1000:.0f} s; the strip says: {status.text_content()!r}; "
                    f"the service workers: {workers}")
    assert status.get_attribute("data-state") == "ready", status.text_content()


def visit_until_ready(page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    wait_until_saved(page, timeout=60_000)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=10_000)
    return time.perf_counter() - started


def fetch_status(page, url: str) -> list:
    """Status and first bytes of a fetch made by the page (so through its service worker)."""
    return page.evaluate("""async url => {
        const response = await fetch(url);
        const bytes = new Uint8Array(await response.arrayBuffer()).slice(0, 4);
        return [response.status, String.fromCharCode(...bytes)];
    }""", url)


@pytest.mark.browser
def test_one_visit_saves_the_whole_handbook_for_use_with_no_signal(browser, site: Site, served: Server,
                                                                   book: Handbook) -> None:
    pages = page_urls(site.online)
    assert len(pages) > 60
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        seconds = visit_until_ready(page, served.url)
        assert "Ready offline" in page.inner_text("[data-offline-status]")
        assert home_screen_problems(page, len(book.urgent_cards())) == [], "the status note is in the way"
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)") == served.url
        assert fetch_status(page, served.url + CARD_PDF) == [200, "%PDF"]   # opened once, with a signal

        served.stop()
        context.set_offline(True)
        opened = []
        for address, title in pages.items():
            page.goto(served.url + address)
            heading = page.inner_text("article h1").rstrip("¶").strip()
            assert heading == title, f"{address}: shows {heading!r}"
            opened.append(address)
        assert len(opened) == len(pages)

        page.goto(served.url + "chapters/")
        landings = search_landings(page, "lost child")
        assert landings and landings[0].startswith(served.url), landings
        target = landings[0].split("#")[0]
        first = page.locator("[data-search-header] [data-search-results] a").first
        first.click()
        page.wait_for_load_state("load")
        assert page.url.split("#")[0] == target and target != served.url + "chapters/"
        assert page.inner_text("article h1"), "the search result did not open"

        assert fetch_status(page, served.url + CARD_PDF) == [200, "%PDF"]

        page.goto(served.url + "no/such/page/")
        assert page.url == served.url + offline_app.OFFLINE_PAGE
        assert "You are offline" in page.inner_text("article h1")
        links = page.eval_on_selector_all("article a[href]", "els => els.map(e => e.href)")
        assert served.url + "cards/" in links
    finally:
        context.close()
    print(f"\nready offline after {seconds:.1f} s; {len(opened)} of {len(pages)} pages opened offline")


def rebuild_with_a_changed_page(site_dir: Path, work: Path, marker: str) -> None:
    """A real build of the project with one chapter changed, into site_dir (the online edition)."""
    project = copy_project(work / "project")
    chapter = project / "docs" / "glossary.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    built = work / "rebuilt"
    result = run_mkdocs_build(project, built)
    assert result.returncode == 0, result.stderr[-3000:]
    shutil.rmtree(site_dir)
    shutil.copytree(built, site_dir)


@pytest.mark.browser
def test_a_new_build_is_offered_then_replaces_the_old_copy(browser, served: Server, tmp_path: Path) -> None:
    marker = "A line that only the newer build has."
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        visit_until_ready(page, served.url + "glossary/")
        assert marker not in page.inner_text("article")

        served.stop()
        rebuild_with_a_changed_page(served.root, tmp_path, marker)
        served.start()
        page.reload()   # the browser checks sw.js on navigation and installs the new build beside the old
        page.wait_for_function("document.querySelector('[data-offline-status]').dataset.state === 'update'",
                               timeout=60_000)
        toast = page.locator("[data-offline-status]")
        assert "A newer handbook is available" in toast.inner_text()
        assert marker not in page.inner_text("article"), "the old page is still shown until the reader reloads"
        with page.expect_navigation():
            toast.get_by_role("button", name="Reload").click()
        page.wait_for_load_state("load")
        assert marker in page.inner_text("article")

        caches = page.evaluate("""async () => {
            const names = await caches.keys();
            const precache = names.filter(n => n.includes('precache'));
            const urls = (await (await caches.open(precache[0])).keys()).map(r => r.url);
            return {names, precache, urls};
        }""")
        assert len(caches["precache"]) == 1, caches["names"]
        glossary = [u for u in caches["urls"] if "/glossary/index.html" in u]
        assert len(glossary) == 1, f"the old copy was kept: {glossary}"
        assert len(caches["urls"]) == len(precache_list(served.root))
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("fault", ["missing file", "storage full"])
def test_when_saving_fails_the_status_says_so_and_the_site_works_online(browser, served: Server, fault: str,
                                                                        book: Handbook) -> None:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        if fault == "missing file":
            (served.root / "glossary" / "index.html").unlink()
            expected = "a file could not be downloaded"
        else:
            cdp = context.new_cdp_session(page)
            origin = served.url.removesuffix(Server.SUB_PATH).rstrip("/")
            cdp.send("Storage.overrideQuotaForOrigin", {"origin": origin, "quotaSize": 200_000})
            expected = "storage is full"
        page.goto(served.url)
        page.wait_for_function("document.querySelector('[data-offline-status]').dataset.state === 'failed'",
                               timeout=60_000)
        status = page.inner_text("[data-offline-status]")
        assert "could not be saved" in status and expected in status and "still works" in status, status
        assert page.is_visible("[data-offline-status]")
        assert home_screen_problems(page, len(book.urgent_cards())) == [], "the status note is in the way"
        page.goto(served.url + "cards/")
        assert page.inner_text("article h1").startswith("Pocket cards"), "the site still works online"
    finally:
        context.close()


@pytest.mark.browser
def test_chromium_reports_the_site_installable(playwright, served: Server, tmp_path: Path) -> None:
    # Installability needs a real profile: incognito contexts always report an error.
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, **PHONE)
    try:
        page = context.new_page()
        visit_until_ready(page, served.url)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == [], manifest["errors"]
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
    finally:
        context.close()


@pytest.mark.browser
def test_search_dialog_has_an_accessible_name(browser, served: Server) -> None:
    page = browser.new_page()
    try:
        page.goto(served.url)
        page.add_script_tag(path=str(AXE_SCRIPT))
        result = page.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['aria-dialog-name']}})")
        assert result["violations"] == [], result["violations"]
        assert result["passes"], "axe found no dialog to check"
    finally:
        page.close()


# Every layout shift the page makes without the reader's input, summed as browsers report them (CLS counts the
# worst window of them; their sum is never less).
LAYOUT_SHIFTS = """() => {
  window.__shifts = [];
  new PerformanceObserver(list => list.getEntries().forEach(entry => {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  })).observe({type: 'layout-shift', buffered: true});
}"""
MOVED = 0.05   # "good" is 0.1 or less; the handbook keeps well under it


@pytest.mark.browser
@pytest.mark.parametrize("address", ["", "chapters/first-aid/", "onboarding/quiz/first-month-emergencies/"])
def test_a_first_visit_never_moves_the_page_under_the_reader(browser, served: Server, address: str) -> None:
    """On a slow phone connection, the first visit shows the home page's search box and the "Saving..." strip from
    the first paint: nothing moves when the scripts arrive, nor when saving ends."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        network = context.new_cdp_session(page)
        network.send("Network.enable")
        network.send("Network.emulateNetworkConditions",   # a slow 4G link while the page and its scripts arrive
                     {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 90_000})
        page.add_init_script(f"({LAYOUT_SHIFTS})()")
        page.goto(served.url + address)   # returns at the load event: every script of the page has arrived
        # Saving fetches the files one by one; a throttled worker on a loaded machine could take minutes, and how
        # long it takes moves nothing. The strip's changes are still watched for shifts.
        network.send("Network.emulateNetworkConditions",
                     {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        wait_until_saved(page, timeout=120_000)
        page.wait_for_timeout(500)
        shifts = page.evaluate("window.__shifts")
        assert sum(shifts) <= MOVED, f"{address or 'home'}: layout shifts {shifts}"
        assert page.is_visible("[data-offline-status]"), "the strip says when the handbook is ready"
    finally:
        context.close()


LATE_PROGRESS = """navigator.serviceWorker.dispatchEvent(new MessageEvent("message",
    {data: {source: "handbook-sw", type: "progress", saved: 120, total: 120}}))"""


@pytest.mark.browser
def test_a_progress_message_that_arrives_after_saving_ends_changes_nothing(browser, served: Server) -> None:
    """On a busy phone the worker's last "120 of 120 files" can reach the page after the handbook is ready."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        visit_until_ready(page, served.url)
        page.evaluate(LATE_PROGRESS)
        page.wait_for_timeout(200)
        assert page.get_attribute("[data-offline-status]", "data-state") == "ready", \
            page.inner_text("[data-offline-status]")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_online_pages_with_the_offline_status_have_no_axe_violations(browser, served: Server, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, **PHONE)
    try:
        page = context.new_page()
        visit_until_ready(page, served.url + "print/")
        assert page.is_visible("[data-offline-status]"), "the status shows after the first save"
        assert "Ready offline" in page.inner_text("[data-offline-status-text]")
        page.wait_for_timeout(500)   # Material animates colour changes: let them settle
        problems = [f"print/: {v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in axe_violations(page)]
        for address in ("", offline_app.OFFLINE_PAGE):
            page.goto(served.url + address)
            page.wait_for_timeout(300)
            problems += [f"{address}: {v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in axe_violations(page)]
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_manifest_icons_and_precache_list_come_from_the_build(site: Site) -> None:
    from PIL import Image

    manifest = json.loads((site.online / offline_app.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and manifest["scope"] == "./", "relative, so any sub-path works"
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"]
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        with Image.open(io.BytesIO((site.online / icon["src"]).read_bytes())) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG", icon["src"]

    entries = {e["url"]: e["revision"] for e in precache_list(site.online)}
    for path in site.online.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(site.online).as_posix()
        if relative.endswith((".html", ".css", ".js", ".json", ".png", ".svg", ".webmanifest")) \
                and relative not in ("404.html", offline_app.SERVICE_WORKER):
            assert relative in entries, f"{relative} is not saved for offline use"
            assert entries[relative] == hashlib.sha256(path.read_bytes()).hexdigest()[:16], relative
    assert not [u for u in entries if u.endswith((".pdf", ".zip"))], "PDFs and the zip are not precached"
    assert "search/search_index.json" in entries and offline_app.OFFLINE_PAGE + "index.html" in entries


def test_the_offline_edition_has_no_worker(site: Site) -> None:
    assert not (site.offline / offline_app.SERVICE_WORKER).exists()
    assert not (site.offline / offline_app.MANIFEST).exists()
    assert not (site.offline / "offline.html").exists()
    home = (site.offline / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest"' not in home and "offline.js" not in home and "workbox" not in home
