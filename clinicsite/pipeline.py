"""The build, stage by stage: config → sources → pages → routes → links → render → write."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from clinicsite.assets import favicon, fingerprinted_stylesheet, static_files
from clinicsite.cache import (
    CACHE_DIR,
    BuildCache,
    CachedPage,
    digest,
    load_cache,
    markdown_environment,
    remember,
    template_environment,
    tool_digest,
)
from clinicsite.config import Overrides, SiteConfig, lint_files_named, load_config
from clinicsite.content_types import SECTION_OF_TYPE, ContentType
from clinicsite.courses import check_sessions, course_ics, sessions_of, upcoming_sessions
from clinicsite.errors import Level, Location, Problem, SiteError
from clinicsite.hosting import hosting_files, hosting_settings
from clinicsite.markdown import RenderedMarkdown
from clinicsite.pages import Page, is_published, parse_pages
from clinicsite.parallel import default_jobs, page_work, render_pages
from clinicsite.redirects import alias_paths, redirect_html
from clinicsite.render import DEFAULT_THEME, RenderedPage, Renderer, make_environment
from clinicsite.routing import assign_routes
from clinicsite.site import Site, link_site
from clinicsite.sitemap import robots_txt, sitemap_xml
from clinicsite.sources import SourceFile, discover_sources

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BuildResult:
    """What a build produced: files in memory, every problem, and stage timings."""

    config: SiteConfig
    files: dict[str, bytes] = field(default_factory=dict)
    pages: list[RenderedPage] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    site: Site | None = None
    bodies: dict[str, RenderedMarkdown] = field(default_factory=dict)  # by page key
    shape: str = ""  # see site_shape
    replaced: set[str] = field(default_factory=set)  # rendered pages a static file replaced
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """Problems that fail the build."""
        return [p for p in self.problems if p.level is Level.ERROR]

    @property
    def ok(self) -> bool:
        """True when the site can be written."""
        return not self.errors


@contextmanager
def timed(result: BuildResult, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    result.timings[stage] = time.perf_counter() - start
    log.debug("%s: %.3fs", stage, result.timings[stage])


def build_in_memory(site_dir: Path, overrides: Overrides | None = None,
                    cache: BuildCache | None = None, jobs: int = 1) -> BuildResult:
    """Run every stage up to (not including) writing; SiteError for a bad config. With a
    cache, unchanged bodies and pages are taken from it (see clinicsite.cache)."""
    overrides = overrides or Overrides()
    config = load_config(site_dir, overrides)
    result = BuildResult(config)
    with timed(result, "sources"):
        sources, problems = discover_sources(site_dir)
        result.problems += problems
    with timed(result, "pages"):
        pages, problems = parse_pages(sources, cache.parsed if cache else None)
        result.problems += problems
        if cache:  # keep only what the next build (in `serve`) can still reuse
            cache.parsed = {source: cache.parsed[source] for source in sources
                            if source in cache.parsed}
        published = [p for p in pages if is_published(p, config.build_date, config.drafts)]
        unavailable = unavailable_pages(sources, pages, published)
    with timed(result, "routes"):
        routes, problems = assign_routes(published, reserved_paths(published))
        result.problems += problems
    with timed(result, "links"):
        site, problems = link_site(config, published, routes, unavailable)
        result.site = site
        result.problems += problems + check_config_links(site, unavailable) + check_sessions(site)
        if cache is not None:
            result.shape = site_shape(site, unavailable)
            cache.same_shape = cache.shape == result.shape
    with timed(result, "pages rendered"):
        css_path, css = fingerprinted_stylesheet(site.config.site_dir, DEFAULT_THEME)
        environment = shared_environment(site.config.site_dir, cache.template_env) if cache \
            else make_environment(site.config.site_dir)
        renderer = Renderer(site, environment, site.config.base_path + css_path, cache)
        templates = renderer if result.ok else None  # a broken site is only checked
        rendered = render_pages(site, page_work(site, templates, unavailable, cache), jobs)
        bodies = {key: body for key, (body, _) in rendered.items()}
        result.bodies = bodies
        for body in bodies.values():
            result.problems += body.problems
    if not result.ok:
        return result
    with timed(result, "listings"):
        outcomes = [outcome for _, outcome in rendered.values() if outcome is not None]
        render_site(site, bodies, result, renderer, (css_path, css), outcomes)
    return result


def cache_environments(config: SiteConfig) -> tuple[str, str]:
    """Digests of what all bodies, and all pages, depend on (see clinicsite.cache)."""
    template_dirs = [config.site_dir / "templates", DEFAULT_THEME]
    return markdown_environment(config), template_environment(config, template_dirs)


def open_cache(config: SiteConfig, cache_dir: Path, output_dir: Path | None) -> BuildCache:
    """The build cache in `cache_dir`, keeping only what is valid for this config and theme;
    page HTML is read back from `output_dir` (None: bodies only)."""
    return load_cache(cache_dir, *cache_environments(config),
                      output_dir.resolve() if output_dir else None)


def keep_in_cache(cache: BuildCache, result: BuildResult, files: dict[str, bytes],
                  in_memory: bool = False) -> None:
    """Make the cache hold this build: its bodies, and how each page's HTML was made."""
    assert result.site is not None
    records = {page.output_file: CachedPage(page.inputs, page.listings, "", page.html)
               if in_memory else  # the HTML is at hand: no need to check it by its hash
               CachedPage(page.inputs, page.listings,
                          hashlib.sha256(files[page.output_file]).hexdigest())
               for page in result.pages
               if page.inputs and page.output_file in files and page.output_file not in result.replaced}
    remember(cache, result.site.pages, result.bodies, records, result.pages, result.shape,
             in_memory)


