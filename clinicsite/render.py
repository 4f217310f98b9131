"""Jinja2 rendering: one environment, a view model per page, template errors located."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from clinicsite.cache import BuildCache, digest
from clinicsite.content_types import SECTION_OF_TYPE, ContentType
from clinicsite.courses import Session, sessions_of, upcoming_sessions
from clinicsite.errors import Location, Problem
from clinicsite.jsonld import DAY_NAMES, absolute, page_graph, question_node, to_script
from clinicsite.markdown import RenderedMarkdown
from clinicsite.pages import Page
from clinicsite.rendered import RenderedPage
from clinicsite.site import Site
from clinicsite.views import (
    NavItem,
    PageLink,
    PageView,
    breadcrumbs_for,
    link_to,
    person,
    relations_for,
    section_of,
    section_title,
)

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "templates"


def make_environment(site_dir: Path, theme_dir: Path = DEFAULT_THEME) -> jinja2.Environment:
    """Site templates first, then the default theme; autoescaped, strict about undefined names."""
    search = [str(site_dir / "templates")] if (site_dir / "templates").is_dir() else []
    if theme_dir.resolve() != (site_dir / "templates").resolve():
        search.append(str(theme_dir))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A build renders with templates as they were when it started; `serve` gets a fresh
        # environment whenever a template changes (pipeline.shared_environment). Not checking
        # each template file's time on every render saves three stat calls a page.
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


def _human_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _tel(value: str) -> str:
    return "tel:" + "".join(ch for ch in value if ch.isdigit() or ch == "+")


def _human_datetime(value: dt.datetime) -> str:
    return f"{value:%a} {value.day} {value:%B %Y}, {value:%H:%M}"


def _session_span(start: dt.datetime, end: dt.datetime) -> str:
    """'Sat 14 March 2027, 09:00–17:00 PDT' or across days 'Sat 14 – Sun 15 March 2027'."""
    zone = start.tzname() or ""
    if start.date() == end.date():
        return f"{_human_datetime(start)}–{end:%H:%M} {zone}".strip()
    return f"{_human_datetime(start)} to {_human_datetime(end)} {zone}".strip()


FILTERS: dict[str, Callable[..., Any]] = {
    "human_date": _human_date,
    "human_datetime": _human_datetime,
    "session_span": _session_span,
    "tel": _tel,
    "day_names": lambda days: ", ".join(DAY_NAMES[d] for d in days),
}


class TrackedListings(Mapping[str, list[PageLink]]):
    """The site-wide page lists, noting whether a template read them: a page whose template
    did not can be reused from the cache whatever happens to other pages' titles."""

    def __init__(self, lists: dict[str, list[PageLink]]) -> None:
        self._lists = lists
        self.read = False
        self._digest = ""

    def __getitem__(self, name: str) -> list[PageLink]:
        self.read = True
        return self._lists[name]

    def __iter__(self) -> Iterator[str]:
        self.read = True
        return iter(self._lists)

    def __len__(self) -> int:
        self.read = True
        return len(self._lists)

    def digest(self) -> str:
        """Digest of every list (computed once)."""
        if not self._digest:
            self._digest = digest(self._lists)
        return self._digest


