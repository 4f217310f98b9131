"""Read site_config.yaml into a frozen, validated SiteConfig."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from clinicsite.content_types import FieldSpec, Kind
from clinicsite.errors import Location, SiteError
from clinicsite.frontmatter import FrontMatter, parse_yaml_document
from clinicsite.hosting import HOSTING_FIELDS
from clinicsite.validation import check_mapping

CONFIG_NAME = "site_config.yaml"


def _f(name: str, kind: Kind, doc: str, **options: Any) -> FieldSpec:
    return FieldSpec(name, kind, doc, **options)


# The members of schema.org's MedicalSpecialty enumeration.
MEDICAL_SPECIALTIES = (
    "Anesthesia", "Cardiovascular", "CommunityHealth", "Dentistry", "Dermatology",
    "DietNutrition", "Emergency", "Endocrine", "Gastroenterologic", "Genetic", "Geriatric",
    "Gynecologic", "Hematologic", "Infectious", "LaboratoryScience", "Midwifery", "Musculoskeletal",
    "Neurologic", "Nursing", "Obstetric", "Oncologic", "Optometric", "Otolaryngologic", "Pathology",
    "Pediatric", "PharmacySpecialty", "Physiotherapy", "PlasticSurgery", "Podiatric", "PrimaryCare",
    "Psychiatric", "PublicHealth", "Pulmonary", "Radiography", "Renal", "RespiratoryTherapy",
    "Rheumatologic", "SpeechPathology", "Surgical", "Toxicologic", "Urologic",
)

LINK_FIELDS = (
    _f("title", Kind.STRING, "Link text.", required=True),
    _f("url", Kind.STRING, "Site path such as /conditions/ or an absolute URL."),
    _f("page", Kind.STRING, "A content path such as pages/about (instead of url)."),
)

ORGANIZATION_FIELDS: tuple[FieldSpec, ...] = (
    _f("type", Kind.STRING, "schema.org type of the organization.",
       choices=("MedicalClinic", "MedicalOrganization", "EducationalOrganization")),
    _f("legal_name", Kind.STRING, "Registered name, if different."),
    _f("phone", Kind.STRING, "Main phone number."),
    _f("email", Kind.STRING, "Main e-mail address."),
    _f("main_location", Kind.STRING, "Slug of the location shown in the footer."),
    _f("medical_specialty", Kind.STRING_LIST, "schema.org MedicalSpecialty values.",
       choices=MEDICAL_SPECIALTIES),
    _f("disclaimer", Kind.TEXT, "Site-wide medical disclaimer shown in every footer."),
)

CONFIG_FIELDS: tuple[FieldSpec, ...] = (
    _f("site", Kind.MAPPING, "The website.", required=True, fields=(
        _f("name", Kind.STRING, "Site and clinic name.", required=True),
        _f("base_url", Kind.URL, "Public address, e.g. https://example.org/clinic/.", required=True),
        _f("language", Kind.STRING, "BCP 47 language tag, e.g. en-GB."),
        _f("description", Kind.TEXT, "Default meta description."),
        _f("tagline", Kind.TEXT, "Short line under the site name."),
    )),
    _f("organization", Kind.MAPPING, "The clinic or academy behind the site.",
       fields=ORGANIZATION_FIELDS),
    _f("navigation", Kind.MAPPING_LIST, "Main menu, in order.", fields=LINK_FIELDS),
    _f("footer_links", Kind.MAPPING_LIST, "Links in the footer.", fields=LINK_FIELDS),
    _f("build", Kind.MAPPING, "Build settings.", fields=(
        _f("output", Kind.STRING, "Output folder, relative to the site folder."),
        _f("drafts", Kind.BOOLEAN, "Include drafts."),
        _f("date", Kind.DATE, "Build as of this date (for reproducible builds)."),
    )),
    _f("security", Kind.MAPPING, "Content safety.", fields=(
        _f("allow_raw_html", Kind.BOOLEAN, "Let Markdown carry raw HTML, scripts included."),
    )),
    _f("lint", Kind.MAPPING, "Compliance linter settings (see the linter section)."),
    _f("hosting", Kind.MAPPING, "Static-hosting files and headers.", fields=HOSTING_FIELDS),
)


@dataclass(frozen=True, slots=True)
class NavLink:
    """One menu entry; `page` is resolved to a URL once pages are known."""

    title: str
    url: str = ""
    page: str = ""
    location: Location = Location(CONFIG_NAME)


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Validated settings of one site."""

    site_dir: Path
    name: str
    base_url: str
    language: str = "en"
    description: str = ""
    tagline: str = ""
    organization: dict[str, Any] = field(default_factory=dict)
    navigation: tuple[NavLink, ...] = ()
    footer_links: tuple[NavLink, ...] = ()
    output_dir: Path = Path("output")
    drafts: bool = False
    build_date: dt.date = field(default_factory=dt.date.today)
    allow_raw_html: bool = False
    lint_raw: dict[str, Any] = field(default_factory=dict)
    lint_lines: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)
    hosting_raw: dict[str, Any] = field(default_factory=dict)

    @property
    def base_path(self) -> str:
        """The path part of base_url, always ending in '/': '/' or '/clinic/'."""
        return _path_of(self.base_url)

    @property
    def config_path(self) -> Path:
        """Where site_config.yaml lives."""
        return self.site_dir / CONFIG_NAME


