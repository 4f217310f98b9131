"""Lint reports: one writer per format, each rendering the same LintRun."""

from __future__ import annotations

from collections.abc import Callable

from clinicsite.lint.findings import LintRun
from clinicsite.reports import html, json_report, junit, sarif, text

WRITERS: dict[str, Callable[[LintRun], str]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "html": html.render,
}
FORMATS = tuple(WRITERS)


def render_report(run: LintRun, fmt: str, *, color: bool = False) -> str:
    """The report text for `fmt` (text, json, sarif, junit or html)."""
    if fmt == "text":
        return text.render(run, color=color)
    return WRITERS[fmt](run)


__all__ = ["FORMATS", "WRITERS", "render_report"]
