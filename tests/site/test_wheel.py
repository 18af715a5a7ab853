"""The package stands alone: its wheel holds every file it reads, and installed outside the repository it builds an
organisation's edition from a project folder that has only docs/, overrides/, profiles/ and mkdocs.yml."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from tests.example_profile import NAME_WITH_MARKUP, example_named_with_markup
from tests.project import CACHE_DIR, PROJECT_DIR, copy_sources


def run(command: list[str | Path], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return result


def test_an_installed_wheel_builds_the_example_edition(tmp_path: Path) -> None:
    # The wheel, built from a copy of the package's sources (no build output left in the checkout), offline.
    source = copy_sources(tmp_path / "source", ("pyproject.toml", "macros"))
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w",
         tmp_path / "wheels", source])
    wheel = next((tmp_path / "wheels").glob("*.whl"))
    packaged = set(zipfile.ZipFile(wheel).namelist())
    for path in sorted(p for p in (PROJECT_DIR / "macros").rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        assert path.relative_to(PROJECT_DIR).as_posix() in packaged, f"the wheel leaves out {path}"

    # A fresh venv outside the repository; the test venv's libraries (not its editable `macros`) beside it.
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel])
    site_packages = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    (site_packages / "libraries.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")

    # A project folder with no package in it, with the example profile under the name the site tests build it
    # under; its cache folder is the project's, so nothing is made twice.
    project = copy_sources(tmp_path / "project", ("docs", "overrides", "profiles", "mkdocs.yml"))
    profile = example_named_with_markup(project / "profiles").relative_to(project)
    (project / ".cache").symlink_to(CACHE_DIR, target_is_directory=True)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "HANDBOOK_PROFILE")}
    where = run([python, "-c", "import macros; print(macros.__file__)"], cwd=project, env=env).stdout
    assert where.startswith(str(site_packages)), f"macros came from {where}, not the wheel"

    run([python, "-m", "macros.cli.build_site", "site", "build/offline", "--profile", profile],
        cwd=project, env=dict(env, NO_MKDOCS_2_WARNING="1"))
    home = BeautifulSoup((project / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title.get_text().endswith(NAME_WITH_MARKUP), "the example edition"
    for made in ("downloads/security-officer-handbook-offline.zip", "downloads/security-officer-onboarding-scorm12.zip",
                 "print/handbook.pdf", "manifest.webmanifest"):
        assert (project / "site" / made).stat().st_size > 0, made
    assert (project / "build" / "offline" / "index.html").is_file(), "its offline copy, beside mkdocs.yml"
    assert "imsmanifest.xml" in zipfile.ZipFile(project / "site" / "downloads" /
                                                "security-officer-onboarding-scorm12.zip").namelist()
    # Nothing of the project's is looked for or written beside the installed package.
    assert sorted(p.name for p in site_packages.iterdir() if p.name.startswith((".", "docs", "site", "build"))) == []
