"""The claim model: in each sentence, who claims which outcome for what, how surely, and on what
support. Rules of the `claim` kind (lint/kinds/claim.py) choose which claims to report.

A claim is a benefit word ('eases', 'relief', 'effective', 'say goodbye to') with the target it
acts on ('migraines', 'your immune system', 'back pain'); a better state of a target ('fewer
colds', 'firmer skin'); an outcome reached ('my headaches vanished', 'no more colds', 'I haven't
had a migraine since'); or a service offered for a condition ('acupuncture for anxiety', 'we see
people living with fibromyalgia', a run of conditions under 'can help with:'). Around it the
model reads negation and refutation (then nothing is claimed), hedges ('may', 'some people'),
strong words ('completely', 'for good'), caveats ('results vary', 'short-term'), who speaks (the
service, a first-person story, a story about clients, or general advice that is no one's claim)
and support (a citation in the paragraph, or a finding attributed to a named source).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Sequence

from clinicsite.lint.claims.claim import Claim
from clinicsite.lint.claims.context import (
    DENIED,
    EMERGENCY,
    MYTH,
    NO_EVIDENCE,
    REPORTED,
    SCOPE_OF_PRACTICE,
    STATUS_DISCLOSURE,
    VACCINES,
    Block,
    about_someone_else,
    certainty_of,
    claimant_of,
    clause_of_someone_else,
    information_question,
    population_course,
    target_class_of,
)
from clinicsite.lint.claims.lists import claim_lead, heading_lead, list_claims
from clinicsite.lint.claims.readings import (
    QUALITY,
    benefit_claims,
    condition_run,
    immunity_beside_service,
    improved_claims,
    offered_claims,
    outcome_claims,
    outcome_phrase_claims,
)
from clinicsite.lint.claims.sentence import (
    PREDICATE_ROLES,
    TARGET_TAGS,
    Raw,
    Sentence,
    found_in,
    sentence_at,
    sentence_spans,
    tokenize,
)
from clinicsite.lint.claims.stories import may_be_story, story_claims
from clinicsite.lint.claims.words import Mention, Vocabulary, lower_text, vocabulary


def block_claims(text: str, sentence_starts: Sequence[int], *, kind: str = "paragraph",
                 lead: str = "", section: str = "", cited: bool = False,
                 anchors: Sequence[int] | None = None) -> list[Claim]:
    """Every claim in a block of prose (`sentence_starts`: where each sentence begins).

    `anchors`, when known, are the offsets of the words a claim can be built on (benefit,
    outcome, service and condition words, as the prefilter found them): a block with none is
    not read. A sentence is read from its word-list entries first, and in full only when
    those stand where a claim could be (see _hot), with the sentence before it when that lends
    a question's targets or its subject. Most sentences of a page are never read in full."""
    lower = lower_text(text)
    spans = [span for span in sentence_spans(sentence_starts, len(text)) if span[0] < span[1]]
    lead_in = (lead or (section if heading_lead(section) else "")) if kind in (
        "list_item", "table") else ""
    listed = bool(lead_in) and claim_lead(lead_in)
    story = may_be_story(lower, kind)
    if anchors is not None and not anchors and not listed and not story:
        return []
    # a first look with only the words _hot reads; the whole vocabulary once a claim may be there
    first_look = _hot_words().mentions(lower)
    by_sentence = _by_sentence(first_look, spans)
    hot = {i for i in range(len(spans)) if _hot(text, spans, i, by_sentence[i])}
    if not hot and not listed and not story:
        return []
    mentions = vocabulary().mentions(lower)
    block = Block(kind, cited, any("caveats" in m.tags for m in mentions),
                  limited=any("limits" in m.tags for m in mentions) or bool(_OWN_DATA.search(text)))
    claims: list[Claim] = []
    for i, (start, end) in enumerate(spans):
        if i in hot or (any(j in hot for j in range(i + 1, i + 6)) and _lends(text, spans, i)):
            sentence = sentence_at(lower, start, end, mentions)
            if i in hot:
                claims += _sentence_claims(sentence, block)
            block.agent = about_someone_else(sentence)
            block.asked = (*block.asked, *sentence.targets(0, len(sentence.words))) if \
                sentence.words[-1:] == ["?"] and not information_question(sentence) else ()
        elif not text[start:end].rstrip(" *_\"'”’)\n").endswith("?"):
            block.agent, block.asked = False, ()
        block.attributed = block.attributed or any(
            "attributions" in m.tags for m in mentions if start <= m.start < end)
    if not listed and not story:
        return claims
    tokens = tokenize(lower)
    found = found_in(lower, tokens, mentions)
    linked = [c for c in claims if c.form != "unlinked"]
    if listed and not linked:
        claims += list_claims(text, tokens, found, lead_in, cited)
    if story and not any(c.claimant != "service" for c in linked):
        claims += story_claims(text, tokens, found, kind, sentence_starts)
    return _without_overlapped_unlinked(claims)


def _without_overlapped_unlinked(claims: list[Claim]) -> list[Claim]:
    """An unlinked sentence that a list or a story reading claims already is that claim."""
    linked = [c for c in claims if c.form != "unlinked"]
    return [c for c in claims if c.form != "unlinked" or not any(
        o.start < c.end and c.start < o.end for o in linked)]


