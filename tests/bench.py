"""`make bench`: build time split by part, the same with 10x the states and cards, page weights."""

from __future__ import annotations

import copy
import gzip
import itertools
import json
import os
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from macros.paths import PROJECT_DIR
from tests.conftest import copy_project

SCALE = 10


def build(project: Path, site_dir: Path, work: Path) -> dict[str, float]:
    """One strict build with a cold PDF cache; the wall time split into MkDocs, ours and PDFs."""
    timings_file = work / f"timings-{site_dir.name}.json"
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1",
               HANDBOOK_TIMINGS=str(timings_file), HANDBOOK_PRINT_CACHE=str(work / f"cache-{site_dir.name}"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(site_dir)], check=True, env=env, cwd=project, capture_output=True)
    total = time.perf_counter() - started
    parts = json.loads(timings_file.read_text(encoding="utf-8"))
    ours = parts.get("macros", 0.0) + parts.get("hooks", 0.0)
    return {"total": total, "mkdocs": total - ours - parts.get("pdf", 0.0), "macros+hooks": ours,
            "pdf": parts.get("pdf", 0.0)}


def scale_data(project: Path, factor: int) -> tuple[int, int]:
    """Multiply the states and topic cards of a project copy with synthetic entries."""
    states_dir = project / "macros" / "data" / "states"
    originals = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(states_dir.glob("*.yml"))]
    used = {s["code"] for s in originals}
    free_codes = (a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2) if a + b not in used)
    for state, copy_number in itertools.product(originals, range(2, factor + 1)):
        synthetic = copy.deepcopy(state)
        synthetic["code"] = next(free_codes)
        synthetic["name"] = f"{state['name']} (synthetic {copy_number})"
        (states_dir / f"{synthetic['code'].lower()}.yml").write_text(yaml.safe_dump(synthetic), encoding="utf-8")
    cards_file = project / "macros" / "data" / "cards.yml"
    deck = yaml.safe_load(cards_file.read_text(encoding="utf-8"))
    originals_cards = deck["cards"]
    deck["cards"] = originals_cards + [
        {**card, "id": f"{card['id']}-{n}", "drill": None} for n in range(2, factor + 1) for card in originals_cards
    ]
    cards_file.write_text(yaml.safe_dump(deck, sort_keys=False), encoding="utf-8")
    return len(originals) * factor, len(deck["cards"])


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes()))


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


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as folder:
        work = Path(folder)
        base = build(PROJECT_DIR, work / "site-1x", work)
        big_project = copy_project(work / "project-10x")
        states, cards = scale_data(big_project, SCALE)
        big = build(big_project, work / "site-10x", work)
        small_weights, big_weights = weights(work / "site-1x"), weights(work / "site-10x")

    print(f"\nBuild time, seconds (strict build of the online edition, cold PDF cache; "
          f"10x = {states} states, {cards} topic cards)\n")
    print(f"| part | 1x | {SCALE}x | ratio |\n|---|---:|---:|---:|")
    for part in ("mkdocs", "macros+hooks", "pdf", "total"):
        print(f"| {part} | {base[part]:.1f} | {big[part]:.1f} | {big[part] / max(base[part], 1e-9):.1f} |")
    print(f"\nPage weight, KB gzip\n\n| what | 1x | {SCALE}x |\n|---|---:|---:|")
    for name in small_weights:
        print(f"| {name} | {small_weights[name]:.1f} | {big_weights[name]:.1f} |")
    growth = big["total"] / base["total"]
    print(f"\nBuild cost grew {growth:.1f}x for {SCALE}x the data "
          f"({'no faster than linear' if growth <= SCALE * 1.1 else 'FASTER THAN LINEAR'}).")


if __name__ == "__main__":
    main()
