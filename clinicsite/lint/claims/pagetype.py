"""What a page with no declared type is about: a course, a treatment, a condition, or neither.

A page that talks about a treatment or a condition is a health page whatever folder it is in,
so page-level rules (medical disclaimer, results vary) apply to it; the finding says what the
page was read as and why, so the author can set `type:` if that is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinicsite.lint.claims.context import PRONOUN_SERVICES
from clinicsite.lint.claims.words import lower_text, vocabulary

_COURSE_WORDS = re.compile(
    r"\b(?:courses?|training|trainees?|diploma|certificates?|certification|qualifications?|"
    r"workshops?|academy|students?|delegates?|learners?|modules?|tutors?|cpd|cme|enrol\w*|"
    r"graduates?|syllabus|curriculum|masterclass|bootcamp|cohort|coursework|tuition|"
    r"accredit\w*|practi[cs]e on models|hands-on|kit|starter kit|learn to|teach\w*|seminars?|"
    r"accelerator|mentor\w*|grads|alumni|certified|intensive|intake|term|trainers?)\b")
# course words a treatment page uses too ('hands-on treatment', 'strength training')
_AMBIGUOUS = frozenset({"training", "hands-on", "kit", "term", "intensive", "certified",
                        "learn to", "mentor", "mentoring", "teach", "teaches", "teaching"})
# words of any business page: they name a service without saying what it does for health
_GENERIC = PRONOUN_SERVICES | {"treatment", "treatments", "appointment", "appointments", "session",
                               "sessions", "course", "courses", "programme", "programmes",
                               "program", "programs", "package", "packages", "plan", "plans",
                               "therapy", "therapies", "procedure", "procedures"}
# a careers, contact or policy page names treatments in passing
_BUSINESS = re.compile(r"\b(?:vacanc\w*|salary|salaries|apply|applications?|careers?|job|jobs|"
                       r"hiring|recruit\w*|cancel\w*|refunds?|deposits?|parking|car park|"
                       r"directions|bus|train station|privacy|cookies|personal data|gdpr|"
                       r"opening hours|complaints procedure|terms and conditions|policy|"
                       r"policies|invoice|payment|late arrival|no-show|rota|pension|"
                       r"annual leave|benefits package)\b")
HEALTH_TAGS = ("condition", "immunity", "symptom", "services")
# what dental and nutrition pages work on, which the claim model's lists do not name
_CARE_TOPICS = re.compile(r"\b(?:teeth|tooth|gums?|dental|fluoride|plaque|cavit(?:y|ies)|"
                          r"enamel|vitamins?|vitamin [a-z]\d{0,2}|minerals?|nutrients?|"
                          r"nutrition\w*|dietary|supplements?)\b")


@dataclass(frozen=True, slots=True)
class Inferred:
    """A type read from the text, with the words that gave it away."""

    content_type: str  # course | treatment | condition | page
    evidence: tuple[str, ...]


def mentions_courses(text: str) -> bool:
    """True when the text speaks of training or courses at all."""
    return bool(_COURSE_WORDS.search(lower_text(text)))


def infer_page_type(text: str) -> Inferred:
    """The type a page reads as: course (two or more course words, not only words a treatment
    page uses too), treatment (a service and a health word, or two words for what it works
    on, such as skin and weight), condition (two health words, no service), else page."""
    lower = lower_text(text)
    courses = list(dict.fromkeys(m.group(0) for m in _COURSE_WORDS.finditer(lower)))
    if len(courses) >= 2 and not _AMBIGUOUS.issuperset(courses):
        return Inferred("course", tuple(courses[:3]))
    services: list[str] = []
    health: list[str] = []
    body: list[str] = []  # what a service works on: skin, weight, energy, the gut
    generic: list[str] = []  # 'sessions', 'our programme'
    for mention in vocabulary().mentions(lower):
        if "services" in mention.tags and mention.text not in _GENERIC:
            services.append(mention.text)
        elif "services" in mention.tags and mention.text not in PRONOUN_SERVICES:
            generic.append(mention.text)
        elif mention.tags & {"condition", "immunity", "symptom"}:
            health.append(mention.text)
        elif mention.tags & {"function", "body_parts"}:
            body.append(mention.text)
    body += [m.group(0) for m in _CARE_TOPICS.finditer(lower)]
    services, health, body = (list(dict.fromkeys(words)) for words in (services, health, body))
    business = len(set(_BUSINESS.findall(lower)))
    if business >= max(2, len(health)):
        return Inferred("page", ())
    if services and (health or len(body) >= 2):
        return Inferred("treatment", tuple((services + health + body)[:3]))
    if generic and (health or len(body) >= 2):  # 'sessions' that helped 'my neck pain'
        return Inferred("treatment", tuple(dict.fromkeys(generic + health + body))[:3])
    if len(health) >= 2:
        return Inferred("condition", tuple(health[:3]))
    return Inferred("page", ())
