"""schema.org structured data (JSON-LD) for each kind of page."""

from __future__ import annotations

import json
import re
from typing import Any

from clinicsite.content_types import HEALTH_TYPES, ContentType
from clinicsite.site import Site
from clinicsite.views import Crumb, PageLink, PageView

PROCEDURE_TYPES = {
    "noninvasive": "NoninvasiveProcedure",
    "percutaneous": "PercutaneousProcedure",
    "surgical": "SurgicalProcedure",
}
DAY_NAMES = {"Mo": "Monday", "Tu": "Tuesday", "We": "Wednesday", "Th": "Thursday",
             "Fr": "Friday", "Sa": "Saturday", "Su": "Sunday"}


def to_script(data: list[dict[str, Any]]) -> str:
    """Serialise for a <script> block; '<' is escaped so content cannot close the element."""
    text = json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False, sort_keys=False,
                      separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def absolute(site: Site, url: str) -> str:
    """An absolute URL for a root-relative one."""
    return site.config.base_url + url.removeprefix(site.config.base_path)


def organization(site: Site) -> dict[str, Any]:
    """The clinic or academy, with its main address and hours when a location is named."""
    org = site.config.organization
    data: dict[str, Any] = {
        "@type": org.get("type") or "MedicalClinic",
        "@id": site.config.base_url + "#organization",
        "name": site.config.name,
        "url": site.config.base_url,
    }
    _put(data, "legalName", org.get("legal_name"))
    _put(data, "telephone", org.get("phone"))
    _put(data, "email", org.get("email"))
    _put(data, "description", site.config.description)
    if org.get("medical_specialty") and data["@type"] != "EducationalOrganization":
        data["medicalSpecialty"] = [f"https://schema.org/{name}" for name in org["medical_specialty"]]
    main = site.by_key.get(f"locations/{org.get('main_location', '')}")
    if main is not None:
        data.update(_place_details(main.meta))
    locations = site.of_type(ContentType.LOCATION)
    if len(locations) > 1:
        data["department"] = [{"@id": absolute(site, site.url(p)) + "#place"} for p in locations
                              if p is not main]
    return data


def website(site: Site) -> dict[str, Any]:
    """The WebSite node."""
    return {"@type": "WebSite", "@id": site.config.base_url + "#website",
            "name": site.config.name, "url": site.config.base_url,
            "inLanguage": site.config.language,
            "publisher": {"@id": site.config.base_url + "#organization"}}


def breadcrumb_list(site: Site, crumbs: list[Crumb]) -> dict[str, Any]:
    """BreadcrumbList for the trail shown on the page."""
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": i, "name": c.title, "item": absolute(site, c.url)}
        for i, c in enumerate(crumbs, start=1)]}


def page_graph(site: Site, view: PageView, content_type: ContentType | None) -> list[dict]:
    """All JSON-LD nodes for one page."""
    nodes = [web_page(site, view, content_type)]
    main = _main_entity(site, view, content_type)
    if main:
        nodes[0]["mainEntity"] = main
    if view.breadcrumbs:
        nodes.append(breadcrumb_list(site, view.breadcrumbs))
    if view.key == "index":  # the home page describes the clinic and the website
        nodes += [organization(site), website(site)]
    return nodes


def web_page(site: Site, view: PageView, content_type: ContentType | None) -> dict[str, Any]:
    """WebPage, or MedicalWebPage with reviewer and review date on health pages."""
    medical = content_type in HEALTH_TYPES
    node: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _medical_page_type(content_type) if medical else _page_type(content_type, view),
        "@id": view.canonical + "#webpage",
        "url": view.canonical, "name": view.title, "inLanguage": site.config.language,
        "isPartOf": {"@id": site.config.base_url + "#website"},
        "publisher": {"@id": site.config.base_url + "#organization"},
    }
    _put(node, "description", view.description)
    _put(node, "datePublished", view.meta.get("date"))
    _put(node, "dateModified", view.updated)
    if view.last_reviewed:
        node["lastReviewed"] = view.last_reviewed.isoformat()
    if view.reviewer:
        node["reviewedBy"] = person_node(site, view.reviewer, brief=True)
    if view.author:
        node["author"] = person_node(site, view.author, brief=True)
    if medical:
        node["audience"] = {"@type": "PeopleAudience", "audienceType": "Patient"}
    return node