class Renderer:
    """Renders pages of one site with shared globals (nav, footer, CSS URL); with a build
    cache, a page whose template inputs are unchanged takes its HTML from the last build."""

    def __init__(self, site: Site, env: jinja2.Environment, css_url: str,
                 cache: BuildCache | None = None) -> None:
        self.site = site
        self.env = env
        self.cache = cache
        site_globals = self._site_globals(css_url)
        self.listings = TrackedListings(site_globals.pop("listings"))
        self._globals_digest = digest(site_globals)
        self.globals = {"site": {**site_globals, "listings": self.listings}}

    def _site_globals(self, css_url: str) -> dict[str, Any]:
        config, site = self.site.config, self.site
        main = site.by_key.get(f"locations/{config.organization.get('main_location', '')}")
        return {
            "name": config.name, "tagline": config.tagline, "description": config.description,
            "language": config.language, "base_url": config.base_url,
            "base_path": config.base_path, "organization": config.organization,
            "disclaimer": config.organization.get("disclaimer", ""),
            "main_location": link_to(site, main) if main else None,
            "footer_links": [NavItem(n.title, self.nav_url(n.url, n.page))
                             for n in config.footer_links],
            "css_url": css_url, "year": config.build_date.year,
            "listings": {t.value: [link_to(site, p) for p in site.of_type(t)]
                         for t in ContentType},
        }

    def nav_url(self, url: str, page_key: str) -> str:
        """A config link as a URL: pages by key, site paths under the base path."""
        if page_key:
            return self.site.url(self.site.by_key[page_key])
        if url.startswith("/"):
            return self.site.config.base_path + url.lstrip("/")
        return url

    def navigation(self, current_url: str) -> list[NavItem]:
        """The main menu, marking the entry whose URL the current page is under."""
        items = []
        for link in self.site.config.navigation:
            url = self.nav_url(link.url, link.page)
            current = url != self.site.config.base_path and current_url.startswith(url)
            items.append(NavItem(link.title, url, current))
        return items

    def render_page(self, page: Page, body: RenderedMarkdown,
                    faq_bodies: dict[str, RenderedMarkdown]) -> RenderedPage | Problem:
        """Render one content page (or section listing, for an _index.md page)."""
        if page.is_section_index:
            return self.render_section(page.key.split("/")[0], body, faq_bodies)
        view = self.page_view(page, body)
        template = self._template_name(page)
        changed = last_modified(list(self.site.pages) if page.is_home else [page])
        graph = page_graph(self.site, view, page.content_type)
        context = {"page": view, "jsonld": to_script(graph)}
        rendered = self._render(template, context, page, view, changed)
        if isinstance(rendered, RenderedPage):
            body_types = {self.site.by_key[k].content_type.value for k in body.linked_keys
                          if k in self.site.by_key}
            rendered = replace(rendered, links_to_types=rendered.links_to_types | body_types)
        return rendered

    def page_view(self, page: Page, body: RenderedMarkdown) -> PageView:
        """The view model of a content page."""
        url = self.site.url(page)
        section = section_of(page)
        return PageView(
            key=page.key, title=page.title,
            description=str(page.meta.get("description") or "") or self.site.config.description,
            content_type=page.content_type.value, url=url,
            canonical=absolute(self.site, url), meta=page.meta, body=Markup(body.html),
            toc=body.toc, breadcrumbs=breadcrumbs_for(self.site, page, section, page.title, url),
            author=person(self.site, page, "author"),
            reviewer=person(self.site, page, "reviewed_by"),
            last_reviewed=page.meta.get("last_reviewed"), updated=page.meta.get("updated"),
            relations=relations_for(self.site, page),
            extras=self._extras(page),
        )

    def _extras(self, page: Page) -> dict[str, Any]:
        if page.content_type is not ContentType.COURSE:
            return {}
        today = self.site.config.build_date
        sessions = sessions_of(self.site, page)
        upcoming = [s for s in sessions if s.is_upcoming(today)]
        return {"sessions": upcoming, "past_sessions": len(sessions) - len(upcoming),
                "ics_url": self.site.url(page) + f"{page.slug}.ics"}

    def render_calendar(self, sessions: list[Session]) -> RenderedPage | Problem:
        """The 'upcoming sessions' page of every course, in date order."""
        url = self.site.config.base_path + "courses/calendar/"
        title = "Upcoming sessions"
        view = PageView(
            key="courses/calendar", title=title,
            description=f"Dates, times and venues of upcoming courses at {self.site.config.name}.",
            content_type="section", url=url, canonical=absolute(self.site, url), meta={},
            body=Markup(""), toc=[],
            breadcrumbs=breadcrumbs_for(self.site, None, "courses", title, url))
        graph = page_graph(self.site, view, None)
        graph[0]["mainEntity"] = {"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "position": i, "url": absolute(self.site, self.site.url(s.course)),
             "name": f"{s.course.title}, {s.start.date().isoformat()}"}
            for i, s in enumerate(sessions, start=1)]}
        months: dict[str, list[Session]] = {}
        for session in sessions:
            months.setdefault(f"{session.start:%B %Y}", []).append(session)
        context = {"page": view, "months": list(months.items()), "jsonld": to_script(graph)}
        courses = self.site.of_type(ContentType.COURSE)
        return self._render("calendar.html", context, None, view, last_modified(courses))

    def _next_sessions(self) -> dict[str, Session]:
        """Course URL -> its next upcoming session."""
        nexts: dict[str, Session] = {}
        for session in upcoming_sessions(self.site, self.site.config.build_date):
            nexts.setdefault(self.site.url(session.course), session)
        return nexts

    def render_section(self, section: str, intro: RenderedMarkdown | None,
                       faq_bodies: dict[str, RenderedMarkdown]) -> RenderedPage | Problem:
        """A section listing: conditions A–Z, FAQs by topic, team, locations, ..."""
        content_type = _type_of_section(section)
        items = [link_to(self.site, p) for p in self.site.of_type(content_type)]
        intro_page = self.site.section_intro(section)
        title = section_title(self.site, section)
        url = self.site.config.base_path + section + "/"
        view = PageView(
            key=section, title=title,
            description=(str(intro_page.meta.get("description") or "") if intro_page else "")
            or f"{title} at {self.site.config.name}.",
            content_type="section", url=url, canonical=absolute(self.site, url),
            meta={}, body=Markup(intro.html if intro else ""), toc=[],
            breadcrumbs=breadcrumbs_for(self.site, None, None, title, url),
        )
        context: dict[str, Any] = {"page": view, "items": items, "section": section}
        graph = page_graph(self.site, view, None)
        if content_type is ContentType.COURSE:
            context["groups"] = _course_groups(self.site)
            context["next_session"] = self._next_sessions()
        if content_type is ContentType.FAQ:
            groups = _faq_groups(self.site, faq_bodies)
            context["groups"] = groups
            graph[0]["mainEntity"] = [question_node(q.title, str(answer)) for _, _, faqs in groups
                                      for q, answer in faqs]
        else:
            graph[0]["mainEntity"] = {"@type": "ItemList", "itemListElement": [
                {"@type": "ListItem", "position": i, "url": absolute(self.site, item.url),
                 "name": item.title} for i, item in enumerate(items, start=1)]}
        context["jsonld"] = to_script(graph)
        templates = [f"section-{section}.html", "section.html"]
        pages = self.site.of_type(content_type) + ([intro_page] if intro_page else [])
        return self._render(templates, context, intro_page, view, last_modified(pages))

    def render_special(self, template: str, output_file: str, title: str,
                       path: str) -> RenderedPage | Problem:
        """Home-less generated pages such as 404.html."""
        url = self.site.config.base_path + path
        view = PageView(key=template.removesuffix(".html"), title=title,
                        description=self.site.config.description, content_type="special",
                        url=url, canonical=absolute(self.site, url), meta={}, body=Markup(""),
                        toc=[], breadcrumbs=[])
        featured = {t.value: [link_to(self.site, p) for p in self.site.of_type(t)]
                    for t in (ContentType.CONDITION, ContentType.TREATMENT)}
        return self._render(template, {"page": view, "jsonld": "", "featured": featured},
                            None, view, None, output_file)

    def _template_name(self, page: Page) -> list[str]:
        chosen = page.meta.get("template")
        if chosen:
            return [f"{chosen}.html"]
        return ["home.html", "page.html"] if page.is_home else [f"{page.content_type.value}.html"]

    def _render(self, templates: str | list[str], context: dict[str, Any], page: Page | None,
                view: PageView, lastmod: dt.date | None, output_file: str = ""
                ) -> RenderedPage | Problem:
        names = [templates] if isinstance(templates, str) else templates
        names = [n if n.endswith(".html") else n + ".html" for n in names]
        context = {**context, "nav": self.navigation(view.url),
                   "featured": context.get("featured", {})}
        source = page.source.rel_path if page else ""
        output_file = output_file or self.site.output_file(view.url)
        inputs = reused = None
        if self.cache is not None:  # without a cache nobody asks what the HTML was made from
            inputs = digest(self._globals_digest, names, source, lastmod, context)
            reused = self.cache.html_for(output_file, inputs, self.listings.digest)
        if reused is not None:
            html, listings = reused
        else:
            rendered = self._template_html(names, {**self.globals, **context}, source)
            if isinstance(rendered, Problem):
                return rendered
            html, listings = rendered
        types = frozenset(link.content_type for links in view.relations.values() for link in links)
        return RenderedPage(output_file, html, source, view.url, lastmod,
                            page.content_type.value if page else "", types, inputs or "", listings,
                            reused is not None)

    def _template_html(self, names: list[str], context: dict[str, Any],
                       source: str) -> tuple[str, str] | Problem:
        """The HTML, and the listings digest if the template read the listings."""
        self.listings.read = False
        try:
            html = self.env.select_template(names).render(context)
        except jinja2.TemplatesNotFound:
            return Problem(Location(source or "templates", 1 if source else 0),
                           f"missing template: {' or '.join(names)}", "template",
                           hint="add it to templates/ or use a 'template:' that exists")
        except jinja2.TemplateNotFound as exc:
            problem = _template_runtime_problem(exc, source, names[0])
            return replace(problem, message=f"missing template '{exc.name}' "
                                            f"(while rendering {source or names[0]})")
        except UnicodeDecodeError as exc:
            return Problem(Location(f"templates/{names[0]}"),
                           f"a template is not valid UTF-8 (byte {exc.start})", "template",
                           hint="re-save the template as UTF-8")
        except jinja2.TemplateSyntaxError as exc:
            return Problem(Location(_template_path(exc.filename, exc.name), exc.lineno or 0),
                           f"template syntax error: {exc.message}", "template")
        except (jinja2.UndefinedError, TypeError, ValueError, KeyError, AttributeError) as exc:
            return _template_runtime_problem(exc, source, names[0])
        return html, self.listings.digest() if self.listings.read else ""


