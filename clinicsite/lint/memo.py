"""Per-page lint results kept between runs: in memory (the dev server) or in the build cache.

A page is linted on its own: its findings depend only on the page (path, text, type, rendered
HTML, the types of pages it links to), the settings, the date and the practitioners. The memo's
`key` digests everything but the page (the caller makes it, with the tool's own code); results
are kept by a digest of the page. Loaded results are checked field by field; anything that does
not fit gives an empty memo, never a wrong finding.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from typing import Any

from clinicsite.cache import json_int, json_text
from clinicsite.errors import Level
from clinicsite.lint.findings import Finding, Span, Suppression

PageResults = tuple[list[Finding], list[Suppression]]


@dataclass
class LintMemo:
    """Each page's findings and suppressions from earlier runs, used while `key` is the same."""

    key: str = ""
    results: dict[str, PageResults] = field(default_factory=dict)  # by document_digest
    # serve lints each build in a thread of its own; two may overlap
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def use(self, key: str) -> None:
        """Forget every result unless they were made under this key."""
        with self.lock:
            if key != self.key:
                self.key, self.results = key, {}

    def store(self, key: str, results: dict[str, PageResults]) -> None:
        """Keep `results` (made under `key`) unless another run has moved the memo on."""
        with self.lock:
            if key == self.key:
                self.results = results

    def to_json(self) -> dict[str, Any]:
        """Plain values for the build cache file."""
        return {"key": self.key, "results": {
            digest: {"findings": [_finding_to_json(f) for f in findings],
                     "suppressions": [_suppression_to_json(s) for s in suppressions]}
            for digest, (findings, suppressions) in sorted(self.results.items())}}

    @classmethod
    def from_json(cls, raw: Any) -> LintMemo:
        """The memo stored by to_json; an empty one when `raw` is missing or malformed."""
        try:
            return cls(json_text(raw["key"]), {
                json_text(digest): ([_finding(f) for f in entry["findings"]],
                                [_suppression(s) for s in entry["suppressions"]])
                for digest, entry in raw["results"].items()})
        except (TypeError, KeyError, ValueError, AttributeError):
            return cls()


def document_digest(document: Any) -> str:
    """Everything of a LintDocument its findings can depend on."""
    sha = hashlib.sha256()
    for part in (document.path, document.content_type or "", document.text,
                 document.rendered_html if document.rendered_html is not None else "\0none",
                 "\0".join(sorted(document.linked_types))):
        sha.update(part.encode("utf-8", "surrogatepass"))
        sha.update(b"\0\1")
    return sha.hexdigest()


def _finding_to_json(finding: Finding) -> dict[str, Any]:
    span = finding.span
    return {"rule_id": finding.rule_id, "level": finding.level.value,
            "message": finding.message, "path": finding.path,
            "span": [span.line, span.column, span.end_line, span.end_column],
            "excerpt": finding.excerpt, "fix": finding.fix, "reference": finding.reference,
            "pack": finding.pack, "context": finding.context,
            "suppressed_by": (_suppression_to_json(finding.suppressed_by)
                              if finding.suppressed_by else None),
            "baselined": finding.baselined}


def _finding(raw: dict[str, Any]) -> Finding:
    line, column, end_line, end_column = (json_int(n) for n in raw["span"])
    suppressed = raw["suppressed_by"]
    if not isinstance(raw["baselined"], bool):
        raise TypeError("baselined")
    return Finding(json_text(raw["rule_id"]), Level(raw["level"]), json_text(raw["message"]),
                   json_text(raw["path"]), Span(line, column, end_line, end_column),
                   json_text(raw["excerpt"]), json_text(raw["fix"]), json_text(raw["reference"]),
                   json_text(raw["pack"]), json_text(raw["context"]),
                   _suppression(suppressed) if suppressed is not None else None,
                   raw["baselined"])


def _suppression_to_json(suppression: Suppression) -> dict[str, Any]:
    return {"path": suppression.path, "line": suppression.line, "column": suppression.column,
            "rule_ids": list(suppression.rule_ids), "scope": suppression.scope,
            "reason": suppression.reason, "approved_by": suppression.approved_by,
            "end_line": suppression.end_line}


def _suppression(raw: dict[str, Any]) -> Suppression:
    return Suppression(json_text(raw["path"]), json_int(raw["line"]), json_int(raw["column"]),
                       tuple(json_text(r) for r in raw["rule_ids"]), json_text(raw["scope"]),
                       json_text(raw["reason"]), json_text(raw["approved_by"]), json_int(raw["end_line"]))