def _medical_page_type(content_type: ContentType | None) -> str | list[str]:
    # A single FAQ page is also an FAQPage, which is what search engines look for.
    return ["MedicalWebPage", "FAQPage"] if content_type is ContentType.FAQ else "MedicalWebPage"


def _page_type(content_type: ContentType | None, view: PageView) -> str:
    if content_type is ContentType.PRACTITIONER:
        return "ProfilePage"
    if content_type is None and view.key.endswith("faqs"):
        return "FAQPage"
    if content_type is None:
        return "CollectionPage"
    if view.key in ("pages/about", "about"):
        return "AboutPage"
    if view.key in ("pages/contact", "contact"):
        return "ContactPage"
    return "WebPage"


def _main_entity(site: Site, view: PageView,
                 content_type: ContentType | None) -> dict[str, Any] | list | None:
    builders = {
        ContentType.CONDITION: condition_node, ContentType.TREATMENT: procedure_node,
        ContentType.FAQ: lambda s, v: [question_node(v.title, str(v.body))],
        ContentType.PRACTITIONER: lambda s, v: person_node(s, _self_link(v)),
        ContentType.LOCATION: location_node,
        ContentType.COURSE: course_node,
    }
    builder = builders.get(content_type) if content_type else None
    return builder(site, view) if builder else None


def course_node(site: Site, view: PageView) -> dict[str, Any]:
    """Course with provider, offers, credential and one CourseInstance per upcoming session."""
    from clinicsite.courses import course_instance

    meta = view.meta
    node: dict[str, Any] = {
        "@type": "Course", "name": view.title, "url": view.canonical,
        "description": meta.get("summary") or view.description,
        "provider": {"@type": site.config.organization.get("type") or "EducationalOrganization",
                     "name": site.config.name, "url": site.config.base_url},
        "inLanguage": site.config.language,
    }
    _put(node, "coursePrerequisites", meta.get("prerequisites"))
    _put(node, "teaches", meta.get("objectives"))
    _put(node, "educationalLevel", meta.get("level"))
    _put(node, "about", meta.get("topic"))
    if meta.get("credential"):
        node["educationalCredentialAwarded"] = {"@type": "EducationalOccupationalCredential",
                                                "name": meta["credential"],
                                                "credentialCategory": "Certificate"}
    if meta.get("credits"):
        credit = meta["credits"][0]
        node["numberOfCredits"] = {"@type": "QuantitativeValue", "value": credit["amount"],
                                   "unitText": credit["type"]}
    if meta.get("price") is not None:
        offer: dict[str, Any] = {"@type": "Offer", "category": "Paid", "price": meta["price"],
                                 "priceCurrency": meta.get("currency") or "USD"}
        _put(offer, "url", meta.get("enrol_url"))
        node["offers"] = [offer]
    sessions = view.extras.get("sessions", [])
    if sessions:
        node["hasCourseInstance"] = [course_instance(site, s, lambda u: absolute(site, u))
                                     for s in sessions]
    return node


def _self_link(view: PageView) -> PageLink:
    return PageLink(view.title, view.url, view.description, view.content_type, view.meta)


def condition_node(site: Site, view: PageView) -> dict[str, Any]:
    """MedicalCondition with its treatments as possibleTreatment."""
    node: dict[str, Any] = {"@type": "MedicalCondition", "name": view.title,
                            "url": view.canonical}
    _put(node, "description", view.description)
    _put(node, "alternateName", view.meta.get("also_known_as"))
    if view.meta.get("body_location"):
        node["associatedAnatomy"] = {"@type": "AnatomicalStructure",
                                     "name": view.meta["body_location"]}
    treatments = view.relations.get("treatments", [])
    if treatments:
        node["possibleTreatment"] = [_procedure_ref(site, t) for t in treatments]
    return node


