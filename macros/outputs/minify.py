"""Our own scripts and stylesheets, minified where the build copied them: their comments and spaces are for
authors, and a phone on a weak signal downloads every byte before it shows a page. Vendored code and the
theme's files are left as they came."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

# The folders under the theme overrides that hold our own code (vendor/ below them is not ours).
OWN_ASSETS = {"assets/javascripts": ("*.js", rjsmin.jsmin), "assets/stylesheets": ("*.css", rcssmin.cssmin)}


def minify_own_assets(overrides: Path, site: Path) -> list[str]:
    """Minify, in the built site, each script and stylesheet the overrides folder holds; returns their paths."""
    done = []
    for folder, (pattern, minify) in OWN_ASSETS.items():
        for source in sorted((overrides / folder).glob(pattern)):
            built = site / folder / source.name
            if built.is_file():
                built.write_text(minify(source.read_text(encoding="utf-8")), encoding="utf-8")
                done.append(f"{folder}/{source.name}")
    return done
