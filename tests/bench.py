"""`make bench`: the authoring loop (our build against plain Material, save-to-reload), build time split by part
with 1x and 3x the states, page weights, and how the search does on phrasings it was not tuned on."""

from __future__ import annotations

import copy
import gzip
import itertools
import json
import os
import secrets
import statistics
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from macros.cli import build_site
from tests.browsing import VALIDATION_SETS, score_search, search_eval
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, TIMINGS, Site, copy_project
from tests.project import CACHE_DIR, CONFIG_FILE, PROJECT_DIR, copy_sources, edit_state_card, set_options
from tests.serving import fetch, serving, wait_for

# The scaled build multiplies the states only: each state has its decks, and every deck holds every topic card, so
# multiplying the cards as well would multiply the PDFs' pages by both factors.
SCALE = 3


def build(project: Path, site_dir: Path) -> dict[str, float]:
    """One strict build of a project copy (tests.conftest.copy_project: online edition only, with the cache it
    names); the wall time split into MkDocs, ours and PDFs."""
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(site_dir)], check=True, env=env, cwd=project, capture_output=True)
    total = time.perf_counter() - started
    parts = json.loads((project / TIMINGS).read_text(encoding="utf-8"))
    ours = parts.get("macros", 0.0) + parts.get("plugin", 0.0)
    return {"total": total, "mkdocs": total - ours - parts.get("pdf", 0.0), "macros+plugin": ours,
            "pdf": parts.get("pdf", 0.0), "pdfs made": len(parts.get("made", []))}


def print_folder(site: Path) -> tuple[int, float]:
    """How many PDFs a build wrote to print/, and their size in MB."""
    files = list((site / "print").rglob("*.pdf"))
    return len(files), sum(f.stat().st_size for f in files) / 1e6


def scale_states(project: Path, factor: int) -> int:
    """Multiply the states of a project copy with synthetic ones; returns how many there are."""
    states_dir = project / "macros" / "data" / "states"
    originals = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(states_dir.glob("*.yml"))]
    used = {s["code"] for s in originals}
    free_codes = (a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2) if a + b not in used)
    for state, copy_number in itertools.product(originals, range(2, factor + 1)):
        synthetic = copy.deepcopy(state)
        synthetic["code"] = next(free_codes)
        synthetic["name"] = f"{state['name']} (synthetic {copy_number})"
        (states_dir / f"{synthetic['code'].lower()}.yml").write_text(yaml.safe_dump(synthetic), encoding="utf-8")
    return len(originals) * factor


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes()))


# KB gzip a reader may wait for (tests/site/test_site.py holds the site to them).
BUDGETS_KB = {"chapter first view (HTML+CSS+JS)": 80, "search index": 150}


def weights(site: Path) -> dict[str, float]:
    """Page weights in KB (gzip): a chapter's first view, the largest page, the search index."""
    from bs4 import BeautifulSoup

    chapter = site / "chapters" / "first-impressions" / "index.html"
    doc = BeautifulSoup(chapter.read_text(encoding="utf-8"), "html.parser")
    assets = [chapter] + [(chapter.parent / t["src"]).resolve() for t in doc.select("script[src]")] + \
             [(chapter.parent / t["href"]).resolve() for t in doc.select("link[rel=stylesheet][href]")]
    return {
        "chapter first view (HTML+CSS+JS)": sum(gzip_size(a) for a in assets) / 1024,
        "largest page HTML": max(gzip_size(p) for p in site.rglob("*.html")) / 1024,
        "search index": gzip_size(site / "search" / "search_index.json") / 1024,
    }


def mkdocs_build_seconds(config: Path, site_dir: Path, env: dict[str, str]) -> float:
    """Wall time of one strict `mkdocs build`."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
                   check=True, env=env, cwd=config.parent, capture_output=True)
    return time.perf_counter() - started


def synthetic_site(project_site: Path, target: Path) -> Path:
    """A plain Material site with the project's pages and words: same theme, search and Markdown settings,
    none of our macros, hooks or data. Returns its mkdocs.yml."""
    from bs4 import BeautifulSoup

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])   # its default
    config = yaml.load((PROJECT_DIR / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    docs = target / "docs"
    nav = []
    words = iter(itertools.cycle("officer greet visitor calm listen report safety radio gate badge help post "
                                 "patrol question answer partner route exit crowd guest".split()))
    for number, page in enumerate(sorted(project_site.rglob("index.html"))):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        count = len(article.get_text(" ").split()) if article else 0
        paragraphs = [" ".join(next(words) for _ in range(min(120, count - done))).capitalize() + "."
                      for done in range(0, count, 120)]
        body = "\n\n".join(f"## Part {i}\n\n{text}" if i % 3 == 0 else text for i, text in enumerate(paragraphs))
        name = "index.md" if number == 0 else f"page-{number}.md"
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(f"# Page {number}\n\n{body}\n", encoding="utf-8")
        nav.append({f"Page {number}": name})
    plain = {
        "site_name": config["site_name"],
        "theme": {k: v for k, v in config["theme"].items() if k != "custom_dir"},
        "plugins": [config["plugins"][0]],   # Material's search, as the project lists it
        "markdown_extensions": config["markdown_extensions"],
        "nav": nav,
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    return target / "mkdocs.yml"


def against_plain_material(work: Path, pairs: int = 3) -> tuple[float, list[float], list[float]]:
    """The project's build (online edition, warm caches) against the synthetic site's, alternated in pairs."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # The project's sources and options with the project's cache, but no offline copy: the online site alone.
    project = copy_sources(work / "ours-project", ("docs", "overrides", "mkdocs.yml"))
    set_options(project / "mkdocs.yml", cache_dir=str(CACHE_DIR), offline_folder="")
    mkdocs_build_seconds(project / "mkdocs.yml", work / "warm-up", env)   # warm the PDF cache
    plain = synthetic_site(work / "warm-up", work / "plain")
    ours, theirs = [], []
    for _ in range(pairs):
        ours.append(mkdocs_build_seconds(project / "mkdocs.yml", work / "ours", env))
        theirs.append(mkdocs_build_seconds(plain, work / "theirs", env))
    return statistics.median(o / t for o, t in zip(ours, theirs, strict=True)), ours, theirs


