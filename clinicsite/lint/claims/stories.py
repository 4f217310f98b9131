"""Patient stories that imply the treatment worked."""

from __future__ import annotations

import re
from collections.abc import Sequence

from clinicsite.lint.claims.claim import Claim
from clinicsite.lint.claims.context import PRECAUTION, is_negation, target_class_of
from clinicsite.lint.claims.sentence import TARGET_TAGS, Found, Token, sentence_spans
from clinicsite.lint.claims.words import lower_text


def may_be_story(lower: str, kind: str) -> bool:
    """Cheap test before the story reading: someone's own voice, clients, or a story word."""
    return kind == "blockquote" or bool(_STORY_WORDS.search(lower))


_STORY_WORDS = re.compile(r"\b(?:i|i'm|i've|i'd|my|me|myself|story|stories|says|said|told|"
                          r"came to|in (?:her|his|their) words|meet|spotlight|journey|clients?|"
                          r"patients|customers|regulars)\b")


_STORY_PERSON = re.compile(
    r"(?:^|[.!?…:*]\s*|\n|\b(?i:meet|thanks?(?: you)?|congrat\w*|say hello to|this is|hear from)\s+)"
    r"(?<!Dr\. )(?<!Mr\. )(?<!Ms\. )(?<!Mrs\. )"
    r"[A-Z][a-z]+(?:\s+[A-Z]\.?)?,?\s+(?:\d+,?\s+)?(?:came|started|had|was|says|said|told|tried|"
    r"booked|began|couldn't|struggled|suffered|arrived|walked|smoked|spent|went|is now|finally)\b"
    r"|(?i:\b(?:he|she|they) (?:says|said|told us|tells us)\b|\bin (?:her|his|their) (?:own )?"
    r"words\b|\b(?:client|patient|customer|member|success) (?:story|stories|spotlight|journey|"
    r"win|wins)\b|\bresults like \w+[’']s\b|\b\w+[’']s (?:story|journey|transformation)\b|"
    r"\bclient came in\b|\b(?:came|come) to (?:me|us)\b)")


_REPORTED = re.compile(r"\b(?:clients|patients|customers|regulars|members)\s+(?:often\s+|always\s+|"
                       r"regularly\s+)?(?:say|tell\s+us|tell\s+me|report|swear|rave)\b")


_TREATMENT_EVENT_EXTRA = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|eight|ten|twelve|a few)\s+(?:weeks?|months?|cycles?|"
    r"rounds?|sessions?)\s+(?:with|on|of|later|in|after)\b|\blater\b|\b(?:week|day|month)\s+\d+\b|"
    r"\bafter\s+(?:\w+\s+){0,3}"
    r"(?:treatment|session|drip|course|protocol|programme|program|cycles?)\b", re.IGNORECASE)


_TREATMENT_EVENT = re.compile(
    r"\b(?:sessions?|treatments?|visits?|appointments?|drips?|infusions?|adjustments?|course|"
    r"protocol|programme|program|injections?|shots?|jabs?|therapy|remed(?:y|ies)|with us|"
    r"here|since (?:starting|we started|i started|my first|the first)|after (?:just |only )?"
    r"(?:one|two|three|four|five|six|a few|\d+|my|our|her|his)\b)", re.IGNORECASE)


def story_claims(text: str, tokens: list[Token], found: list[Found], kind: str,
                  sentence_starts: Sequence[int]) -> list[Claim]:
    """A patient story that implies the treatment worked: someone had a condition, had the
    treatment, and reports an outcome ('ONE session with Dr Sam and she slept right through')."""
    speaker = _storyteller(text, found, kind)
    reported = bool(_REPORTED.search(lower_text(text)))  # 'our clients say their skin…'
    if speaker is None or not (reported or _TREATMENT_EVENT.search(text)
                               or _TREATMENT_EVENT_EXTRA.search(text)):
        return []
    spans = list(sentence_spans(sentence_starts, len(text)))
    told = [(a, b) for a, b in spans if _narrative(text[a:b])]
    asked = [(a, b) for a, b in spans if text[a:b].rstrip(" *_\"'”’)\n").endswith("?")]
    # an outcome told in a plain sentence, or a complaint gone ('she hasn't had one since')
    outcomes = [f for f in found if (f.has("story_outcomes", "vanish") and not f.has("negation")
                                     and any(a <= tokens[f.first].start < b for a, b in told))
                or (f.has("free_of") and not any(a <= tokens[f.first].start < b
                                                 for a, b in asked))]
    if not outcomes:
        return []
    targets = [f for f in found if f.has(*TARGET_TAGS)]
    if not targets and not any(f.has("story_outcomes") for f in outcomes):
        return []
    where = outcomes[0]
    start, end = next(((a, b) for a, b in sentence_spans(sentence_starts, len(text))
                       if a <= tokens[where.first].start < b), (0, len(text)))
    return [Claim(tokens[where.first].start, tokens[where.last - 1].end, where.mention.text,
                  tuple(t.mention.text for t in targets), target_class_of(targets), "plain",
                  speaker, False, "story", (start, end))]


def _narrative(sentence: str) -> bool:
    """A sentence that tells what happened, not a question or a denial."""
    stripped = sentence.strip(" *_\"'”’)\n")
    lowered = lower_text(stripped)
    return not stripped.endswith("?") and not PRECAUTION.search(lowered) and not re.search(
        r"\bif\b", lowered) and not any(is_negation(w) for w in re.findall(r"[\w']+", lowered))


def _storyteller(text: str, found: list[Found], kind: str) -> str | None:
    """first-person for 'I' and 'my' stories and quotes, clients for stories about them."""
    if any(f.has("clients") for f in found) or _STORY_PERSON.search(text):
        return "clients"
    if kind == "blockquote" or any(f.has("first_person") for f in found):
        return "first-person"
    return None