_ANCHORS = frozenset({*PREDICATE_ROLES, "vanish", "free_of", "improved", "outcome_phrases",
                      "returns", "clients"})


_ON_THEIR_OWN = frozenset({"adjectives", "strong_nouns", "strong_verbs", "outcome_phrases",
                           "free_of", "clients"})  # claims that need no target near


_TARGETS = frozenset(TARGET_TAGS)
# after a question, a service alone may answer it ('Always catching colds? Our drip can help.')
_ASKED_ANCHORS = _ANCHORS | {"services"}
# the clinic's own figures with how they were counted: 'of 140 clients we treated in 2023'
_OWN_DATA = re.compile(r"\bof\s+(?:the\s+)?\d[\d,]{0,9}\s+(?:\w+\s+){0,2}(?:clients|patients|people|"
                       r"members)\s+(?:(?:we|who)\s+)?(?:treated|seen|surveyed|followed|completed|"
                       r"started)\b", re.IGNORECASE)
# the lists _hot reads
_HOT_TAGS = frozenset(_ANCHORS | _ON_THEIR_OWN | _TARGETS | {"services", "suffer", "raising"})


@functools.cache
def _hot_words() -> Vocabulary:
    return vocabulary().only(_HOT_TAGS)


# a sentence that sets vaccination against the service ('why get the flu shot when…')
_AGAINST = re.compile(r"\b(?:why|instead|rather|skip|than|without|alternative|no need|"
                      r"don't need|do not need)\b")


def _not_the_clinics(s: Sentence, raw: list[Raw]) -> list[Raw]:
    """Drop what the sentence reports as a guideline's or a review's finding, what licensed
    conventional care says it assesses and treats, and what vaccination prevents."""
    reported = REPORTED.search(s.text)
    if reported is not None:  # 'NICE suggests … for migraine': the finding is NICE's
        said = len(s.text[:reported.end()].split())  # words up to the reporting verb
        raw = [r for r in raw if r[0] < said - 1 and r[1] <= said - 1]
    if SCOPE_OF_PRACTICE.search(s.text):
        raw = [r for r in raw if target_class_of(r[3]) != "condition"]
    if VACCINES.search(s.text) and not _AGAINST.search(s.text):  # offering vaccination
        raw = [r for r in raw if target_class_of(r[3]) != "immunity"]
    return raw


_READ_WHOLE = frozenset({"paragraph", "blockquote"})


def _unlinked(s: Sentence, block: Block, claimant: str) -> list[Claim]:
    """A sentence whose benefit, outcome and condition words stand where a claim could be, but
    that the readings above cannot link ('homeopathy works beautifully for children's
    complaints such as…'): one claim of form 'unlinked' over the sentence, which rules report
    only when the second reading (judge.py) reads the sentence as a claim."""
    targets = s.targets(0, len(s.words))
    if not _not_the_clinics(s, [(0, len(s.words), None, targets, "unlinked", False)]):
        return []  # a guideline's finding, licensed care's scope or vaccination offered
    words = [t for t in s.tokens if t.text[:1].isalnum()]
    certainty = certainty_of(s, 0, False, "unlinked", block.caveat, False, block.limited)
    if not words or s.words[-1:] == ["?"] or certainty not in ("plain", "strong") or (
            block.cited or block.attributed or s.tagged("attributions")):
        return []  # a question, a hedged or sourced sentence: only a linked claim counts there
    return [Claim(start=words[0].start, end=words[-1].end, predicate="",
                  targets=tuple(dict.fromkeys(t.mention.text for t in targets)),
                  target_class=target_class_of(targets), certainty=certainty,
                  claimant=claimant, supported=False, form="unlinked", sentence=s.span)]


def _by_sentence(mentions: list[Mention], spans: list[tuple[int, int]]) -> list[list[Mention]]:
    groups: list[list[Mention]] = [[] for _ in spans]
    starts = [start for start, _ in spans]
    for m in mentions:
        groups[max(0, bisect_right(starts, m.start) - 1)].append(m)
    return groups


