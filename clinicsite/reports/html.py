"""Standalone HTML report for reviewers: summary, findings in context, audit trail, catalogue."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import groupby
from typing import Any

import jinja2
from markupsafe import Markup, escape

from clinicsite import __version__
from clinicsite.lint.findings import Finding, LintRun


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("clinicsite.reports", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True)
    env.filters["highlight"] = highlight
    return env


def render(run: LintRun) -> str:
    """The HTML report (one file, no external assets)."""
    return _environment().get_template("report.html").render(**context(run))


def context(run: LintRun) -> dict[str, Any]:
    """The template's view of a run."""
    pages = [{"path": path, "findings": list(group)}
             for path, group in groupby(run.findings, key=lambda f: f.path)]
    by_rule = Counter((f.rule_id, f.level.value) for f in run.active)
    return {
        "run": run,
        "version": __version__,
        "counts": run.counts(),
        "by_rule": sorted(((rule, level, n) for (rule, level), n in by_rule.items()),
                          key=lambda row: (-row[2], row[0])),
        "pages": pages,
        "suppressed": [f for f in run.findings if f.suppressed_by is not None],
        "clean_pages": len(set(run.paths) - {f.path for f in run.findings}),
    }


def highlight(finding: Finding) -> Markup:
    """The finding's sentence with the flagged words marked (all text escaped)."""
    context, excerpt = finding.context, finding.excerpt
    at = context.find(excerpt) if excerpt else -1
    if not context or at < 0:
        return Markup("<mark>{}</mark>").format(excerpt) if excerpt else Markup("")
    return (escape(context[:at]) + Markup("<mark>") + escape(excerpt) + Markup("</mark>")
            + escape(context[at + len(excerpt):]))
