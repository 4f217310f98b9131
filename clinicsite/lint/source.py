"""Read a Markdown source into prose blocks that keep every character's line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from clinicsite.errors import Problem, SiteError
from clinicsite.frontmatter import FrontMatter, parse_front_matter
from clinicsite.lint.blocks import Block
from clinicsite.lint.findings import Span
from clinicsite.lint.frontblocks import front_matter_blocks
from clinicsite.lint.inline import TABLE_BAR, is_external, mask_line

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_LIST = re.compile(r"^([ \t]*)([-*+•]|\d{1,9}[.)])(?:[ \t]+|$)")
_FOOTDEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*")
_REFDEF = re.compile(r"^ {0,3}\[[^\]^][^\]]*\]:[ \t]*<?(\S+?)>?(?:\s|$)")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_SOURCE_TEXT = re.compile(r"https?://|\bdoi\b|\b10\.\d{4,9}/|\bPMID\b|\bPMC\d", re.IGNORECASE)
# a paragraph ending so introduces the list after it ('Acupuncture can help with:')
LEAD_ENDINGS = (":", "?", "👇", "⬇️", "⬇", "↓", "⤵️", "...", "…")
_FRONT_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment: its inner text and where it starts and ends."""

    text: str
    line: int
    column: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Image:
    """An image in the body."""

    alt: str
    src: str
    span: Span
    section: str


@dataclass(slots=True)
class SourcePage:
    """A scanned page: front matter (if it parsed), prose blocks, comments, links and images."""

    path: str
    text: str
    front: FrontMatter | None = None
    front_problem: Problem | None = None
    blocks: list[Block] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    footnote_sources: set[str] = field(default_factory=set)
    footnote_labels: set[str] = field(default_factory=set)
    _prose: str | None = field(default=None, repr=False)

    @property
    def meta(self) -> dict[str, Any]:
        """Front-matter values, or an empty mapping when they could not be read."""
        return self.front.data if self.front and isinstance(self.front.data, dict) else {}

    def prose(self) -> str:
        """All body prose as one string (for page-level checks on Markdown); joined once, when
        the blocks are complete."""
        if self._prose is None:
            self._prose = "\n".join(b.text for b in self.blocks)
        return self._prose


def scan_page(path: str, text: str, front: FrontMatter | None = None) -> SourcePage:
    """Scan a whole source file; malformed front matter is recorded, never raised. `front` is
    the front matter already parsed from `text`, if it was."""
    page = SourcePage(path=path, text=text, front=front)
    body, body_line = (front.body, front.body_line) if front is not None else _split(page)
    if page.front is not None:
        page.blocks.extend(front_matter_blocks(page.front, text))
    _Scanner(page, body, body_line).run()
    for block in page.blocks:
        if any(label in page.footnote_sources for label in block.footnotes):
            block.cited = True
    return page


def _split(page: SourcePage) -> tuple[str, int]:
    try:
        page.front = parse_front_matter(page.text, page.path)
        return page.front.body, page.front.body_line
    except SiteError as error:
        page.front_problem = error.problems[0]
    opening = _FRONT_OPEN.match(page.text)
    closing = _FRONT_CLOSE.search(page.text, opening.end()) if opening else None
    if opening is None or closing is None:
        return page.text, 1
    body_line = page.text.count("\n", 0, closing.end()) + 2
    return page.text[closing.end() + 1:], body_line


