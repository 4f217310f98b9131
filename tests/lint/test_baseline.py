"""Baselines: fingerprints that survive line shifts, so a site fails only on new findings."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from lint_helpers import TODAY, lint_text, settings_for

from clinicsite.lint import LintDocument, has_failures, run_lint
from clinicsite.lint.baseline import baseline_json, fingerprints, read_baseline

OLD = "Intro.\n\nWe cure back pain.\n"
SHIFTED = "New intro.\n\nAnother paragraph.\n\nWe cure back pain.\n"


def test_fingerprints_ignore_line_numbers() -> None:
    old = [f for f in lint_text(OLD, "page").findings if f.rule_id == "absolute-claim"]
    new = [f for f in lint_text(SHIFTED, "page").findings if f.rule_id == "absolute-claim"]
    assert old[0].line != new[0].line
    assert fingerprints(old) == fingerprints(new)


def test_repeated_identical_findings_get_distinct_fingerprints() -> None:
    run = lint_text("We cure pain.\n\nWe cure pain.\n", "page")
    marks = fingerprints([f for f in run.findings if f.rule_id == "absolute-claim"])
    assert len(set(marks)) == 2


def test_baseline_marks_old_findings_and_fails_only_on_new(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(baseline_json(lint_text(OLD, "page").findings), encoding="utf-8")
    settings = replace(settings_for(None), baseline=baseline)
    text = SHIFTED + "\nInstant relief guaranteed.\n"
    run = run_lint([LintDocument("page.md", text, "page")], settings, today=TODAY)
    baselined = [(f.line, f.rule_id) for f in run.findings if f.baselined]
    active = [(f.line, f.column, f.rule_id) for f in run.active if "missing" not in f.rule_id]
    assert (5, "absolute-claim") in baselined
    assert active == [(7, 1, "immediacy"), (7, 16, "absolute-claim")]
    assert has_failures(run, "error")


def test_baseline_file_is_sorted_json_and_readable(tmp_path: Path) -> None:
    text = baseline_json(lint_text(OLD, "page").findings)
    data = json.loads(text)
    assert data["version"] == 1 and data["findings"]
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    assert read_baseline(path) == {row["fingerprint"] for row in data["findings"]}
    assert read_baseline(tmp_path / "missing.json") == set()
