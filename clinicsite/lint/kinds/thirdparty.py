"""`third-party-resource`: scripts, pixels, embeds and styles loaded from other sites.

A health site must not tell third parties which health pages a visitor reads (HHS OCR guidance on
online tracking technologies, 2022/2024): every resource fetched from another host does exactly
that, through the request itself and the Referer header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from clinicsite.lint.findings import Span
from clinicsite.lint.kinds.base import CompileContext, Hit, PageChecker, PageContext
from clinicsite.lint.patterns import check_options, string_list
from clinicsite.lint.rulespec import RuleSpec

# Elements that make the browser fetch something as the page loads.
_LOADING_TAG = re.compile(
    r"<(script|iframe|img|embed|object|video|audio|source|track|input|frame)\b[^>]*?"
    r"\b(?:src|data|poster|srcset)\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>]+)",
    re.IGNORECASE | re.DOTALL)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE | re.DOTALL)
_LINK_HREF = re.compile(r"\bhref\s*=\s*[\"']?\s*((?:https?:)?//[^\s\"'>]+)", re.IGNORECASE)
_LINK_LOADS = re.compile(r"\brel\s*=\s*[\"']?[^\"'>]*\b(?:stylesheet|preload|prefetch|"
                         r"preconnect|dns-prefetch|modulepreload|icon)\b", re.IGNORECASE)
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:https?:)?//[^\s)>]+)")
_CSS_IMPORT = re.compile(r"(?:@import\s+(?:url\()?|url\()\s*[\"']?((?:https?:)?//[^\s\"')]+)",
                         re.IGNORECASE)
_SCRIPT_BODY = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_URL_IN_SCRIPT = re.compile(r"(?:https?:)?//([a-z0-9.-]+\.[a-z]{2,})", re.IGNORECASE)
_HOST = re.compile(r"^(?:https?:)?//([^/:?#]+)", re.IGNORECASE)


class ThirdPartyChecker(PageChecker):
    """Flags each resource a page or template loads from a host that is not allowed."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, ("allow",))
        self.spec = spec
        allowed = string_list(spec, "allow") + list(ctx.lists.get("allowed_domains", ())) + extra
        self.allowed = tuple(d.lower().strip().lstrip(".") for d in allowed if d.strip())

    def check_page(self, ctx: PageContext) -> Iterator[Hit]:
        text = ctx.page.text
        for start, end in sorted(set(resources(text))):
            url = text[start:end]
            host = _host(url)
            if host and not self._allowed(host):
                yield Hit(_span(text, start, end), url, host)

    def _allowed(self, host: str) -> bool:
        return any(host == domain or host.endswith("." + domain) for domain in self.allowed)


def resources(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every URL a page or template loads something from."""
    # each pattern runs only when what it opens with is written (looked up in C first):
    # most pages have no tag, image or CSS at all
    tags = "<" in text
    css = "@" in text or "url(" in text.lower()  # no letter of 'url(' folds specially
    for pattern, present in ((_LOADING_TAG, tags), (_MARKDOWN_IMAGE, "![" in text),
                             (_CSS_IMPORT, css)):
        for match in pattern.finditer(text) if present else ():
            yield match.span(match.lastindex or 1)
    for tag in _LINK_TAG.finditer(text) if tags else ():
        href = _LINK_HREF.search(tag.group(0))
        if href and _LINK_LOADS.search(tag.group(0)):
            yield tag.start() + href.start(1), tag.start() + href.end(1)
    for script in _SCRIPT_BODY.finditer(text) if tags else ():
        for url in _URL_IN_SCRIPT.finditer(script.group(1)):
            yield script.start(1) + url.start(), script.start(1) + url.end()


def _host(url: str) -> str:
    found = _HOST.match(url)
    return found.group(1).lower() if found else ""


def _span(text: str, start: int, end: int) -> Span:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_column = end - (text.rfind("\n", 0, end) + 1) + 1
    return Span(line, column, end_line, end_column)
