"""Theme assets: the stylesheet under a content-hash name, and the site's static/ files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from clinicsite.sources import discover_static

STYLESHEET = "site.css"


def fingerprinted_stylesheet(site_dir: Path, theme_dir: Path) -> tuple[str, bytes]:
    """(output path, bytes) of the site's CSS, or the theme's, named by its content hash."""
    override = site_dir / "templates" / "assets" / STYLESHEET
    path = override if override.is_file() else theme_dir / "assets" / STYLESHEET
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"assets/site.{digest}.css", data


FAVICON = "favicon.svg"


def favicon(site_dir: Path, theme_dir: Path) -> dict[str, bytes]:
    """The site's static/favicon.svg wins; otherwise the theme's (so browsers never hit a 404)."""
    if (site_dir / "static" / FAVICON).is_file():
        return {}
    return {FAVICON: (theme_dir / "assets" / FAVICON).read_bytes()}


def static_files(site_dir: Path) -> dict[str, bytes]:
    """Every file under static/, copied as it is."""
    return {rel: path.read_bytes() for rel, path in discover_static(site_dir)}
