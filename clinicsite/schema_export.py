"""Front-matter schemas as JSON Schema (draft 2020-12), for editors and CMS tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clinicsite.content_types import (
    FOLDER_TYPES,
    ContentType,
    FieldSpec,
    Kind,
    schema_for,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATETIME = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$"


def field_schema(spec: FieldSpec) -> dict[str, Any]:
    """The JSON Schema of one field."""
    schema = _kind_schema(spec)
    schema["description"] = spec.doc
    if spec.choices and spec.kind in (Kind.STRING, Kind.TEXT):
        schema["enum"] = list(spec.choices)
    return schema


def _kind_schema(spec: FieldSpec) -> dict[str, Any]:
    kind = spec.kind
    string_item: dict[str, Any] = {"type": "string"}
    if spec.choices:
        string_item["enum"] = list(spec.choices)
    simple: dict[Kind, dict[str, Any]] = {
        Kind.STRING: {"type": "string"},
        Kind.TEXT: {"type": "string", "minLength": 1},
        Kind.INTEGER: {"type": "integer"},
        Kind.NUMBER: {"type": "number"},
        Kind.BOOLEAN: {"type": "boolean"},
        Kind.DATE: {"type": "string", "pattern": DATE, "format": "date"},
        Kind.DATETIME: {"type": "string", "pattern": DATETIME},
        Kind.URL: {"type": "string", "pattern": "^(https?|mailto|tel):"},
        Kind.REF: {"type": "string", "pattern": r"^[a-z0-9/_-]+(\.md)?$"},
        Kind.STRING_LIST: {"type": "array", "items": string_item},
        Kind.REF_LIST: {"type": "array", "items": {"type": "string",
                                                   "pattern": r"^[a-z0-9/_-]+(\.md)?$"}},
        Kind.CITATIONS: {"type": "array", "items": {"anyOf": [
            {"type": "string"},
            {"type": "object", "required": ["title"], "additionalProperties": False,
             "properties": {k: {"type": "string"} for k in
                            ("title", "url", "doi", "pmid", "note")}}]}},
    }
    if kind in simple:
        return dict(simple[kind])
    mapping = object_schema(spec.fields) if spec.fields else {"type": "object"}
    return mapping if kind is Kind.MAPPING else {"type": "array", "items": mapping}


def object_schema(fields: tuple[FieldSpec, ...]) -> dict[str, Any]:
    """An object with the given fields, required ones listed, nothing else allowed."""
    return {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def type_schema(content_type: ContentType) -> dict[str, Any]:
    """The front-matter schema of one content type."""
    schema = object_schema(schema_for(content_type).fields)
    schema["properties"]["slug"]["pattern"] = SLUG
    return {"$schema": DRAFT, "$id": f"https://clinicsite.dev/schemas/{content_type.value}.json",
            "title": f"clinicsite {content_type.value} front matter", **schema}


def intro_schema() -> dict[str, Any]:
    """The schema of a section intro (content/<section>/_index.md): title and description."""
    fields = tuple(f for f in schema_for(ContentType.PAGE).fields
                   if f.name in ("title", "description"))
    return {"$schema": DRAFT, "$id": "https://clinicsite.dev/schemas/intro.json",
            "title": "clinicsite section intro front matter", **object_schema(fields)}


def folder_globs(content_type: ContentType) -> list[str]:
    """content/ globs whose files are of this type."""
    return [f"./content/{folder}/*.md" for folder, t in FOLDER_TYPES.items() if t is content_type]


def export_schemas(target: Path) -> list[Path]:
    """Write one <type>.schema.json per content type, plus an editor association file."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for content_type in ContentType:
        path = target / f"{content_type.value}.schema.json"
        path.write_text(json.dumps(type_schema(content_type), indent=2) + "\n", "utf-8")
        written.append(path)
    intro = target / "intro.schema.json"
    intro.write_text(json.dumps(intro_schema(), indent=2) + "\n", "utf-8")
    written.append(intro)
    # In the form remark-lint-frontmatter-schema's `schemas` option takes: schema -> file globs.
    associations = {f"./{target.name}/{t.value}.schema.json": folder_globs(t) for t in ContentType}
    associations[f"./{target.name}/intro.schema.json"] = ["./content/*/_index.md"]
    associations_path = target / "associations.json"
    associations_path.write_text(json.dumps(associations, indent=2) + "\n", "utf-8")
    written.append(associations_path)
    return written