def last_modified(pages: list[Page]) -> dt.date | None:
    """The latest of date, updated and last_reviewed over some pages (for sitemap lastmod)."""
    dates = [page.meta.get(name) for page in pages for name in ("date", "updated", "last_reviewed")]
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _course_groups(site: Site) -> list[tuple[str, list[tuple[str, list[PageLink]]]]]:
    """Courses by topic (A–Z), then by level (introductory → advanced)."""
    levels = ["introductory", "intermediate", "advanced", ""]
    topics: dict[str, dict[str, list[PageLink]]] = {}
    for page in site.of_type(ContentType.COURSE):
        topic = page.meta.get("topic") or "Other courses"
        topics.setdefault(topic, {}).setdefault(page.meta.get("level") or "",
                                                []).append(link_to(site, page))
    return [(topic, [(level, by_level[level]) for level in levels if level in by_level])
            for topic, by_level in sorted(topics.items())]


def _type_of_section(section: str) -> ContentType:
    return next(t for t, s in SECTION_OF_TYPE.items() if s == section)


def _faq_groups(site: Site, bodies: dict[str, RenderedMarkdown]
                ) -> list[tuple[str, str, list[tuple[PageLink, Markup]]]]:
    """FAQs grouped by topic (topics in order of their first FAQ), each with an anchor."""
    import re

    groups: dict[str, list[tuple[PageLink, Markup]]] = {}
    for page in site.of_type(ContentType.FAQ):
        html = bodies[page.key].html if page.key in bodies else ""
        # Answers share one page here, so their ids (footnotes, headings) get the FAQ's slug.
        html = html.replace(' id="', f' id="{page.slug}-').replace(' href="#', f' href="#{page.slug}-')
        answer = Markup(html)
        groups.setdefault(page.meta["topic"], []).append((link_to(site, page), answer))
    return [(topic, re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-"), faqs)
            for topic, faqs in groups.items()]


def _template_path(filename: str | None, name: str | None) -> str:
    if filename:
        parts = Path(filename).parts
        if "templates" in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index("templates"):])
    return f"templates/{name}" if name else "templates"


def _template_runtime_problem(exc: Exception, source: str, template: str) -> Problem:
    """Locate a runtime template failure at the template line, naming the page rendered."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith(".html")]
    where = Location(_template_path(frames[-1].filename, None), frames[-1].lineno or 0) \
        if frames else Location(f"templates/{template}")
    message = str(exc).replace("'clinicsite.views.PageView object'", "'page'")
    return Problem(where, f"{message} (while rendering {source or template})", "template",
                   hint="check the variable name, or add the missing front-matter field")
