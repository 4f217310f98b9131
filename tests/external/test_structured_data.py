"""JSON-LD on every page parses and is valid schema.org, with what Google needs."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from tests.external.schemaorg import google_problems, vocabulary


def json_ld_nodes(html: Path) -> list[dict]:
    page = BeautifulSoup(html.read_text("utf-8"), "lxml")
    nodes = []
    for script in page.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        nodes += data if isinstance(data, list) else [data]
    return nodes


def test_every_page_has_valid_schema_org(built_sites: dict[str, Path]) -> None:
    vocab = vocabulary()
    problems = []
    types_seen: set[str] = set()
    for name, output in built_sites.items():
        for html in sorted(output.rglob("*.html")):
            if html.name == "404.html" or "admin" in html.parts:
                continue
            nodes = json_ld_nodes(html)
            assert nodes, f"{html} has no JSON-LD"
            for node in nodes:
                where = f"{name}/{html.relative_to(output)}"
                problems += vocab.check(node, where) + google_problems(node, where)
                kinds = node["@type"]
                types_seen.update(kinds if isinstance(kinds, list) else [kinds])
    assert problems == []
    assert {"MedicalWebPage", "FAQPage", "CollectionPage", "BreadcrumbList"} <= types_seen


def test_the_checker_catches_mistakes() -> None:
    vocab = vocabulary()
    assert vocab.check({"@type": "MedicalProcedure", "adverseOutcome": "x"}) == [
        "$.adverseOutcome: not a property of MedicalProcedure"]
    assert vocab.check({"@type": "MedicalClinc"}) == ["$: unknown type MedicalClinc"]
    assert vocab.check({"@type": "WebPage", "reviewedBy": {"@type": "Place", "name": "x"}})
    assert google_problems({"@type": "Course", "name": "x"}) == [
        "$: Course needs description", "$: Course needs provider"]
