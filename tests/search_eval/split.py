"""Split the evaluation phrasings at random into a tuning half and a test half, once, before any tuning.

    .venv/bin/python -m tests.search_eval.split

phrasings.yml holds what officers type, written by someone who had not seen the search's word lists: per
situation, the addresses its first result may land on, and the phrasings; and queries the handbook has no
steps for. Each situation's phrasings, and the off-topic queries, are shuffled with a fixed seed and cut in two
(the odd one goes to the test half). Phrasings reported in reported.yml are left out: they were known before.
The search is tuned on tuning.yml only; test.yml is what the figures in `make bench` and the floors in
tests/browser/test_search_eval_browser.py report. Running this again writes the same two files.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SEED = 20261206


class _Plain(yaml.SafeDumper):
    """Writes every list out in full (no YAML anchors), so each line reads on its own."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _items(situation: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(query, targets) for each phrasing of a situation: its own targets, or the situation's."""
    found = []
    for phrasing in situation["phrasings"]:
        if isinstance(phrasing, dict):
            found.append((phrasing["q"], phrasing["targets"]))
        else:
            found.append((phrasing, situation["targets"]))
    return found


def _halves(items: list[Any], rng: random.Random) -> tuple[list[Any], list[Any]]:
    shuffled = items[:]
    rng.shuffle(shuffled)
    cut = len(shuffled) // 2
    return shuffled[:cut], shuffled[cut:]


def split() -> dict[str, dict[str, Any]]:
    """The two halves: each {"situations": {query: targets}, "off_topic": [query, ...]}."""
    written = yaml.safe_load((HERE / "phrasings.yml").read_text(encoding="utf-8"))
    reported = yaml.safe_load((HERE / "reported.yml").read_text(encoding="utf-8"))
    known = {q.lower() for q in [*reported["situations"], *reported["off_topic"]]}
    rng = random.Random(SEED)
    halves: dict[str, dict[str, Any]] = {name: {"situations": {}, "off_topic": []} for name in ("tuning", "test")}
    for name in sorted(written["situations"]):
        items = [item for item in _items(written["situations"][name]) if item[0].lower() not in known]
        tuning, test = _halves(items, rng)
        halves["tuning"]["situations"].update(dict(tuning))
        halves["test"]["situations"].update(dict(test))
    off_topic = [q for q in written["off_topic"] if q.lower() not in known]
    halves["tuning"]["off_topic"], halves["test"]["off_topic"] = _halves(off_topic, rng)
    return halves


def main() -> None:
    for name, half in split().items():
        header = (f"# The {name} half of phrasings.yml, cut at random by split.py (seed {SEED}); do not edit by hand.\n"
                  + ("# Tune the search on this half only.\n" if name == "tuning" else
                     "# Never tune on this half: it measures what the search does with phrasings it was not "
                     "tuned on.\n"))
        body = yaml.dump(half, Dumper=_Plain, sort_keys=False, allow_unicode=True, width=120)
        (HERE / f"{name}.yml").write_text(header + body, encoding="utf-8")
        print(f"{name}: {len(half['situations'])} situations phrasings, {len(half['off_topic'])} off-topic")


if __name__ == "__main__":
    main()
