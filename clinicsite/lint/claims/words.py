"""The claim model's word lists (words.yaml): inflected once, found in a sentence in one scan."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import yaml

from clinicsite.lint.prefilter import trie_pattern

WORDS_FILE = Path(__file__).with_name("words.yaml")
KEEP = "~"  # an entry ending in ~ is matched as written
NOT_WORDS = frozenset({"condition_endings"})  # read by the model, not looked for as words
VERB_GROUPS = frozenset({"verbs", "strong_verbs", "vanish", "suffer", "returns"})
_IRREGULAR = {"fight": ("fought",), "beat": ("beaten",), "get": ("got", "gotten"),
              "take": ("took", "taken"), "feel": ("felt",), "keep": ("kept",), "rid": ("rid",),
              "shrink": ("shrank", "shrunk"), "break": ("broke", "broken"), "go": ("went", "gone"),
              "have": ("had", "has"), "do": ("did", "done", "does"), "catch": ("caught",),
              "undo": ("undid", "undone"), "overcome": ("overcame",), "make": ("made",),
              "wake": ("woke", "woken"), "deal": ("dealt",), "put": ("put",), "set": ("set",),
              "cut": ("cut",), "lead": ("led",), "hold": ("held",), "give": ("gave", "given"),
              "come": ("came",), "sleep": ("slept",), "eat": ("ate", "eaten"), "drink": ("drank",),
              "wear": ("wore", "worn"), "see": ("saw", "seen"), "speak": ("spoke", "spoken"),
              "pick": ("picked",), "say": ("said",), "bid": ("bade",), "kiss": ("kissed",),
              "slim": ("slimmed", "slimming"), "stop": ("stopped", "stopping"),
              "zap": ("zapped", "zapping"), "rev": ("revved", "revving"),
              "plan": ("planned", "planning"), "end": ("ended", "ending")}
_VOWELS = "aeiou"
_SPELLINGS = ((re.compile(r"is(e|es|ed|ing|ation|ations)\b"), r"iz\1"),
              (re.compile(r"ys(e|es|ed|ing)\b"), r"yz\1"),
              (re.compile(r"our\b"), "or"),
              (re.compile(r"ae"), "e"), (re.compile(r"oe(?=d)"), "e"),
              (re.compile(r"tre\b"), "ter"), (re.compile(r"ence\b"), "ense"))


class Mention(NamedTuple):
    """A word list entry found in a sentence: where, as written, and which lists hold it.
    (A named tuple: a page makes thousands, and they are cheap to build.)"""

    start: int
    end: int
    text: str
    tags: frozenset[str]


class Vocabulary:
    """Every entry of words.yaml, inflected, mapped to the lists (tags) it belongs to."""

    def __init__(self, groups: Mapping[str, Iterable[str]]) -> None:
        tags: dict[str, set[str]] = {}
        for tag, entries in groups.items():
            for entry in entries:
                for form in forms(entry, verb=tag in VERB_GROUPS):
                    tags.setdefault(canonical(form), set()).add(tag)
        self._setup({form: frozenset(t) for form, t in tags.items()}, frozenset(groups))

    def _setup(self, tags: dict[str, frozenset[str]], groups: frozenset[str]) -> None:
        self.tags = tags
        self.groups = groups
        self._scan = re.compile(r"(?<!\w)(" + trie_pattern(self.tags, hyphens=True) + r")(?!\w)")

    def only(self, wanted: frozenset[str]) -> Vocabulary:
        """The entries in any of the `wanted` lists (with all their lists): a smaller, faster
        scan for a first look at a text."""
        part = Vocabulary.__new__(Vocabulary)
        part._setup({form: t for form, t in self.tags.items() if not t.isdisjoint(wanted)},
                    self.groups & wanted)
        return part

    def mentions(self, lower: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Entries found in `lower` (lower-cased text with ’ written as '), or in
        lower[start:end], longest first at each place, left to right."""
        out = []
        tags = self.tags
        new = Mention._make
        for match in self._scan.finditer(lower, start, len(lower) if end is None else end):
            written = match.group()  # the look-arounds take no text: the match is the entry
            found = tags.get(written)  # most entries are one word, written as listed
            if found is None:
                found = tags.get(canonical(written))
            if found is not None:
                out.append(new((*match.span(), written, found)))
        return out


