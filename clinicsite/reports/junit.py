"""JUnit XML report: one test suite per file, one failing test case per finding."""

from __future__ import annotations

from itertools import groupby
from xml.etree import ElementTree as ET

from clinicsite.lint.findings import Finding, LintRun


def render(run: LintRun) -> str:
    """JUnit XML; info findings and suppressed or baselined ones are not failures."""
    root = ET.Element("testsuites", name="clinicsite-lint")
    by_path = {path: list(group) for path, group in groupby(run.findings, key=lambda f: f.path)}
    total = failures = 0
    for path in sorted(set(run.paths) | set(by_path)):
        suite = _suite(path, by_path.get(path, []))
        root.append(suite)
        total += int(suite.get("tests", "0"))
        failures += int(suite.get("failures", "0"))
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(path: str, findings: list[Finding]) -> ET.Element:
    suite = ET.Element("testsuite", name=path)
    failures = skipped = 0
    if not findings:
        ET.SubElement(suite, "testcase", classname=path, name="compliance")
    for finding in findings:
        case = ET.SubElement(suite, "testcase", classname=path,
                             name=f"{finding.rule_id} {finding.line}:{finding.column}")
        if finding.suppressed_by is not None:
            ET.SubElement(case, "skipped", message=f"suppressed: {finding.suppressed_by.reason}")
            skipped += 1
        elif finding.baselined or finding.level.value == "info":
            ET.SubElement(case, "skipped", message="baseline" if finding.baselined else "info")
            skipped += 1
        else:
            failure = ET.SubElement(case, "failure", message=finding.message,
                                    type=finding.level.value)
            failure.text = (f"{finding.path}:{finding.line}:{finding.column} {finding.excerpt}\n"
                            f"fix: {finding.fix}\nreference: {finding.reference}")
            failures += 1
    suite.set("tests", str(max(len(findings), 1)))
    suite.set("failures", str(failures))
    suite.set("skipped", str(skipped))
    return suite
