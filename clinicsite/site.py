"""The whole site: pages indexed by key, type and slug, with cross-references resolved."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from clinicsite.config import SiteConfig
from clinicsite.content_types import SECTION_OF_TYPE, ContentType, Kind, schema_for
from clinicsite.errors import Location, Problem, did_you_mean
from clinicsite.pages import Page
from clinicsite.routing import Route

BackrefKey = tuple[ContentType, str]  # (type of the page that points here, its field name)


@dataclass(frozen=True, slots=True)
class Site:
    """Every published page, its route, and the links between pages, resolved both ways."""

    config: SiteConfig
    pages: tuple[Page, ...]
    routes: dict[str, Route]
    refs: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    backrefs: dict[str, dict[BackrefKey, tuple[str, ...]]] = field(default_factory=dict)
    by_key: dict[str, Page] = field(default_factory=dict)
    _listed: dict[ContentType, list[Page]] = field(default_factory=dict, repr=False,
                                                   compare=False)  # of_type, sorted once

    def of_type(self, content_type: ContentType) -> list[Page]:
        """Listed pages of one type, in listing order (nav_order, then title)."""
        listed = self._listed.get(content_type)
        if listed is None:
            listed = self._listed[content_type] = sorted(
                (p for p in self.pages if p.content_type is content_type
                 and not p.is_section_index and not p.is_home), key=listing_order)
        return list(listed)  # a copy: callers may add to it

    def url(self, page: Page) -> str:
        """Root-relative URL of a page, including the base path ('/clinic/conditions/x/')."""
        return self.config.base_path + self.routes[page.key].path

    def output_file(self, url: str) -> str:
        """The file in the output folder that is served at a page URL ('conditions/x/index.html')."""
        return url.removeprefix(self.config.base_path) + "index.html"

    def section_intro(self, section: str) -> Page | None:
        """The content/<section>/_index.md page, if there is one."""
        return self.by_key.get(f"{section}/_index")

    def linked(self, page: Page, field_name: str) -> list[Page]:
        """Pages this page names in a reference field, in the order written."""
        return [self.by_key[k] for k in self.refs.get(page.key, {}).get(field_name, ())]

    def linking(self, page: Page, source_type: ContentType, field_name: str) -> list[Page]:
        """Pages of `source_type` that name this page in `field_name`, in listing order."""
        keys = self.backrefs.get(page.key, {}).get((source_type, field_name), ())
        return sorted((self.by_key[k] for k in keys), key=listing_order)


def listing_order(page: Page) -> tuple[int, str, str]:
    """Sort key for listings: nav_order first, then title A–Z."""
    nav_order = page.meta.get("nav_order")
    return (1000 if nav_order is None else nav_order, page.title.casefold(), page.key)


def link_site(config: SiteConfig, pages: list[Page], routes: dict[str, Route],
              unavailable: dict[str, str | None] | None = None) -> tuple[Site, list[Problem]]:
    """Resolve every reference field; a reference to a missing page is a located error."""
    silent = {key.rsplit("/", 1)[-1] for key, why in (unavailable or {}).items() if why is None}
    routed = tuple(p for p in pages if p.key in routes)
    by_key = {p.key: p for p in routed}
    index = _reference_index(routed)
    refs: dict[str, dict[str, tuple[str, ...]]] = {}
    backrefs: dict[str, dict[BackrefKey, list[str]]] = defaultdict(lambda: defaultdict(list))
    problems: list[Problem] = []
    for page in routed:
        resolved, found = _resolve_page_refs(page, index)
        # A reference to a page that failed validation repeats that page's own error.
        problems += [p for p in found if p.message.split("'")[1] not in silent]
        refs[page.key] = resolved
        for field_name, targets in resolved.items():
            for target in targets:
                backrefs[target][(page.content_type, field_name)].append(page.key)
    frozen_back = {k: {fk: tuple(v) for fk, v in d.items()} for k, d in backrefs.items()}
    site = Site(config, routed, routes, refs, frozen_back, by_key)
    return site, problems


def _reference_index(pages: tuple[Page, ...]) -> dict[str, str]:
    """Every name a page can be referred by: 'slug@type', content path, and section/slug."""
    index: dict[str, str] = {}
    for page in pages:
        if page.is_section_index:
            continue
        index[f"{page.slug}@{page.content_type.value}"] = page.key
        index[page.key] = page.key
        section = SECTION_OF_TYPE[page.content_type]
        index[f"{section}/{page.slug}" if section else page.slug] = page.key
    return index


def _resolve_page_refs(page: Page, index: dict[str, str]) -> tuple[dict[str, tuple[str, ...]],
                                                                   list[Problem]]:
    resolved: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    for spec in schema_for(page.content_type).fields:
        if spec.kind not in (Kind.REF, Kind.REF_LIST) or page.meta.get(spec.name) is None:
            continue
        values = page.meta[spec.name]
        values = values if isinstance(values, list) else [values]
        targets = []
        for position, value in enumerate(values):
            key_path = (spec.name, position) if spec.kind is Kind.REF_LIST else (spec.name,)
            target = _lookup(value, spec.ref_type, index)
            if target is None:
                problems.append(_missing(page, value, spec.ref_type, index, page.location(*key_path)))
            elif target != page.key:
                targets.append(target)
        resolved[spec.name] = tuple(dict.fromkeys(targets))
    return resolved, problems


def _lookup(value: str, ref_type: ContentType | None, index: dict[str, str]) -> str | None:
    name = value.strip().strip("/").removesuffix(".md")
    if ref_type is not None and f"{name}@{ref_type.value}" in index:
        return index[f"{name}@{ref_type.value}"]
    target = index.get(name)
    if target is not None and ref_type is not None and not target.startswith(
            (SECTION_OF_TYPE[ref_type] + "/", ref_type.value + "s/")):
        return None
    return target


def _missing(page: Page, value: str, ref_type: ContentType | None, index: dict[str, str],
             location: Location) -> Problem:
    if ref_type is not None:
        candidates = [k.split("@")[0] for k in index if k.endswith(f"@{ref_type.value}")]
        kind = f"{ref_type.value} page"
    else:
        candidates = [k for k in index if "@" not in k]
        kind = "page"
    return Problem(location, f"no {kind} '{value}'{did_you_mean(value, candidates)}", "reference",
                   hint=f"use the file name (without .md) of an existing {kind}")
