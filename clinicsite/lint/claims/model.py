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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from clinicsite.lint.claims.words import Mention, lower_text, vocabulary, word_list

TARGET_CLASSES = ("immunity", "condition", "symptom", "function", "comfort", "general")
TARGET_TAGS = ("immunity", "condition", "symptom", "function", "comfort", "condition_heads")
CERTAINTIES = ("strong", "plain", "offered", "hedged", "qualified")
CLAIMANTS = ("service", "first-person", "clients")
PREDICATE_ROLES = {"verbs": "verb", "strong_verbs": "verb", "nouns": "noun",
                   "strong_nouns": "noun", "adjectives": "adjective", "good_for": "for"}
STRONG_PREDICATES = frozenset({"strong_verbs", "strong_nouns"})
HARD_STOPS = frozenset(".!?;()[]|—–") | {"but", "however", "although", "though", "whereas",
                                          "yet", "unless", "except"}
_TOKEN = re.compile(r"[\w'’]+(?:[-‐][\w'’]+)*|[^\w\s]")
_INTERROGATIVES = frozenset({"does", "do", "did", "can", "could", "is", "are", "was", "were",
                             "will", "would", "should", "how", "what", "which", "who", "whom",
                             "whose", "when", "where", "has", "have", "may", "might", "shall",
                             "am", "if", "whether"})
_RHETORICAL_OPENINGS = (("did", "you", "know"), ("do", "you", "know"), ("have", "you", "heard"),
                        ("did", "you", "realise"), ("did", "you", "realize"))
_RHETORICAL = frozenset({"suffer", "suffering", "struggle", "struggling", "wait", "waiting",
                         "risk", "settle", "put", "live", "tolerate", "endure"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got",
                 "become", "becomes", "can", "will", "may", "could", "often", "usually"})
_FOR_WORDS = frozenset({"for", "against", "with", "from", "of", "to", "in", "on", "at"})
_EXAMPLES = frozenset({"including", "such", "like", "especially", "particularly", "e.g", "eg",
                       "from", "notably", "even", ":"})
_LIST_JOINS = frozenset({",", "and", "or", "&", "/", "your", "the", "a", "even", "chronic",
                         "severe", "persistent", "recurring", "as", "well", "plus", "other",
                         "all", "of", "any", "·", "•", "✔", "✓", "✅", "+", "-", "–", "nagging",
                         "stubborn", "those", "that", "them", "mild", "long-term", "ongoing"})
_PARTICIPLE = re.compile(r"(?:ed|en|wn|ght|lt|pt)$")
_TEMPORAL = re.compile(r"\b(?:since|any ?more|any longer|now|again|all (?:winter|year|season)|"
                       r"this (?:winter|year|season)|these days|in (?:months|years|weeks)|"
                       r"when everyone|while everyone|season|winter|"
                       r"after (?:my|our|the|his|her|their|a|two|three|four|five|six|\d+))\b")
_SIDE_EFFECT = re.compile(r"\b(?:side[- ]effects?|after (?:the|your|an?|each) (?:injection|"
                          r"treatment|procedure|session|needl\w*)|injection site|bruis\w*|"
                          r"redness|tenderness|mild swelling)\b")
_STATUS_DISCLOSURE = re.compile(r"\b(?:not|no|neither|nor|never|n't)\b[^.;]*\b(?:approved|"
                                r"licen[cs]ed|cleared|recommended|endorsed|authori[sz]ed|"
                                r"proven|recogni[sz]ed|regulated|registered)\b|\b(?:approved|"
                                r"licen[cs]ed|cleared|recommended|endorsed|proven)\b[^.;]*"
                                r"\b(?:not|no|neither|nor|n't)\b")
_PRECAUTION = re.compile(r"\b(?:not suitable|unsuitable|contraindicat\w*|precautions?|"
                         r"avoid (?:it|this|treatment) if|should not have|shouldn't have|"
                         r"cannot have|can't have|tell us|let us know|if you have|"
                         r"if you(?:'ve| have) (?:had|ever had)|we will ask|we'll ask|"
                         r"medical history|screen\w* for|refer you|red flags?|warning signs?|"
                         r"urgent|emergency|call 999|call 911|a&e)\b")
_EMERGENCY = re.compile(r"\b(?:call|ring|phone|dial)\s+(?:999|911|000|112|111|an ambulance)\b|"
                        r"\ba&e\b|\bemergency\b|\bseek (?:urgent|immediate|emergency) \w+")
# what a procedure leaves behind for a day or two: that it settles is a disclosure, not a claim
_AFTER_EFFECTS = frozenset({"soreness", "bruising", "bruise", "bruises", "swelling", "redness",
                            "tenderness", "discomfort", "stiffness after", "ache", "aching"})
_MYTH = re.compile(r"\bmyths?\b|\bmisconceptions?\b|\bfact or fiction\b|\btrue or false\b")
_NO_EVIDENCE = re.compile(r"\b(?:no|little|limited|insufficient|not enough|weak|scant|no good|no "
                          r"strong|not much)\b(?:\s+[\w-]+){0,2}\s+(?:evidence|proof|research)\b")
_NOT_CONDITIONS = frozenset({"diagnosis", "diagnoses", "prognosis", "hypnosis", "osmosis",
                             "symbiosis", "apotheosis", "sympathy", "empathy", "apathy",
                             "telepathy", "homeopathy", "osteopathy", "naturopathy", "allopathy",
                             "hydropathy", "antipathy", "academia", "bohemia", "trophy",
                             "kinesiopathy", "neurosis's", "emphasis", "analysis", "thesis"})
_WORKS_AFTER = frozenset({".", "!", "?", ",", "for", "wonders", "fast", "faster", "quickly",
                          "quicker", "better", "really", "brilliantly", "every", "so", "well",
                          "great", "like", "miracles", "magic", "amazingly", "instantly",
                          "immediately", ""})
_WORKS_BEFORE = frozenset({"how", "way", "what", "why", "where", "when", "team", "staff",
                           "who", "that", "which"})
