"""The compliance linter: unsupported health claims, missing disclaimers, reviewer reports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clinicsite.errors import Level
from clinicsite.frontmatter import FrontMatter
from clinicsite.lint.findings import Finding, LintRun, RuleInfo, Span, Suppression, at_or_above


@dataclass(frozen=True, slots=True)
class LintDocument:
    """One page to lint: its source text and, in a site lint, the HTML built from it."""

    path: str
    text: str
    content_type: str | None
    rendered_html: str | None = None
    linked_types: frozenset[str] = frozenset()
    # the front matter as the build parsed it from `text` (None: the linter parses it)
    front: FrontMatter | None = field(default=None, compare=False)


from clinicsite.lint.engine import run_lint as _run_lint  # noqa: E402 - needs LintDocument
from clinicsite.lint.memo import LintMemo  # noqa: E402
from clinicsite.lint.settings import LintSettings, load_lint_settings  # noqa: E402


def run_lint(documents: Sequence[LintDocument], settings: LintSettings, *, today: date,
             practitioners: Mapping[str, Mapping[str, Any]] | None = None,
             jobs: int | None = None, memo: LintMemo | None = None) -> LintRun:
    """Lint `documents` with `settings` as of `today`; findings sorted by file and position.

    Large runs use every available core unless `jobs` (or CLINICSITE_LINT_JOBS) says otherwise.
    With a memo, documents linted before with the same settings are not linted again.
    """
    return _run_lint(documents, settings, today=today, practitioners=practitioners, jobs=jobs,
                     memo=memo)


def has_failures(run: LintRun, fail_on: str) -> bool:
    """True when an active finding is at or above `fail_on` (error, warning or info)."""
    threshold = Level(fail_on)
    return any(at_or_above(f.level, threshold) for f in run.active)


def format_summary(run: LintRun) -> str:
    """A few lines for `build` to print: counts by level and the rules that fired most."""
    counts = run.counts()
    pages = len({f.path for f in run.active})
    head = (f"lint: {counts['error']} error(s), {counts['warning']} warning(s), "
            f"{counts['info']} info on {pages} of {len(run.paths)} page(s) "
            f"[profile {run.profile}]")
    extras = []
    if counts["suppressed"]:
        extras.append(f"{counts['suppressed']} suppressed with a reason")
    if counts["baselined"]:
        extras.append(f"{counts['baselined']} in the baseline")
    lines = [head + (f"; {', '.join(extras)}" if extras else "")]
    by_rule: dict[str, int] = {}
    for finding in run.active:
        if finding.level is not Level.INFO:
            by_rule[finding.rule_id] = by_rule.get(finding.rule_id, 0) + 1
    top = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    if top:
        lines.append("  most frequent: " + ", ".join(f"{rule} ({n})" for rule, n in top))
    if counts["error"] or counts["warning"]:
        lines.append("  run `build.py lint` for every finding, or `lint --format html` "
                     "for a reviewer report")
    return "\n".join(lines)


__all__ = ["Finding", "LintDocument", "LintRun", "LintSettings", "RuleInfo", "Span",
           "Suppression", "format_summary", "has_failures", "load_lint_settings", "run_lint"]
