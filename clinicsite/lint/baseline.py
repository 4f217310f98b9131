"""Baselines: accepted findings, fingerprinted so they survive line shifts."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from clinicsite.errors import Location, SiteError
from clinicsite.lint.findings import Finding

VERSION = 1


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One fingerprint per finding: rule, file and words (not lines), plus an occurrence count."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for finding in findings:
        words = " ".join((finding.context or finding.excerpt).lower().split())
        key = (finding.rule_id, finding.path, f"{finding.excerpt.lower()}\x00{words}")
        seen[key] += 1
        digest = hashlib.sha256("\x00".join((*key, str(seen[key]))).encode("utf-8"))
        out.append(digest.hexdigest()[:20])
    return out


def apply_baseline(findings: list[Finding], accepted: set[str]) -> list[Finding]:
    """Mark findings whose fingerprint is in the baseline; order is kept."""
    if not accepted:
        return findings
    marks = fingerprints(findings)
    return [replace(f, baselined=True) if mark in accepted and f.suppressed_by is None else f
            for f, mark in zip(findings, marks, strict=True)]


def read_baseline(path: Path, shown: str | None = None) -> set[str]:
    """The fingerprints in a baseline file; a missing file is an empty baseline."""
    shown = shown or str(path)
    if not path.is_file():
        return set()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(item["fingerprint"]) for item in data["findings"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SiteError.at(Location(shown, 1, 1), f"not a clinicsite baseline file: {exc}",
                           "baseline", hint="write one with `lint --write-baseline FILE`"
                           ) from None


def baseline_json(findings: Iterable[Finding]) -> str:
    """Baseline file text for the active (unsuppressed) findings, sorted for stable diffs."""
    kept = [f for f in findings if f.suppressed_by is None]
    rows = [{"fingerprint": mark, "rule": f.rule_id, "path": f.path, "excerpt": f.excerpt}
            for f, mark in zip(kept, fingerprints(kept), strict=True)]
    rows.sort(key=lambda r: (r["path"], r["rule"], r["fingerprint"]))
    return json.dumps({"version": VERSION, "tool": "clinicsite-lint", "findings": rows},
                      indent=2, ensure_ascii=False) + "\n"
