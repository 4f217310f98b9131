"""sitemap.xml and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape

from clinicsite.render import RenderedPage
from clinicsite.site import Site


def sitemap_xml(site: Site, pages: list[RenderedPage]) -> str:
    """Every published HTML page except 404, with lastmod where the page has a date."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in sorted(pages, key=lambda p: p.url):
        if page.output_file == "404.html":
            continue
        absolute = site.config.base_url + page.url.removeprefix(site.config.base_path)
        lines.append(f"  <url><loc>{escape(absolute)}</loc>"
                     + (f"<lastmod>{page.lastmod.isoformat()}</lastmod>" if page.lastmod else "")
                     + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site: Site) -> str:
    """Allow crawling and point at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.config.base_url}sitemap.xml\n"
