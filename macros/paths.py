"""Where the package's own files are. The project's (docs, profiles, caches) are relative to its mkdocs.yml, which
the build is given: the package may be installed anywhere."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
