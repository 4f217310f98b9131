"""The shapes a claim takes in a sentence: a benefit word and its target, a better state, an
outcome reached, a service offered for a condition, a run of conditions."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from clinicsite.lint.claims.context import (
    DESCRIBING,
    PRECAUTION,
    PRONOUN_SERVICES,
    TEMPORAL,
    is_negation,
    negated,
    side_effect,
    target_class_of,
)
from clinicsite.lint.claims.sentence import (
    HARD_STOPS,
    LIST_JOINS,
    PREDICATE_ROLES,
    STRONG_PREDICATES,
    TARGET_TAGS,
    Found,
    Raw,
    Sentence,
)
from clinicsite.lint.claims.words import Mention

_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got",
                 "become", "becomes", "can", "will", "may", "could", "often", "usually"})


_FOR_WORDS = frozenset({"for", "against", "with", "from", "of", "to", "in", "on", "at"})


_EXAMPLES = frozenset({"including", "such", "like", "especially", "particularly", "e.g", "eg",
                       "from", "notably", "even", ":"})


_PARTICIPLE = re.compile(r"(?:ed|en|wn|ght|lt|pt)$")


# what a procedure leaves behind for a day or two: that it settles is a disclosure, not a claim
_AFTER_EFFECTS = frozenset({"soreness", "bruising", "bruise", "bruises", "swelling", "redness",
                            "tenderness", "discomfort", "stiffness after", "ache", "aching"})


_WORKS_AFTER = frozenset({".", "!", "?", ",", "for", "wonders", "fast", "faster", "quickly",
                          "quicker", "better", "really", "brilliantly", "every", "so", "well",
                          "great", "like", "miracles", "magic", "amazingly", "instantly",
                          "immediately", ""})


_WORKS_BEFORE = frozenset({"how", "way", "what", "why", "where", "when", "team", "staff",
                           "who", "that", "which"})


QUALITY = frozenset({"lasting", "long-lasting", "real", "genuine", "instant", "fast", "quick",
                      "immediate", "amazing", "dramatic", "noticeable", "visible", "significant",
                      "proven", "guaranteed", "incredible", "huge", "big", "massive", "total",
                      "complete", "permanent", "rapid", "natural", "powerful", "life-changing",
                      "profound", "remarkable", "outstanding", "astonishing", "unbelievable"})


_LASTS = frozenset({"lasts", "last", "lasting", "lasted"})


SUFFERERS = (("living", "with"), ("live", "with"), ("lives", "with"), ("suffering", "from"),
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


def benefit_claims(s: Sentence, asked: Sequence[Found] = ()) -> Iterator[Raw]:
    """A benefit word and what it acts on: 'eases migraines', 'relief from stiffness'; with no
    target of its own, the targets of a question just before ('Living with diabetes? Our
    injections can help.')."""
    for c in s.tagged("compound"):
        yield c.first, c.last, c, [c], "benefit", False
    for p in s.tagged(*PREDICATE_ROLES):
        if negated(s, p.first) or _is_target_of_earlier(s, p) or _help_as_noun(s, p) or \
                _quoted(s, p):
            continue
        roles = list(dict.fromkeys(PREDICATE_ROLES[t] for t in PREDICATE_ROLES
                                   if t in p.mention.tags))
        strong = p.has(*STRONG_PREDICATES)
        targets, role = next(((t, r) for r in roles if (t := _targets_for(s, p, r))),
                             ([], roles[-1]))
        if targets and p.has("raising") and target_class_of(targets) in ("symptom", "condition",
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


def _targets_for(s: Sentence, p: Found, role: str) -> list[Found]:
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
    before: list[Found] = []
    if role == "noun":
        before = [t for t in s.targets(max(lo, p.first - 3), p.first) if t.last >= p.first - 1]
    elif role == "verb" and _participle(p):
        before = [t for t in s.targets(max(lo, p.first - 6), p.first)
                  if _passive(s, p) or t.last >= p.first - 2]
    return before[-1:] if before else []


def _feeling(s: Sentence, at: int, hi: int) -> Found | None:
    """'help you feel sharper', 'leave you looking years younger': a better state of you."""
    words = s.words[at:min(hi, at + 4)]
    for i, word in enumerate(words):
        if word in ("feel", "feeling", "look", "looking") and at + i + 1 < hi:
            state = s.between(at + i + 1, at + i + 4, "improved", "vanish")
            if state:
                return Found(state[0].first, state[0].last, Mention(
                    state[0].mention.start, state[0].mention.end, state[0].mention.text,
                    frozenset({"function"})))
    return None


def _reaches(s: Sentence, p: Found, target: Found, role: str) -> bool:
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


def _next_stop(s: Sentence, start: int) -> int:
    i = start
    while i < len(s.words) and s.words[i] not in HARD_STOPS - set("—–-"):
        i += 1
    return i


def _participle(p: Found) -> bool:
    return bool(_PARTICIPLE.search(p.mention.text.split()[0]))


def _passive(s: Sentence, p: Found) -> bool:
    """'migraines can be treated': a be-form before a participle."""
    return p.first > 0 and s.words[p.first - 1] in _BE


def _general_efficacy(s: Sentence, p: Found, role: str) -> bool:
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
        return p.has("strong_nouns") or any(w in QUALITY for w in before) or any(
            w in _LASTS for w in after)
    return bool(s.between(max(lo, p.first - 5), min(hi, p.last + 4), "services")) or (
        "results" in written or "wonders" in written or "success" in written)


def _works_claim(s: Sentence, p: Found) -> bool:
    after = s.words[p.last] if p.last < len(s.words) else ""
    before = s.words[max(0, p.first - 3):p.first]
    if any(w in _WORKS_BEFORE for w in before) or after not in _WORKS_AFTER:
        return False
    lo, _ = s.clause(p.first)
    return bool(s.between(max(lo, p.first - 4), p.first, "services")) or " " in p.mention.text


_SEEK = frozenset({"seek", "get", "find", "need", "ask", "call", "medical", "urgent",
                   "immediate", "professional", "more", "extra", "some", "further", "for"})


_QUOTES = frozenset({'"', "“", "”"})


def _quoted(s: Sentence, p: Found) -> bool:
    """A benefit word inside a short quotation ('our old "Immune Boost" drip'): a name or a
    phrase held at arm's length, not a claim made."""
    before = [i for i in range(max(0, p.first - 4), p.first) if s.words[i] in _QUOTES]
    after = [i for i in range(p.last, min(len(s.words), p.last + 4)) if s.words[i] in _QUOTES]
    return bool(before) and bool(after)


def _help_as_noun(s: Sentence, p: Found) -> bool:
    """'seek help', 'get medical help': help as something to find, not a benefit."""
    return p.mention.text.startswith("help") and p.first > 0 and s.words[p.first - 1] in _SEEK


def _is_target_of_earlier(s: Sentence, p: Found) -> bool:
    """'speeds up recovery': 'recovery' is the target of 'speeds up', not a benefit word."""
    if not p.has(*TARGET_TAGS):
        return False
    earlier = [f for f in s.found if f.last <= p.first and f.has("verbs", "strong_verbs")]
    return bool(earlier) and p.first - earlier[-1].last <= 3


def improved_claims(s: Sentence) -> Iterator[Raw]:
    """A better state of a target: 'fewer colds', 'less pain', 'firmer, smoother skin'."""
    for m in s.tagged("improved"):
        if negated(s, m.first, window=2):
            continue
        after = s.targets(m.last, min(len(s.words), m.last + 3))
        if after and all(w in LIST_JOINS or w in ("looking", "feeling") or s.between(
                m.last, after[0].first, "improved") for w in s.words[m.last:after[0].first]):
            yield m.first, after[0].last, m, [after[0]], "benefit", False


def outcome_claims(s: Sentence) -> Iterator[Raw]:
    """An outcome reached: 'my pain vanished', 'no more colds', 'I haven't had a migraine since',
    'pain-free', 'none of my clients caught flu'."""
    natural = bool(s.tagged("natural_course")) or side_effect(s)
    for v in s.tagged("vanish"):
        if natural or v.has(*PREDICATE_ROLES) and s.targets(v.last, v.last + 6):
            continue  # the condition settles by itself, or a benefit verb: 'improves posture'
        lo, _ = s.clause(v.first, soft=True)
        before = s.targets(max(lo, v.first - 6), v.first)
        if not before and v.first > 0 and s.words[v.first - 1] in ("them", "it", "they", "these"):
            before = s.targets(0, v.first)[-1:]  # 'Scars, stretch marks: watch them vanish'
        if before and before[-1].mention.text in _AFTER_EFFECTS:
            continue
        if before and not negated(s, v.first, since=before[-1].last):
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


def _better_state(s: Sentence, target: Found) -> Found | None:
    """'my knee feels heaps better', 'their headaches are less frequent'."""
    ahead = s.words[target.last:target.last + 3]
    for i, word in enumerate(ahead):
        if word in _STATE_VERBS:
            at = target.last + i + 1
            if negated(s, at):
                return None
            better = [b for b in s.between(at, min(len(s.words), at + 4), "improved")
                      if s.words[b.last:b.last + 1] != ["like"]]  # 'it is more like an ache'
            return better[0] if better else None
    return None


def outcome_phrase_claims(s: Sentence, asked: Sequence[Found]) -> Iterator[Raw]:
    """'Move freely again', 'get your life back': an outcome promised without a target (the
    target may be in a question just before: 'Tired of stiff joints? Move freely again!')."""
    for f in s.tagged("outcome_phrases"):
        if not negated(s, f.first):
            yield f.first, f.last, f, list(asked), "outcome", "again" in s.words[f.last:f.last + 2]


def _free_of_targets(s: Sentence, f: Found) -> list[Found]:
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
    if not TEMPORAL.search(s.text):
        return []
    if written in ("none of", "nobody", "no one", "no-one"):
        return _none_caught(s, f)
    return after[:1]


def _negated_suffering(s: Sentence, verb: Found) -> list[Found]:
    """'you won't get sick this winter', 'the pain doesn't come back'."""
    if not s.between(max(0, verb.first - 2), verb.first, "negation"):
        return []
    if verb.has("returns"):
        before = s.targets(max(0, verb.first - 6), verb.first)
        return before[-1:] if before and not side_effect(s) else []
    after = [t for t in s.targets(verb.last, min(len(s.words), verb.last + 4))
             if t.has("condition", "immunity", "symptom")]
    return after[:1] if after and TEMPORAL.search(s.text) and not PRECAUTION.search(
        s.text) else []


def _none_caught(s: Sentence, f: Found) -> list[Found]:
    """'none of my regulars caught the flu this winter'."""
    if not TEMPORAL.search(s.text):
        return []
    verbs = s.between(f.last, min(len(s.words), f.last + 6), "suffer")
    return s.targets(verbs[0].last, min(len(s.words), verbs[0].last + 5))[:1] if verbs else []


def offered_claims(s: Sentence) -> Iterator[Raw]:
    """A service offered for a condition: 'acupuncture for anxiety', 'IV drips for colds',
    'we welcome people living with fibromyalgia'."""
    for service in s.tagged("services"):
        if service.mention.text in PRONOUN_SERVICES or negated(s, service.first):
            continue
        for i in range(service.last, min(len(s.words), service.last + 4)):
            if s.words[i] == "for":
                yield from _offered_at(s, service, i + 1)
                break
            if s.words[i] in HARD_STOPS or s.words[i] == "," or is_negation(s.words[i]):
                break  # 'our drips aren't a treatment for any illness' offers nothing
    for i in range(len(s.words) - 3):
        if s.words[i] in ("come", "comes", "came", "turn", "turns") and s.words[i + 1] == "to" \
                and s.words[i + 2] in ("us", "me") and s.words[i + 3] in ("for", "with"):
            yield from _offered_at(s, None, i + 4, start=i)  # 'clients come to us for IBS'
    yield from _visited_for(s)
    if not any(w in _SUFFERER_VERBS for w in s.words):
        return
    for i in range(len(s.words)):
        for phrase in SUFFERERS:
            if tuple(s.words[i:i + len(phrase)]) == phrase:
                yield from _offered_at(s, None, i + len(phrase), start=i)


# people coming to the clinic for complaints: 'people come to see us for all sorts of reasons:
# headaches, jaw pain, tinnitus…', 'our chiros see plenty of people dealing with…'
_VISITS = (("come", "to", "see", "us"), ("come", "to", "see", "me"), ("come", "to", "us"),
           ("come", "to", "me"), ("see", "us"), ("visit", "us"), ("book", "with", "us"),
           ("book", "in", "with", "us"), ("book", "a", "consultation", "with", "me"),
           ("book", "a", "consultation", "with", "us"), ("see", "plenty", "of", "people"),
           ("see", "lots", "of", "people"), ("see", "people"), ("see", "patients"),
           ("see", "clients"), ("commonly", "use"), ("commonly", "used", "for"),
           ("often", "used", "for"), ("commonly", "support"), ("work", "alongside"),
           ("reasons", "people", "book"), ("popular", "for"), ("a", "favourite", "with"),
           ("a", "favorite", "with"))
_VISIT_FORMS = {"comes": "come", "came": "come", "coming": "come", "sees": "see",
                "seeing": "see", "visits": "visit", "visiting": "visit", "visited": "visit",
                "books": "book", "booked": "book", "booking": "book", "uses": "use",
                "supports": "support", "works": "work"}


_VISIT_OPENERS = frozenset(phrase[0] for phrase in _VISITS)


def _visited_for(s: Sentence) -> Iterator[Raw]:
    words = [_VISIT_FORMS.get(w, w) for w in s.words]
    for i in range(len(words)):
        if words[i] not in _VISIT_OPENERS:
            continue
        for phrase in _VISITS:
            if tuple(words[i:i + len(phrase)]) != phrase:
                continue
            at = i + len(phrase)
            after = s.targets(at, min(len(words), at + 14))
            run = s.run(after) if after else []
            if len(run) >= 2 and run[0].first <= at + 8 and any(
                    t.has("condition", "immunity") for t in run) and not PRECAUTION.search(
                    s.text) and not negated(s, i):
                yield i, run[-1].last, None, run, "offered", False
                return


def _offered_at(s: Sentence, service: Found | None, at: int, start: int | None = None
                ) -> Iterator[Raw]:
    targets = s.targets(at, min(len(s.words), at + 8))
    if targets and targets[0].first <= at + 2 and not PRECAUTION.search(s.text):
        run = s.run(targets)
        if not any(t.has("condition", "immunity") for t in run):
            return
        first = service.first if service is not None else (start if start is not None else at)
        yield first, run[-1].last, service, run, "offered", False


_HYGIENE = re.compile(r"\b(?:infection control|hygien\w*|steril\w*|single[- ]use|disinfect\w*|"
                      r"clean\w*|hand ?wash\w*|masks?|vaccin\w*|(?:flu|covid|jabs?|shots?)\s+"
                      r"(?:jabs?|shots?|vaccin\w*|boosters?|clinics?))\b", re.IGNORECASE)
# too general to say 'immunity' beside a service ('illness' in a list of emergencies, a wound
# infection as a risk): these count only where a claim is read in full
_VAGUE = frozenset({"illness", "illnesses", "sickness", "sick", "infection", "infections",
                    "getting sick", "falling ill", "sick days", "germ", "germs", "bacteria"})
_QUOTES = "\"“”'‘’"


def immunity_beside_service(s: Sentence, asked: Sequence[Found]) -> Iterator[Raw]:
    """An infection or the immune system named in a sentence that sells the service, with no
    other claim read in it: 'our Immune Glow drip is packed with zinc to help you bounce back',
    'stock up on our winter herbs before the bugs start doing the rounds'. Regulators read any
    such pairing as an immunity claim (FTC letters on COVID-19 and immunity, 2020-2021). Read
    only from sentences with no negation, precaution, risk or hygiene talk in them, and never
    from a name in quotation marks ('we renamed our "Immune Boost" drip')."""
    services = [f for f in s.tagged("services") if f.mention.text not in PRONOUN_SERVICES]
    if not services or any(is_negation(w) for w in s.words) or PRECAUTION.search(s.text) or \
            side_effect(s) or _HYGIENE.search(s.text):
        return
    here = [t for t in s.targets(0, len(s.words)) if t.has("immunity")
            and t.mention.text not in _VAGUE and not _in_quotes(s, t)]
    targets = here or [t for t in asked if t.has("immunity") and t.mention.text not in _VAGUE]
    if not targets:
        return
    service = services[0]
    first = min(service.first, *(t.first for t in here)) if here else service.first
    last = max(service.last, *(t.last for t in here)) if here else service.last
    yield first, last, service, targets, "offered", False


def _in_quotes(s: Sentence, target: Found) -> bool:
    before, after = s.words[max(0, target.first - 2):target.first], s.words[target.last:
                                                                             target.last + 3]
    return any(w in _QUOTES for w in before) and any(w in _QUOTES for w in after)


def condition_run(s: Sentence) -> Iterator[Raw]:
    """Three or more conditions listed together with no other claim: in an advert, a list of
    conditions says the service treats them ('IBS, psoriasis, asthma, high blood pressure')."""
    every = s.targets(0, len(s.words))
    conditions = [t for t in every if t.has("condition", "immunity")]
    if len(conditions) < 2 or len(every) < 3 or PRECAUTION.search(s.text) or \
            s.tagged("negation", "hedges") or \
            any(w in DESCRIBING for w in s.words):
        return  # 'eczema, psoriasis and acne are the conditions we see most often' describes
    gaps = [every[i + 1].first - every[i].last for i in range(len(every) - 1)]
    if all(gap <= 4 for gap in gaps) and (len(conditions) >= 3 or len(every) >= 4):
        yield every[0].first, every[-1].last, None, every, "list", False