_OUTCOME_PREFIXES = ("not only", "no more", "no longer", "never again")
_QUALITY = frozenset({"lasting", "long-lasting", "real", "genuine", "instant", "fast", "quick",
                      "immediate", "amazing", "dramatic", "noticeable", "visible", "significant",
                      "proven", "guaranteed", "incredible", "huge", "big", "massive", "total",
                      "complete", "permanent", "rapid", "natural", "powerful", "life-changing",
                      "profound", "remarkable", "outstanding", "astonishing", "unbelievable"})
_LASTS = frozenset({"lasts", "last", "lasting", "lasted"})
_SUFFERERS = (("living", "with"), ("live", "with"), ("lives", "with"), ("suffering", "from"),
              ("suffering", "with"),
              ("struggling", "with"), ("battling",), ("dealing", "with"), ("affected", "by"),
              ("people", "with"), ("patients", "with"), ("those", "with"), ("anyone", "with"),
              ("clients", "with"), ("children", "with"), ("adults", "with"), ("kids", "with"),
              ("babies", "with"), ("women", "with"), ("men", "with"), ("sufferers",))
# what a service does for people with a condition: 'we welcome people living with MS'
_SUFFERER_VERBS = frozenset({"help", "helps", "helped", "helping", "welcome", "welcomes", "see",
                             "sees", "treat", "treats", "support", "supports", "work", "works",
                             "specialise", "specialize", "specialises", "specializes", "care",
                             "suitable", "ideal", "designed", "offer", "offers", "benefit",
                             "benefits", "option", "solution", "relief", "recommended", "perfect",
                             "great", "reach", "turn", "turned", "trust", "trusted", "look",
                             "looks", "come", "comes", "alongside", "for"})
_KEEP_AWAY = frozenset({"beat", "beats", "blast", "blasts", "chase", "chases", "chasing", "draw",
                        "draws", "drive", "drives", "fend", "fended", "fending", "fends", "fight",
                        "fighting", "fights", "flush", "flushes", "keep", "keeping", "keeps",
                        "kept", "kick", "kicking", "kicks", "knock", "knocking", "knocks", "scare",
                        "scares", "scaring", "see", "seeing", "sees", "send", "sending", "sends",
                        "shake", "shakes", "shaking", "stave", "staved", "staves", "staving",
                        "throw", "throws", "ward", "warded", "warding", "wards"})
