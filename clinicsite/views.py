"""View models: the plain values templates see for the site, a page and its links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from clinicsite.content_types import SECTION_OF_TYPE, ContentType
from clinicsite.pages import Page
from clinicsite.site import Site

SECTION_TITLES: dict[str, str] = {
    "conditions": "Conditions",
    "treatments": "Treatments",
    "benefits": "Benefits",
    "risks": "Risks and side effects",
    "faqs": "Frequently asked questions",
    "courses": "Courses",
    "team": "Our team",
    "locations": "Locations",
}


@dataclass(frozen=True, slots=True)
class PageLink:
    """A reference to another page, enough to print a link or a card."""

    title: str
    url: str
    description: str
    content_type: str
    meta: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Crumb:
    """One breadcrumb step; the last one is the current page."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class NavItem:
    """A menu entry with a flag for the section the current page is in."""

    title: str
    url: str
    current: bool = False


@dataclass(frozen=True, slots=True)
class PageView:
    """Everything a page template reads about the page being rendered."""

    key: str
    title: str
    description: str
    content_type: str
    url: str
    canonical: str
    meta: dict[str, Any]
    body: Markup
    toc: list[dict[str, Any]]
    breadcrumbs: list[Crumb]
    author: PageLink | None = None
    reviewer: PageLink | None = None
    last_reviewed: dt.date | None = None
    updated: dt.date | None = None
    relations: dict[str, list[PageLink]] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)  # type-specific values (course sessions)


def link_to(site: Site, page: Page) -> PageLink:
    """A PageLink for any routed page."""
    return PageLink(page.title, site.url(page), str(page.meta.get("description") or ""),
                    page.content_type.value, page.meta)


def section_title(site: Site, section: str) -> str:
    """Title of a section listing: its _index.md title, else a default."""
    intro = site.section_intro(section)
    return intro.title if intro else SECTION_TITLES.get(section, section.replace("-", " ").title())


def breadcrumbs_for(site: Site, page: Page | None, section: str | None, title: str,
                    url: str) -> list[Crumb]:
    """Home › Section › Page (the home page has no trail)."""
    if page is not None and page.is_home:
        return []
    crumbs = [Crumb("Home", site.config.base_path)]
    if section and (page is None or not page.is_section_index):
        crumbs.append(Crumb(section_title(site, section), site.config.base_path + section + "/"))
    crumbs.append(Crumb(title, url))
    return crumbs


def section_of(page: Page) -> str | None:
    """The listing a page belongs under, if any."""
    if page.is_section_index:
        return page.key.split("/")[0]
    section = SECTION_OF_TYPE[page.content_type]
    return section or None


# Which relation lists each page type shows: (name in template, how to find them).
# ("out", field) follows this page's own reference field; ("in", type, field) finds pages
# of `type` whose `field` names this page.
RELATIONS: dict[ContentType, dict[str, tuple[str, ...]]] = {
    ContentType.CONDITION: {"treatments": ("out", "treatments"), "faqs": ("out", "faqs")},
    ContentType.TREATMENT: {
        "conditions": ("in", "condition", "treatments"), "benefits": ("out", "benefits"),
        "risks": ("out", "risks"), "faqs": ("out", "faqs"),
        "practitioners": ("out", "practitioners")},
    ContentType.BENEFIT: {"treatments": ("in", "treatment", "benefits")},
    ContentType.RISK: {"treatments": ("in", "treatment", "risks")},
    ContentType.FAQ: {"treatments": ("in", "treatment", "faqs"),
                      "conditions": ("in", "condition", "faqs"),
                      "courses": ("in", "course", "faqs")},
    ContentType.COURSE: {"instructors": ("out", "instructors"), "faqs": ("out", "faqs")},
    ContentType.PRACTITIONER: {
        "locations": ("out", "locations"), "treatments": ("in", "treatment", "practitioners"),
        "courses": ("in", "course", "instructors")},
    ContentType.LOCATION: {"practitioners": ("in", "practitioner", "locations")},
    ContentType.PAGE: {},
}


def relations_for(site: Site, page: Page) -> dict[str, list[PageLink]]:
    """Resolved relation lists for the page's type, plus its `related` pages."""
    result: dict[str, list[PageLink]] = {}
    for name, how in RELATIONS[page.content_type].items():
        if how[0] == "out":
            targets = site.linked(page, how[1])
        else:
            targets = site.linking(page, ContentType(how[1]), how[2])
        result[name] = [link_to(site, p) for p in targets]
    result["related"] = [link_to(site, p) for p in site.linked(page, "related")]
    return result


def person(site: Site, page: Page, field_name: str) -> PageLink | None:
    """The practitioner named in `author` or `reviewed_by`."""
    linked = site.linked(page, field_name)
    return link_to(site, linked[0]) if linked else None
