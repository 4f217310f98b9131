"""Assign each page its URL path and output file; report two pages that claim one path."""

from __future__ import annotations

from dataclasses import dataclass

from clinicsite.content_types import SECTION_OF_TYPE, ContentType
from clinicsite.errors import Problem
from clinicsite.pages import SECTION_INDEX, Page


@dataclass(frozen=True, slots=True)
class Route:
    """Where a page is published: `path` is relative to the site root ('conditions/neck-pain/')."""

    path: str

    @property
    def output_file(self) -> str:
        """The file written for this route, relative to the output folder."""
        return f"{self.path}index.html"


def route_for(page: Page) -> Route:
    """Clean URL of a page: /section/slug/, pages at the root, the home page at /."""
    if page.is_home:
        return Route("")
    if page.is_section_index:
        return Route(page.key.removesuffix(SECTION_INDEX))
    if page.content_type is ContentType.PAGE:
        folders = page.key.split("/")[:-1]
        if folders and folders[0] == "pages":
            folders = folders[1:]
        return Route("".join(f"{f}/" for f in folders) + f"{page.slug}/")
    return Route(f"{SECTION_OF_TYPE[page.content_type]}/{page.slug}/")


def assign_routes(pages: list[Page], reserved: dict[str, str]) -> tuple[dict[str, Route],
                                                                        list[Problem]]:
    """Route every page; a path claimed twice (or claimed by a generated listing) is an error."""
    routes: dict[str, Route] = {}
    owners: dict[str, Page] = {}
    problems: list[Problem] = []
    for page in pages:
        route = route_for(page)
        if page.is_section_index:
            routes[page.key] = route
            continue
        if route.path in owners:
            first = owners[route.path]
            problems.append(Problem(
                page.location("slug") if page.meta.get("slug") else page.location(),
                f"duplicate URL /{route.path}: {first.source.rel_path} already uses it", "routing",
                hint="give one of the pages a different file name or 'slug:'"))
            continue
        if route.path in reserved:
            problems.append(Problem(page.location(),
                                    f"URL /{route.path} is taken by the {reserved[route.path]}",
                                    "routing", hint="rename the file or set another 'slug:'"))
            continue
        owners[route.path] = page
        routes[page.key] = route
    return routes, problems