_AWAY = frozenset({"bay", "away", "off", "out", "packing"})


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim in a block of text."""

    start: int  # offsets in the block's text: the benefit or outcome words through the target
    end: int
    predicate: str  # as written: 'can help with', 'relief', 'vanished'
    targets: tuple[str, ...]  # as written: 'migraines', 'immune system'; () for general claims
    target_class: str  # one of TARGET_CLASSES
    certainty: str  # one of CERTAINTIES
    claimant: str  # one of CLAIMANTS
    supported: bool  # a citation in the paragraph or a finding attributed to a source
    form: str  # benefit | outcome | list | offered
    sentence: tuple[int, int]  # offsets of the sentence


class _Token(NamedTuple):
    start: int
    end: int
    text: str  # lower case


class _Found(NamedTuple):
    """A mention placed on tokens [first, last)."""

    first: int
    last: int
    mention: Mention

    def has(self, *tags: str) -> bool:
        return not self.mention.tags.isdisjoint(tags)


@dataclass(slots=True)
class _Block:
    """What one sentence may borrow from the rest of its block."""

    kind: str
    cited: bool
    caveat: bool  # 'the effect is short-lived' somewhere in the block qualifies a hedge
    agent: bool = False  # the previous sentence was about someone else's care ('It lowers…')
    attributed: bool = False  # the previous sentence reported a named source
    asked: tuple[_Found, ...] = ()  # targets of a question just before: 'Tired of stiff joints?'



class _Sentence:
    """A sentence as tokens and the word-list entries found on them."""

    def __init__(self, tokens: list[_Token], found: list[_Found], span: tuple[int, int]) -> None:
        self.tokens, self.found, self.span = tokens, found, span
        self.words = [t.text for t in tokens]
        self.text = " ".join(self.words)
        self.by_tag: dict[str, list[_Found]] = {}  # read by every rule of the model: built once
        for f in found:
            for tag in f.mention.tags:
                self.by_tag.setdefault(tag, []).append(f)

    def tagged(self, *tags: str) -> list[_Found]:
        if len(tags) == 1:
            return self.by_tag.get(tags[0], [])
        lists = [self.by_tag[t] for t in tags if t in self.by_tag]
        if len(lists) <= 1:
            return lists[0] if lists else []
        return sorted(set().union(*lists), key=self.found.index)

    def clause(self, index: int, soft: bool = False, colon: bool = True) -> tuple[int, int]:
        """Token range of the clause around `index` (soft: commas end it too)."""
        stops = HARD_STOPS | ({","} if soft else set()) | ({":"} if colon else set())
        lo = index
        while lo > 0 and self.words[lo - 1] not in stops:
            lo -= 1
        hi = index
        while hi < len(self.words) and self.words[hi] not in stops:
            hi += 1
        return lo, hi

    def between(self, lo: int, hi: int, *tags: str) -> list[_Found]:
        return [f for f in self.tagged(*tags) if lo <= f.first and f.last <= hi]

    def targets(self, lo: int, hi: int) -> list[_Found]:
        """Targets that start in [lo, hi), except risks of the procedure ('risk of infection')
        and a bare 'condition' or 'disease' with nothing to say how many ('a medical
        condition' names none; 'a wide range of conditions' claims many)."""
        return [self._counted(f) for f in self.tagged(*TARGET_TAGS) if lo <= f.first < hi
                and not self._a_risk(f) and (not _only_head(f) or self._many(f))]

    def _many(self, target: _Found) -> bool:
        before = " ".join(self.words[max(0, target.first - 4):target.first])
        return bool(_QUANTIFIED.search(before))

    def _counted(self, target: _Found) -> _Found:
        if not _only_head(target):
            return target
        return _Found(target.first, target.last, Mention(
            target.mention.start, target.mention.end, target.mention.text,
            target.mention.tags | {"condition"}))

    def _a_risk(self, target: _Found) -> bool:
        before = self.words[max(0, target.first - 3):target.first]
        return any(w in ("risk", "risks", "chance", "chances") for w in before)

    def run(self, targets: list[_Found]) -> list[_Found]:
        """The first target and those listed with it ('migraines, anxiety and IBS')."""
        run = [targets[0]]
        for t in targets[1:]:
            gap = self.words[run[-1].last:t.first]
            if len(gap) <= 4 and all(w in _LIST_JOINS or not w[:1].isalnum() for w in gap):
                run.append(t)
            else:
                break
        return run


_Raw = tuple[int, int, "_Found | None", list[_Found], str, bool]  # first, last, predicate…
_QUANTIFIED = re.compile(r"\b(?:many|range|variety|all|numerous|dozens|hundreds|host|multitude|"
                         r"number|lots|several|\d+|other|such|these|those|common|chronic)\b")


def _only_head(target: _Found) -> bool:
    return "condition_heads" in target.mention.tags and not target.mention.tags & {
        "condition", "immunity", "symptom", "function", "comfort"}


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
    spans = [span for span in _spans(sentence_starts, len(text)) if span[0] < span[1]]
    lead_in = (lead or (section if _heading_lead(section) else "")) if kind in (
        "list_item", "table") else ""
    listed = bool(lead_in) and _claim_lead(lead_in)
    story = _may_be_story(lower, kind)
    if anchors is not None and not anchors and not listed and not story:
        return []
    mentions = vocabulary().mentions(lower)
    by_sentence = _by_sentence(mentions, spans)
    hot = {i for i in range(len(spans)) if _hot(text, spans, i, by_sentence[i])}
    if not hot and not listed and not story:
        return []
    block = _Block(kind, cited, any("caveats" in m.tags for m in mentions))
    claims: list[Claim] = []
    for i, (start, end) in enumerate(spans):
        if i in hot or (any(j in hot for j in range(i + 1, i + 6)) and _lends(text, spans, i)):
            sentence = _sentence_at(lower, start, end, mentions)
            if i in hot:
                claims += _sentence_claims(sentence, block)
            block.agent = _about_someone_else(sentence)
            block.asked = (*block.asked, *sentence.targets(0, len(sentence.words))) if \
                sentence.words[-1:] == ["?"] and not _information_question(sentence) else ()
        elif not text[start:end].rstrip(" *_\"'”’)\n").endswith("?"):
            block.agent, block.asked = False, ()
        block.attributed = block.attributed or any(
            "attributions" in m.tags for m in mentions if start <= m.start < end)
    if not listed and not story:
        return claims
    tokens = _tokens(lower)
    found = _found(lower, tokens, mentions)
    if listed and not claims:
        claims += _list_claims(text, tokens, found, lead_in, cited)
    if story and not any(c.claimant != "service" for c in claims):
        claims += _story_claims(text, tokens, found, kind, sentence_starts)
    return claims


_ANCHORS = frozenset({*PREDICATE_ROLES, "vanish", "free_of", "improved", "outcome_phrases",
                      "returns", "clients"})
_ON_THEIR_OWN = frozenset({"adjectives", "strong_nouns", "strong_verbs", "outcome_phrases",
                           "free_of", "clients"})  # claims that need no target near
_TARGETS = frozenset(TARGET_TAGS)


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
    if not tags.isdisjoint(_ANCHORS) and i > 0 and text[:spans[i - 1][1]].rstrip(
            " *_\"'”’)\n").endswith("?"):
        return True  # 'Living with diabetes? Our injections can help.'
    conditions = sum(1 for m in targets if m.tags & {"condition", "immunity"})
    if conditions >= 3 or (conditions and "services" in tags) or (
            conditions and _SUFFERING_SCAN.search(text, start, end)):
        return True
    return "suffer" in tags and bool(targets) and bool(_NEGATED_WORDS.search(text, start, end))


_BEFORE = {"verb": 60, "improved": 20, "for": 0, "noun": 30}  # characters a target may
_AFTER = {"verb": 110, "improved": 25, "for": 110, "noun": 70}  # stand from the word
_QUALITY_NEAR = re.compile(r"\b(?:" + "|".join(sorted(_QUALITY)) + r"|lasts?|lasting)\b",
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


def _may_be_story(lower: str, kind: str) -> bool:
    """Cheap test before the story reading: someone's own voice, clients, or a story word."""
    return kind == "blockquote" or bool(_STORY_WORDS.search(lower))


_STORY_WORDS = re.compile(r"\b(?:i|i'm|i've|i'd|my|me|myself|story|stories|says|said|told|"
                          r"came to|in (?:her|his|their) words|meet|spotlight|journey|clients?|"
                          r"patients|customers|regulars)\b")


def _sentence_at(lower: str, start: int, end: int, mentions: list[Mention]) -> _Sentence:
    """One sentence read in full: its tokens and every word-list entry on them."""
    part = lower[start:end]
    tokens = [_Token(t.start + start, t.end + start, t.text) for t in _tokens(part)]
    local = [m for m in mentions if start <= m.start < end]
    return _Sentence(tokens, _found(lower, tokens, local, start, end), (start, end))


def _tokens(lower: str) -> list[_Token]:
    make = _Token._make
    return [make((m.start(), m.end(), m.group(0))) for m in _TOKEN.finditer(lower)]


def _found(lower: str, tokens: list[_Token], mentions: list[Mention], start: int = 0,
           end: int | None = None) -> list[_Found]:
    found = _place(mentions, tokens)
    covered = {i for f in found for i in range(f.first, f.last)}
    found += [f for f in _condition_words(lower, tokens, start, end) if f.first not in covered]
    found += _compounds(tokens) + _keep_away(tokens, found)
    found.sort(key=lambda f: (f.first, -f.last))
    return found


def _spans(starts: Sequence[int], length: int) -> Iterable[tuple[int, int]]:
    edges = [*starts, length]
    return ((edges[i], edges[i + 1]) for i in range(len(starts)))


def _place(mentions: list[Mention], tokens: list[_Token]) -> list[_Found]:
    starts = [t.start for t in tokens]
    out = []
    for m in mentions:
        first = bisect_left(starts, m.start)
        last = bisect_left(starts, m.end)
        if first < len(tokens) and tokens[first].start == m.start:
            out.append(_Found(first, max(last, first + 1), m))
    return out


def _shift(found: _Found, by: int) -> _Found:
    return _Found(found.first - by, found.last - by, found.mention)


def _condition_words(lower: str, tokens: list[_Token], start: int = 0, end: int | None = None
                     ) -> Iterator[_Found]:
    """Words the lists do not hold that are conditions by their ending ('costochondritis')."""
    starts = [t.start for t in tokens]
    for m in _ending_scan().finditer(lower, start, len(lower) if end is None else end):
        i = bisect_left(starts, m.start())
        if i < len(tokens) and tokens[i].start == m.start() and m.group(1) not in _NOT_CONDITIONS:
            token = tokens[i]
            yield _Found(i, i + 1, Mention(token.start, token.end, token.text, _CONDITION))


_CONDITION = frozenset({"condition"})


@functools.cache
def _ending_scan() -> re.Pattern[str]:
    endings = "|".join(word_list("condition_endings"))
    return re.compile(r"(?<![\w'-])(?:[\w']+-)*(\w{3,}(?:" + endings + r"))(?![\w'])")


def _compounds(tokens: list[_Token]) -> list[_Found]:
    """One hyphenated word that is a claim by itself: 'immune-boosting', 'pain-relieving'."""
    vocab = vocabulary().tags
    out = []
    for i, token in enumerate(tokens):
        if "-" not in token.text:
            continue
        head, _, tail = token.text.rpartition("-")
        if head and tail.endswith("ing") and any(t in vocab.get(head.replace("-", " "), ())
                                                 for t in TARGET_TAGS) \
                and vocab.get(tail, frozenset()) & {"verbs", "strong_verbs"}:
            tags = frozenset({"compound", *vocab[head.replace("-", " ")]})
            out.append(_Found(i, i + 1, Mention(token.start, token.end, token.text, tags)))
    return out


def _keep_away(tokens: list[_Token], found: list[_Found]) -> list[_Found]:
    """'keep colds and flu at bay', 'see off winter bugs': the verb and its particle stand
    apart, the target between them."""
    out = []
    targets = {f.first for f in found if f.has(*TARGET_TAGS)}
    for i, token in enumerate(tokens):
        if token.text not in _KEEP_AWAY:
            continue
        ahead = [t.text for t in tokens[i + 1:i + 9]]
        for j, word in enumerate(ahead, start=i + 1):
            if word in HARD_STOPS:
                break
            if word in _AWAY and any(i < t < j for t in targets):
                out.append(_Found(i, i + 1, Mention(token.start, token.end, token.text,
                                                    frozenset({"strong_verbs"}))))
                break
    return out


# --- one sentence -----------------------------------------------------------------------------

# a sentence with none of these can make no claim (conditions: listed ones, offered ones)
_CLAIM_TAGS = frozenset({*PREDICATE_ROLES, "vanish", "free_of", "improved", "outcome_phrases",
                         "compound", "returns", "suffer", "clients", "condition", "immunity",
                         "story_outcomes"})


def _sentence_claims(s: _Sentence, block: _Block) -> list[Claim]:
    if s.by_tag.keys().isdisjoint(_CLAIM_TAGS) and not block.asked:
        return []
    if _information_question(s) or s.tagged("refutations", "risk_talk") or _MYTH.search(s.text) \
            or _NO_EVIDENCE.search(s.text) or \
            _STATUS_DISCLOSURE.search(s.text) or _population_course(s) or _EMERGENCY.search(s.text):
        return []
    claimant = _claimant(s, block)
    if claimant is None:
        return []
    raw = [*_benefit_claims(s, block.asked), *_improved_claims(s), *_outcome_claims(s),
           *_offered_claims(s), *_outcome_phrases(s, block.asked)]
    raw = [r for r in raw if not _clause_of_someone_else(s, r[0])]
    aimed = [r for r in raw if r[3]]
    raw = [r for r in raw if r[3] or not any(abs(a[0] - r[1]) <= 3 for a in aimed)]
    # ('highly effective remedy for tired muscles': one claim, said by the adjective and the
    # noun that takes the target)
    if not raw:
        raw = list(_condition_run(s))
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
            target_class=_target_class(targets),
            certainty=_certainty(s, first, strong_word, form, block.caveat,
                                 predicate is not None and predicate.has("scope")),
            claimant=claimant, supported=supported, form=form, sentence=s.span))
    return out


