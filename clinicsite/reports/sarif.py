"""SARIF 2.1.0 report for code-scanning tools: rules from the packs, one result per finding."""

from __future__ import annotations

import json
from typing import Any

from clinicsite import __version__
from clinicsite.lint.baseline import fingerprints
from clinicsite.lint.findings import Finding, LintRun, RuleInfo

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(run: LintRun) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(to_data(run), indent=2, ensure_ascii=False) + "\n"


def to_data(run: LintRun) -> dict[str, Any]:
    """The SARIF log as plain data."""
    index = {rule.id: i for i, rule in enumerate(run.rules)}
    marks = fingerprints(run.findings)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "clinicsite-lint",
                "version": __version__,
                "rules": [_rule(r) for r in run.rules],
            }},
            "results": [_result(f, index, mark, run) for f, mark in
                        zip(run.findings, marks, strict=True)],
            "properties": {"profile": run.profile,
                           "packs": [f"{n}@{v}" for n, v in run.packs]},
        }],
    }


def _rule(rule: RuleInfo) -> dict[str, Any]:
    help_text = rule.fix + (f" Reference: {rule.reference}" if rule.reference else "")
    return {
        "id": rule.id,
        "name": "".join(part.title() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary or rule.id},
        "help": {"text": help_text.strip() or rule.summary or rule.id},
        "defaultConfiguration": {"level": _LEVELS[rule.level.value]},
        "properties": {"pack": rule.pack, "kind": rule.kind, "scope": rule.scope,
                       "reference": rule.reference},
    }


def _result(finding: Finding, index: dict[str, int], mark: str, run: LintRun) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": finding.span.line, "startColumn": finding.span.column,
        "endLine": finding.span.end_line, "endColumn": max(finding.span.end_column,
                                                          finding.span.column + 1)}
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": _LEVELS[finding.level.value],
        "message": {"text": finding.message + (f" Fix: {finding.fix}" if finding.fix else "")},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": finding.path}, "region": region}}],
        "partialFingerprints": {"clinicsiteFinding/v1": mark},
    }
    if finding.rule_id in index:
        result["ruleIndex"] = index[finding.rule_id]
    if finding.suppressed_by is not None:
        s = finding.suppressed_by
        result["suppressions"] = [{
            "kind": "inSource" if s.scope in ("next-line", "block") else "external",
            "status": "accepted",
            "justification": s.reason + (f" (approved by {s.approved_by})" if s.approved_by
                                         else ""),
            "location": {"physicalLocation": {"artifactLocation": {"uri": s.path},
                                              "region": {"startLine": s.line}}},
        }]
    if finding.baselined:
        result["baselineState"] = "unchanged"
    return result