def site_shape(site: Site, unavailable: dict[str, str | None]) -> str:
    """Digest of everything about the site but page bodies: every page's key, file, type, slug,
    front matter and URL, and the pages not built. A content page's template is given nothing
    else but its own body and values fixed by the config and templates."""
    return digest([(page.key, page.source.rel_path, page.content_type.value, page.slug,
                    page.front.data, site.routes[page.key].path) for page in site.pages],
                  sorted(unavailable.items()))


@functools.lru_cache(maxsize=8)  # a few sites or template sets at a time
def shared_environment(site_dir: Path, template_env: str) -> Any:
    """One Jinja environment (templates compiled once) per site and template set, for `serve`;
    `template_env` digests every template file, so any template change gets a fresh one."""
    return make_environment(site_dir)


def reserved_paths(pages: list[Page]) -> dict[str, str]:
    """URL paths the generator itself publishes, so that no page may take them."""
    reserved = {"assets/": "theme assets folder"}
    for content_type in {p.content_type for p in pages}:
        section = SECTION_OF_TYPE[content_type]
        if section:
            reserved[f"{section}/"] = f"{section} listing"
    if any(p.content_type is ContentType.COURSE for p in pages):
        reserved["courses/calendar/"] = "calendar of upcoming sessions"
    return reserved


def check_config_links(site: Site, unavailable: dict[str, str | None]) -> list[Problem]:
    """Menu and footer entries written as `page:` must name a published page."""
    problems = []
    for link in (*site.config.navigation, *site.config.footer_links):
        key = link.page.removesuffix(".md")
        if link.page and key not in site.by_key and unavailable.get(key, "") is not None:
            problems.append(Problem(link.location, f"no page '{link.page}' for menu entry "
                                    f"'{link.title}'", "config",
                                    hint="write the content path, e.g. 'pages/about'"))
    return problems


def unavailable_pages(sources: list[SourceFile], pages: list[Page],
                      published: list[Page]) -> dict[str, str | None]:
    """Pages that exist but will not be built: invalid ones (None) and unpublished ones."""
    valid = {p.key for p in pages}
    live = {p.key for p in published}
    absent: dict[str, str | None] = {s.content_path: None for s in sources
                                     if s.content_path not in valid}
    for key in valid - live:
        absent[key] = "points at a draft or a page not yet published"
    return absent


