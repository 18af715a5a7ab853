"""The onboarding course as a SCORM 1.2 package for a learning management system: the offline edition's pages,
a launch page that finds the LMS and reports to it, and the manifest that lists them, in one zip.

One SCO for the whole path, not one per step: the LMS keeps one record per trainee (a status, a first-try score,
an answer per question), SCORM 1.2 has no sequencing of its own to tie steps together, and the path's pages link
to one another (chapters, drills, self-checks) as on the site, which only works inside one SCO."""

from __future__ import annotations

import json
import re
from pathlib import Path

from macros.content.colours import Colours
from macros.content.handbook import Handbook
from macros.outputs.archive import write_zip
from macros.outputs.scorm_contents import package_files
from macros.outputs.scorm_progress import check_progress_fits
from macros.paths import TEMPLATES_DIR
from macros.render import render

SCORM_FILES = TEMPLATES_DIR / "scorm"     # the package's own files: launch page and script, manifest, schemas
SCHEMAS = SCORM_FILES / "schemas"         # ADL's and IMS's SCORM 1.2 schemas, which the manifest names
MANIFEST = "imsmanifest.xml"
LAUNCH_PAGE = "course.html"
LAUNCH_SCRIPT = "course.js"
STORAGE_SCRIPT = "assets/javascripts/storage.js"   # the pages' one storage helper, which the launch page uses too
RECORD_SCRIPT = "suspend-data.js"     # the trainee's progress in cmi.suspend_data, which the launch script keeps
START_PAGE = "onboarding/index.html"   # where a first launch opens, in the offline edition


def course_title(book: Handbook) -> str:
    """The course's title in the LMS: the edition's organisation first, when there is one."""
    return book.title(book.course.title)


def identifier(book: Handbook) -> str:
    """The manifest's identifier: one per edition, so two organisations' packages never clash in one LMS."""
    name = book.edition.profile.name if book.edition else "handbook"
    return "security-officer-onboarding-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "edition")


def launch_page(book: Handbook) -> str:
    """The SCO: a frame for the handbook's pages under a bar that shows what the LMS has recorded."""
    data = {
        "mastery_score": book.course.mastery_score,
        "start": START_PAGE,
        "questions": [{"id": q.id, "answer": q.answer} for q in book.questions],
        "layout": check_progress_fits(book).as_data(),
    }
    # JSON inside <script>: escape what could end the element or start markup.
    text = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace(
        "&", "\\u0026")
    colours = book.edition.profile.colours if book.edition else Colours()   # the edition's, or the house ones
    return render("scorm/course.html", title=course_title(book), colour=colours.primary, data=text,
                  storage=book.storage.for_browser(), storage_script=STORAGE_SCRIPT)


def manifest(book: Handbook, files: list[str]) -> str:
    """imsmanifest.xml: one organisation, one item, one SCO resource listing every file."""
    return render("scorm/imsmanifest.xml", identifier=identifier(book), title=course_title(book),
                  mastery_score=book.course.mastery_score, launch=LAUNCH_PAGE, files=files)


def write_package(offline_site: Path, book: Handbook, target: Path) -> None:
    """Zip the pages of the offline edition the course uses (scorm_contents.py) with the launch page, the
    manifest and its schemas at the package's root."""
    made = package_files(offline_site, book)
    made[LAUNCH_PAGE] = launch_page(book).encode("utf-8")
    for script in (LAUNCH_SCRIPT, RECORD_SCRIPT):
        made[script] = (SCORM_FILES / script).read_bytes()
    files = sorted(made)
    schemas = {path.name: path.read_bytes() for path in sorted(SCHEMAS.glob("*.xsd"))}   # beside the manifest
    made[MANIFEST] = manifest(book, files).encode("utf-8")
    made.update(schemas)
    write_zip(target, ((name, made[name]) for name in [MANIFEST, *schemas, *files]))