def _benefit_claims(s: _Sentence, asked: Sequence[_Found] = ()) -> Iterator[_Raw]:
    """A benefit word and what it acts on: 'eases migraines', 'relief from stiffness'; with no
    target of its own, the targets of a question just before ('Living with diabetes? Our
    injections can help.')."""
    for c in s.tagged("compound"):
        yield c.first, c.last, c, [c], "benefit", False
    for p in s.tagged(*PREDICATE_ROLES):
        if _negated(s, p.first) or _is_target_of_earlier(s, p) or _help_as_noun(s, p) or \
                _quoted(s, p):
            continue
        roles = list(dict.fromkeys(PREDICATE_ROLES[t] for t in PREDICATE_ROLES
                                   if t in p.mention.tags))
        strong = p.has(*STRONG_PREDICATES)
        targets, role = next(((t, r) for r in roles if (t := _targets_for(s, p, r))),
                             ([], roles[-1]))
        if targets and p.has("raising") and _target_class(targets) in ("symptom", "condition",
                                                                         "comfort"):
            continue  # 'increasing pain': a harm, or a plan that is built, not a benefit
        if targets and p.has("lowering") and all(t.has("wanted") for t in targets):
            continue  # 'it can reduce fertility': a risk, not a benefit
        if targets:
            yield min(p.first, targets[0].first), max(p.last, targets[-1].last), p, targets, \
                "benefit", strong
        elif asked and not s.targets(0, len(s.words)):
            yield p.first, p.last, p, list(asked), "benefit", strong
        elif role in ("adjective", "noun") and _general_efficacy(s, p, role):
            yield p.first, p.last, p, [], "benefit", strong