def _hot(text: str, spans: list[tuple[int, int]], i: int, inside: list[Mention]) -> bool:
    """Whether sentence i could hold a claim, judged from where its word-list entries stand:
    a benefit or outcome word near a target (or one that claims by itself), a service offered
    for a condition, a run of conditions, or a denied complaint ('haven't had a migraine').
    Reading a sentence in full costs far more than this test, and few sentences pass it."""
    start, end = spans[i]
    if not inside:
        return False
    tags: set[str] = set().union(*(m.tags for m in inside))
    if not tags.isdisjoint(_ON_THEIR_OWN):
        return True
    targets = [m for m in inside if not m.tags.isdisjoint(_TARGETS)]
    for m in inside:
        if m.tags.isdisjoint(_ANCHORS):
            continue
        if "nouns" in m.tags and _QUALITY_NEAR.search(text, max(start, m.start - 25),
                                                     min(end, m.end + 15)):
            return True  # 'lasting relief', 'results that last'
        if m.tags & {"verbs", "good_for", "improved", "nouns"} and any(
                m.start - _BEFORE[_role(m)] <= t.start <= m.end + _AFTER[_role(m)]
                and t is not m and _acts_on(m, t) for t in targets):
            return True
        if m.tags & {"vanish", "returns"} and any(m.start - 50 <= t.start < m.start
                                                  for t in targets):
            return True
    if not tags.isdisjoint(_ASKED_ANCHORS) and i > 0 and text[:spans[i - 1][1]].rstrip(
            " *_\"'”’)\n").endswith("?"):
        return True  # 'Living with diabetes? Our injections can help.'
    conditions = sum(1 for m in targets if m.tags & {"condition", "immunity"})
    if conditions >= 3 or (conditions and "services" in tags) or (
            conditions and _SUFFERING_SCAN.search(text, start, end)):
        return True
    return "suffer" in tags and bool(targets) and bool(_NEGATED_WORDS.search(text, start, end))


_BEFORE = {"verb": 60, "improved": 20, "for": 0, "noun": 30}  # characters a target may


_AFTER = {"verb": 110, "improved": 25, "for": 110, "noun": 70}  # stand from the word


_QUALITY_NEAR = re.compile(r"\b(?:" + "|".join(sorted(QUALITY)) + r"|lasts?|lasting)\b",
                           re.IGNORECASE)


_SUFFERING_SCAN = re.compile(r"\b(?:living|lives?|suffering|struggling|battling|dealing|"
                             r"affected|people|patients|those|anyone|clients|children|adults|"
                             r"kids|babies|women|men|sufferers)\b", re.IGNORECASE)


def _role(m: Mention) -> str:
    if "verbs" in m.tags:
        return "verb"
    return "improved" if "improved" in m.tags else "for" if "good_for" in m.tags else "noun"


def _acts_on(m: Mention, target: Mention) -> bool:
    """A raising verb ('builds', 'increases') acts on a function, never on a complaint."""
    return "raising" not in m.tags or not target.tags.isdisjoint({"function", "immunity"})


_NEGATED_WORDS = re.compile(r"\b(?:not|no|never|none|nobody)\b|n[’']t\b", re.IGNORECASE)


_CARRY = re.compile(r"\s*[*_\"'“‘(]*(?:it|this|they|these|that|both|such)\b", re.IGNORECASE)


def _lends(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """The sentence before a claim lends it something: a question's targets, or the subject
    the next sentence goes on about ('It lowers your risk…')."""
    start, end = spans[i]
    return text[start:end].rstrip(" *_\"'”’)\n").endswith("?") or bool(
        _CARRY.match(text, spans[i + 1][0]))


# a sentence with none of these can make no claim (conditions: listed ones, offered ones)
_CLAIM_TAGS = frozenset({*PREDICATE_ROLES, "vanish", "free_of", "improved", "outcome_phrases",
                         "compound", "returns", "suffer", "clients", "condition", "immunity",
                         "story_outcomes"})


def _sentence_claims(s: Sentence, block: Block) -> list[Claim]:
    if s.by_tag.keys().isdisjoint(_CLAIM_TAGS) and not block.asked:
        return []
    if information_question(s) or s.tagged("refutations", "risk_talk") or MYTH.search(s.text) \
            or NO_EVIDENCE.search(s.text) or DENIED.search(s.text) or \
            STATUS_DISCLOSURE.search(s.text) or population_course(s) or EMERGENCY.search(s.text):
        return []
    claimant = claimant_of(s, block)
    if claimant is None:
        return []
    raw = [*benefit_claims(s, block.asked), *improved_claims(s), *outcome_claims(s),
           *offered_claims(s), *outcome_phrase_claims(s, block.asked)]
    raw = [r for r in raw if not clause_of_someone_else(s, r[0])]
    aimed = [r for r in raw if r[3]]
    raw = [r for r in raw if r[3] or not any(abs(a[0] - r[1]) <= 3 for a in aimed)]
    # ('highly effective remedy for tired muscles': one claim, said by the adjective and the
    # noun that takes the target)
    if not raw:
        raw = list(condition_run(s)) or list(immunity_beside_service(s, block.asked))
    if not raw:  # a list item or a heading is too short to be read as a whole on its own
        return _unlinked(s, block, claimant) if block.kind in _READ_WHOLE else []
    raw = _not_the_clinics(s, raw)
    supported = block.cited or block.attributed or bool(s.tagged("attributions"))
    out: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for first, last, predicate, targets, form, strong_word in sorted(raw, key=lambda c: c[0]):
        if any(a < last and first < b for a, b in taken):
            continue
        taken.append((first, last))
        out.append(Claim(
            start=s.tokens[first].start, end=s.tokens[last - 1].end,
            predicate=predicate.mention.text if predicate else "",
            targets=tuple(t.mention.text for t in targets),
            target_class=target_class_of(targets),
            certainty=certainty_of(s, first, strong_word, form, block.caveat,
                                 predicate is not None and predicate.has("scope"), block.limited),
            claimant=claimant, supported=supported, form=form, sentence=s.span))
    return out
