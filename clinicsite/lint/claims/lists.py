"""Lists under a claim lead-in: 'can help with:' and its items, 'Conditions we treat'."""

from __future__ import annotations

import functools
import re

from clinicsite.lint.claims.claim import Claim
from clinicsite.lint.claims.context import (
    PRECAUTION,
    SCOPE_OF_PRACTICE,
    Block,
    claimant_of,
    is_negation,
    negated,
    target_class_of,
)
from clinicsite.lint.claims.readings import SUFFERERS
from clinicsite.lint.claims.sentence import (
    PREDICATE_ROLES,
    TARGET_TAGS,
    Found,
    Sentence,
    Token,
    sentence_at,
)
from clinicsite.lint.claims.words import lower_text, vocabulary


def list_claims(text: str, tokens: list[Token], found: list[Found], lead: str, cited: bool
                 ) -> list[Claim]:
    """A list item (or table row) under 'can help with:' or a heading such as 'Conditions we
    treat': the lead-in and the item together make the claim."""
    lead_sentence = _lead_sentence(lead)
    if not tokens:
        return []
    item = " ".join(t.text for t in tokens)
    if PRECAUTION.search(item) or any(is_negation(t.text) for t in tokens):
        return []
    targets = [f for f in found if f.has(*TARGET_TAGS)]
    if not targets and not _conditions_lead(lead):
        return []
    certainty = "hedged" if lead_sentence.tagged("hedges") else "plain"
    target_class = target_class_of(targets) if targets else "condition"
    return [Claim(tokens[0].start, tokens[-1].end, lead.strip(),
                  tuple(t.mention.text for t in targets), target_class, certainty, "service",
                  cited, "list", (0, len(text)))]


def heading_lead(section: str) -> bool:
    """A heading that introduces a list of what the service treats: 'Conditions we treat',
    'What can acupuncture help with?'."""
    return bool(section) and (_conditions_lead(section) or bool(re.search(
        r"\b(?:help|helps|treat|treats|good|great|used|effective)\s+(?:with|for)\b", section,
        re.IGNORECASE)))


def _lead_sentence(lead: str) -> Sentence:
    lower = lower_text(lead)
    return sentence_at(lower, 0, len(lower), vocabulary().mentions(lower))


@functools.lru_cache(maxsize=256)
def claim_lead(lead: str) -> bool:
    """A lead-in that makes a claim about whatever follows: a benefit word with no target of
    its own ('can help with:', 'effective for the following', 'benefits include:'), or a
    sufferer phrase ('when they're battling 👇'). Read once for all the items under it."""
    s = _lead_sentence(lead)
    if s.tagged("refutations") or PRECAUTION.search(s.text) or SCOPE_OF_PRACTICE.search(s.text):
        return False  # … or licensed care saying what it assesses and treats
    if claimant_of(s, Block("paragraph", False, False)) is None:
        return False
    if any(tuple(s.words[i:i + len(p)]) == p for p in SUFFERERS for i in range(len(s.words))):
        return True
    every = [p for p in s.tagged(*PREDICATE_ROLES)
             if not (p.first and s.words[p.first - 1] == "be")]  # 'to be clear, …'
    if any(negated(s, p.first) for p in every):
        return False  # 'we don't treat:' lists what the service does not do
    return any(not s.targets(p.last, len(s.words)) or _conditions_lead(lead) for p in every)


_CONDITIONS_LEAD = re.compile(r"\b(?:conditions?|complaints|ailments|disorders|diseases|"
                              r"illnesses)\b", re.IGNORECASE)


def _conditions_lead(lead: str) -> bool:
    return bool(_CONDITIONS_LEAD.search(lead))
