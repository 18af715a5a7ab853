"""The code's layout holds: each package imports only the ones below it (cli -> site -> outputs -> content ->
base), no module imports itself back through others, only site/ touches the engine, and
loading the data never imports the engine or the PDF stack."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from macros.paths import PACKAGE_DIR
from tests.project import PROJECT_DIR

# What each package may import from the project, besides itself; "base" is the modules directly in macros/.
ALLOWED = {
    "base": {"base"},
    "content": {"base"},
    "outputs": {"content", "base"},
    "cli": {"site", "outputs", "content", "base"},   # `make site` calls the site's in-process build
    "site": {"outputs", "content", "base"},
    "entry": {"site"},   # macros/__init__.py: define_env hands over to site/
}
ENGINE = ("mkdocs", "material", "properdocs")
PDF_STACK = ("weasyprint", "pypdf")


@cache
def modules() -> dict[str, Path]:
    """Dotted name -> file of every module of the package."""
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PROJECT_DIR).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(path: Path) -> Iterator[str]:
    """Every module a file imports, at any depth of its code (function-level imports too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            submodules = [f"{node.module}.{alias.name}" for alias in node.names]
            # `from macros import timing` imports the module macros.timing, not the package's own code
            if not all(name in modules() for name in submodules):
                yield node.module
            yield from submodules


def package(name: str) -> str:
    """Which package of the layout a module of ours belongs to."""
    parts = name.split(".")
    if parts == ["macros"]:
        return "entry"
    return parts[1] if len(parts) > 2 else "base"


def project_imports() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports."""
    ours = modules()
    return {name: {target for target in imported(path) if target in ours and target != name}
            for name, path in ours.items()}


def test_packages_import_only_downwards() -> None:
    wrong = [f"{name} imports {target}"
             for name, targets in project_imports().items() for target in targets
             if package(target) != package(name) and package(target) not in ALLOWED[package(name)]]
    assert not wrong, wrong


def test_no_module_imports_itself_back() -> None:
    graph = project_imports()
    circles = []

    def visit(name: str, trail: list[str]) -> None:
        for target in sorted(graph[name]):
            if target in trail:
                circles.append(trail[trail.index(target):] + [target])
            elif target not in done:
                visit(target, trail + [target])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert not circles, circles


def test_only_the_site_package_imports_the_engine() -> None:
    outside = [f"{name} imports {target}" for name, path in modules().items() if package(name) != "site"
               for target in imported(path) if target.split(".")[0] in ENGINE]
    assert not outside, outside


def test_content_knows_nothing_of_pdfs() -> None:
    found = [f"{name} imports {target}" for name, path in modules().items() if package(name) in ("content", "base")
             for target in imported(path) if target.split(".")[0] in PDF_STACK]
    assert not found, found


def test_loading_the_data_imports_neither_the_engine_nor_the_pdf_stack() -> None:
    script = ("import sys; from macros.content.handbook import load_handbook; load_handbook(); "
              "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=PROJECT_DIR).stdout.split()
    assert "pydantic" in loaded, "the check saw the data loaded"
    assert not set(loaded) & {*ENGINE, *PDF_STACK}, sorted(set(loaded) & {*ENGINE, *PDF_STACK})


def test_the_package_folder_holds_only_its_base() -> None:
    direct = sorted(path.name for path in PACKAGE_DIR.glob("*.py"))
    assert len(direct) <= 6, direct
