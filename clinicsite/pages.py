"""Turn SourceFiles into validated Pages: front matter checked against the type's schema."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from clinicsite.content_types import (
    FOLDER_TYPES,
    RESERVED_KEYS,
    ContentType,
    schema_for,
)
from clinicsite.errors import Location, Problem, SiteError, did_you_mean
from clinicsite.frontmatter import FrontMatter, parse_front_matter
from clinicsite.sources import SourceFile
from clinicsite.validation import check_mapping

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTION_INDEX = "_index"
HOME = "index"


@dataclass(frozen=True, slots=True)
class Page:
    """A source file whose front matter has been validated for its content type."""

    source: SourceFile
    content_type: ContentType
    slug: str
    meta: dict[str, Any]
    front: FrontMatter

    @property
    def key(self) -> str:
        """Unique id: the path under content/ without '.md' (e.g. 'conditions/neck-pain')."""
        return self.source.content_path

    @property
    def title(self) -> str:
        """The page title."""
        return str(self.meta.get("title", self.slug))

    @property
    def is_home(self) -> bool:
        """content/index.md is the home page."""
        return self.key == HOME

    @property
    def is_section_index(self) -> bool:
        """content/<section>/_index.md holds the intro of a section listing."""
        return self.key.endswith("/" + SECTION_INDEX)

    def location(self, *keys: str | int) -> Location:
        """Where a front-matter key path is in the source."""
        return self.front.location(self.source.rel_path, *keys)


ParsedPages = dict[SourceFile, tuple["Page | None", list[Problem]]]


def parse_pages(sources: list[SourceFile], earlier: ParsedPages | None = None
                ) -> tuple[list[Page], list[Problem]]:
    """Parse and validate every source; bad pages become problems, good ones Pages.
    `earlier` holds results by source (path and text) to reuse, and receives this run's."""
    pages: list[Page] = []
    problems: list[Problem] = []
    for source in sources:
        try:
            page, found = earlier[source] if earlier and source in earlier else parse_page(source)
        except SiteError as error:
            problems.extend(error.problems)
            continue
        if earlier is not None:
            earlier[source] = (page, found)
        problems.extend(found)
        if page is not None:
            pages.append(page)
    return pages, problems


def parse_page(source: SourceFile) -> tuple[Page | None, list[Problem]]:
    """Validate one file; return the Page (None when it cannot be built) and its problems."""
    front = parse_front_matter(source.text, source.rel_path)

    def locate(*keys: str | int) -> Location:
        return front.location(source.rel_path, *keys)

    content_type, problems = _content_type(source, front, locate)
    if content_type is None:
        return None, problems
    problems += _reserved_key_problems(front, locate)
    data = {k: v for k, v in front.data.items() if str(k) not in RESERVED_KEYS}
    specs = schema_for(content_type).fields
    if _is_intro(source):
        specs = tuple(s for s in specs if s.name in ("title", "description", "type"))
    meta, found = check_mapping(data, specs, locate, "schema")
    problems += found
    slug = str(meta.get("slug") or source.path.stem)
    if not SLUG_PATTERN.match(slug) and not _is_intro(source) and source.content_path != HOME:
        problems.append(Problem(locate("slug") if meta.get("slug") else Location(source.rel_path, 1, 1),
                                f"'{slug}' is not a valid URL name", "schema",
                                hint="use lower-case letters, digits and hyphens, e.g. 'neck-pain'"))
    # A page with bad fields is still returned (without them), so that its links and
    # references are checked too and one build reports every problem; the build then fails.
    return Page(source, content_type, slug, meta, front), problems


def _is_intro(source: SourceFile) -> bool:
    return source.path.stem == SECTION_INDEX


def _content_type(source: SourceFile, front: FrontMatter,
                  locate: Any) -> tuple[ContentType | None, list[Problem]]:
    declared = front.data.get("type")
    if declared is not None:
        names = [t.value for t in ContentType]
        if declared in names:
            return ContentType(declared), []
        return None, [Problem(locate("type"),
                              f"unknown page type '{declared}'{did_you_mean(str(declared), names)}",
                              "schema", hint="types: " + ", ".join(names))]
    parts = source.content_path.split("/")
    if len(parts) > 1 and parts[0] in FOLDER_TYPES:
        return FOLDER_TYPES[parts[0]], []
    return ContentType.PAGE, []


def _reserved_key_problems(front: FrontMatter, locate: Any) -> list[Problem]:
    return [Problem(locate(str(key)), f"'{key}' is computed by clinicsite and cannot be set",
                    "schema", hint=f"remove the '{key}:' line")
            for key in front.data if str(key) in RESERVED_KEYS]


def is_published(page: Page, today: dt.date, drafts: bool) -> bool:
    """Drafts only with --drafts; pages with a future publish_on wait for their date."""
    if page.meta.get("draft") and not drafts:
        return False
    publish_on = page.meta.get("publish_on")
    return not (publish_on and publish_on > today)
