"""JSON report: fixed key order and no timings, stable enough for golden files."""

from __future__ import annotations

import json
from typing import Any

from clinicsite import __version__
from clinicsite.lint.baseline import fingerprints
from clinicsite.lint.findings import Finding, LintRun, Suppression


def render(run: LintRun) -> str:
    """The JSON report text."""
    return json.dumps(to_data(run), indent=2, ensure_ascii=False) + "\n"


def to_data(run: LintRun) -> dict[str, Any]:
    """The report as plain data, keys in a fixed order."""
    counts = run.counts()
    marks = fingerprints(run.findings)
    return {
        "tool": "clinicsite-lint",
        "version": __version__,
        "profile": run.profile,
        "packs": [{"name": name, "version": version} for name, version in run.packs],
        "date": run.today.isoformat(),
        "summary": {"files": len(run.paths), **counts},
        "findings": [finding_data(f, mark) for f, mark in zip(run.findings, marks, strict=True)],
        "suppressions": [suppression_data(s) for s in run.suppressions],
        "stale_pages": [{"path": p, "last_reviewed": d} for p, d in run.stale_pages],
    }


def finding_data(finding: Finding, fingerprint: str) -> dict[str, Any]:
    """One finding as plain data."""
    suppressed = finding.suppressed_by
    return {
        "rule_id": finding.rule_id,
        "level": finding.level.value,
        "path": finding.path,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "excerpt": finding.excerpt,
        "message": finding.message,
        "fix": finding.fix,
        "reference": finding.reference,
        "pack": finding.pack,
        "context": finding.context,
        "suppressed": suppression_data(suppressed) if suppressed else None,
        "baseline": finding.baselined,
        "fingerprint": fingerprint,
    }


def suppression_data(suppression: Suppression) -> dict[str, Any]:
    """One suppression as plain data."""
    return {
        "path": suppression.path,
        "line": suppression.line,
        "column": suppression.column,
        "rules": list(suppression.rule_ids),
        "scope": suppression.scope,
        "reason": suppression.reason,
        "approved_by": suppression.approved_by,
    }
