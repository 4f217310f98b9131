"""Markdown to safe HTML: internal .md links become page URLs, broken ones are located errors."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from clinicsite.errors import Level, Location, Problem

# Finds link targets in the source so that a broken link is reported at its own line and column.
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "rel"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A link written in Markdown source, with its position."""

    target: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class RenderedMarkdown:
    """HTML of a page body plus what templates and checks need from it."""

    html: str
    toc: list[dict[str, object]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    linked_keys: tuple[str, ...] = ()  # content pages this body links to
    # Every page key the body's .md links were looked up as, with what the lookup found
    # (see link_state): the HTML is the same whenever these are, so a cache may reuse it.
    link_states: tuple[tuple[str, str], ...] = ()


LinkResolver = Callable[[str], str | None]  # 'conditions/neck-pain' -> URL, or None if no page
# Why a page is not available: a reason to add to the message, or None to stay silent
# (the page itself failed validation and has its own error already).
Unavailable = dict[str, str | None]


def link_state(key: str, url: str | None, unavailable: Unavailable) -> str:
    """What a link to `key` (resolved to `url`) renders as: the page URL, or why there is none."""
    if url is not None:
        return "url:" + url
    if key in unavailable:
        return "unavailable:" + (unavailable[key] or "")
    return "missing"


def prose_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(line number, text) of every source line outside fenced code blocks."""
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        opened = _FENCE.match(line)
        if opened:
            marker = opened.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is None:
            yield first_line + offset, line


def scan_links(body: str, first_line: int) -> list[LinkTarget]:
    """Every inline and reference-style link target in the source, outside code fences."""
    found: list[LinkTarget] = []
    for line_no, line in prose_lines(body, first_line):
        without_code = re.sub(r"`[^`]*`", lambda m: " " * len(m.group(0)), line)
        for match in _INLINE_LINK.finditer(without_code):
            found.append(LinkTarget(match.group(1), line_no, match.start(1) + 1))
        definition = _REFERENCE_DEF.match(without_code)
        if definition:
            found.append(LinkTarget(definition.group(1), line_no, definition.start(1) + 1))
    return found


def is_internal_source_link(target: str) -> bool:
    """A relative link to a Markdown file ('../conditions/neck-pain.md#causes')."""
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and parts.path.endswith(".md")


def content_key_for(target: str, from_key: str) -> tuple[str, str]:
    """Resolve a .md link relative to the linking page: ('conditions/neck-pain', '#causes')."""
    parts = urlsplit(target)
    base = posixpath.dirname(from_key)
    joined = parts.path.lstrip("/") if parts.path.startswith("/") else posixpath.join(base,
                                                                                      parts.path)
    key = posixpath.normpath(joined).removesuffix(".md")
    if key.startswith("content/"):
        key = key.removeprefix("content/")
    return key, (f"#{parts.fragment}" if parts.fragment else "")


_HEADING = re.compile(r"^ {0,3}(#{1,6})\s")
_EMPTY_ALT = re.compile(r"!\[\s*\]\(")


def check_structure(body: str, rel_path: str, first_line: int) -> list[Problem]:
    """Accessibility of the source: heading levels in order under the title, alt text on images."""
    problems: list[Problem] = []
    previous = 1  # the page title is the only <h1>
    for line_no, line in prose_lines(body, first_line):
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if level == 1:
                problems.append(Problem(Location(rel_path, line_no, 1),
                                        "a '# ' heading repeats the page title's level", "structure",
                                        "start sections with '## ' (the title is the page heading)",
                                        Level.WARNING))
            elif level > previous + 1:
                problems.append(Problem(Location(rel_path, line_no, 1),
                                        f"heading jumps from level {previous} to {level}",
                                        "structure", f"use {'#' * (previous + 1)} here",
                                        Level.WARNING))
            previous = level
        for image in _EMPTY_ALT.finditer(line):
            problems.append(Problem(Location(rel_path, line_no, image.start() + 1),
                                    "image has no text alternative", "structure",
                                    "describe the image between the brackets: ![Dr Marsh at the "
                                    "clinic](photo.jpg)", Level.WARNING))
    return problems


class _LinkRewriter(Treeprocessor):
    """Rewrites .md hrefs to page URLs, prefixes root-relative paths, turns align into classes."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.resolve: Callable[[str], str | None] = lambda target: None
        self.base_path = "/"

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value:
                    element.set(attribute, self._rewrite(value))
            style = element.get("style", "")
            if style.startswith("text-align:"):
                del element.attrib["style"]
                element.set("class", f"align-{style.split(':')[1].strip(' ;')}")

    def _rewrite(self, value: str) -> str:
        if is_internal_source_link(value):
            return self.resolve(value) or value
        if value.startswith("/") and not value.startswith("//"):
            return self.base_path + value.lstrip("/")
        return value


class _SiteExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_LinkRewriter(md), "clinicsite_links", 1)


class MarkdownRenderer:
    """One reusable Python-Markdown instance (reset between pages, which is much faster)."""

    def __init__(self, base_path: str = "/", allow_raw_html: bool = False) -> None:
        self._md = markdown.Markdown(
            extensions=["extra", "toc", "sane_lists", _SiteExtension()],
            extension_configs={"toc": {"toc_depth": "2-3"},
                               "footnotes": {"BACKLINK_TITLE": "Back to the text of note %d"}},
            output_format="html",
        )
        self._links: _LinkRewriter = self._md.treeprocessors["clinicsite_links"]
        self._links.base_path = base_path
        self._allow_raw_html = allow_raw_html

    def render(self, body: str, page_key: str, rel_path: str, first_line: int,
               resolve_key: LinkResolver, unavailable: Unavailable | None = None
               ) -> RenderedMarkdown:
        """Render one page body; every unresolvable .md link becomes a located problem."""
        unavailable = unavailable or {}
        states: dict[str, str] = {}

        def recorded(key: str) -> str | None:
            url = resolve_key(key)
            states[key] = link_state(key, url, unavailable)
            return url

        problems = self._check_links(body, page_key, rel_path, first_line, recorded, unavailable)
        problems += check_structure(body, rel_path, first_line)

        linked: list[str] = []

        def resolve(target: str) -> str | None:
            key, fragment = content_key_for(target, page_key)
            url = recorded(key)
            if url is None:
                return None
            linked.append(key)
            return url + fragment

        self._links.resolve = resolve
        self._md.reset()
        html = self._md.convert(body)
        if not self._allow_raw_html:
            html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                             link_rel=None, url_schemes={"http", "https", "mailto", "tel"})
        toc = list(getattr(self._md, "toc_tokens", []))
        return RenderedMarkdown(html, toc, problems, tuple(dict.fromkeys(linked)),
                                tuple(sorted(states.items())))

    @staticmethod
    def _check_links(body: str, page_key: str, rel_path: str, first_line: int,
                     resolve_key: LinkResolver, unavailable: Unavailable) -> list[Problem]:
        problems = []
        for link in scan_links(body, first_line):
            if not is_internal_source_link(link.target):
                continue
            key, _ = content_key_for(link.target, page_key)
            if resolve_key(key) is not None:
                continue
            if key in unavailable and unavailable[key] is None:
                continue
            reason = unavailable.get(key) or "does not point at a published page"
            problems.append(Problem(
                    Location(rel_path, link.line, link.column),
                    f"broken link: '{link.target}' {reason}", "link",
                    hint="link to the page's .md file relative to this one, "
                         "e.g. '../conditions/neck-pain.md'"))
        return problems
