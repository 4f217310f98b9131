"""Helpers for linter tests: lint a snippet of Markdown as a standalone page."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from clinicsite.lint import LintDocument, LintRun, LintSettings, load_lint_settings, run_lint

TODAY = date(2025, 6, 1)


@lru_cache(maxsize=32)
def _settings(key: str) -> LintSettings:
    import json

    return load_lint_settings(json.loads(key) or None)


def settings_for(lint: Mapping[str, Any] | None = None) -> LintSettings:
    """Settings for a `lint:` mapping, compiled once per distinct mapping."""
    import json

    return _settings(json.dumps(dict(lint or {}), sort_keys=True))


def lint_text(text: str, content_type: str | None = "treatment",
              lint: Mapping[str, Any] | None = None, path: str = "page.md",
              today: date = TODAY, **doc: Any) -> LintRun:
    """Lint one Markdown document standalone."""
    document = LintDocument(path=path, text=text, content_type=content_type, **doc)
    return run_lint([document], settings_for(lint), today=today)


def positions(run: LintRun, *, include_suppressed: bool = False) -> list[tuple[int, int, str]]:
    """(line, column, rule id) of each finding, in report order."""
    return [(f.line, f.column, f.rule_id) for f in run.findings
            if include_suppressed or f.suppressed_by is None]


def claim_positions(run: LintRun) -> list[tuple[int, int, str]]:
    """positions() without the page-level "missing-…" rules, for tests about other things."""
    return [p for p in positions(run) if not p[2].startswith("missing-")]
