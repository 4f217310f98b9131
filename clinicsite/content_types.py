"""Content types and their declared front-matter schemas (fields, types, allowed values)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ContentType(Enum):
    """The page types a site can hold; each has a template of the same name."""

    CONDITION = "condition"
    TREATMENT = "treatment"
    BENEFIT = "benefit"
    RISK = "risk"
    FAQ = "faq"
    COURSE = "course"
    PRACTITIONER = "practitioner"
    LOCATION = "location"
    PAGE = "page"


# content/<folder>/ gives a page its type when front matter has no `type:`.
FOLDER_TYPES: dict[str, ContentType] = {
    "conditions": ContentType.CONDITION,
    "treatments": ContentType.TREATMENT,
    "benefits": ContentType.BENEFIT,
    "risks": ContentType.RISK,
    "faqs": ContentType.FAQ,
    "courses": ContentType.COURSE,
    "practitioners": ContentType.PRACTITIONER,
    "team": ContentType.PRACTITIONER,
    "locations": ContentType.LOCATION,
    "pages": ContentType.PAGE,
}

# The URL section each type is published under (pages sit at the root: /about/).
SECTION_OF_TYPE: dict[ContentType, str] = {
    ContentType.CONDITION: "conditions",
    ContentType.TREATMENT: "treatments",
    ContentType.BENEFIT: "benefits",
    ContentType.RISK: "risks",
    ContentType.FAQ: "faqs",
    ContentType.COURSE: "courses",
    ContentType.PRACTITIONER: "team",
    ContentType.LOCATION: "locations",
    ContentType.PAGE: "",
}

# Health pages carry medical information: they get MedicalWebPage, reviewer and disclaimer.
HEALTH_TYPES = frozenset(
    {ContentType.CONDITION, ContentType.TREATMENT, ContentType.BENEFIT, ContentType.RISK,
     ContentType.FAQ}
)


class Kind(Enum):
    """The value kinds a front-matter field may take."""

    STRING = "string"
    TEXT = "text"  # prose that the linter reads (title, description, summaries)
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"  # a date and time, e.g. 2027-03-14T09:00
    URL = "url"
    REF = "ref"  # the slug (or content path) of another page
    STRING_LIST = "string list"
    REF_LIST = "ref list"
    MAPPING = "mapping"
    MAPPING_LIST = "mapping list"
    CITATIONS = "citations"  # a list of strings or {title, url, doi, pmid, note}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One declared front-matter field."""

    name: str
    kind: Kind
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref_type: ContentType | None = None  # for REF / REF_LIST: the type the slugs point at
    fields: tuple[FieldSpec, ...] = ()  # for MAPPING / MAPPING_LIST: the keys inside


@dataclass(frozen=True, slots=True)
class TypeSchema:
    """The fields a content type accepts."""

    content_type: ContentType
    doc: str
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)

    def field_named(self, name: str) -> FieldSpec | None:
        """Return the field called `name`, if declared."""
        return next((f for f in self.fields if f.name == name), None)


def _f(name: str, kind: Kind, doc: str, **options: object) -> FieldSpec:
    return FieldSpec(name, kind, doc, **options)  # type: ignore[arg-type]


PRACTITIONER = ContentType.PRACTITIONER
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

COMMON_FIELDS: tuple[FieldSpec, ...] = (
    _f("title", Kind.TEXT, "Page title, shown as the heading and in <title>.", required=True),
    _f("type", Kind.STRING, "Content type; defaults from the folder.",
       choices=tuple(t.value for t in ContentType)),
    _f("description", Kind.TEXT, "One or two sentences for search results and link previews."),
    _f("slug", Kind.STRING, "URL name; defaults to the file name."),
    _f("date", Kind.DATE, "First published."),
    _f("updated", Kind.DATE, "Last changed."),
    _f("draft", Kind.BOOLEAN, "Drafts are built only with --drafts."),
    _f("publish_on", Kind.DATE, "Left out of the build until this date."),
    _f("author", Kind.REF, "The practitioner who wrote the page.", ref_type=PRACTITIONER),
    _f("reviewed_by", Kind.REF, "The practitioner who medically reviewed the page.",
       ref_type=PRACTITIONER),
    _f("last_reviewed", Kind.DATE, "Date of the last medical review."),
    _f("tags", Kind.STRING_LIST, "Free keywords."),
    _f("related", Kind.REF_LIST, "Other pages to link under 'Related pages' (any type)."),
    _f("citations", Kind.CITATIONS, "Sources listed under 'Sources' (title, url, doi, pmid)."),
    _f("aliases", Kind.STRING_LIST, "Old URLs of this page, redirected to it."),
    _f("image", Kind.STRING, "Path of a social-preview or header image under static/."),
    _f("image_alt", Kind.TEXT, "Text alternative for `image`."),
    _f("nav_order", Kind.INTEGER, "Sort key within listings (lower first)."),
    _f("lint", Kind.MAPPING, "Per-page lint settings (see the linter docs)."),
)