@dataclass(frozen=True, slots=True)
class Overrides:
    """Command-line settings applied over the file before validation."""

    output: str | None = None
    drafts: bool | None = None
    base_url: str | None = None
    build_date: dt.date | None = None


def load_config(site_dir: Path, overrides: Overrides | None = None) -> SiteConfig:
    """Read and validate `site_dir/site_config.yaml`; raise SiteError listing every problem."""
    overrides = overrides or Overrides()
    path = site_dir / CONFIG_NAME
    shown = CONFIG_NAME
    if not path.is_file():
        raise SiteError.at(Location(str(site_dir / CONFIG_NAME)), "no site_config.yaml found",
                           "config", hint="run from the site folder or pass --site DIR")
    parsed = parse_yaml_document(_read(path, shown), shown)
    data = _apply_overrides(dict(parsed.data), overrides)
    cleaned, problems = check_mapping(data, CONFIG_FIELDS, lambda *k: parsed.location(shown, *k),
                                      "config")
    if problems:
        raise SiteError(problems)
    return _to_config(site_dir, cleaned, parsed, overrides)


def _read(path: Path, shown: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SiteError.at(Location(shown), f"not valid UTF-8 (byte {exc.start})", "config",
                           hint="save the file as UTF-8") from None


def _apply_overrides(data: dict[str, Any], overrides: Overrides) -> dict[str, Any]:
    if overrides.base_url is not None:
        data["site"] = {**(data.get("site") or {}), "base_url": overrides.base_url}
    build = dict(data.get("build") or {})
    if overrides.output is not None:
        build["output"] = overrides.output
    if overrides.drafts:
        build["drafts"] = True
    if overrides.build_date is not None:
        build["date"] = overrides.build_date
    if build:
        data["build"] = build
    return data


def _links(raw: list[dict[str, Any]], key: str, parsed: FrontMatter) -> tuple[NavLink, ...]:
    links = []
    for index, item in enumerate(raw):
        location = parsed.location(CONFIG_NAME, key, index)
        if bool(item.get("url")) == bool(item.get("page")):
            raise SiteError.at(location, f"each {key} entry needs exactly one of 'url' or 'page'",
                               "config", hint="e.g. '- {title: About, url: /about/}'")
        links.append(NavLink(item["title"], item.get("url") or "", item.get("page") or "", location))
    return tuple(links)


def _to_config(site_dir: Path, data: dict[str, Any], parsed: FrontMatter,
               overrides: Overrides) -> SiteConfig:
    site, build = data["site"], data.get("build") or {}
    base_url = site["base_url"] if site["base_url"].endswith("/") else site["base_url"] + "/"
    lint_lines = {k[1:]: v for k, v in parsed.lines.items() if k and k[0] == "lint"}
    config = SiteConfig(
        site_dir=site_dir,
        name=site["name"],
        base_url=base_url,
        language=site.get("language") or "en",
        description=site.get("description") or "",
        tagline=site.get("tagline") or "",
        organization=data.get("organization") or {f.name: None for f in ORGANIZATION_FIELDS},
        navigation=_links(data.get("navigation") or [], "navigation", parsed),
        footer_links=_links(data.get("footer_links") or [], "footer_links", parsed),
        output_dir=(site_dir / (build.get("output") or "output")),
        drafts=bool(build.get("drafts")),
        allow_raw_html=bool((data.get("security") or {}).get("allow_raw_html")),
        lint_raw=data.get("lint") or {},
        lint_lines=lint_lines,
        hosting_raw=data.get("hosting") or {},
    )
    if build.get("date"):
        config = replace(config, build_date=build["date"])
    return config


@functools.cache
def _path_of(base_url: str) -> str:  # asked for on every link of every page
    from urllib.parse import urlparse

    path = urlparse(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def lint_files(config: SiteConfig) -> list[Path]:
    """Extra rule files and the baseline named in the lint settings."""
    return lint_files_named(config.lint_raw, config.site_dir)


def lint_files_named(raw: dict[str, Any], site_dir: Path) -> list[Path]:
    """Extra rule files and the baseline that a `lint:` mapping names."""
    rules = raw.get("rules") or []
    names = [rules] if isinstance(rules, str) else list(rules)
    names += [raw["baseline"]] if raw.get("baseline") else []
    return [site_dir / str(name) for name in names]
