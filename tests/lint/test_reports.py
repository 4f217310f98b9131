"""Every report format, written from the same LintRun."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from lint_helpers import TODAY, settings_for

from clinicsite.lint import LintDocument, LintRun, format_summary, has_failures, run_lint
from clinicsite.reports import render_report

# The official schema is kept beside the repository (shared/schemas/); a path may also be given.
SCHEMA = Path(os.environ.get("CLINICSITE_SARIF_SCHEMA") or
              Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json")
PAGE = ("---\ntitle: TPI\nlast_reviewed: 2020-01-01\n---\n"
        "Our injections cure pain <b>instantly</b>.\n\n"
        '<!-- clinicsite-disable-next-line superlative-comparative reason="quoting a ruling" -->\n'
        "The ASA said the clinic claimed to be the best & cheapest.\n")


@pytest.fixture(scope="module")
def run() -> LintRun:
    documents = [LintDocument("content/treatments/tpi.md", PAGE, "treatment"),
                 LintDocument("content/pages/about.md", "---\ntitle: About\n---\nHello.\n",
                              "page")]
    return run_lint(documents, settings_for(None), today=TODAY)


def test_text_report_groups_by_file_with_fix_lines(run: LintRun) -> None:
    text = render_report(run, "text")
    lines = text.splitlines()
    assert lines[0] == "content/treatments/tpi.md"
    assert ("content/treatments/tpi.md:5:16 error absolute-claim 'cure' is an absolute claim; "
            "no treatment works for everyone or for ever") in lines
    assert any(line.startswith("    fix: Describe typical") for line in lines)
    assert any("[suppressed: quoting a ruling]" in line for line in lines)
    assert "\x1b[" not in text
    assert "\x1b[31m" in render_report(run, "text", color=True)
    assert lines[-1].startswith("2 error(s)") or "error(s)" in lines[-1]


def test_json_report_has_fixed_keys_and_is_stable(run: LintRun) -> None:
    first, second = render_report(run, "json"), render_report(run, "json")
    assert first == second
    data = json.loads(first)
    assert list(data) == ["tool", "version", "profile", "packs", "date", "summary", "findings",
                          "suppressions", "stale_pages"]
    finding = next(f for f in data["findings"] if f["rule_id"] == "absolute-claim")
    assert list(finding) == ["rule_id", "level", "path", "line", "column", "end_line",
                             "end_column", "excerpt", "message", "fix", "reference", "pack",
                             "context", "suppressed", "baseline", "fingerprint"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (5, 16, 20)
    suppressed = [f for f in data["findings"] if f["suppressed"]]
    assert [(f["rule_id"], f["suppressed"]["reason"]) for f in suppressed] == [
        ("superlative-comparative", "quoting a ruling")]
    assert data["stale_pages"] == [{"path": "content/treatments/tpi.md",
                                    "last_reviewed": "2020-01-01"}]


def test_sarif_report_validates_against_the_schema(run: LintRun) -> None:
    if not SCHEMA.is_file():
        pytest.skip("SARIF 2.1.0 schema file not available")
    import jsonschema

    data = json.loads(render_report(run, "sarif"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    driver = data["runs"][0]["tool"]["driver"]
    assert {"absolute-claim", "fair-balance"} <= {r["id"] for r in driver["rules"]}
    results = data["runs"][0]["results"]
    result = next(r for r in results if r["ruleId"] == "absolute-claim")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (5, 16, 20)
    assert result["level"] == "error"
    suppressed = [r for r in results if "suppressions" in r]
    assert suppressed[0]["suppressions"][0]["justification"] == "quoting a ruling"


def test_junit_report_parses(run: LintRun) -> None:
    root = ET.fromstring(render_report(run, "junit"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"content/treatments/tpi.md", "content/pages/about.md"}
    failures = suites["content/treatments/tpi.md"].findall("testcase/failure")
    assert failures and int(root.get("failures", "0")) == len(
        root.findall("testsuite/testcase/failure"))
    assert suites["content/treatments/tpi.md"].findall("testcase/skipped")


def test_html_report_is_escaped_and_self_contained(run: LintRun) -> None:
    html = render_report(run, "html")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title is not None and "Compliance review" in soup.title.text
    assert not soup.find_all("script") and not soup.find_all("link")
    assert not soup.find("b")  # page markup never leaks into the report
    marks = [m.text for m in soup.find_all("mark")]
    assert "cure" in marks
    audit = soup.find(id="suppressions")
    assert audit is not None and "quoting a ruling" in html
    assert soup.find(id="rule-absolute-claim") is not None
    assert "content/treatments/tpi.md" in soup.find(id="stale").parent.text  # type: ignore


def test_summary_and_failure_threshold(run: LintRun) -> None:
    summary = format_summary(run)
    assert summary.startswith("lint: ") and "[profile us-ftc]" in summary
    assert has_failures(run, "error") and has_failures(run, "info")