def render_site(site: Site, bodies: dict[str, RenderedMarkdown], result: BuildResult,
                renderer: Renderer, stylesheet: tuple[str, bytes],
                outcomes: list[RenderedPage | Problem]) -> None:
    """Listings, 404, sitemap, robots.txt, CSS and static files, around the rendered pages."""
    css_path, css = stylesheet
    outcomes = list(outcomes) + [renderer.render_page(p, bodies[p.key], bodies)
                                 for p in site.pages if p.is_section_index]
    listed = {p.key.split("/")[0] for p in site.pages if p.is_section_index}
    for section in sorted(_sections_with_pages(site) - listed):
        outcomes.append(renderer.render_section(section, None, bodies))
    outcomes.append(renderer.render_special("404.html", "404.html", "Page not found", "404.html"))
    if site.of_type(ContentType.COURSE):
        outcomes.append(renderer.render_calendar(upcoming_sessions(site, site.config.build_date)))
    if "" not in {site.routes[p.key].path for p in site.pages}:
        result.problems.append(Problem(Location("content/index.md"), "the site has no home page",
                                       "sources", hint="create content/index.md"))
    for outcome in outcomes:
        if isinstance(outcome, Problem):
            result.problems.append(outcome)
        else:
            result.pages.append(outcome)
    page_bytes = {page.output_file: page.html.encode("utf-8") for page in result.pages}
    files = dict(page_bytes)
    files.update(course_calendars(site))
    redirects, problems = alias_paths(site, set(files))
    result.problems += problems
    for output_file, url in redirects.items():
        absolute = site.config.base_url + url.removeprefix(site.config.base_path)
        files[output_file] = redirect_html(url, absolute).encode("utf-8")
    old_to_new = {site.config.base_path + f.removesuffix("index.html"): url
                  for f, url in redirects.items()}
    files.update(hosting_files(hosting_settings(site.config.hosting_raw), site.config.base_url,
                               site.config.base_path, old_to_new))
    files[css_path] = css
    files.update(favicon(site.config.site_dir, DEFAULT_THEME))
    files.update(static_files(site.config.site_dir))
    files["sitemap.xml"] = sitemap_xml(site, result.pages).encode("utf-8")
    files["robots.txt"] = robots_txt(site).encode("utf-8")
    result.files = files
    result.replaced = {name for name, data in page_bytes.items() if files[name] is not data}


def course_calendars(site: Site) -> dict[str, bytes]:
    """One .ics file per course, beside its page, with the upcoming sessions."""
    calendars = {}
    for course in site.of_type(ContentType.COURSE):
        sessions = [s for s in sessions_of(site, course) if s.is_upcoming(site.config.build_date)]
        path = site.routes[course.key].path + f"{course.slug}.ics"
        calendars[path] = course_ics(site, course, sessions, site.config.build_date)
    return calendars


def _sections_with_pages(site: Site) -> set[str]:
    return {SECTION_OF_TYPE[t] for t in ContentType if SECTION_OF_TYPE[t] and site.of_type(t)}


@dataclass(frozen=True, slots=True)
class SiteLintInput:
    """Everything the linter needs to lint a whole site as built."""

    documents: list[Any]
    practitioners: dict[str, dict[str, Any]]
    lint_raw: dict[str, Any]
    lint_lines: dict[tuple[str | int, ...], tuple[int, int]]
    config_path: str
    site_dir: Path
    today: dt.date
    memo: Any = None  # per-page results of the last build's lint (LintMemo.to_json), if any


def lint_input_from(result: BuildResult) -> SiteLintInput:
    """Lint documents for every content page of a build, rendered HTML attached."""
    from clinicsite.lint import LintDocument

    site = result.site
    assert site is not None
    rendered = {page.source: page for page in result.pages if page.source}
    documents = []
    for page in site.pages:
        built = rendered.get(page.source.rel_path)
        documents.append(LintDocument(
            path=page.source.rel_path, text=page.source.text,
            content_type=page.content_type.value,
            rendered_html=built.html if built else None,
            linked_types=built.links_to_types if built else frozenset(), front=page.front))
    documents += template_documents(result.config.site_dir)
    practitioners = {p.slug: p.meta for p in site.of_type(ContentType.PRACTITIONER)}
    config = result.config
    return SiteLintInput(documents, practitioners, lint_settings_for(config), config.lint_lines,
                         "site_config.yaml", config.site_dir, config.build_date)