ADDRESS_FIELDS = (
    _f("street", Kind.STRING, "Street address.", required=True),
    _f("locality", Kind.STRING, "Town or city.", required=True),
    _f("region", Kind.STRING, "County, state or region."),
    _f("postal_code", Kind.STRING, "Postcode or ZIP.", required=True),
    _f("country", Kind.STRING, "ISO 3166 country code, e.g. GB.", required=True),
)
HOURS_FIELDS = (
    _f("days", Kind.STRING_LIST, "Days these hours apply: Mo Tu We Th Fr Sa Su.", required=True,
       choices=DAYS),
    _f("opens", Kind.STRING, "Opening time, 24-hour HH:MM.", required=True),
    _f("closes", Kind.STRING, "Closing time, 24-hour HH:MM.", required=True),
)
CREDIT_FIELDS = (
    _f("amount", Kind.NUMBER, "Number of credits or hours.", required=True),
    _f("type", Kind.STRING, "Credit type, e.g. 'AMA PRA Category 1 Credits', 'CPD hours'.",
       required=True),
    _f("body", Kind.STRING, "The accrediting body.", required=True),
    _f("statement", Kind.TEXT, "The accreditation statement as the body requires it."),
)
SESSION_FIELDS = (
    _f("start", Kind.DATETIME, "Start date and time (local to `timezone`).", required=True),
    _f("end", Kind.DATETIME, "End date and time.", required=True),
    _f("timezone", Kind.STRING, "IANA time zone, e.g. Europe/London.", required=True),
    _f("location", Kind.REF, "A location page (omit for online sessions).",
       ref_type=ContentType.LOCATION),
    _f("seats", Kind.INTEGER, "Places available."),
    _f("mode", Kind.STRING, "In person, online or both.",
       choices=("in-person", "online", "hybrid")),
)