class _Scanner:
    """Walks body lines once, building blocks; keeps only what the rules read."""

    def __init__(self, page: SourcePage, body: str, body_line: int) -> None:
        self.page, self.first = page, body_line
        self.lines = self._strip_comments(body).split("\n")
        self.block: Block | None = None
        self.section = ""
        self.list_lead = ""
        self.last_kind = ""
        self.group = 0
        self.fence = ""
        self.footdef = ""
        self.table_head = ""

    def _strip_comments(self, body: str) -> str:
        if "<!--" not in body:
            return body
        def blank(m: re.Match[str]) -> str:
            line = self.first + body.count("\n", 0, m.start())
            col = m.start() - body.rfind("\n", 0, m.start())
            end_line = line + m.group(0).count("\n")
            self.page.comments.append(Comment(m.group(1).strip(), line, col, end_line))
            return re.sub(r"[^\n]", " ", m.group(0))
        return _COMMENT.sub(blank, body)

    def run(self) -> None:
        for index, line in enumerate(self.lines):
            self._line(line, self.first + index)
        self._close()

    def _line(self, line: str, number: int) -> None:
        if self.fence:
            if line.lstrip().startswith(self.fence):
                self.fence = ""
            return
        stripped = line.strip()
        if not stripped:
            self._close()
            self.footdef = ""
            return
        first = stripped[0]
        if self.footdef and line[:1] in " \t":
            self._footnote_text(self.footdef, line)
            return
        self.footdef = ""
        if first in "`~" and (m := _FENCE.match(line)):
            self._close()
            self.fence = m.group(1)[0] * 3
        elif first == "#" and _HEADING.match(line):
            self._heading(line, number)
        elif first in "=-" and self.block is not None and self.block.kind == "paragraph" \
                and _SETEXT.match(line):
            self.block.kind = "heading"
            self.section = self.block.text.strip()
            self._close()
        elif first in "-*_" and _BREAK.match(line):
            self._close()
        elif first == ">" and (m := _QUOTE.match(line)):
            self._quote(line, m.end(), number)
        elif first == "[" and self._definition(line):
            self._close()
        elif (first in "-*+•" or first.isdigit()) and (m := _LIST.match(line)):
            self._list_item(line, m, number)
        elif first == "|" or (self.last_kind == "table" and "|" in line):
            self._table_row(line, number)
        elif line[:4] == "    " and self.block is None and self.last_kind != "list_item":
            return  # indented code
        else:
            self._text(line, number)

    def _heading(self, line: str, number: int) -> None:
        self._close()
        m = _HEADING.match(line)
        assert m is not None
        content = _CLOSING_HASHES.sub("", line[m.end():])
        self._start("heading")
        self._add(content, number, m.end() + 1)
        self.section = self.block.text.strip() if self.block else ""
        self._close()

    def _quote(self, line: str, cut: int, number: int) -> None:
        while (m := _QUOTE.match(line[cut:])) is not None:
            cut += m.end()
        if self.block is None or self.block.kind != "blockquote":
            self._close()
            if self.last_kind != "blockquote":
                self.group += 1
            self._start("blockquote")
        if not line[cut:].strip():
            self._close()  # a paragraph break inside the quote
            return
        self._add(line[cut:], number, cut + 1)

    def _definition(self, line: str) -> bool:
        if m := _FOOTDEF.match(line):
            self.footdef = m.group(1)
            self.page.footnote_labels.add(self.footdef)
            self._footnote_text(self.footdef, line[m.end():])
            return True
        if m := _REFDEF.match(line):
            self.page.links.append(m.group(1))
            return True
        return False

    def _footnote_text(self, label: str, text: str) -> None:
        if _SOURCE_TEXT.search(text):
            self.page.footnote_sources.add(label)

    def _list_item(self, line: str, m: re.Match[str], number: int) -> None:
        if self.last_kind != "list_item" and self.block is None or (
                self.block is not None and self.block.kind != "list_item"):
            self.list_lead = self._lead()
        self._close()
        self._start("list_item")
        self._add(line[m.end():], number, m.end() + 1)

    def _lead(self) -> str:
        block = self.block if self.block is not None else self._previous()
        if block is None or block.kind not in ("paragraph", "list_item"):
            return ""
        text = block.text.rstrip()
        return text if text.endswith(LEAD_ENDINGS) else (self.list_lead if block.kind == "list_item"
                                                     else "")

    def _previous(self) -> Block | None:
        blocks = self.page.blocks
        return blocks[-1] if blocks and blocks[-1].kind != "front_matter" else None

    def _table_row(self, line: str, number: int) -> None:
        self._close()
        if _TABLE_RULE.match(line):
            self.last_kind = "table"
            return
        if self.last_kind != "table":
            self.table_head = ""
        self._start("table")
        self._add(line, number, 1, table=True)
        assert self.block is not None
        if self.table_head:
            self.block.lead = self.table_head  # the header row introduces every row below it
        else:
            self.table_head = " ".join(self.block.text.replace(TABLE_BAR, " ").split())
        self._close()

    def _text(self, line: str, number: int) -> None:
        if self.block is None:
            self._start("paragraph")
        assert self.block is not None
        indent = len(line) - len(line.lstrip())
        self._add(line[indent:], number, indent + 1)

    def _start(self, kind: str) -> None:
        self.block = Block(kind, section=self.section, group=self.group,
                           lead=self.list_lead if kind == "list_item" else "")

    def _add(self, content: str, number: int, col: int, table: bool = False) -> None:
        assert self.block is not None
        masked, marks = mask_line(content, table=table)
        self.block.add(masked, number, col, marks)
        self.page.links.extend(url for url, _ in marks.links)
        for alt, src, start, end in marks.images:
            self.page.images.append(Image(alt, src, Span(number, col + start, number, col + end),
                                          self.section))

    def _close(self) -> None:
        if self.block is not None:
            if self.block.text.strip():
                self.page.blocks.append(self.block)
            self.last_kind = self.block.kind
            self.block = None


def external_links(page: SourcePage) -> list[str]:
    """The page's links to other sites."""
    return [url for url in page.links if is_external(url)]
