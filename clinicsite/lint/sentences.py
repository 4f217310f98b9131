"""Split a block's masked text into sentences and clauses by character offset."""

from __future__ import annotations

import re
from bisect import bisect_right

from clinicsite.lint.inline import TABLE_BAR

_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|" + TABLE_BAR + r"|\n(?=\s*\n)")
_NEXT_START = re.compile(r"\s*[\"'“‘(\[*_]*[A-Z0-9]")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "dr", "mr", "mrs", "ms", "prof", "vs", "etc", "approx",
                            "st", "no", "fig", "inc", "ltd", "co", "jr", "sr", "dept", "min",
                            "max", "al", "cf", "ca"})
_CLAUSE = re.compile(r",(?!\d)|[;:()—–]|\s-\s|\bbut\b|\bhowever\b|\bwhereas\b|\balthough\b")


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of each sentence in `text` (the first is always 0)."""
    starts = [0]
    for m in _END.finditer(text):
        end = m.end()
        if m.group(0) == TABLE_BAR:
            starts.append(end)
            continue
        if m.group(0)[0] == "." and _abbreviation(text, m.start()):
            continue
        if _NEXT_START.match(text, end) or m.group(0) == "\n":
            starts.append(end)
    return starts


def _abbreviation(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


class Sentences:
    """Sentence lookup for one block, computed once and shared by every rule."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = sentence_bounds(text)

    def around(self, offset: int) -> tuple[int, int]:
        """The (start, end) offsets of the sentence holding `offset`, whitespace trimmed."""
        i = bisect_right(self.starts, offset) - 1
        start = self.starts[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        while start < end and self.text[start] in " \n\t" + TABLE_BAR:
            start += 1
        while end > start and self.text[end - 1] in " \n\t" + TABLE_BAR:
            end -= 1
        return start, end


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Offsets within `sentence` of the clause that holds sentence[start:end]."""
    left = 0
    for m in _CLAUSE.finditer(sentence, 0, start):
        left = m.end()
    right = len(sentence)
    m = _CLAUSE.search(sentence, end)
    if m:
        right = m.start()
    return left, right
