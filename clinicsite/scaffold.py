"""`new TYPE "Title"`: a correctly named page with every required field and the usual sections."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from clinicsite.content_types import (
    HEALTH_TYPES,
    SECTION_OF_TYPE,
    ContentType,
    FieldSpec,
    Kind,
    schema_for,
)
from clinicsite.errors import Location, SiteError, did_you_mean

SECTIONS: dict[ContentType, tuple[str, ...]] = {
    ContentType.CONDITION: ("Symptoms", "Causes", "How it is diagnosed", "Treatments",
                            "When to see a doctor"),
    ContentType.TREATMENT: ("What it is", "Who it may help", "Who should not have it",
                            "What happens during the appointment", "Aftercare",
                            "Risks and side effects", "What the evidence says"),
    ContentType.BENEFIT: ("What the evidence says", "Who may notice it", "Risks to weigh"),
    ContentType.RISK: ("What it is", "How common it is", "What to do"),
    ContentType.FAQ: (),
    ContentType.COURSE: ("Who this course is for", "Learning objectives", "Syllabus",
                         "Accreditation", "Scope of practice"),
    ContentType.PRACTITIONER: ("Background", "Clinical interests"),
    ContentType.LOCATION: ("Getting here", "Parking"),
    ContentType.PAGE: (),
}
FOLDER_OF_TYPE = {t: (SECTION_OF_TYPE[t] or "pages") for t in ContentType}


def slugify(title: str) -> str:
    """'Neck & Shoulder Pain' -> 'neck-shoulder-pain'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "page"


def new_page(site_dir: Path, type_name: str, title: str, today: dt.date) -> Path:
    """Create the file and return its path; refuse unknown types and existing files."""
    names = [t.value for t in ContentType]
    if type_name not in names:
        raise SiteError.at(Location("build.py new"), f"unknown page type '{type_name}'"
                           f"{did_you_mean(type_name, names)}", "usage",
                           hint="types: " + ", ".join(names))
    content_type = ContentType(type_name)
    path = site_dir / "content" / FOLDER_OF_TYPE[content_type] / f"{slugify(title)}.md"
    if path.exists():
        raise SiteError.at(Location(path.relative_to(site_dir).as_posix()),
                           "a page with this name already exists", "usage",
                           hint="open that file, or choose another title")
    path.parent.mkdir(parents=True, exist_ok=True)
    reviewer = _first_practitioner(site_dir)
    path.write_text(page_text(content_type, title, today, reviewer), "utf-8")
    return path


def page_text(content_type: ContentType, title: str, today: dt.date, reviewer: str | None) -> str:
    """Front matter with required fields filled in, then the sections the type expects."""
    lines = ["---", f"title: {_quoted(title)}",
             "description: " + _quoted(f"One or two plain sentences about {title.lower()}.")]
    for spec in schema_for(content_type).fields:
        if spec.required and spec.name != "title":
            lines += _placeholder(spec)
    if content_type in HEALTH_TYPES:
        who = reviewer or "practitioner-slug"
        lines += [f"author: {who}  # the practitioner who wrote this page",
                  f"reviewed_by: {who}  # the clinician who checked it",
                  f"last_reviewed: {today.isoformat()}"]
    lines += [f"date: {today.isoformat()}", "---", ""]
    for heading in SECTIONS[content_type]:
        lines += [f"## {heading}", "", "TODO: write this section.", ""]
    if not SECTIONS[content_type]:
        lines += ["TODO: write the page.", ""]
    return "\n".join(lines)


def _placeholder(spec: FieldSpec, indent: str = "") -> list[str]:
    comment = f"  # one of: {', '.join(spec.choices)}" if spec.choices else f"  # {spec.doc}"
    if spec.kind is Kind.MAPPING:
        return [f"{indent}{spec.name}:"] + [line for sub in spec.fields if sub.required
                                            for line in _placeholder(sub, indent + "  ")]
    if spec.kind is Kind.MAPPING_LIST:
        inner = [line for sub in spec.fields if sub.required
                 for line in _placeholder(sub, indent + "    ")]
        inner[0] = indent + "  - " + inner[0].lstrip()
        return [f"{indent}{spec.name}:", *inner]
    value = {
        Kind.STRING_LIST: "[" + (spec.choices[0] if spec.choices else "item") + "]",
        Kind.DATE: dt.date.today().isoformat(),
        Kind.DATETIME: dt.date.today().isoformat() + "T09:00",
        Kind.NUMBER: "0", Kind.INTEGER: "0", Kind.BOOLEAN: "false",
    }.get(spec.kind, _quoted(spec.choices[0]) if spec.choices else _quoted(_example(spec)))
    return [f"{indent}{spec.name}: {value}{comment}"]


def _example(spec: FieldSpec) -> str:
    examples = {"opens": "09:00", "closes": "17:00", "country": "US", "phone": "+1 555-0100",
                "timezone": "America/New_York", "postal_code": "00000"}
    return examples.get(spec.name, f"TODO {spec.name.replace('_', ' ')}")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _first_practitioner(site_dir: Path) -> str | None:
    team = sorted((site_dir / "content" / "team").glob("*.md"))
    return next((p.stem for p in team if not p.stem.startswith("_")), None)
