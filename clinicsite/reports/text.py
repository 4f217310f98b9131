"""Plain-text report: findings grouped by file, one `path:line:col level rule message` line each."""

from __future__ import annotations

from itertools import groupby

from clinicsite.lint.findings import Finding, LintRun

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_DIM, _BOLD, _RESET = "\x1b[2m", "\x1b[1m", "\x1b[0m"


def render(run: LintRun, color: bool = False) -> str:
    """The text report; ANSI colour only when `color` is true (the caller checks for a TTY)."""
    lines: list[str] = []
    for path, group in groupby(run.findings, key=lambda f: f.path):
        lines.append(_paint(path, _BOLD, color))
        for finding in group:
            lines.extend(_finding_lines(finding, color))
        lines.append("")
    lines.append(summary_line(run))
    return "\n".join(lines) + "\n"


def _finding_lines(finding: Finding, color: bool) -> list[str]:
    level = finding.level.value
    where = f"{finding.path}:{finding.line}:{finding.column}"
    head = f"{where} {_paint(level, _COLORS[level], color)} {finding.rule_id} {finding.message}"
    if finding.suppressed_by is not None:
        head += f" [suppressed: {finding.suppressed_by.reason}]"
        return [_paint(head, _DIM, color)]
    if finding.baselined:
        head += " [baseline]"
    out = [head]
    if finding.fix:
        out.append(_paint(f"    fix: {finding.fix}", _DIM, color))
    return out


def summary_line(run: LintRun) -> str:
    """Counts by level, plus suppressed and baselined totals."""
    counts = run.counts()
    files = len({f.path for f in run.active})
    text = (f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info "
            f"in {files} of {len(run.paths)} file(s) [profile {run.profile}]")
    if counts["suppressed"]:
        text += f"; {counts['suppressed']} suppressed"
    if counts["baselined"]:
        text += f"; {counts['baselined']} in baseline"
    return text


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text