def procedure_node(site: Site, view: PageView) -> dict[str, Any]:
    """MedicalProcedure with its procedure type, body location and conditions."""
    node = _procedure_ref(site, _self_link(view))
    _put(node, "description", view.description)
    _put(node, "bodyLocation", view.meta.get("body_location"))
    risks = view.relations.get("risks", [])
    if risks:
        node["adverseOutcome"] = [{"@type": "MedicalEntity", "name": r.title,
                                   "url": absolute(site, r.url)} for r in risks
                                  if r.meta.get("risk_kind") != "contraindication"]
        contra = [r.title for r in risks if r.meta.get("risk_kind") == "contraindication"]
        if contra:
            node["contraindication"] = contra
        if not node["adverseOutcome"]:
            del node["adverseOutcome"]
    return node


def _procedure_ref(site: Site, link: PageLink) -> dict[str, Any]:
    # Also a MedicalTherapy: the range of possibleTreatment, and the type that carries
    # adverseOutcome and contraindication.
    node: dict[str, Any] = {"@type": ["MedicalProcedure", "MedicalTherapy"], "name": link.title,
                            "url": absolute(site, link.url)}
    kind = PROCEDURE_TYPES.get(str(link.meta.get("procedure_type") or ""))
    if kind:
        node["procedureType"] = f"https://schema.org/{kind}"
    return node


def question_node(question: str, answer_html: str) -> dict[str, Any]:
    """A Question with its accepted answer (answer text as plain HTML-stripped text)."""
    return {"@type": "Question", "name": question,
            "acceptedAnswer": {"@type": "Answer", "text": _plain(answer_html)}}


def person_node(site: Site, link: PageLink, brief: bool = False) -> dict[str, Any]:
    """Person (and Physician, for licensed physicians) with credentials and job title."""
    meta = link.meta
    types: str | list[str] = ["Person", "Physician"] if meta.get("physician") else "Person"
    node: dict[str, Any] = {"@type": types, "name": link.title, "url": absolute(site, link.url)}
    _put(node, "honorificSuffix", meta.get("credentials"))
    _put(node, "jobTitle", meta.get("role"))
    if brief:
        return node
    _put(node, "description", link.description)
    _put(node, "knowsLanguage", meta.get("languages"))
    _put(node, "knowsAbout", meta.get("specialties"))
    if meta.get("licence"):
        node["hasCredential"] = {"@type": "EducationalOccupationalCredential",
                                 "credentialCategory": "license", "name": meta["licence"]}
    node["worksFor"] = {"@id": site.config.base_url + "#organization"}
    return node


def location_node(site: Site, view: PageView) -> dict[str, Any]:
    """MedicalClinic for one location: address, phone, hours, map, coordinates."""
    node: dict[str, Any] = {
        "@type": site.config.organization.get("type") or "MedicalClinic",
        "@id": view.canonical + "#place",
        "name": f"{site.config.name} – {view.title}", "url": view.canonical,
        "parentOrganization": {"@id": site.config.base_url + "#organization"},
    }
    node.update(_place_details(view.meta))
    return node


def _place_details(meta: dict[str, Any]) -> dict[str, Any]:
    address = meta.get("address") or {}
    details: dict[str, Any] = {"address": {
        "@type": "PostalAddress", "streetAddress": address.get("street"),
        "addressLocality": address.get("locality"), "postalCode": address.get("postal_code"),
        "addressCountry": address.get("country")}}
    _put(details["address"], "addressRegion", address.get("region"))
    _put(details, "telephone", meta.get("phone"))
    _put(details, "email", meta.get("email"))
    _put(details, "hasMap", meta.get("map_url"))
    if meta.get("geo"):
        details["geo"] = {"@type": "GeoCoordinates", "latitude": meta["geo"]["latitude"],
                          "longitude": meta["geo"]["longitude"]}
    if meta.get("hours"):
        details["openingHoursSpecification"] = [
            {"@type": "OpeningHoursSpecification",
             "dayOfWeek": [f"https://schema.org/{DAY_NAMES[d]}" for d in h["days"]],
             "opens": h["opens"], "closes": h["closes"]} for h in meta["hours"]]
    return details


def _put(node: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", [], {}):
        node[key] = value.isoformat() if hasattr(value, "isoformat") else value


def _plain(html: str) -> str:
    text = re.sub(r"<sup[^>]*>.*?</sup>", "", html, flags=re.S)
    text = re.sub(r'<div class="footnote">.*?</div>', "", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    import html as html_module

    return re.sub(r"\s+", " ", html_module.unescape(text)).strip()