def _targets_for(s: _Sentence, p: _Found, role: str) -> list[_Found]:
    lo, hi = s.clause(p.first, colon=False)
    if hi < len(s.words) and s.words[hi] in ":—–-" and hi - p.last <= 6 \
            and len(s.targets(hi + 1, _next_stop(s, hi + 1))) >= 2:
        hi = _next_stop(s, hi + 1)  # 'help with all sorts – IBS, asthma, tinnitus'
    reach = {"verb": 8, "noun": 8, "adjective": 10, "for": 14}[role]
    after = s.targets(p.last, min(hi, p.last + reach))
    if after and _reaches(s, p, after[0], role):
        return s.run(after)
    feeling = _feeling(s, p.last, hi)
    if role == "verb" and feeling is not None:
        return [feeling]
    before: list[_Found] = []
    if role == "noun":
        before = [t for t in s.targets(max(lo, p.first - 3), p.first) if t.last >= p.first - 1]
    elif role == "verb" and _participle(p):
        before = [t for t in s.targets(max(lo, p.first - 6), p.first)
                  if _passive(s, p) or t.last >= p.first - 2]
    return before[-1:] if before else []


def _feeling(s: _Sentence, at: int, hi: int) -> _Found | None:
    """'help you feel sharper', 'leave you looking years younger': a better state of you."""
    words = s.words[at:min(hi, at + 4)]
    for i, word in enumerate(words):
        if word in ("feel", "feeling", "look", "looking") and at + i + 1 < hi:
            state = s.between(at + i + 1, at + i + 4, "improved", "vanish")
            if state:
                return _Found(state[0].first, state[0].last, Mention(
                    state[0].mention.start, state[0].mention.end, state[0].mention.text,
                    frozenset({"function"})))
    return None


def _reaches(s: _Sentence, p: _Found, target: _Found, role: str) -> bool:
    """Whether the benefit word acts on this target: no other benefit word owns it first, no
    comma stands between unless it brings examples, and a noun or adjective links to it."""
    gap = s.words[p.last:target.first]
    if s.between(p.last, target.first, *PREDICATE_ROLES):
        return False
    if "," in gap and not any(w in _EXAMPLES for w in gap[gap.index(","):]) and gap[-1:] != [":"]:
        return False
    if p.mention.text.startswith("work") and (not gap or gap[0] not in ("for", "on", "wonders")):
        return False
    if role == "verb" and any(w in ("and", "or", "then", "plus") for w in gap) and gap[-1:] != [":"]:
        return False  # 'strengthening and advice on posture': the verb's object came before
    if role == "noun":
        return bool(gap) and gap[0] in _FOR_WORDS and len(gap) <= 5
    if role == "adjective":
        return not gap or any(w in _FOR_WORDS for w in gap) or bool(
            s.between(p.last, target.first, "verbs"))
    return True


def _next_stop(s: _Sentence, start: int) -> int:
    i = start
    while i < len(s.words) and s.words[i] not in HARD_STOPS - set("—–-"):
        i += 1
    return i


def _participle(p: _Found) -> bool:
    return bool(_PARTICIPLE.search(p.mention.text.split()[0]))


def _passive(s: _Sentence, p: _Found) -> bool:
    """'migraines can be treated': a be-form before a participle."""
    return p.first > 0 and s.words[p.first - 1] in _BE


def _general_efficacy(s: _Sentence, p: _Found, role: str) -> bool:
    """A benefit word with no target that still claims the service works: 'a highly effective
    remedy', 'it really works', 'amazing results', 'relief that lasts'."""
    written = p.mention.text
    if written.startswith("work") or written in ("it works", "they work", "really works"):
        return _works_claim(s, p)
    lo, hi = s.clause(p.first)
    if s.between(lo, hi, "general_agents"):
        return False
    if role == "noun":
        before = s.words[max(lo, p.first - 2):p.first]
        after = s.words[p.last:p.last + 3]
        return p.has("strong_nouns") or any(w in _QUALITY for w in before) or any(
            w in _LASTS for w in after)
    return bool(s.between(max(lo, p.first - 5), min(hi, p.last + 4), "services")) or (
        "results" in written or "wonders" in written or "success" in written)


def _works_claim(s: _Sentence, p: _Found) -> bool:
    after = s.words[p.last] if p.last < len(s.words) else ""
    before = s.words[max(0, p.first - 3):p.first]
    if any(w in _WORKS_BEFORE for w in before) or after not in _WORKS_AFTER:
        return False
    lo, _ = s.clause(p.first)
    return bool(s.between(max(lo, p.first - 4), p.first, "services")) or " " in p.mention.text


_PRONOUN_SERVICES = frozenset({"we", "our", "us", "this", "it", "they", "these"})
_SEEK = frozenset({"seek", "get", "find", "need", "ask", "call", "medical", "urgent",
                   "immediate", "professional", "more", "extra", "some", "further", "for"})


_QUOTES = frozenset({'"', "“", "”"})


def _quoted(s: _Sentence, p: _Found) -> bool:
    """A benefit word inside a short quotation ('our old "Immune Boost" drip'): a name or a
    phrase held at arm's length, not a claim made."""
    before = [i for i in range(max(0, p.first - 4), p.first) if s.words[i] in _QUOTES]
    after = [i for i in range(p.last, min(len(s.words), p.last + 4)) if s.words[i] in _QUOTES]
    return bool(before) and bool(after)


def _help_as_noun(s: _Sentence, p: _Found) -> bool:
    """'seek help', 'get medical help': help as something to find, not a benefit."""
    return p.mention.text.startswith("help") and p.first > 0 and s.words[p.first - 1] in _SEEK


def _is_target_of_earlier(s: _Sentence, p: _Found) -> bool:
    """'speeds up recovery': 'recovery' is the target of 'speeds up', not a benefit word."""
    if not p.has(*TARGET_TAGS):
        return False
    earlier = [f for f in s.found if f.last <= p.first and f.has("verbs", "strong_verbs")]
    return bool(earlier) and p.first - earlier[-1].last <= 3


