"""The browser-storage contract (storage.yml): one list of keys that every script names through storage.js, with
values that never change under readers' feet."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.content.handbook import Handbook, load_handbook
from macros.errors import DataError
from macros.paths import DATA_DIR, TEMPLATES_DIR
from tests.project import PROJECT_DIR

SCRIPTS = sorted([*(PROJECT_DIR / "overrides" / "assets" / "javascripts").glob("*.js"),
                  *(TEMPLATES_DIR / "scorm").glob("*.js")])
HELPER = "storage.js"
# The keys readers' progress is kept under today: a change strands it unless it comes with a migration.
KEPT_UNDER = {
    "state": "handbook.state", "progress": "handbook.progress", "checked": "handbook.checked",
    "attempts": "handbook.attempts", "read": "handbook.read", "notes": "handbook.drill-notes",
    "trainee": "handbook.trainee", "resets": "handbook.resets", "trainer_records": "handbook.trainer-records",
    "offline_ready": "handbook.offline-ready-shown", "old_answers": "handbook.answers",
}


def test_the_keys_keep_their_values(book: Handbook) -> None:
    assert book.storage.for_browser()["keys"] == KEPT_UNDER


def test_the_course_carries_the_four_progress_keys(book: Handbook) -> None:
    assert book.storage.course == ["checked", "attempts", "progress", "read"]
    assert book.storage.device_only == ["notes"]


def test_only_the_storage_helper_touches_local_storage_or_writes_a_key() -> None:
    assert any(path.name == HELPER for path in SCRIPTS)
    touching = [path.name for path in SCRIPTS if path.name != HELPER
                and re.search(r"localStorage\s*\.|[\"']handbook\.[a-z-]+[\"']", path.read_text(encoding="utf-8"))]
    assert touching == []


def test_every_key_a_script_names_is_in_the_contract(book: Handbook) -> None:
    named = {(path.name, name) for path in SCRIPTS
             for name in re.findall(r"\b(?:read|write|remember|seen)\(\"([a-z_]+)\"", path.read_text(encoding="utf-8"))}
    assert {name for _, name in named} >= {"state", "progress", "checked", "read", "trainee", "trainer_records"}
    unknown = sorted((script, name) for script, name in named if name not in book.storage.keys)
    assert unknown == []


@pytest.mark.parametrize(("change", "message"), [
    (("course: [checked, attempts, progress, read]", "course: [checked, scores]"),
     r"storage\.yml: entry 1: course\.1: unknown key name 'scores'"),
    (("    key: handbook.trainee\n", "    key: handbook.resets\n"),
     r"storage\.yml: entry 1: keys\.resets\.key: 'handbook\.resets' is trainee's key too"),
    (("    key: handbook.read\n", "    key: progress-read\n"),
     r"storage\.yml: entry 1\.keys\.read\.key: String should"),
])
def test_a_bad_contract_stops_the_build_naming_file_entry_and_field(tmp_path: Path, change: tuple[str, str],
                                                                    message: str) -> None:
    data = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    text = (data / "storage.yml").read_text(encoding="utf-8")
    assert change[0] in text
    (data / "storage.yml").write_text(text.replace(*change), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_handbook(data)
