"""A block of prose: masked text that remembers each character's source line and column."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from clinicsite.lint.findings import Span
from clinicsite.lint.inline import InlineMarks


@dataclass(slots=True)
class Block:
    """A run of prose: masked text plus, per source line, its offset, line and column."""

    kind: str
    section: str = ""
    lead: str = ""
    group: int = 0
    text: str = ""
    starts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    cited: bool = False

    def add(self, masked: str, line: int, col: int, marks: InlineMarks) -> None:
        """Append one source line's masked text."""
        if self.starts:
            self.text += "\n"
        self.starts.append(len(self.text))
        self.lines.append(line)
        self.cols.append(col)
        self.text += masked
        self.footnotes.extend(marks.footnotes)
        self.cited = self.cited or marks.cited

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset in `text`."""
        i = bisect_right(self.starts, offset) - 1
        return self.lines[i], self.cols[i] + offset - self.starts[i]

    def span(self, start: int, end: int) -> Span:
        """The source span of text[start:end]."""
        line, col = self.position(start)
        end_line, end_col = self.position(max(end - 1, start))
        return Span(line, col, end_line, end_col + (1 if end > start else 0))
