"""Redirect pages for `aliases:` (old URLs of a moved page), servable by any static host."""

from __future__ import annotations

import posixpath
from html import escape

from clinicsite.errors import Problem
from clinicsite.site import Site


def alias_paths(site: Site, taken: set[str]) -> tuple[dict[str, str], list[Problem]]:
    """Map each alias's output file to its target URL; clashes and bad paths are errors."""
    redirects: dict[str, str] = {}
    problems: list[Problem] = []
    for page in site.pages:
        for index, alias in enumerate(page.meta.get("aliases") or []):
            location = page.location("aliases", index)
            clean = posixpath.normpath("/" + alias.strip().strip("/"))
            if not alias.startswith("/") or ".." in alias.split("/"):
                problems.append(Problem(location, f"alias '{alias}' must be a site path such as "
                                        "'/old-name/'", "routing"))
                continue
            output_file = clean.strip("/") + "/index.html" if clean != "/" else "index.html"
            if output_file in taken or output_file in redirects:
                problems.append(Problem(location, f"alias '{alias}' is already a page or alias",
                                        "routing", hint="remove it, or move the other page"))
                continue
            redirects[output_file] = site.url(page)
    return redirects, problems


def redirect_html(target_url: str, absolute_url: str) -> str:
    """A tiny page that sends visitors (and search engines, via canonical) to the new URL."""
    url = escape(target_url, quote=True)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Moved</title>\n"
            f'<link rel="canonical" href="{escape(absolute_url, quote=True)}">\n'
            f'<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={url}">\n</head>\n'
            f'<body>\n<p>This page has moved to <a href="{url}">{url}</a>.</p>\n</body>\n</html>\n')