TYPE_FIELDS: dict[ContentType, tuple[FieldSpec, ...]] = {
    ContentType.CONDITION: (
        _f("also_known_as", Kind.STRING_LIST, "Other names for the condition."),
        _f("body_location", Kind.STRING, "Where in the body, e.g. 'neck and shoulders'."),
        _f("treatments", Kind.REF_LIST, "Treatments offered for it; shown back on each treatment.",
           ref_type=ContentType.TREATMENT),
        _f("faqs", Kind.REF_LIST, "FAQs about this condition.", ref_type=ContentType.FAQ),
    ),
    ContentType.TREATMENT: (
        _f("procedure_type", Kind.STRING, "schema.org procedure type.", required=True,
           choices=("noninvasive", "percutaneous", "surgical")),
        _f("body_location", Kind.STRING, "Where the procedure is done."),
        _f("duration", Kind.STRING, "How long an appointment takes, e.g. '20 to 30 minutes'."),
        _f("benefits", Kind.REF_LIST, "Benefit pages.", ref_type=ContentType.BENEFIT),
        _f("risks", Kind.REF_LIST, "Risk, side-effect and contraindication pages.",
           ref_type=ContentType.RISK),
        _f("faqs", Kind.REF_LIST, "FAQs about this treatment.", ref_type=ContentType.FAQ),
        _f("practitioners", Kind.REF_LIST, "Who performs it.", ref_type=PRACTITIONER),
    ),
    ContentType.BENEFIT: (
        _f("evidence", Kind.STRING, "Strength of the evidence for this benefit.",
           choices=("strong", "moderate", "limited", "emerging")),
    ),
    ContentType.RISK: (
        _f("risk_kind", Kind.STRING, "What sort of risk information this page gives.",
           required=True, choices=("side-effect", "complication", "contraindication")),
        _f("frequency", Kind.STRING, "How often it happens, e.g. 'common', 'rare (under 1 in 1,000)'."),
    ),
    ContentType.FAQ: (
        _f("topic", Kind.STRING, "Group heading on the FAQ page, e.g. 'Before your appointment'.",
           required=True),
    ),
    ContentType.COURSE: (
        _f("summary", Kind.TEXT, "One-paragraph summary.", required=True),
        _f("audience", Kind.TEXT, "Who the course is for."),
        _f("prerequisites", Kind.STRING_LIST, "Licence or role required to enrol."),
        _f("format", Kind.STRING, "Delivery format.", choices=("in-person", "online", "hybrid")),
        _f("duration", Kind.STRING, "Length, e.g. 'one day (8 hours)'."),
        _f("topic", Kind.STRING, "Catalogue group."),
        _f("level", Kind.STRING, "Catalogue level.", choices=("introductory", "intermediate",
                                                              "advanced")),
        _f("credits", Kind.MAPPING_LIST, "CE/CME credits.", fields=CREDIT_FIELDS),
        _f("objectives", Kind.STRING_LIST, "Learning objectives."),
        _f("instructors", Kind.REF_LIST, "Instructor pages.", ref_type=PRACTITIONER),
        _f("price", Kind.NUMBER, "Price."),
        _f("currency", Kind.STRING, "ISO 4217 currency code, e.g. USD."),
        _f("cancellation_policy", Kind.TEXT, "Cancellation and refund terms."),
        _f("enrol_url", Kind.URL, "Where to enrol."),
        _f("credential", Kind.STRING, "Certificate awarded on completion."),
        _f("sessions", Kind.MAPPING_LIST, "Dated sessions.", fields=SESSION_FIELDS),
        _f("faqs", Kind.REF_LIST, "FAQs about this course.", ref_type=ContentType.FAQ),
    ),
    ContentType.PRACTITIONER: (
        _f("credentials", Kind.STRING, "Post-nominals, e.g. 'MB ChB, FRCA, FFPMRCA'.",
           required=True),
        _f("role", Kind.STRING, "Job title, e.g. 'Consultant in Pain Medicine'.", required=True),
        _f("licence", Kind.STRING, "Registration, e.g. 'GMC 1234567'."),
        _f("physician", Kind.BOOLEAN, "A licensed physician (published as schema.org Physician)."),
        _f("photo", Kind.STRING, "Portrait path under static/."),
        _f("photo_alt", Kind.TEXT, "Text alternative for the photo."),
        _f("specialties", Kind.STRING_LIST, "Areas of practice."),
        _f("locations", Kind.REF_LIST, "Where they work.", ref_type=ContentType.LOCATION),
        _f("languages", Kind.STRING_LIST, "Languages spoken."),
    ),
    ContentType.LOCATION: (
        _f("address", Kind.MAPPING, "Postal address.", required=True, fields=ADDRESS_FIELDS),
        _f("phone", Kind.STRING, "Phone number as dialled, e.g. '+44 161 496 0000'.",
           required=True),
        _f("email", Kind.STRING, "Contact e-mail."),
        _f("hours", Kind.MAPPING_LIST, "Opening hours.", required=True, fields=HOURS_FIELDS),
        _f("map_url", Kind.URL, "Link to a map of the location."),
        _f("geo", Kind.MAPPING, "Coordinates.", fields=(
            _f("latitude", Kind.NUMBER, "Latitude.", required=True),
            _f("longitude", Kind.NUMBER, "Longitude.", required=True))),
        _f("accessibility", Kind.TEXT, "Step-free access, parking, hearing loop."),
    ),
    ContentType.PAGE: (
        _f("template", Kind.STRING, "Use another template, e.g. 'home'."),
    ),
}

# Front matter may not set what the generator computes.
RESERVED_KEYS = frozenset({"url", "output_path", "source", "content", "permalink"})


def schema_for(content_type: ContentType) -> TypeSchema:
    """The full schema (common + type fields) of a content type."""
    return _SCHEMAS[content_type]


_SCHEMAS = {
    t: TypeSchema(t, t.value, COMMON_FIELDS + TYPE_FIELDS[t]) for t in ContentType
}