def save_to_reload(work: Path, saves: int = 3) -> dict[str, list[float]]:
    """Seconds from saving a chapter, and a state's card, to `mkdocs serve` serving the rebuilt page, on a
    project copy."""
    project = copy_project(work / "serve-project")
    chapter = project / "docs" / "chapters" / "first-impressions.md"
    seconds: dict[str, list[float]] = {"chapter": [], "state card": []}
    with serving(project) as url:
        wait_for(url + "cards/", "</html>", timeout=60)
        for _ in range(saves):
            started = time.perf_counter()
            marker = f"A sentence saved, code {secrets.token_hex(4)}."   # new each time: no cached conversion
            chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            wait_for(url + "chapters/first-impressions/", marker, timeout=300)
            seconds["chapter"].append(time.perf_counter() - started)
            fetch(url + "print/handbook.pdf", timeout=300)   # an author reads before saving again: PDFs done

            started = time.perf_counter()
            edit = edit_state_card(project)
            wait_for(url + "states/or/", edit, timeout=300)
            seconds["state card"].append(time.perf_counter() - started)
            fetch(url + "print/states/pocket-cards-or-3x5-letter.pdf", timeout=300)
    return seconds


def search_quality(work: Path) -> dict[str, str]:
    """The header's search on each evaluation set (tests/search_eval), in Chromium, on the offline edition."""
    from playwright.sync_api import sync_playwright

    offline = work / "offline"
    build_site.build(offline=True, out=offline, config_file=CONFIG_FILE)
    site = Site(online=offline, offline=offline, timings={})
    with sync_playwright() as running:
        browser = running.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        found = {name: score_search(browser, site, search_eval(name)).summary()
                 for name in ("test", "tuning", *VALIDATION_SETS, "reported")}
        browser.close()
    return found


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as folder:
        work = Path(folder)
        search = search_quality(work)
        ratio, ours, theirs = against_plain_material(work)
        reloads = save_to_reload(work)
        warm = build(copy_project(work / "project-warm"), work / "site-warm")   # the project's own cache
        base = build(copy_project(work / "project-1x", cache_dir=work / "cache-1x"), work / "site-1x")
        pdf_count, pdf_mb = print_folder(work / "site-1x")
        big_project = copy_project(work / "project-scaled", cache_dir=work / "cache-scaled")
        states = scale_states(big_project, SCALE)
        big = build(big_project, work / "site-scaled")
        small_weights, big_weights = weights(work / "site-1x"), weights(work / "site-scaled")

    print("\nThe authoring loop (this machine, online edition)\n")
    print("| what | seconds |\n|---|---:|")
    for n, (o, t) in enumerate(zip(ours, theirs, strict=True), start=1):
        print(f"| pair {n}: project build (warm caches) / plain Material build, same pages and words | "
              f"{o:.1f} / {t:.1f} |")
    print(f"| **median ratio, project / plain Material** | **{ratio:.2f}** |")
    for kind, times in reloads.items():
        print(f"| save a {kind} -> rebuilt page served by `mkdocs serve` (median of {len(times)}) | "
              f"**{statistics.median(times):.1f}** |")
    print(f"\nPDFs ({pdf_count} files, {pdf_mb:.1f} MB in site/print)\n")
    print("| PDF build | seconds | artefacts made |\n|---|---:|---:|")
    print(f"| cold cache (everything made) | {base['pdf']:.1f} | {base['pdfs made']} |")
    print(f"| warm cache (nothing changed) | {warm['pdf']:.1f} | {warm['pdfs made']} |")
    print(f"\nBuild time, seconds (strict build of the online edition, cold PDF cache; {SCALE}x = {states} states)\n")
    print(f"| part | 1x | {SCALE}x | ratio |\n|---|---:|---:|---:|")
    for part in ("mkdocs", "macros+plugin", "pdf", "total"):   # not "pdfs made": a count, not seconds
        print(f"| {part} | {base[part]:.1f} | {big[part]:.1f} | {big[part] / max(base[part], 1e-9):.1f} |")
    print(f"\nPage weight, KB gzip\n\n| what | 1x | {SCALE}x | budget |\n|---|---:|---:|---:|")
    for name in small_weights:
        budget = BUDGETS_KB.get(name)
        print(f"| {name} | {small_weights[name]:.1f} | {big_weights[name]:.1f} | {budget or ''} |")
    print("\nSearch, header box on a 390 px phone, offline edition (tests/search_eval)\n")
    print("| set | result |\n|---|---|")
    print(f"| **test half (never tuned on)** | **{search['test']}** |")
    print(f"| tuning half | {search['tuning']} |")
    for name in VALIDATION_SETS:   # tuned on too, once measured untouched (each file's header)
        print(f"| {name} | {search[name]} |")
    print(f"| reported from use | {search['reported']} |")
    growth = big["total"] / base["total"]
    print(f"\nBuild cost grew {growth:.1f}x for {SCALE}x the data "
          f"({'no faster than linear' if growth <= SCALE * 1.1 else 'FASTER THAN LINEAR'}).")


if __name__ == "__main__":
    main()
