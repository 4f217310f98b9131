"""Mask inline Markdown that is not prose (code, URLs, tags, markers), keeping every column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A line with none of these characters or words is plain prose and is left as it is (the
# common case). A character class and substring tests: a regex alternation of the words would
# be tried at every character of every line.
_SPECIAL_CHARS = re.compile(r"[`\[\]<>*_~\\|]")
_SPECIAL_WORDS = ("http:", "https:", "www.", "doi", "pmid")
_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_LINK = re.compile(r"\[([^\]\[]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REF_LINK = re.compile(r"\[([^\]\[^]+)\]\[([^\]]*)\]")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\]]+[^\s<>()\].,;:!?'\"]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(r"[*~]+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_SOURCE_ID = re.compile(r"\bdoi:\s*10\.\d{4,9}/\S+|\b10\.\d{4,9}/[^\s,;]+|\bPMID:?\s*\d{5,9}"
                        r"|\bPMC\d{5,9}\b", re.IGNORECASE)
TABLE_BAR = "\x1f"  # table cell separator: a hard sentence boundary


@dataclass(slots=True)
class InlineMarks:
    """What masking found on a line: links, images, footnote refs, source identifiers."""

    links: list[tuple[str, int]] = field(default_factory=list)  # (url, column offset)
    images: list[tuple[str, str, int, int]] = field(default_factory=list)  # alt, src, start, end
    footnotes: list[str] = field(default_factory=list)
    cited: bool = False  # an external link, DOI or PMID stands in the line


def is_external(url: str) -> bool:
    """True for an absolute web address (a source), false for a site-relative link."""
    return url.startswith(("http://", "https://", "//", "www."))


def mask_line(line: str, table: bool = False) -> tuple[str, InlineMarks]:
    """Return `line` with non-prose replaced by spaces (same length) and what was found."""
    marks = InlineMarks()
    if not _is_special(line):
        return line, marks
    chars = list(line)
    if _SOURCE_ID.search(line):
        marks.cited = True
    _blank_all(_CODE, line, chars)
    for m in _IMAGE.finditer(line):
        marks.images.append((m.group(1), m.group(2), m.start(), m.end()))
        _blank(chars, m.start(), m.end())
    for m in _LINK.finditer(line):
        if chars[m.start()] == " ":  # inside an image or code span
            continue
        _note_link(marks, m.group(2), m.start())
        _blank(chars, m.start(), m.start(1))
        _blank(chars, m.end(1), m.end())
    for m in _REF_LINK.finditer(line):
        _blank(chars, m.start(), m.start(1))
        _blank(chars, m.end(1), m.end())
    for m in _FOOTNOTE.finditer(line):
        marks.footnotes.append(m.group(1))
        _blank(chars, m.start(), m.end())
    for pattern in (_AUTOLINK, _BARE_URL):
        for m in pattern.finditer(line):
            if chars[m.start()] != " ":
                _note_link(marks, m.group(0).strip("<>"), m.start())
            _blank(chars, m.start(), m.end())
    for pattern in (_TAG, _EMPHASIS, _ESCAPE):
        _blank_all(pattern, line, chars)
    masked = "".join(chars)
    if table:
        masked = masked.replace("|", TABLE_BAR)
    return masked, marks


def _is_special(line: str) -> bool:
    if _SPECIAL_CHARS.search(line):
        return True
    lower = line.lower()
    return any(word in lower for word in _SPECIAL_WORDS)


def _note_link(marks: InlineMarks, url: str, column: int) -> None:
    marks.links.append((url, column))
    if is_external(url):
        marks.cited = True


def _blank_all(pattern: re.Pattern[str], line: str, chars: list[str]) -> None:
    for m in pattern.finditer(line):
        _blank(chars, m.start(), m.end())


def _blank(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = " " * (end - start)
