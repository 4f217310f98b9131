"""The README's front-matter and config reference, generated from the declared schemas.

Run `python -m clinicsite.docs` to print it; a test keeps the README in step.
"""

from __future__ import annotations

from clinicsite.config import CONFIG_FIELDS
from clinicsite.content_types import COMMON_FIELDS, TYPE_FIELDS, ContentType, FieldSpec

START, END = "<!-- reference:start -->", "<!-- reference:end -->"


def _row(spec: FieldSpec, prefix: str = "") -> str:
    extra = []
    if spec.choices:
        extra.append("one of: " + ", ".join(f"`{c}`" for c in spec.choices))
    if spec.ref_type:
        extra.append(f"slug of a {spec.ref_type.value} page")
    if spec.fields:
        extra.append("keys: " + ", ".join(f"`{s.name}`" + ("*" if s.required else "")
                                           for s in spec.fields))
    doc = spec.doc + (" (" + "; ".join(extra) + ")" if extra else "")
    required = " **required**" if spec.required else ""
    return f"| `{prefix}{spec.name}`{required} | {spec.kind.value} | {doc} |"


def _table(rows: list[str]) -> list[str]:
    return ["| field | kind | meaning |", "|---|---|---|", *rows]


def reference() -> str:
    """Markdown tables: common fields, each type's fields, and site_config.yaml keys."""
    lines = ["### Fields every page accepts", "", *_table([_row(f) for f in COMMON_FIELDS])]
    for content_type in ContentType:
        lines += ["", f"### `{content_type.value}`", ""]
        lines += _table([_row(f) for f in TYPE_FIELDS[content_type]])
    lines += ["", "### site_config.yaml", ""]
    rows = []
    for spec in CONFIG_FIELDS:
        rows.append(_row(spec))
        rows += [_row(sub, spec.name + ".") for sub in spec.fields]
    lines += _table(rows)
    return "\n".join([START, *lines, END])


if __name__ == "__main__":
    print(reference())
