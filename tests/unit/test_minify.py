"""Our own scripts and styles are minified in the built site; vendored code is left as it came."""

from __future__ import annotations

from pathlib import Path

from macros.outputs.minify import minify_own_assets


def test_own_scripts_and_styles_are_minified_and_vendored_code_is_not(tmp_path: Path) -> None:
    overrides, site = tmp_path / "overrides", tmp_path / "site"
    for root in (overrides, site):
        (root / "assets" / "javascripts" / "vendor").mkdir(parents=True)
        (root / "assets" / "stylesheets").mkdir(parents=True)
        (root / "assets" / "javascripts" / "app.js").write_text("/* why */\nvar total = 1 + 2;\n")
        (root / "assets" / "stylesheets" / "app.css").write_text("/* why */\n.card {\n  margin: 0;\n}\n")
        (root / "assets" / "javascripts" / "vendor" / "lib.js").write_text("/* licence */\nvar a = 1;\n")
    done = minify_own_assets(overrides, site)
    assert done == ["assets/javascripts/app.js", "assets/stylesheets/app.css"]
    assert (site / "assets" / "javascripts" / "app.js").read_text() == "var total=1+2;"
    assert (site / "assets" / "stylesheets" / "app.css").read_text() == ".card{margin:0}"
    assert (site / "assets" / "javascripts" / "vendor" / "lib.js").read_text().startswith("/* licence */")

