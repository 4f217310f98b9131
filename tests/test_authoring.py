"""Authoring helpers: `new` scaffolds, JSON Schema export, Decap CMS config."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from clinicsite.content_types import FOLDER_TYPES, ContentType
from clinicsite.frontmatter import parse_front_matter
from clinicsite.schema_export import intro_schema, type_schema
from tests.conftest import REPO, CliRun

TYPES = [t.value for t in ContentType]


@pytest.mark.parametrize("type_name", TYPES)
def test_new_page_has_required_fields_and_builds(type_name: str, mini_site: Path,
                                                 cli: Callable[..., CliRun]) -> None:
    run = cli("new", type_name, "Shoulder & Neck Care", "--site", mini_site)
    assert run.code == 0, run.err
    folder = {"practitioner": "team", "page": "pages"}.get(type_name, type_name + "s")
    path = mini_site / "content" / folder / "shoulder-neck-care.md"
    assert path.is_file()
    front = parse_front_matter(path.read_text(), "x.md").data
    schema = type_schema(ContentType(type_name))
    jsonschema.validate(json_ready(front), schema)
    build = cli("build", "--site", mini_site, "--build-date", "2026-11-23")
    assert build.code == 0, build.err


def test_new_condition_has_the_expected_sections(mini_site: Path,
                                                 cli: Callable[..., CliRun]) -> None:
    cli("new", "condition", "Hip pain", "--site", mini_site)
    text = (mini_site / "content/conditions/hip-pain.md").read_text()
    for heading in ("## Symptoms", "## Causes", "## Treatments", "## When to see a doctor"):
        assert heading in text
    assert "reviewed_by: dr-jones" in text


def test_new_refuses_to_overwrite(mini_site: Path, cli: Callable[..., CliRun]) -> None:
    before = (mini_site / "content/conditions/neck-pain.md").read_text()
    run = cli("new", "condition", "Neck pain", "--site", mini_site)
    assert run.code == 2 and "already exists" in run.err
    assert (mini_site / "content/conditions/neck-pain.md").read_text() == before


def test_new_unknown_type_suggests_one(mini_site: Path, cli: Callable[..., CliRun]) -> None:
    run = cli("new", "treatmnt", "X", "--site", mini_site)
    assert run.code == 2 and "did you mean 'treatment'?" in run.err


def json_ready(value: Any) -> Any:
    """YAML values as an editor sees them: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def example_pages() -> list[Path]:
    return sorted((REPO / "content").rglob("*.md"))


def test_schemas_validate_every_example_page() -> None:
    checked = 0
    for path in example_pages():
        front = parse_front_matter(path.read_text("utf-8"), path.name).data
        parts = path.relative_to(REPO / "content").parts
        content_type = FOLDER_TYPES.get(parts[0], ContentType.PAGE) if len(parts) > 1 \
            else ContentType.PAGE
        schema = intro_schema() if path.stem == "_index" else type_schema(content_type)
        jsonschema.validate(json_ready(front), schema)
        checked += 1
    assert checked > 50


def test_schema_rejects_what_the_build_rejects() -> None:
    schema = type_schema(ContentType.CONDITION)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "also_know_as": ["y"]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "x", "last_reviewed": "last spring"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"description": "no title"}, schema)
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_command_writes_schemas_and_associations(mini_site: Path,
                                                        cli: Callable[..., CliRun]) -> None:
    assert cli("schema", "--site", mini_site).code == 0
    written = sorted(p.name for p in (mini_site / "schemas").iterdir())
    assert "condition.schema.json" in written and "associations.json" in written
    associations = json.loads((mini_site / "schemas/associations.json").read_text())
    assert associations["./schemas/condition.schema.json"] == ["./content/conditions/*.md"]


def test_cms_config_has_a_collection_per_type(mini_site: Path,
                                              cli: Callable[..., CliRun]) -> None:
    assert cli("cms", "--site", mini_site, "--repo", "clinic/site").code == 0
    config = yaml.safe_load((mini_site / "static/admin/config.yml").read_text())
    assert config["backend"] == {"name": "github", "repo": "clinic/site", "branch": "main"}
    names = {c["name"]: c for c in config["collections"]}
    assert set(names) >= {"conditions", "treatments", "faqs", "team", "locations", "pages"}
    fields = {f["name"]: f for f in names["conditions"]["fields"]}
    assert fields["treatments"]["widget"] == "relation"
    assert fields["treatments"]["collection"] == "treatments" and fields["treatments"]["multiple"]
    assert fields["body"]["widget"] == "markdown"
    assert {f["name"]: f for f in names["treatments"]["fields"]}["procedure_type"]["options"] == [
        "noninvasive", "percutaneous", "surgical"]
