"""Suppression directives and front-matter waivers, each kept for the audit trail."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from clinicsite.lint.findings import Finding, Span, Suppression
from clinicsite.lint.source import SourcePage

_DIRECTIVE = re.compile(r"^(?:clinicsite|medlint)-(disable-next-line|disable|enable)\b(.*)$",
                        re.DOTALL)
_REASON = re.compile(r"""\breason\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_APPROVED = re.compile(r"""\bapproved_by\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
PAGE_KEYS = ("disable", "reason", "approved_by")


@dataclass(frozen=True, slots=True)
class DirectiveProblem:
    """A suppression written wrongly: reported as a finding of an engine rule."""

    rule_id: str  # suppression-needs-reason | suppression-unknown-rule | front-matter-error
    span: Span
    excerpt: str
    message: str


def read_suppressions(page: SourcePage, known: Callable[[str], str | None]
                      ) -> tuple[list[Suppression], list[DirectiveProblem]]:
    """Every valid suppression on the page, and problems with the ones that are not valid."""
    found: list[Suppression] = []
    problems: list[DirectiveProblem] = []
    open_blocks: dict[str, int] = {}
    for comment in page.comments:
        m = _DIRECTIVE.match(comment.text)
        if m is None:
            continue
        action, rest = m.group(1), m.group(2)
        span = Span(comment.line, comment.column, comment.line, comment.column + 4)
        rules = _rule_ids(rest, span, comment.text, known, problems)
        if action == "enable":
            for rule in rules:
                if rule in open_blocks:
                    i = open_blocks.pop(rule)
                    found[i] = _closed(found[i], rule, comment.line, found)
            continue
        reason = _value(_REASON, rest)
        if not rules:
            continue
        if not reason:
            problems.append(DirectiveProblem("suppression-needs-reason", span, comment.text,
                                             f"suppression of {', '.join(rules)} gives no "
                                             f"reason; add reason=\"...\" for the audit trail"))
            continue
        scope = "next-line" if action == "disable-next-line" else "block"
        end = _next_block_end(page, comment.end_line) if scope == "next-line" else 0
        found.append(Suppression(page.path, comment.line, comment.column, tuple(rules), scope,
                                 reason, _value(_APPROVED, rest), end))
        if scope == "block":
            for rule in rules:
                open_blocks[rule] = len(found) - 1
    page_waiver = _front_matter(page, known, problems)
    return found + page_waiver, problems


def _rule_ids(rest: str, span: Span, text: str, known: Callable[[str], str | None],
              problems: list[DirectiveProblem]) -> list[str]:
    names = re.split(r"[\s,]+", _REASON.sub("", _APPROVED.sub("", rest)).strip())
    rules = []
    for name in filter(None, names):
        canonical = known(name)
        if canonical is None:
            problems.append(DirectiveProblem("suppression-unknown-rule", span, text,
                                             f"suppression names unknown rule '{name}'"))
        else:
            rules.append(canonical)
    if not any(names):
        problems.append(DirectiveProblem("suppression-unknown-rule", span, text,
                                         "a suppression must name the rule it suppresses"))
    return rules


def _closed(open_one: Suppression, rule: str, line: int, found: list[Suppression]
            ) -> Suppression:
    from dataclasses import replace

    if len(open_one.rule_ids) == 1:
        return replace(open_one, end_line=line)
    # enabling one rule of several: split the record so each keeps its own range
    rest = tuple(r for r in open_one.rule_ids if r != rule)
    found.append(replace(open_one, rule_ids=rest))
    return replace(open_one, rule_ids=(rule,), end_line=line)


def _value(pattern: re.Pattern[str], text: str) -> str:
    m = pattern.search(text)
    return next((g for g in m.groups() if g), "").strip() if m else ""


def _next_block_end(page: SourcePage, line: int) -> int:
    lines = page.text.split("\n")
    n = line  # 0-based index of the line after the comment
    while n < len(lines) and not lines[n].strip():
        n += 1
    while n < len(lines) and lines[n].strip():
        n += 1
    return max(n, line + 1)


def _front_matter(page: SourcePage, known: Callable[[str], str | None],
                  problems: list[DirectiveProblem]) -> list[Suppression]:
    raw = page.meta.get("lint")
    if raw is None or page.front is None:
        return []
    line, col = page.front.lines.get(("lint",), (1, 1))
    span = Span(line, col, line, col + 4)
    if not isinstance(raw, dict):
        problems.append(DirectiveProblem("front-matter-error", span, "lint",
                                         "lint must be a mapping {disable, reason, approved_by}"))
        return []
    for key in raw:
        if key not in PAGE_KEYS:
            problems.append(DirectiveProblem("front-matter-error", span, str(key),
                                             f"unknown key '{key}' in lint (use disable, "
                                             f"reason, approved_by)"))
    names = raw.get("disable") or []
    names = [names] if isinstance(names, str) else [str(n) for n in names]
    rules = _rule_ids(" ".join(names), span, "lint.disable", known, problems) if names else []
    reason = str(raw.get("reason") or "").strip()
    if rules and not reason:
        problems.append(DirectiveProblem("suppression-needs-reason", span, "lint.disable",
                                         f"page waiver of {', '.join(rules)} gives no reason; "
                                         f"add reason and approved_by"))
        return []
    if not rules:
        return []
    return [Suppression(page.path, line, col, tuple(rules), "page", reason,
                        str(raw.get("approved_by") or ""), 0)]


def covering(finding: Finding, suppressions: list[Suppression]) -> Iterator[Suppression]:
    """The suppressions that apply to `finding`."""
    for s in suppressions:
        if finding.rule_id in s.rule_ids and _covers_line(s, finding.line):
            yield s


def _covers_line(s: Suppression, line: int) -> bool:
    if s.scope == "page":
        return True
    if s.scope == "next-line":
        return s.line < line <= s.end_line
    return s.line < line and (not s.end_line or line < s.end_line)