def _improved_claims(s: _Sentence) -> Iterator[_Raw]:
    """A better state of a target: 'fewer colds', 'less pain', 'firmer, smoother skin'."""
    for m in s.tagged("improved"):
        if _negated(s, m.first, window=2):
            continue
        after = s.targets(m.last, min(len(s.words), m.last + 3))
        if after and all(w in _LIST_JOINS or w in ("looking", "feeling") or s.between(
                m.last, after[0].first, "improved") for w in s.words[m.last:after[0].first]):
            yield m.first, after[0].last, m, [after[0]], "benefit", False


def _outcome_claims(s: _Sentence) -> Iterator[_Raw]:
    """An outcome reached: 'my pain vanished', 'no more colds', 'I haven't had a migraine since',
    'pain-free', 'none of my clients caught flu'."""
    natural = bool(s.tagged("natural_course")) or _side_effect(s)
    for v in s.tagged("vanish"):
        if natural or v.has(*PREDICATE_ROLES) and s.targets(v.last, v.last + 6):
            continue  # the condition settles by itself, or a benefit verb: 'improves posture'
        lo, _ = s.clause(v.first, soft=True)
        before = s.targets(max(lo, v.first - 6), v.first)
        if not before and v.first > 0 and s.words[v.first - 1] in ("them", "it", "they", "these"):
            before = s.targets(0, v.first)[-1:]  # 'Scars, stretch marks: watch them vanish'
        if before and before[-1].mention.text in _AFTER_EFFECTS:
            continue
        if before and not _negated(s, v.first, since=before[-1].last):
            yield before[-1].first, v.last, v, [before[-1]], "outcome", False
    for t in s.targets(0, len(s.words)):
        state = _better_state(s, t)
        if state is not None and not natural:
            yield t.first, state.last, state, [t], "outcome", False
    for f in s.tagged("free_of"):
        targets = _free_of_targets(s, f)
        if targets:
            yield min(f.first, targets[0].first), max(f.last, targets[-1].last), f, targets, \
                "outcome", True
    for verb in s.tagged("suffer", "returns"):
        targets = _negated_suffering(s, verb)
        if targets:
            yield min(verb.first, targets[0].first), max(verb.last, targets[-1].last), verb, \
                targets, "outcome", True
    for f in s.tagged("clients"):
        if f.mention.text.startswith(("none of", "nobody", "no one")):
            targets = _none_caught(s, f)
            if targets:
                yield f.first, targets[-1].last, f, targets, "outcome", True


_STATE_VERBS = frozenset({"feels", "feel", "felt", "looks", "look", "looked", "is", "are", "was",
                          "were", "become", "becomes", "became", "got", "gets", "seems", "seem"})


def _better_state(s: _Sentence, target: _Found) -> _Found | None:
    """'my knee feels heaps better', 'their headaches are less frequent'."""
    ahead = s.words[target.last:target.last + 3]
    for i, word in enumerate(ahead):
        if word in _STATE_VERBS:
            at = target.last + i + 1
            if _negated(s, at):
                return None
            better = [b for b in s.between(at, min(len(s.words), at + 4), "improved")
                      if s.words[b.last:b.last + 1] != ["like"]]  # 'it is more like an ache'
            return better[0] if better else None
    return None


def _outcome_phrases(s: _Sentence, asked: Sequence[_Found]) -> Iterator[_Raw]:
    """'Move freely again', 'get your life back': an outcome promised without a target (the
    target may be in a question just before: 'Tired of stiff joints? Move freely again!')."""
    for f in s.tagged("outcome_phrases"):
        if not _negated(s, f.first):
            yield f.first, f.last, f, list(asked), "outcome", "again" in s.words[f.last:f.last + 2]


def _clause_of_someone_else(s: _Sentence, first: int) -> bool:
    """The claim's clause opens with someone else's care: 'your GP manages the condition'."""
    lo, _ = s.clause(first)
    agents = [a for a in s.tagged("general_agents") if lo <= a.first <= lo + 2]
    return lo > 0 and bool(agents) and not s.between(lo, agents[0].first, "services",
                                                        *PREDICATE_ROLES)


def _free_of_targets(s: _Sentence, f: _Found) -> list[_Found]:
    written = f.mention.text
    if written == "free":  # 'pain-free', 'migraine free'
        before = s.targets(max(0, f.first - 2), f.first)
        if not before or f.last < len(s.words) and s.words[f.last] in {
                "injection", "injections", "procedure", "procedures", "treatment", "treatments",
                "experience", "needle", "needles", "consultation", "parking"}:
            return []
        return before[-1:]
    after = s.targets(f.last, min(len(s.words), f.last + 5))
    if written in ("free from", "free of", "no more", "no longer", "never again", "no sign of"):
        return s.run(after) if after else []
    if not _TEMPORAL.search(s.text):
        return []
    if written in ("none of", "nobody", "no one", "no-one"):
        return _none_caught(s, f)
    return after[:1]


def _negated_suffering(s: _Sentence, verb: _Found) -> list[_Found]:
    """'you won't get sick this winter', 'the pain doesn't come back'."""
    if not s.between(max(0, verb.first - 2), verb.first, "negation"):
        return []
    if verb.has("returns"):
        before = s.targets(max(0, verb.first - 6), verb.first)
        return before[-1:] if before and not _side_effect(s) else []
    after = [t for t in s.targets(verb.last, min(len(s.words), verb.last + 4))
             if t.has("condition", "immunity", "symptom")]
    return after[:1] if after and _TEMPORAL.search(s.text) and not _PRECAUTION.search(
        s.text) else []


def _none_caught(s: _Sentence, f: _Found) -> list[_Found]:
    """'none of my regulars caught the flu this winter'."""
    if not _TEMPORAL.search(s.text):
        return []
    verbs = s.between(f.last, min(len(s.words), f.last + 6), "suffer")
    return s.targets(verbs[0].last, min(len(s.words), verbs[0].last + 5))[:1] if verbs else []


