"""Find runs of words copied from the source articles: the handbook must say everything in its own words.

The articles are not part of the project. Their fingerprint is: a hash of every run of eight words in
them, one a line, in tests/fixtures/seed-runs.txt. Made (again, if the articles change) with

    .venv/bin/python -m tests.seed_overlap --fingerprint FOLDER_OF_ARTICLES > tests/fixtures/seed-runs.txt

where the folder holds the articles as .txt files. A run of a page is copied when its hash is listed.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

RUN_LENGTH = 8
FINGERPRINT = Path(__file__).resolve().parent / "fixtures" / "seed-runs.txt"
WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Lower-case words of a text, with typographic apostrophes folded to plain ones."""
    return WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def runs(text: str, length: int = RUN_LENGTH) -> set[str]:
    """Every run of `length` consecutive words in a text, as one string."""
    w = words(text)
    return {" ".join(w[i : i + length]) for i in range(len(w) - length + 1)}


def run_hash(run: str) -> str:
    """A run's fingerprint: 64 bits of its SHA-256, enough that no two runs of ours share one by chance."""
    return hashlib.sha256(run.encode()).hexdigest()[:16]


def fingerprint(articles: Path) -> list[str]:
    """The sorted hashes of every run of eight words in the .txt articles of a folder."""
    texts = sorted(articles.glob("*.txt"))
    if not texts:
        raise FileNotFoundError(f"no articles (*.txt) in {articles}")
    return sorted({run_hash(run) for path in texts for run in runs(path.read_text(encoding="utf-8"))})


def seed_runs(path: Path = FINGERPRINT) -> frozenset[str]:
    """The hashes of the source articles' runs, from the fingerprint file."""
    hashes = frozenset(line for line in path.read_text(encoding="utf-8").split() if not line.startswith("#"))
    if len(hashes) < 1000:
        raise ValueError(f"{path}: only {len(hashes)} runs: the check would pass without checking")
    return hashes


def copied_runs(text: str, seeds: frozenset[str], length: int = RUN_LENGTH) -> list[str]:
    """The runs of a text whose hash stands in the fingerprint, as strings."""
    return sorted(run for run in runs(text, length) if run_hash(run) in seeds)


def main(argv: list[str]) -> int:
    """Print the fingerprint of a folder of articles, or list the copied runs of the files given."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fingerprint", type=Path, metavar="FOLDER", help="print the fingerprint of these articles")
    parser.add_argument("files", nargs="*", type=Path, help="files to check against tests/fixtures/seed-runs.txt")
    args = parser.parse_args(argv)
    if args.fingerprint:
        print(f"# SHA-256 (first 16 hex digits) of every run of {RUN_LENGTH} words in the source articles")
        print("\n".join(fingerprint(args.fingerprint)))
        return 0
    seeds, bad = seed_runs(), 0
    for path in args.files:
        for run in copied_runs(path.read_text(encoding="utf-8"), seeds):
            bad += 1
            print(f"{path}: copied from a source article: {run}")
    print("no copied runs" if not bad else f"{bad} copied runs")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