def forms(entry: str, verb: bool) -> Iterator[str]:
    """The entry as written, inflected (verbs: first word; nouns: last word) and respelled."""
    entry = entry.strip().lower()
    if entry.endswith(KEEP):
        yield entry[:-1].strip()
        return
    words = entry.split()
    if verb:
        variants = [" ".join([form, *words[1:]]) for form in verb_forms(words[0])]
    else:
        variants = [" ".join([*words[:-1], form]) for form in noun_forms(words[-1])]
    for variant in variants:
        yield variant
        for pattern, replacement in _SPELLINGS:
            respelled = pattern.sub(replacement, variant)
            if respelled != variant:
                yield respelled


def verb_forms(base: str) -> list[str]:
    """base, -s, -ed and -ing forms of an English verb (irregular ones from a table)."""
    out = [base, _third_person(base), *_IRREGULAR.get(base, ())]
    stem = base[:-1] if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) else base
    if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        out += [base[:-1] + "ied", base + "ing"]
    elif base.endswith("ie"):
        out += [base + "d", base[:-2] + "ying"]
    else:
        out += [stem + "ed", stem + "ing"]
    return out


def noun_forms(base: str) -> list[str]:
    """singular and plural."""
    if base.endswith(("s", "x", "z", "ch", "sh")):
        return [base, base + "es"]
    if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        return [base, base[:-1] + "ies"]
    return [base, base + "s"]


def _third_person(base: str) -> str:
    return noun_forms(base)[1]


def canonical(written: str) -> str:
    """Written text as a key: one space between words, and a hyphen counts as a space."""
    return " ".join(written.replace("-", " ").split())


@functools.cache
def vocabulary(path: Path = WORDS_FILE) -> Vocabulary:
    """The shipped vocabulary (read and compiled once per process)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - safe loader
    groups: dict[str, list[str]] = {}
    for section in data.values():
        for tag, entries in section.items():
            if tag not in NOT_WORDS:
                groups.setdefault(tag, []).extend(str(e) for e in entries)
    return Vocabulary(groups)


@functools.cache
def word_list(tag: str, path: Path = WORDS_FILE) -> tuple[str, ...]:
    """One list of words.yaml as written (for lists that are not words, such as endings)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(str(e) for section in data.values() for e in section.get(tag, ()))


def lower_text(text: str) -> str:
    """Text lower-cased for the scan, with curly apostrophes made straight (same length)."""
    lower = text.lower()
    if len(lower) != len(text):  # a letter whose lower case is longer: keep positions
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lower.replace("’", "'").replace("‘", "'")


# Lists whose entries a claim is built on. Service words ('we', 'appointment') are not among
# them: a service makes a claim only with a condition beside it, and conditions are.
GATE_GROUPS = frozenset({"verbs", "strong_verbs", "nouns", "strong_nouns", "adjectives", "good_for",
                         "vanish", "free_of", "outcome_phrases", "improved", "returns",
                         "condition", "immunity"})
_LETTERS = re.compile(r"[a-z]+")
# words on nearly every page: an entry is keyed by another of its words where it has one
_EVERYWHERE = frozenset({"a", "an", "the", "you", "your", "we", "our", "us", "it", "for", "of",
                         "to", "in", "on", "and", "or", "is", "are", "be", "no", "not", "with"})


@functools.cache
def gate_words() -> frozenset[str]:
    """Word prefixes (up to eight letters, as prefilter keys are) at least one of which a
    block must hold to make a claim: for every benefit, outcome and condition entry, its
    longest word ('resounding' for 'a resounding success'), which any text holding the entry
    holds too, and which few other texts do."""
    keys: set[str] = set()
    for form, tags in vocabulary().tags.items():
        if not tags.isdisjoint(GATE_GROUPS):
            words = _LETTERS.findall(form)
            if words:
                keys.add(max(words, key=lambda w: (w not in _EVERYWHERE, len(w)))[:8])
    return frozenset(keys)