def _offered_claims(s: _Sentence) -> Iterator[_Raw]:
    """A service offered for a condition: 'acupuncture for anxiety', 'IV drips for colds',
    'we welcome people living with fibromyalgia'."""
    for service in s.tagged("services"):
        if service.mention.text in ("we", "our", "us", "this", "it", "they", "these") or \
                _negated(s, service.first):
            continue
        for i in range(service.last, min(len(s.words), service.last + 4)):
            if s.words[i] == "for":
                yield from _offered_at(s, service, i + 1)
                break
            if s.words[i] in HARD_STOPS or s.words[i] == ",":
                break
    for i in range(len(s.words) - 3):
        if s.words[i] in ("come", "comes", "came", "turn", "turns") and s.words[i + 1] == "to" \
                and s.words[i + 2] in ("us", "me") and s.words[i + 3] in ("for", "with"):
            yield from _offered_at(s, None, i + 4, start=i)  # 'clients come to us for IBS'
    if not any(w in _SUFFERER_VERBS for w in s.words):
        return
    for i in range(len(s.words)):
        for phrase in _SUFFERERS:
            if tuple(s.words[i:i + len(phrase)]) == phrase:
                yield from _offered_at(s, None, i + len(phrase), start=i)


def _offered_at(s: _Sentence, service: _Found | None, at: int, start: int | None = None
                ) -> Iterator[_Raw]:
    targets = s.targets(at, min(len(s.words), at + 8))
    if targets and targets[0].first <= at + 2 and not _PRECAUTION.search(s.text):
        run = s.run(targets)
        if not any(t.has("condition", "immunity") for t in run):
            return
        first = service.first if service is not None else (start if start is not None else at)
        yield first, run[-1].last, service, run, "offered", False


def _condition_run(s: _Sentence) -> Iterator[_Raw]:
    """Three or more conditions listed together with no other claim: in an advert, a list of
    conditions says the service treats them ('IBS, psoriasis, asthma, high blood pressure')."""
    every = s.targets(0, len(s.words))
    conditions = [t for t in every if t.has("condition", "immunity")]
    if len(conditions) < 2 or len(every) < 3 or _PRECAUTION.search(s.text) or \
            s.tagged("negation", "hedges") or \
            any(w in _DESCRIBING for w in s.words):
        return  # 'eczema, psoriasis and acne are the conditions we see most often' describes
    gaps = [every[i + 1].first - every[i].last for i in range(len(every) - 1)]
    if all(gap <= 4 for gap in gaps) and (len(conditions) >= 3 or len(every) >= 4):
        yield every[0].first, every[-1].last, None, every, "list", False


def _population_course(s: _Sentence) -> bool:
    """'Most low back pain gets better within weeks': what usually happens, not a promise."""
    words = s.words[:6]
    if not words or words[0] not in ("most", "many", "much"):
        return False
    first_target = s.targets(0, 6)
    return bool(first_target) and bool(s.between(first_target[0].last, len(s.words), "vanish"))


_DESCRIBING = frozenset({"is", "are", "was", "were", "affects", "affect", "causes", "cause",
                        "see", "seen", "sees", "diagnose", "diagnosed", "common", "include",
                        "includes", "including", "such", "like", "if", "whether", "has", "have"})


def _side_effect(s: _Sentence) -> bool:
    return bool(_SIDE_EFFECT.search(s.text))


# --- around the claim -------------------------------------------------------------------------

def _negated(s: _Sentence, index: int, since: int | None = None, window: int = 7) -> bool:
    """A negation in the same clause shortly before `index` ('does not cure', 'no relief')."""
    lo, _ = s.clause(index, soft=True)
    start = max(lo, index - window) if since is None else max(lo, since)
    for i in range(start, index):
        if _is_negation(s.words[i]) and not " ".join(s.words[i:i + 2]).startswith(
                _OUTCOME_PREFIXES):
            return True
    return any(f.first >= start and f.last <= index for f in s.tagged("negation")
               if " " in f.mention.text)


_NEGATIONS = frozenset({"not", "no", "never", "cannot", "nor", "neither", "none", "nothing",
                        "rarely", "seldom", "hardly",
                        "nobody", "unlikely", "without", "cant", "dont", "doesnt", "wont",
                        "isnt", "arent"})


def _is_negation(word: str) -> bool:
    return word in _NEGATIONS or word.endswith("n't")


def _certainty(s: _Sentence, first: int, strong_word: bool, form: str, caveat: bool,
               scope: bool = False) -> str:
    lo, hi = s.clause(first)
    hedged = bool(s.between(max(lo, first - 7), hi, "hedges")) or any(
        " " in f.mention.text and f.mention.text.startswith(("some ", "in some", "for some"))
        for f in s.tagged("hedges"))
    if strong_word:
        return "strong"
    if hedged or _turned(s, hi):
        return "qualified" if caveat else "hedged"
    if form == "offered" or scope:
        return "qualified" if caveat else "offered"
    if s.between(lo, hi, "strong"):
        return "strong"
    return "hedged" if s.tagged("caveats") else "plain"  # 'short-term relief of muscle pain'



def _turned(s: _Sentence, clause_end: int) -> bool:
    """'reduces the discomfort, but most people still feel some stinging': the next clause
    limits the claim."""
    if clause_end >= len(s.words) or s.words[clause_end] not in ("but", "although", "though",
                                                                  "however"):
        return False
    rest = s.words[clause_end + 1:clause_end + 10]
    return any(w in ("still", "some", "may", "might", "not", "isn't", "doesn't", "rarely",
                     "won't", "can't") for w in rest)


def _claimant(s: _Sentence, block: _Block) -> str | None:
    """Who makes the claim; None when the sentence is advice or general information."""
    if s.tagged("clients"):
        return "clients"
    openers = [f for f in s.found if f.first == 0]
    if any(f.has("advice_openers") for f in openers) and not any(
            f.has(*PREDICATE_ROLES) for f in openers):
        return None
    if s.words[:2] in (["if", "you"], ["if", "your"]):
        return None
    if block.agent and _continues(s):
        return None
    if block.kind == "blockquote" or (s.tagged("first_person") and not _clinic_voice(s)):
        return "first-person"
    if _about_someone_else(s):
        return None
    return "service"


