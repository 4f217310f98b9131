"""A sentence as the claim model reads it: tokens, the word-list entries on them, clauses."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from clinicsite.lint.claims.words import Mention, vocabulary, word_list

TARGET_TAGS = ("immunity", "condition", "symptom", "function", "comfort", "condition_heads")


PREDICATE_ROLES = {"verbs": "verb", "strong_verbs": "verb", "nouns": "noun",
                   "strong_nouns": "noun", "adjectives": "adjective", "good_for": "for"}


STRONG_PREDICATES = frozenset({"strong_verbs", "strong_nouns"})


HARD_STOPS = frozenset(".!?;()[]|—–") | {"but", "however", "although", "though", "whereas",
                                          "yet", "unless", "except"}


_TOKEN = re.compile(r"[\w'’]+(?:[-‐][\w'’]+)*|[^\w\s]")


LIST_JOINS = frozenset({",", "and", "or", "&", "/", "your", "the", "a", "even", "chronic",
                         "severe", "persistent", "recurring", "as", "well", "plus", "other",
                         "all", "of", "any", "·", "•", "✔", "✓", "✅", "+", "-", "–", "nagging",
                         "stubborn", "those", "that", "them", "mild", "long-term", "ongoing"})


_NOT_CONDITIONS = frozenset({"diagnosis", "diagnoses", "prognosis", "hypnosis", "osmosis",
                             "symbiosis", "apotheosis", "sympathy", "empathy", "apathy",
                             "telepathy", "homeopathy", "osteopathy", "naturopathy", "allopathy",
                             "hydropathy", "antipathy", "academia", "bohemia", "trophy",
                             "kinesiopathy", "neurosis's", "emphasis", "analysis", "thesis"})


_KEEP_AWAY = frozenset({"beat", "beats", "blast", "blasts", "chase", "chases", "chasing", "draw",
                        "draws", "drive", "drives", "fend", "fended", "fending", "fends", "fight",
                        "fighting", "fights", "flush", "flushes", "keep", "keeping", "keeps",
                        "kept", "kick", "kicking", "kicks", "knock", "knocking", "knocks", "scare",
                        "scares", "scaring", "see", "seeing", "sees", "send", "sending", "sends",
                        "shake", "shakes", "shaking", "stave", "staved", "staves", "staving",
                        "throw", "throws", "ward", "warded", "warding", "wards"})


_AWAY = frozenset({"bay", "away", "off", "out", "packing"})


class Token(NamedTuple):
    start: int
    end: int
    text: str  # lower case


class Found(NamedTuple):
    """A mention placed on tokens [first, last)."""

    first: int
    last: int
    mention: Mention

    def has(self, *tags: str) -> bool:
        return not self.mention.tags.isdisjoint(tags)


class Sentence:
    """A sentence as tokens and the word-list entries found on them."""

    def __init__(self, tokens: list[Token], found: list[Found], span: tuple[int, int]) -> None:
        self.tokens, self.found, self.span = tokens, found, span
        self.words = [t.text for t in tokens]
        self.text = " ".join(self.words)
        self.by_tag: dict[str, list[Found]] = {}  # read by every rule of the model: built once
        for f in found:
            for tag in f.mention.tags:
                self.by_tag.setdefault(tag, []).append(f)

    def tagged(self, *tags: str) -> list[Found]:
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

    def between(self, lo: int, hi: int, *tags: str) -> list[Found]:
        return [f for f in self.tagged(*tags) if lo <= f.first and f.last <= hi]

    def targets(self, lo: int, hi: int) -> list[Found]:
        """Targets that start in [lo, hi), except risks of the procedure ('risk of infection')
        and a bare 'condition' or 'disease' with nothing to say how many ('a medical
        condition' names none; 'a wide range of conditions' claims many)."""
        return [self._counted(f) for f in self.tagged(*TARGET_TAGS) if lo <= f.first < hi
                and not self._a_risk(f) and (not _only_head(f) or self._many(f))]

    def _many(self, target: Found) -> bool:
        before = " ".join(self.words[max(0, target.first - 4):target.first])
        return bool(_QUANTIFIED.search(before))

    def _counted(self, target: Found) -> Found:
        if not _only_head(target):
            return target
        return Found(target.first, target.last, Mention(
            target.mention.start, target.mention.end, target.mention.text,
            target.mention.tags | {"condition"}))

    def _a_risk(self, target: Found) -> bool:
        before = self.words[max(0, target.first - 3):target.first]
        return any(w in ("risk", "risks", "chance", "chances") for w in before)

    def run(self, targets: list[Found]) -> list[Found]:
        """The first target and those listed with it ('migraines, anxiety and IBS')."""
        run = [targets[0]]
        for t in targets[1:]:
            if _listed_after(self.words[run[-1].last:t.first]):
                run.append(t)
            else:
                break
        return run


def _listed_after(gap: list[str]) -> bool:
    """Whether the words between two targets join them in a list: joins and punctuation, and
    after the last join up to two words that qualify the next item ('…, knee arthritis')."""
    if not gap:
        return True
    joins = [i for i, w in enumerate(gap) if w in LIST_JOINS or not w[:1].isalnum()]
    if len(gap) > 5 or not joins or joins != list(range(joins[-1] + 1)):
        return False  # too long, no join, or a word before the last join
    qualifiers = gap[joins[-1] + 1:]
    return len(qualifiers) <= 2 and not any(w in _NOT_QUALIFIERS for w in qualifiers)


# words that start a clause, not a list item's qualifier
_NOT_QUALIFIERS = frozenset({"we", "you", "i", "it", "they", "is", "are", "was", "can", "may",
                             "will", "which", "who", "to", "so", "but", "because", "with",
                             "for", "from", "then", "not", "no", "if", "when", "while"})


Raw = tuple[int, int, "Found | None", list[Found], str, bool]  # first, last, predicate…


_QUANTIFIED = re.compile(r"\b(?:many|range|variety|all|numerous|dozens|hundreds|host|multitude|"
                         r"number|lots|several|\d+|other|such|these|those|common|chronic)\b")


def _only_head(target: Found) -> bool:
    return "condition_heads" in target.mention.tags and not target.mention.tags & {
        "condition", "immunity", "symptom", "function", "comfort"}


def sentence_at(lower: str, start: int, end: int, mentions: list[Mention]) -> Sentence:
    """One sentence read in full: its tokens and every word-list entry on them."""
    part = lower[start:end]
    tokens = [Token(t.start + start, t.end + start, t.text) for t in tokenize(part)]
    local = [m for m in mentions if start <= m.start < end]
    return Sentence(tokens, found_in(lower, tokens, local, start, end), (start, end))


def tokenize(lower: str) -> list[Token]:
    make = Token._make
    return [make((m.start(), m.end(), m.group(0))) for m in _TOKEN.finditer(lower)]


def found_in(lower: str, tokens: list[Token], mentions: list[Mention], start: int = 0,
           end: int | None = None) -> list[Found]:
    found = _place(mentions, tokens)
    covered = {i for f in found for i in range(f.first, f.last)}
    found += [f for f in _condition_words(lower, tokens, start, end) if f.first not in covered]
    found += _compounds(tokens) + _keep_away(tokens, found)
    found.sort(key=lambda f: (f.first, -f.last))
    return found


def sentence_spans(starts: Sequence[int], length: int) -> Iterable[tuple[int, int]]:
    edges = [*starts, length]
    return ((edges[i], edges[i + 1]) for i in range(len(starts)))


def _place(mentions: list[Mention], tokens: list[Token]) -> list[Found]:
    starts = [t.start for t in tokens]
    out = []
    for m in mentions:
        first = bisect_left(starts, m.start)
        last = bisect_left(starts, m.end)
        if first < len(tokens) and tokens[first].start == m.start:
            out.append(Found(first, max(last, first + 1), m))
    return out


def _shift(found: Found, by: int) -> Found:
    return Found(found.first - by, found.last - by, found.mention)


def _condition_words(lower: str, tokens: list[Token], start: int = 0, end: int | None = None
                     ) -> Iterator[Found]:
    """Words the lists do not hold that are conditions by their ending ('costochondritis')."""
    starts = [t.start for t in tokens]
    for m in _ending_scan().finditer(lower, start, len(lower) if end is None else end):
        i = bisect_left(starts, m.start())
        if i < len(tokens) and tokens[i].start == m.start() and m.group(1) not in _NOT_CONDITIONS:
            token = tokens[i]
            yield Found(i, i + 1, Mention(token.start, token.end, token.text, _CONDITION))


_CONDITION = frozenset({"condition"})


@functools.cache
def _ending_scan() -> re.Pattern[str]:
    endings = "|".join(word_list("condition_endings"))
    return re.compile(r"(?<![\w'-])(?:[\w']+-)*(\w{3,}(?:" + endings + r"))(?![\w'])")


def _compounds(tokens: list[Token]) -> list[Found]:
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
            out.append(Found(i, i + 1, Mention(token.start, token.end, token.text, tags)))
    return out


def _keep_away(tokens: list[Token], found: list[Found]) -> list[Found]:
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
                out.append(Found(i, i + 1, Mention(token.start, token.end, token.text,
                                                    frozenset({"strong_verbs"}))))
                break
    return out
