"""Lint results: findings, suppressions and the run that holds them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from clinicsite.errors import Level

LEVEL_ORDER: dict[Level, int] = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}


def parse_level(text: str) -> Level:
    """The Level named `text` (error, warning or info); ValueError otherwise."""
    return Level(text)


def at_or_above(level: Level, threshold: Level) -> bool:
    """True when `level` is as serious as `threshold` or more."""
    return LEVEL_ORDER[level] <= LEVEL_ORDER[threshold]


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file: 1-based lines and columns; end_column is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Suppression:
    """One suppression directive or front-matter waiver, as written by an author."""

    path: str
    line: int
    column: int
    rule_ids: tuple[str, ...]
    scope: str  # next-line | block | page
    reason: str
    approved_by: str = ""
    end_line: int = 0  # last line covered (0: to the end of the file)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem the linter found, located at the exact words in the source."""

    rule_id: str
    level: Level
    message: str
    path: str
    span: Span
    excerpt: str
    fix: str = ""
    reference: str = ""
    pack: str = ""
    context: str = ""  # the sentence or block the words stand in, for reports and fingerprints
    suppressed_by: Suppression | None = None
    baselined: bool = False

    @property
    def line(self) -> int:
        """First line of the region."""
        return self.span.line

    @property
    def column(self) -> int:
        """First column of the region."""
        return self.span.column

    @property
    def end_column(self) -> int:
        """Column after the last character of the region."""
        return self.span.end_column

    @property
    def active(self) -> bool:
        """True when the finding counts: neither suppressed nor in the baseline."""
        return self.suppressed_by is None and not self.baselined

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, position and rule."""
        return (self.path, self.span.line, self.span.column, self.rule_id)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What reports need to know about a rule (for catalogues and SARIF)."""

    id: str
    level: Level
    kind: str
    pack: str
    summary: str
    fix: str
    reference: str
    scope: str  # "sentence" or "page"


@dataclass(frozen=True, slots=True)
class LintRun:
    """Everything one lint produced; every report is written from this alone."""

    findings: tuple[Finding, ...]
    suppressions: tuple[Suppression, ...]
    rules: tuple[RuleInfo, ...]
    profile: str
    packs: tuple[tuple[str, str], ...]  # (pack name, version)
    today: date
    paths: tuple[str, ...] = ()
    seconds: float = 0.0
    site_mode: bool = False
    stale_pages: tuple[tuple[str, str], ...] = field(default=())  # (path, last_reviewed or "")

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings that count towards failure."""
        return tuple(f for f in self.findings if f.active)

    def counts(self) -> dict[str, int]:
        """Active findings per level, plus suppressed and baselined totals."""
        by_level = Counter(f.level.value for f in self.active)
        return {
            "error": by_level["error"], "warning": by_level["warning"], "info": by_level["info"],
            "suppressed": sum(1 for f in self.findings if f.suppressed_by is not None),
            "baselined": sum(1 for f in self.findings if f.baselined),
        }

    def rule(self, rule_id: str) -> RuleInfo | None:
        """The catalogue entry for `rule_id`."""
        return next((r for r in self.rules if r.id == rule_id), None)