def _about_someone_else(s: _Sentence) -> bool:
    """The sentence's subject is self-care, a doctor or a medicine: general information."""
    agents = s.tagged("general_agents")
    if not agents:
        return False
    if agents[0].first <= 3 and not s.between(0, agents[0].first, "services", *PREDICATE_ROLES):
        return True
    # 'less pain and better function with exercise': the benefit is the agent's
    return not any(f.mention.text not in _PRONOUN_SERVICES for f in s.tagged("services")) and any(
        a.first > 0 and s.words[a.first - 1] in ("with", "from", "through", "by", "via")
        for a in agents)


def _continues(s: _Sentence) -> bool:
    """The sentence goes on about the previous one's subject ('It lowers…', 'This means…')."""
    return bool(s.words) and s.words[0] in ("it", "this", "they", "these", "that", "both",
                                            "such")


def _clinic_voice(s: _Sentence) -> bool:
    return any(f.mention.text in ("we", "our", "us") for f in s.tagged("services"))


def _information_question(s: _Sentence) -> bool:
    words = [w for w in s.words if w not in {"*", "_", "#", '"', "'", "“", "”"}]
    if not words or words[-1] != "?":
        return False
    if tuple(words[:3]) in _RHETORICAL_OPENINGS:
        return False
    if words[0] == "why":
        return not any(w in _RHETORICAL for w in words[1:4])
    return words[0] in _INTERROGATIVES


def _target_class(targets: Sequence[_Found]) -> str:
    classes = {t for found in targets for t in found.mention.tags}
    return next((c for c in TARGET_CLASSES if c in classes), "general")


# --- lists under a claim lead-in -----------------------------------------------------------------

def _list_claims(text: str, tokens: list[_Token], found: list[_Found], lead: str, cited: bool
                 ) -> list[Claim]:
    """A list item (or table row) under 'can help with:' or a heading such as 'Conditions we
    treat': the lead-in and the item together make the claim."""
    lead_sentence = _lead_sentence(lead)
    if not tokens:
        return []
    item = " ".join(t.text for t in tokens)
    if _PRECAUTION.search(item) or any(_is_negation(t.text) for t in tokens):
        return []
    targets = [f for f in found if f.has(*TARGET_TAGS)]
    if not targets and not _conditions_lead(lead):
        return []
    certainty = "hedged" if lead_sentence.tagged("hedges") else "plain"
    target_class = _target_class(targets) if targets else "condition"
    return [Claim(tokens[0].start, tokens[-1].end, lead.strip(),
                  tuple(t.mention.text for t in targets), target_class, certainty, "service",
                  cited, "list", (0, len(text)))]


def _heading_lead(section: str) -> bool:
    """A heading that introduces a list of what the service treats: 'Conditions we treat',
    'What can acupuncture help with?'."""
    return bool(section) and (_conditions_lead(section) or bool(re.search(
        r"\b(?:help|helps|treat|treats|good|great|used|effective)\s+(?:with|for)\b", section,
        re.IGNORECASE)))


def _lead_sentence(lead: str) -> _Sentence:
    lower = lower_text(lead)
    return _sentence_at(lower, 0, len(lower), vocabulary().mentions(lower))


@functools.lru_cache(maxsize=256)
def _claim_lead(lead: str) -> bool:
    """A lead-in that makes a claim about whatever follows: a benefit word with no target of
    its own ('can help with:', 'effective for the following', 'benefits include:'), or a
    sufferer phrase ('when they're battling 👇'). Read once for all the items under it."""
    s = _lead_sentence(lead)
    if s.tagged("refutations") or _PRECAUTION.search(s.text):
        return False
    if _claimant(s, _Block("paragraph", False, False)) is None:
        return False
    if any(tuple(s.words[i:i + len(p)]) == p for p in _SUFFERERS for i in range(len(s.words))):
        return True
    predicates = [p for p in s.tagged(*PREDICATE_ROLES) if not _negated(s, p.first)]
    return any(not s.targets(p.last, len(s.words)) or _conditions_lead(lead) for p in predicates)


_CONDITIONS_LEAD = re.compile(r"\b(?:conditions?|complaints|ailments|disorders|diseases|"
                              r"illnesses)\b", re.IGNORECASE)


def _conditions_lead(lead: str) -> bool:
    return bool(_CONDITIONS_LEAD.search(lead))


# --- patient stories ---------------------------------------------------------------------------

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


def _story_claims(text: str, tokens: list[_Token], found: list[_Found], kind: str,
                  sentence_starts: Sequence[int]) -> list[Claim]:
    """A patient story that implies the treatment worked: someone had a condition, had the
    treatment, and reports an outcome ('ONE session with Dr Sam and she slept right through')."""
    speaker = _storyteller(text, found, kind)
    reported = bool(_REPORTED.search(lower_text(text)))  # 'our clients say their skin…'
    if speaker is None or not (reported or _TREATMENT_EVENT.search(text)
                               or _TREATMENT_EVENT_EXTRA.search(text)):
        return []
    spans = list(_spans(sentence_starts, len(text)))
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
    start, end = next(((a, b) for a, b in _spans(sentence_starts, len(text))
                       if a <= tokens[where.first].start < b), (0, len(text)))
    return [Claim(tokens[where.first].start, tokens[where.last - 1].end, where.mention.text,
                  tuple(t.mention.text for t in targets), _target_class(targets), "plain",
                  speaker, False, "story", (start, end))]


def _narrative(sentence: str) -> bool:
    """A sentence that tells what happened, not a question or a denial."""
    stripped = sentence.strip(" *_\"'”’)\n")
    lowered = lower_text(stripped)
    return not stripped.endswith("?") and not _PRECAUTION.search(lowered) and not re.search(
        r"\bif\b", lowered) and not any(_is_negation(w) for w in re.findall(r"[\w']+", lowered))


def _storyteller(text: str, found: list[_Found], kind: str) -> str | None:
    """first-person for 'I' and 'my' stories and quotes, clients for stories about them."""
    if any(f.has("clients") for f in found) or _STORY_PERSON.search(text):
        return "clients"
    if kind == "blockquote" or any(f.has("first_person") for f in found):
        return "first-person"
    return None
