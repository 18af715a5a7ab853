"""The project these tests check: this checkout (the folder of its mkdocs.yml), its derived-file cache, and copies
of its sources to build elsewhere. The package never says where the project is: the tests do."""

from __future__ import annotations

import re
import secrets
import shutil
from pathlib import Path

from macros.cache import DerivedCache

PROJECT_DIR = Path(__file__).resolve().parents[1]
CONFIG_FILE = PROJECT_DIR / "mkdocs.yml"
CACHE_DIR = PROJECT_DIR / ".cache"   # mkdocs.yml's cache_dir: builds of copies share it, so nothing is made twice
SITE_SOURCES = ("docs", "overrides", "profiles", "mkdocs.yml")   # what a project beside an installed package holds
STATE_CARD = Path("macros", "data", "states", "or.yml")
STATE_LINE = "- text: Carry a copy of your temporary work permit (Form PS-20)"   # on Oregon's card and page
STATE_EDIT = "Carry your permit card, code {code}."


def project_cache() -> DerivedCache:
    """The project's derived-file cache, as the plugin opens it."""
    return DerivedCache(CACHE_DIR / "derived")


def copy_sources(target: Path, names: tuple[str, ...] = SITE_SOURCES) -> Path:
    """A copy of the project's own files (of `names`), without __pycache__."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = PROJECT_DIR / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


def set_options(config_file: Path, *, offline_folder: str | None = None, cache_dir: str | None = None,
                timings: str | None = None) -> None:
    """Change the handbook plugin's options in a copy's mkdocs.yml (as a maintainer would edit it)."""
    text = config_file.read_text(encoding="utf-8")
    for line, value in (("        folder: build/offline", offline_folder), ("      cache_dir: .cache", cache_dir)):
        if value is not None:
            assert line in text, f"{config_file} no longer says {line.strip()!r}"
            key = line.strip().split(":")[0]
            text = text.replace(line, line.split(key)[0] + f"{key}: {value!r}")
    if timings is not None:
        assert "      cache_dir:" in text
        text = text.replace("      cache_dir:", f"      timings: {timings!r}\n      cache_dir:", 1)
    config_file.write_text(text, encoding="utf-8")


def edit_state_card(project: Path) -> str:
    """Put a new sentence on Oregon's card (and page) in a project copy, before a line it keeps (in place of the
    last edit's); returns the sentence. New on every call, as an edit made once before would find its PDFs in the
    cache already."""
    edit = STATE_EDIT.format(code=secrets.token_hex(3))
    source = project / STATE_CARD
    kept = STATE_LINE.removeprefix("- text: ")
    earlier = re.escape(STATE_EDIT).replace(re.escape("{code}"), "[0-9a-f]+")
    text, found = re.subn(f"- text: (?:{earlier} )?{re.escape(kept)}", f"- text: {edit} {kept}",
                          source.read_text(encoding="utf-8"), count=1)
    assert found, f"{source} no longer says {STATE_LINE!r}"
    source.write_text(text, encoding="utf-8")
    return edit
