"""The site's shape from data: chapters.yml makes the nav's chapters, the path's reading and every chapter
address; adding a chapter is one entry there and one Markdown file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.content.addresses import CHAPTERS_INDEX, chapter_of, chapter_page
from macros.content.handbook import load_handbook
from macros.errors import DataError
from macros.paths import DATA_DIR, PACKAGE_DIR
from macros.site.navigation import nav_with_chapters

NAV = [{"Home": "index.md"}, {"Chapters": CHAPTERS_INDEX}, {"States": "states/index.md"}]
NEW_CHAPTER = ("- slug: night-shift\n  title: Night shift & you\n  about: Stay alert and helpful on a quiet night.\n"
               "  step: first-week-trust\n")


def test_the_chapters_folder_is_written_once_in_the_package() -> None:
    found = [f"{path.relative_to(PACKAGE_DIR)}:{number}"
             for path in sorted(PACKAGE_DIR.rglob("*")) if path.is_file() and path.suffix != ".pyc"
             for number, line in enumerate(path.read_text(encoding="utf-8", errors="ignore").splitlines(), 1)
             if "chapters/" in line]
    assert found == ["content/addresses.py:6"], found


def test_the_nav_lists_every_chapter_of_the_data_in_book_order() -> None:
    book = load_handbook()
    nav = nav_with_chapters(NAV, book.chapters)
    section = nav[1]["Chapters"]
    assert section[0] == CHAPTERS_INDEX
    assert section[1:] == [{c.title: chapter_page(c.slug)} for c in book.chapters]
    assert [chapter_of(next(iter(entry.values()))) for entry in section[1:]] == list(book.chapter_titles())
    assert nav[0] == NAV[0] and nav[2] == NAV[2]


def test_a_nav_without_the_chapters_entry_stops_the_build() -> None:
    with pytest.raises(DataError, match="mkdocs.yml nav: needs an entry 'Chapters: "):
        nav_with_chapters([{"Home": "index.md"}], load_handbook().chapters)


def test_addresses_tell_chapter_pages_from_others() -> None:
    assert chapter_of(chapter_page("first-aid")) == "first-aid"
    assert chapter_of(CHAPTERS_INDEX) is None
    assert chapter_of("states/or.md") is None
    assert chapter_of("onboarding/index.md") is None


def test_each_step_reads_the_chapters_that_name_it_in_book_order() -> None:
    book = load_handbook()
    for step in book.path:
        assert step.chapters == [c.slug for c in book.chapters if c.step == step.id], step.id
    assert sorted(slug for step in book.path for slug in step.chapters) == sorted(c.slug for c in book.chapters
                                                                                  if c.step)


def copied_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return data


def test_a_new_chapter_is_one_data_entry(tmp_path: Path) -> None:
    data = copied_data(tmp_path)
    with (data / "chapters.yml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + NEW_CHAPTER)
    book = load_handbook(data)
    assert list(book.chapter_titles())[-1] == "night-shift"
    assert "night-shift" in next(s for s in book.path if s.id == "first-week-trust").chapters
    section = nav_with_chapters(NAV, book.chapters)[1]["Chapters"]
    assert section[-1] == {"Night shift &amp; you": chapter_page("night-shift")}   # the theme prints it as it is
    # Other files may name it now, e.g. a glossary entry.
    glossary = (data / "glossary.yml").read_text(encoding="utf-8")
    (data / "glossary.yml").write_text(glossary.replace("chapter: first-impressions", "chapter: night-shift", 1),
                                       encoding="utf-8")
    assert "night-shift" in {entry.chapter for entry in load_handbook(data).glossary}


@pytest.mark.parametrize(("entry", "message"), [
    ("- slug: Night Shift\n  title: Night\n  about: Nights.\n",
     r"chapters\.yml: Night Shift\.slug: String should match pattern"),
    ("- slug: night-shift\n", r"chapters\.yml: night-shift\.title: Field required"),
    ("- slug: night-shift\n  title: Night\n  about: Nights.\n  step: no-such-step\n",
     r"chapters\.yml: night-shift\.step: unknown path step 'no-such-step'"),
    ("- slug: first-aid\n  title: Again\n  about: Again.\n", r"chapters\.yml: first-aid: duplicate chapter slug"),
])
def test_a_bad_chapter_entry_stops_the_build_naming_file_entry_and_field(tmp_path: Path, entry: str,
                                                                         message: str) -> None:
    data = copied_data(tmp_path)
    with (data / "chapters.yml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + entry)
    with pytest.raises(DataError, match=message):
        load_handbook(data)


def test_data_may_name_only_the_chapters_of_chapters_yml(tmp_path: Path) -> None:
    data = copied_data(tmp_path)
    text = (data / "chapters.yml").read_text(encoding="utf-8")
    (data / "chapters.yml").write_text(text.replace("- slug: first-aid\n", "- slug: first-aid-basics\n"),
                                       encoding="utf-8")
    with pytest.raises(DataError, match=r"unknown chapter 'first-aid'"):
        load_handbook(data)


def test_path_yml_may_not_list_a_steps_chapters(tmp_path: Path) -> None:
    data = copied_data(tmp_path)
    text = (data / "path.yml").read_text(encoding="utf-8")
    (data / "path.yml").write_text(text.replace("  minutes: 70\n", "  minutes: 70\n  chapters: [first-aid]\n", 1),
                                   encoding="utf-8")
    with pytest.raises(DataError, match=r"path\.yml: before-first-shift-basics\.chapters: a step's chapters are "
                                        r"listed in chapters\.yml"):
        load_handbook(data)