def lint_settings_for(config: SiteConfig) -> dict[str, Any]:
    """The `lint:` settings, with the domains hosting allows and the site's own host added."""
    from urllib.parse import urlparse

    allowed = list(config.lint_raw.get("allowed_domains") or [])
    allowed += hosting_settings(config.hosting_raw).allow_third_party
    allowed.append(urlparse(config.base_url).hostname or "")
    return {**config.lint_raw, "allowed_domains": [d for d in allowed if d]}


def template_documents(site_dir: Path) -> list[Any]:
    """The site's templates, the theme's (those it does not override) and HTML files in static/,
    for lint rules that read templates, such as third-party-tracking."""
    import os

    from clinicsite.lint import LintDocument

    found: dict[str, Path] = {}
    for folder in (DEFAULT_THEME, site_dir / "templates"):  # the site's own win
        if folder.is_dir():
            found.update({p.relative_to(folder).as_posix(): p for p in folder.rglob("*.html")})
    if (site_dir / "static").is_dir():  # HTML copied as it is (e.g. an admin page)
        found.update({f"static:{p}": p for p in (site_dir / "static").rglob("*.html")})
    return [LintDocument(path=Path(os.path.relpath(path, site_dir)).as_posix(),
                         text=path.read_text("utf-8"), content_type="template")
            for _, path in sorted(found.items())]


def lint_build(result: BuildResult, memo: Any | None = None) -> Any | None:
    """Lint a successful build's pages (rendered HTML attached); None if no linter is installed.
    `memo` (a LintMemo) keeps per-page results between builds of one process."""
    try:
        from clinicsite.lint import load_lint_settings, run_lint
    except ImportError:
        return None
    lint_input = lint_input_from(result)
    if memo is not None:
        memo.use(lint_memo_key(lint_input.lint_raw, lint_input.lint_lines, lint_input.site_dir,
                               lint_input.today, lint_input.practitioners))
    settings = load_lint_settings(lint_input.lint_raw, source=lint_input.config_path,
                                  lines=lint_input.lint_lines, site_dir=lint_input.site_dir)
    return run_lint(lint_input.documents, settings, today=lint_input.today,
                    practitioners=lint_input.practitioners, memo=memo)


def lint_memo_from(stored: Any = None) -> Any | None:
    """A LintMemo holding `stored` results (as the build cache keeps them; empty if none or
    malformed); None if no linter is installed."""
    try:
        from clinicsite.lint import LintMemo
    except ImportError:
        return None
    return LintMemo.from_json(stored)


def lint_memo_key(raw: dict[str, Any], lines: Any, site_dir: Path, today: dt.date,
                  practitioners: Mapping[str, Any] | None) -> str:
    """Everything lint settings are loaded from (with rule files and baseline), the tool's own
    code (rule packs included), and the rest of what a page's findings depend on besides the
    page itself: the key of a LintMemo."""
    files = [(str(path), path.read_bytes() if path.is_file() else b"")
             for path in lint_files_named(raw, site_dir)]
    return digest(tool_digest(), raw, lines, files, today,
                  sorted((practitioners or {}).items()))


def collect_lint_input(site_dir: Path, *, drafts: bool = False) -> SiteLintInput:
    """Build a site in memory and return its lint input; SiteError when it cannot be built.
    What the last `build` left in the build cache is reused (never written to)."""
    overrides = Overrides(drafts=drafts or None)
    config = load_config(site_dir, overrides)
    cache = open_cache(config, site_dir / CACHE_DIR, config.output_dir)  # read, never written
    result = build_in_memory(site_dir, overrides, cache, jobs=default_jobs())
    if not result.ok:
        raise SiteError(result.errors)
    return replace(lint_input_from(result), memo=cache.lint)
