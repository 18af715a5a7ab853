"""Find runs of words copied from the seed articles (the handbook must say everything in its own words)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

RUN_LENGTH = 8
SEEDS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Lower-case words of a text, with typographic apostrophes folded to plain ones."""
    return WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def runs(text: str, length: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    """Every run of `length` consecutive words in a text."""
    w = words(text)
    return {tuple(w[i : i + length]) for i in range(len(w) - length + 1)}


def seed_runs(seeds_dir: Path = SEEDS_DIR, length: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    """Every run of `length` words in the seed articles."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    if not seeds:
        raise FileNotFoundError(f"no seed articles in {seeds_dir}: the check would pass without checking")
    found: set[tuple[str, ...]] = set()
    for seed in seeds:
        found |= runs(seed.read_text(encoding="utf-8"), length)
    return found


def copied_runs(text: str, seeds: set[tuple[str, ...]], length: int = RUN_LENGTH) -> list[str]:
    """The runs of a text that also stand in a seed, as strings."""
    return sorted(" ".join(r) for r in runs(text, length) & seeds)


if __name__ == "__main__":
    seeds = seed_runs()
    bad = 0
    for name in sys.argv[1:]:
        for run in copied_runs(Path(name).read_text(encoding="utf-8"), seeds):
            bad += 1
            print(f"{name}: copied from a seed: {run}")
    print("no copied runs" if not bad else f"{bad} copied runs")
    sys.exit(1 if bad else 0)
