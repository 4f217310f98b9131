"""Around a claim: negation, hedges and caveats, who speaks, and sentences that claim nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from clinicsite.lint.claims.claim import TARGET_CLASSES
from clinicsite.lint.claims.sentence import PREDICATE_ROLES, Found, Sentence

_INTERROGATIVES = frozenset({"does", "do", "did", "can", "could", "is", "are", "was", "were",
                             "will", "would", "should", "how", "what", "which", "who", "whom",
                             "whose", "when", "where", "has", "have", "may", "might", "shall",
                             "am", "if", "whether"})


_RHETORICAL_OPENINGS = (("did", "you", "know"), ("do", "you", "know"), ("have", "you", "heard"),
                        ("did", "you", "realise"), ("did", "you", "realize"))


_RHETORICAL = frozenset({"suffer", "suffering", "struggle", "struggling", "wait", "waiting",
                         "risk", "settle", "put", "live", "tolerate", "endure"})


TEMPORAL = re.compile(r"\b(?:since|any ?more|any longer|now|again|all (?:winter|year|season)|"
                       r"this (?:winter|year|season)|these days|in (?:months|years|weeks)|"
                       r"when everyone|while everyone|season|winter|"
                       r"after (?:my|our|the|his|her|their|a|two|three|four|five|six|\d+))\b")


_SIDE_EFFECT = re.compile(r"\b(?:side[- ]effects?|after (?:the|your|an?|each) (?:injection|"
                          r"treatment|procedure|session|needl\w*)|injection site|bruis\w*|"
                          r"redness|tenderness|mild swelling)\b")


STATUS_DISCLOSURE = re.compile(r"\b(?:not|no|neither|nor|never|n't)\b[^.;]*\b(?:approved|"
                                r"licen[cs]ed|cleared|recommended|endorsed|authori[sz]ed|"
                                r"proven|recogni[sz]ed|regulated|registered)\b|\b(?:approved|"
                                r"licen[cs]ed|cleared|recommended|endorsed|proven)\b[^.;]*"
                                r"\b(?:not|no|neither|nor|n't)\b")


PRECAUTION = re.compile(r"\b(?:not suitable|unsuitable|contraindicat\w*|precautions?|"
                         r"avoid (?:it|this|treatment) if|should not have|shouldn't have|"
                         r"cannot have|can't have|tell us|let us know|if you have|"
                         r"if you(?:'ve| have) (?:had|ever had)|we will ask|we'll ask|"
                         r"medical history|screen\w* for|refer you|red flags?|warning signs?|"
                         r"urgent|emergency|call 999|call 911|a&e)\b")


EMERGENCY = re.compile(r"\b(?:call|ring|phone|dial)\s+(?:999|911|000|112|111|an ambulance)\b|"
                        r"\ba&e\b|\bemergency\b|\bseek (?:urgent|immediate|emergency) \w+")


# a named guideline body or a published review reporting a finding: what follows is theirs,
# stated as such ('NICE suggests considering acupuncture for…', 'a 2015 meta-analysis found…')
REPORTED = re.compile(r"\b(?:nice(?:(?:'s)?\s+(?:[\w(),.-]+\s+){0,3}?(?:guidance|guidelines?|advice|"
                      r"recommendations?|quality\s+standards?)(?:\s+[\w(),.-]+){0,6}?)?|the\s+nhs|cochrane(?:\s+\w+)?|the\s+cdc|"
                      r"cdc|the\s+who|world\s+health\s+organi[sz]ation|mhra|tga|aasm|"
                      r"the\s+royal\s+college(?:\s+of\s+\w+)?|(?:national|clinical|the)\s+"
                      r"guidelines?|guidance|(?:a|one|two|several)\s+(?:\d{4}\s+)?(?:meta-analys[ie]s|"
                      r"systematic\s+reviews?|cochrane\s+reviews?|randomi[sz]ed\s+(?:controlled\s+)?"
                      r"trials?)(?:\s+[\w,()]+){0,8}?)\s+(?:recommends?|recommended|suggests?|suggested|"
                      r"says|said|found|finds|showed|shows|advises?|advised|lists?|supports?|"
                      r"concluded|reported)\b")
# licensed conventional care describing its scope: 'our physiotherapists assess and treat…',
# 'we diagnose and treat sleep disorders'
SCOPE_OF_PRACTICE = re.compile(r"\b(?:our|we|the\s+clinic[’']s)\s+(?:[\w-]+\s+){0,2}?"
                               r"(?:physiotherapists?|physical\s+therapists?|podiatrists?|"
                               r"pharmacists?|gps?|physicians?|doctors?|midwives|midwife|nurses?|"
                               r"dentists?|dietitians?|psychologists?|audiologists?|optometrists?|"
                               r"surgeons?|consultants?)\b[^.;:]{0,40}?\b(?:assess|diagnose|"
                               r"examine)\w*\b|\bwe\s+(?:\w+\s+)?diagnos(?:e|es|ing)\s+and\s+(?:treat|manage)\w*\b")
VACCINES = re.compile(r"\bvaccin\w*|\bimmuni[sz]ations?\b|\b(?:flu|covid|shingles|rsv)\s+"
                      r"(?:jabs?|shots?|boosters?)\b")


# a subject denied at the start, however far from the verb: 'No IV drip, supplement or injection
# has been shown to prevent or treat COVID-19'
DENIED = re.compile(r"^\W{0,4}(?:no|neither|none of (?:the|our|these|them))\s+(?:[\w,'’-]+\s+){0,8}?"
                    r"(?:has|have|is|are|was|were)\s+(?:yet\s+|ever\s+)?(?:been\s+)?(?:shown|proven|"
                    r"proved|found|approved|licensed|cleared|demonstrated|authori[sz]ed)\b")


MYTH = re.compile(r"\bmyths?\b|\bmisconceptions?\b|\bfact or fiction\b|\btrue or false\b")


NO_EVIDENCE = re.compile(r"\b(?:no|little|limited|insufficient|not enough|weak|scant|no good|no "
                          r"strong|not much|(?:isn't|is not|aren't|are not|not yet) enough|"
                          r"not aware of(?: any)?|lack of|a lack of)\b(?:\s+[\w-]+){0,2}\s+"
                          r"(?:evidence|proof|research)\b|\b(?:doesn't|does not|don't|do not) mean\b"
                          r"[^.!?]{0,60}\b(?:shown|proven|proved)\b")


_OUTCOME_PREFIXES = ("not only", "no more", "no longer", "never again")


@dataclass(slots=True)
class Block:
    """What one sentence may borrow from the rest of its block."""

    kind: str
    cited: bool
    caveat: bool  # 'the effect is short-lived' somewhere in the block qualifies a hedge
    limited: bool = False  # 'top-ups are often needed': the block states the effect's limits
    agent: bool = False  # the previous sentence was about someone else's care ('It lowers…')
    attributed: bool = False  # the previous sentence reported a named source
    asked: tuple[Found, ...] = ()  # targets of a question just before: 'Tired of stiff joints?'


# service words that only point at the speaker or the thing already named
PRONOUN_SERVICES = frozenset({"we", "our", "us", "this", "it", "they", "these"})


def clause_of_someone_else(s: Sentence, first: int) -> bool:
    """The claim's clause opens with someone else's care: 'your GP manages the condition'."""
    lo, _ = s.clause(first)
    agents = [a for a in s.tagged("general_agents") if lo <= a.first <= lo + 2]
    return lo > 0 and bool(agents) and not s.between(lo, agents[0].first, "services",
                                                        *PREDICATE_ROLES)


def population_course(s: Sentence) -> bool:
    """'Most low back pain gets better within weeks': what usually happens, not a promise."""
    words = s.words[:6]
    if not words or words[0] not in ("most", "many", "much"):
        return False
    first_target = s.targets(0, 6)
    return bool(first_target) and bool(s.between(first_target[0].last, len(s.words), "vanish"))


DESCRIBING = frozenset({"is", "are", "was", "were", "affects", "affect", "causes", "cause",
                        "see", "seen", "sees", "diagnose", "diagnosed", "common", "include",
                        "includes", "including", "such", "like", "if", "whether", "has", "have"})


def side_effect(s: Sentence) -> bool:
    return bool(_SIDE_EFFECT.search(s.text))


def negated(s: Sentence, index: int, since: int | None = None, window: int = 7) -> bool:
    """A negation in the same clause shortly before `index` ('does not cure', 'no relief')."""
    lo, _ = s.clause(index, soft=True)
    start = max(lo, index - window) if since is None else max(lo, since)
    for i in range(start, index):
        if is_negation(s.words[i]) and not " ".join(s.words[i:i + 2]).startswith(
                _OUTCOME_PREFIXES):
            return True
    return any(f.first >= start and f.last <= index for f in s.tagged("negation")
               if " " in f.mention.text)


_NEGATIONS = frozenset({"not", "no", "never", "cannot", "nor", "neither", "none", "nothing",
                        "rarely", "seldom", "hardly",
                        "nobody", "unlikely", "without", "cant", "dont", "doesnt", "wont",
                        "isnt", "arent"})


def is_negation(word: str) -> bool:
    return word in _NEGATIONS or word.endswith("n't")


def certainty_of(s: Sentence, first: int, strong_word: bool, form: str, caveat: bool,
               scope: bool = False, limited: bool = False) -> str:
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
    # 'short-term relief of muscle pain'; 'reduces hair growth. … top-ups are often needed'
    return "hedged" if s.tagged("caveats") or limited else "plain"


def _turned(s: Sentence, clause_end: int) -> bool:
    """'reduces the discomfort, but most people still feel some stinging': the next clause
    limits the claim."""
    if clause_end >= len(s.words) or s.words[clause_end] not in ("but", "although", "though",
                                                                  "however"):
        return False
    rest = s.words[clause_end + 1:clause_end + 10]
    return any(w in ("still", "some", "may", "might", "not", "isn't", "doesn't", "rarely",
                     "won't", "can't") for w in rest)


def claimant_of(s: Sentence, block: Block) -> str | None:
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
    if about_someone_else(s):
        return None
    return "service"


def about_someone_else(s: Sentence) -> bool:
    """The sentence's subject is self-care, a doctor or a medicine: general information."""
    agents = s.tagged("general_agents")
    if not agents:
        return False
    if agents[0].first <= 3 and not s.between(0, agents[0].first, "services", *PREDICATE_ROLES):
        return True
    if any(s.words[a.first - 1 - k] in _COPULAS for a in agents for k in range(3)
           if a.first - 1 - k >= 0) and not _offers_own(s):
        return True  # 'the most reliable protection against flu is the annual vaccine'
    # 'less pain and better function with exercise': the benefit is the agent's
    own = [f for f in s.tagged("services") if f.mention.text not in PRONOUN_SERVICES
           and not any(a.last == f.first for a in agents)]  # 'an exercise plan' is the agent's
    return not own and any(
        any(s.words[k] in ("with", "from", "through", "by", "via")
            for k in range(max(0, a.first - 3), a.first))  # 'with a graded exercise plan'
        for a in agents)


_COPULAS = frozenset({"is", "are", "remains", "remain", "was", "were"})


def _offers_own(s: Sentence) -> bool:
    return any(f.mention.text not in PRONOUN_SERVICES for f in s.tagged("services"))


def _continues(s: Sentence) -> bool:
    """The sentence goes on about the previous one's subject ('It lowers…', 'This means…')."""
    return bool(s.words) and s.words[0] in ("it", "this", "they", "these", "that", "both",
                                            "such")


def _clinic_voice(s: Sentence) -> bool:
    return any(f.mention.text in ("we", "our", "us") for f in s.tagged("services"))


def information_question(s: Sentence) -> bool:
    words = [w for w in s.words if w not in {"*", "_", "#", '"', "'", "“", "”"}]
    if not words or words[-1] != "?":
        return False
    if tuple(words[:3]) in _RHETORICAL_OPENINGS:
        return False
    if words[0] == "why":
        return not any(w in _RHETORICAL for w in words[1:4])
    return words[0] in _INTERROGATIVES


def target_class_of(targets: Sequence[Found]) -> str:
    classes = {t for found in targets for t in found.mention.tags}
    return next((c for c in TARGET_CLASSES if c in classes), "general")
