"""The online edition as an app: web manifest, icons, and a service worker that precaches every file
the build wrote (except PDFs and the zip, which are cached when opened or not at all)."""

from __future__ import annotations

import hashlib
import io
import json
from functools import partial
from pathlib import Path

from macros.cache import DerivedCache
from macros.render import render

MANIFEST = "manifest.webmanifest"
SERVICE_WORKER = "sw.js"
OFFLINE_PAGE_SOURCE = "offline.md"   # served by the worker for addresses it never saved
OFFLINE_PAGE = "offline/"
ICON_DIR = "assets/images"
ICON_SIZES = (192, 512)
# Cached when opened (PDFs), never cached (the zip, a download for computers), or not for readers.
NOT_PRECACHED_SUFFIXES = (".pdf", ".zip", ".map", ".gz", ".txt")
NOT_PRECACHED_NAMES = frozenset({SERVICE_WORKER, "sitemap.xml", "404.html"})


def icon_path(size: int, maskable: bool = False) -> str:
    """Where an app icon goes in the site, e.g. 'assets/images/app-icon-192.png'."""
    return f"{ICON_DIR}/app-icon-{'maskable-' if maskable else ''}{size}.png"


def web_manifest(name: str, short_name: str, description: str, theme_color: str) -> str:
    """The web app manifest; every address is relative, so the site works under any sub-path."""
    icons = [
        {"src": icon_path(size, maskable), "sizes": f"{size}x{size}", "type": "image/png",
         "purpose": "maskable" if maskable else "any"}
        for maskable in (False, True)
        for size in ICON_SIZES
    ]
    manifest = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": "en",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme_color,
        "icons": icons,
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def app_icons(cache: DerivedCache, theme_color: str) -> dict[str, bytes]:
    """PNG icons (a shield on the theme colour) in every size, plain and maskable, by site path."""
    drawing = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()   # a change to the drawing redraws
    return {
        icon_path(size, maskable): cache.get(
            f"icon {size}", f"icon\n{drawing}\n{theme_color}\n{size}\n{maskable}",
            partial(_icon_png, size, theme_color, maskable), ".png")
        for maskable in (False, True)
        for size in ICON_SIZES
    }


def _icon_png(size: int, colour: str, maskable: bool) -> bytes:
    from PIL import (  # Pillow comes with WeasyPrint; imported only to draw icons
        Image,
        ImageDraw,
    )

    scale = 4   # draw large, then shrink: smooth edges
    side = size * scale
    image = Image.new("RGB", (side, side), colour)
    draw = ImageDraw.Draw(image)
    # A maskable icon may be cut to a circle 80% wide: keep the shield inside it.
    height = side * (0.56 if maskable else 0.72)
    width = height * 0.82
    left, top = (side - width) / 2, (side - height) / 2
    draw.polygon(_shield(left, top, width, height), fill="#ffffff")
    # A person inside the shield: a head and shoulders in the theme colour.
    head = width * 0.13
    cx, cy = side / 2, top + height * 0.38
    draw.ellipse((cx - head, cy - head, cx + head, cy + head), fill=colour)
    shoulders = width * 0.25
    draw.chord((cx - shoulders, cy + head * 1.35, cx + shoulders, cy + head * 1.35 + shoulders * 1.6),
               180, 360, fill=colour)
    buffer = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _shield(left: float, top: float, width: float, height: float) -> list[tuple[float, float]]:
    """A shield outline: flat top, straight sides, curved down to a point."""
    points = [(left, top), (left + width, top), (left + width, top + height * 0.45)]
    steps = 24
    for i in range(1, steps + 1):   # right side curves in to the bottom point
        t = i / steps
        points.append((left + width - width / 2 * t ** 1.4, top + height * (0.45 + 0.55 * t)))
    for i in range(steps - 1, -1, -1):   # and the left side back up
        t = i / steps
        points.append((left + width / 2 * t ** 1.4, top + height * (0.45 + 0.55 * t)))
    return points


def precache_entries(site_dir: Path) -> list[dict[str, str]]:
    """Every file of the built site a reader needs offline, with a revision hash of its content."""
    entries = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(site_dir).as_posix()
        if path.name in NOT_PRECACHED_NAMES or relative.endswith(NOT_PRECACHED_SUFFIXES):
            continue
        entries.append({"url": relative, "revision": hashlib.sha256(path.read_bytes()).hexdigest()[:16]})
    return entries


def service_worker(entries: list[dict[str, str]], workbox: str) -> str:
    """The service worker's source for one build: its precache list and the vendored Workbox it loads."""
    version = hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()[:12]
    return render("sw.js", entries=entries, workbox=workbox, offline_page=OFFLINE_PAGE, version=version)
