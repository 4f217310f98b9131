"""Cheap word-prefix keys that tell whether a regex could match a block at all.

Python's `re` tries every alternative of a large pattern at every position, which is too slow for
10,000 pages. Each trigger pattern is read once (with the stdlib regex parser) for the literal
word prefixes a match must begin with; a block is searched only when it has a word with one of
those prefixes. A pattern whose start cannot be read this way is always searched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

try:  # the parser module is internal; without it every pattern is simply always searched
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _p = _c = None

# Letters of a word used as a key. Longer keys select fewer places to try a trigger ('painless'
# or 'pain free' rather than every 'pain'); eight measured best on the benchmark corpus (four
# took 15 % more instructions a page).
PREFIX = 8
SHORT = 8  # a first word up to this long followed by a space: its key goes on into the next word
SYMBOLS = "#$£€%"
_DIGIT = re.compile(r"\d")
try:  # letters `re.IGNORECASE` treats as one that lower() does not (internal table)
    from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]

    _FOLDS = "".join(sorted({chr(c) for k, v in _EXTRA_CASES.items() for c in (k, *v)
                             if c > 127}))
except ImportError:  # pragma: no cover - then no non-ASCII text is trusted to line up
    _FOLDS = ""
# What keys found in lower-cased text cannot stand for: those letters, and digits other than
# 0-9 (\d matches them; keys spell digits as 0-9). Each is one character class: searched fast.
_UNTRUSTED = (re.compile(f"[{re.escape(_FOLDS)}]" if _FOLDS else r"[^\x00-\x7f]"),
              re.compile(r"[^\D0-9]"))
GROW1, GROW2, DONE = 0, 1, 2
Prefixes = set[tuple[str, int]]  # (key so far, state)


KeyPositions = dict[str, list[int]]


class KeyIndexer:
    """Finds where a text offers any of the `used` keys (every key some trigger has): the start
    of the word or word pair that offers it, or of the digit or symbol. A trigger's match can
    only start at one of its keys' positions, so it is tried there alone instead of at every
    character. Keys no trigger has are never looked for: they could select nothing."""

    def __init__(self, used: frozenset[str]) -> None:
        self.used = used
        self._keys_at: dict[str, tuple[str, ...]] = {}  # longest key written -> every key
        # One scan finds, at each word start, the longest used key (word or pair) written
        # there; every used key that is a prefix of it starts there too.
        self._scan = _key_scan(used)
        self._digits = "#d" in used
        self._symbols = [symbol for symbol in SYMBOLS if "#s" + symbol in used]

    def index(self, text: str) -> tuple[frozenset[str] | None, KeyPositions | None]:
        """The keys and their positions; (None, None) when keys found in the lower-cased text
        could miss what a case-insensitive regex finds in `text` (see lines_up): then every
        trigger must be searched the usual way."""
        lower = key_text(text)
        if lower is None:
            return None, None
        found = self._used_keys(lower)
        if self._digits:
            digits = [match.start() for match in _DIGIT.finditer(text)]
            if digits:
                found["#d"] = digits
        for symbol in self._symbols:
            if symbol in text:
                found["#s" + symbol] = [i for i, char in enumerate(text) if char == symbol]
        return frozenset(found), found

    def _used_keys(self, lower: str) -> KeyPositions:
        found: KeyPositions = {}
        keys_at = self._keys_at
        for match in self._scan.finditer(lower):
            written = match.group(1)
            keys = keys_at.get(written)
            if keys is None:
                keys = keys_at[written] = self._prefix_keys(written)
            start = match.start()
            for key in keys:
                found.setdefault(key, []).append(start)
        return found

    def _prefix_keys(self, written: str) -> tuple[str, ...]:
        key = " ".join(written.split())  # a pair may be written over several spaces or lines
        return tuple(key[:n] for n in range(1, len(key) + 1) if key[:n] in self.used)


def key_text(text: str) -> str | None:
    """`text.lower()`, to look for keys in, or None when what is found there would not be
    where a case-insensitive regex finds it in `text` (see lines_up)."""
    lower = text.lower()
    return lower if lines_up(text, lower) else None


def lines_up(text: str, lower: str) -> bool:
    """True when keys found in `lower` (text.lower()) are where a case-insensitive regex would
    find them in `text`: same length, no letter whose case forms `re` matches differently from
    lower() (dotless i, long s, final sigma, micro sign; many common Greek and Cyrillic letters:
    such text is searched in full) and no digit beyond 0-9."""
    return len(lower) == len(text) and (text.isascii() or not _untrusted(lower))


def _untrusted(text: str) -> bool:
    return any(pattern.search(text) for pattern in _UNTRUSTED)


@functools.lru_cache(maxsize=16)
def _key_scan(used: frozenset[str]) -> re.Pattern[str]:
    """The scan for the longest used key written at a word start (built once per key set: a
    rule set has thousands of keys)."""
    return re.compile(r"\b(?=(" + trie_pattern(k for k in used if not k.startswith("#")) + "))")


def trie_pattern(keys: Iterable[str], hyphens: bool = False) -> str:
    """A regex for the longest of these keys written at a place (a space in a key matches any
    run of white space, and hyphens too when `hyphens`), branching on one character at a time,
    which `re` runs far faster than a flat alternation of thousands of keys."""
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(root, r"[\s-]+" if hyphens else r"\s+") or "(?!)"


def _trie_node(node: dict[str, Any], space: str) -> str:
    branches = [(space if char == " " else re.escape(char)) + _trie_node(child, space)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def starts_of(keys: frozenset[str], positions: KeyPositions) -> list[int]:
    """Every position where one of `keys` occurs, in order."""
    present = [positions[key] for key in positions.keys() & keys]  # the smaller side, in C
    if len(present) == 1:
        return present[0]  # already in order
    return sorted({start for starts in present for start in starts})


_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def starts_at_word(pattern: str, flags: int = re.IGNORECASE) -> bool:
    """True when the pattern opens with \\b and every match's first character is a word
    character: a match starts where a word starts, so it can be tried at the starts of its key
    words alone. (A pattern that may open with a non-word character, as `\\b(?:no|\\W+)cost`
    can, is searched the usual way.)"""
    items = _parsed(pattern, flags)
    return bool(items) and items[0] == (_c.AT, _c.AT_BOUNDARY) and _opens_with_word(items[1:])


def readable() -> bool:
    """Whether the stdlib regex parser is at hand (check_parses can read patterns)."""
    return _p is not None


def check_parses(pattern: str, flags: int = re.IGNORECASE) -> None:
    """Raise re.error when the stdlib parser cannot read the pattern: the errors re.compile
    reports, short of compiling it (look-behind widths are checked only when compiling)."""
    _parse(pattern, flags)


@functools.lru_cache(maxsize=64)
def _parse(pattern: str, flags: int) -> list[tuple[Any, Any]]:
    # cached: a trigger is checked, then read by literal_keys and starts_at_word in turn
    return list(_p.parse(pattern, flags))


def _parsed(pattern: str, flags: int) -> list[tuple[Any, Any]] | None:
    """The pattern's top-level items as the stdlib parser reads them (None: cannot be read).
    Callers only read the items."""
    if _p is None:
        return None
    try:
        return _parse(pattern, flags)
    except (re.error, RecursionError):
        return None


def _opens_with_word(items: list[tuple[Any, Any]]) -> bool:
    """True when what these items match always begins with a word character (unsure: False);
    an item that may match nothing leaves the opening to what follows it."""
    if not items:
        return False  # the match may be empty here, or end
    (op, av), rest = items[0], items[1:]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _opens_with_word(rest)  # a look-around consumes nothing
    if op is _c.LITERAL:
        return _is_word_char(chr(av))
    if op is _c.IN:
        return all((o is _c.LITERAL and _is_word_char(chr(v)))
                   or (o is _c.RANGE and all(_is_word_char(chr(c)) for c in v))
                   or (o is _c.CATEGORY and v in (_c.CATEGORY_DIGIT, _c.CATEGORY_WORD))
                   for o, v in av)
    if op is _c.SUBPATTERN:
        return _opens_with_word(list(av[-1]) + rest)
    if op is _c.BRANCH:
        return all(_opens_with_word(list(alternative) + rest) for alternative in av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _, sub = av
        return _opens_with_word(list(sub) + rest) and (low >= 1 or _opens_with_word(rest))
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class QuickSearch:
    """Whether an alternation of phrases occurs in a long text (a whole page). Each alternative
    that starts with a literal word is tried only where the first word of one of its keys is
    written, found with `str.find` (a page rule has a few dozen keys: looking each up in C is
    far cheaper than a regex trying every alternative, or a trie, at every character); `find`
    also stops inside words, where the alternatives' opening \\b fails at once. Alternatives
    whose start is not a literal word are searched the usual way."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        keyed: list[str] = []
        other: list[str] = []
        keys: set[str] = set()
        parts = [] if _BACKREFERENCE.search(regex.pattern) else alternatives(regex.pattern)
        for part in parts:
            found = literal_keys(part, regex.flags) if starts_at_word(part, regex.flags) else None
            if found and all(not key.startswith("#") for key in found):
                keyed.append(part)
                keys |= found
            else:
                other.append(part)
        self._words = _first_words(keys)
        self._keyed = _alternation(keyed, regex.flags)
        self._other = regex if not parts else _alternation(other, regex.flags)

    def found(self, text: str) -> bool:
        """True when the regex matches somewhere in `text` (as `regex.search(text)` would)."""
        return self.found_in(text, key_text(text))

    def found_in(self, text: str, lower: str | None) -> bool:
        """`found`, given `key_text(text)` (computed once for all the rules that search it)."""
        if self._other is not None and self._other.search(text):
            return True
        if self._keyed is None:
            return False
        if lower is None:
            return self._keyed.search(text) is not None
        match = self._keyed.match
        for word in self._words:
            start = lower.find(word)
            while start >= 0:
                if match(text, start):  # the alternatives open with \b: checked here
                    return True
                start = lower.find(word, start + 1)
        return False


def _first_words(keys: Iterable[str]) -> tuple[str, ...]:
    """The first words of the keys, leaving out any that starts with another (found with it)."""
    kept: list[str] = []
    for word in sorted({key.split(" ", 1)[0] for key in keys}):
        if not kept or not word.startswith(kept[-1]):  # sorted: a word's prefix came just before
            kept.append(word)
    return tuple(kept)


def _alternation(parts: list[str], flags: int) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in parts), flags) if parts else None


def literal_keys(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """Keys of which a match needs at least one; None when the pattern's start is not literal."""
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    found = _sequence(parsed, {("", GROW1)})
    if found is None:
        return None
    keys = {key.rstrip() for key, _ in found}
    if "" in keys or any(_untrusted(key) for key in keys if not key.isascii()):
        return None  # no key, or one whose letters re matches beyond what lower() writes
    return frozenset(keys)


def _sequence(items: Iterable[tuple[Any, Any]], current: Prefixes) -> Prefixes | None:
    for op, av in items:
        if all(state == DONE for _, state in current):
            break
        step = _step(op, av, current)
        if step is None:
            return None
        current = step
    return current


def _step(op: Any, av: Any, current: Prefixes) -> Prefixes | None:
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return current
    if op is _c.LITERAL:
        return _extend(current, chr(av).lower())
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]), current)
    if op is _c.BRANCH:
        out: Prefixes = set()
        for alternative in av[1]:
            found = _sequence(list(alternative), current)
            if found is None:
                return None
            out |= found
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _repeat(av, current)
    if op is _c.IN:
        return _charset(av, current)
    return _close(current)


def _repeat(av: Any, current: Prefixes) -> Prefixes | None:
    low, high, sub = av
    items = list(sub)
    if _space(items):
        spaced = _extend(current, " ")
        return spaced if low >= 1 else spaced | current
    if _non_word(items) and all(key == "" for key, state in current if state != DONE):
        return current  # leading \W*: the next word still starts a word
    taken = _sequence(items, current)
    if taken is None:
        return None
    if high != 1:
        taken = _close(taken)  # repeated: what follows the first copy is unknown
    return taken if low >= 1 else taken | current


def _charset(av: Any, current: Prefixes) -> Prefixes | None:
    if _space([(_c.IN, av)]):
        return _extend(current, " ")
    literals = [chr(v).lower() for op, v in av if op is _c.LITERAL]
    if literals and len(literals) == len(av) and len(literals) <= 6:
        out: Prefixes = set()
        for ch in literals:
            out |= _extend(current, ch)
        return out
    if len(av) == 1 and av[0] == (_c.CATEGORY, _c.CATEGORY_DIGIT):
        return {found for key, state in current for found in _digit(key, state)}
    return _close(current)


def _digit(key: str, state: int) -> set[tuple[str, int]]:
    """Keys after a \\d: '#d' to open a key, else the key so far with each digit ('over 5')."""
    if key == "" and state == GROW1:
        return {("#d", DONE)}
    return {(grown, DONE) for grown, _ in (_grow(key, state, digit) for digit in "0123456789")}


def _extend(current: Prefixes, ch: str) -> Prefixes:
    out: Prefixes = set()
    for key, state in current:
        out.add(_grow(key, state, ch))
    return out


def _grow(key: str, state: int, ch: str) -> tuple[str, int]:
    word = _is_word_char(ch)
    if state == DONE:
        return key, DONE
    if state == GROW1:
        if word:
            return (key + ch, GROW1) if len(key) < PREFIX else (key, DONE)
        if ch.isspace() and 0 < len(key) <= SHORT:
            return key + " ", GROW2
        if key == "" and ch in SYMBOLS:
            return "#s" + ch, DONE
        if key and not ch.isspace() and len(key) < PREFIX:
            return key + ch, GROW1  # 'pain-free', "can't", 'no.': the word goes on
        return key, DONE
    second = key.split(" ", 1)[1]
    if word and len(second) < PREFIX:
        return key + ch, GROW2 if len(second) + 1 < PREFIX else DONE
    if ch.isspace() and not second:
        return key, GROW2
    return key, DONE


def _close(current: Prefixes) -> Prefixes:
    return {(key, DONE) for key, _ in current}


def _space(items: list[tuple[Any, Any]]) -> bool:
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is _c.LITERAL:
        return chr(av).isspace()
    if op is not _c.IN:
        return False
    return all((o is _c.CATEGORY and v == _c.CATEGORY_SPACE) or (o is _c.LITERAL
                                                                 and chr(v).isspace())
               for o, v in av)


def _non_word(items: list[tuple[Any, Any]]) -> bool:
    if len(items) != 1 or items[0][0] is not _c.IN:
        return False
    return all(op is _c.CATEGORY and value in (_c.CATEGORY_NOT_WORD, _c.CATEGORY_SPACE)
               for op, value in items[0][1])


def alternatives(pattern: str) -> list[str]:
    """The pattern's alternatives, each opening with its own words where that can be done (a
    match of the pattern is a match of one of them)."""
    return [part for whole in split_alternatives(pattern)
            for part in distribute_leading_group(whole)]


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern, with groups that wrap a whole part unwrapped."""
    out: list[str] = []
    for part in _split_top(pattern):
        if part.startswith("(?:") and _group_end(part) == len(part) - 1:
            out.extend(split_alternatives(part[3:-1]))
        else:
            out.append(part)
    return out


def _split_top(pattern: str) -> list[str]:
    parts, current, depth, in_class, i = [], [], 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            current.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def distribute_leading_group(part: str, limit: int = 120) -> list[str]:
    """`\\b(?:a|b)rest` as `\\barest` and `\\bbrest`, so that each starts with literal words.

    A pattern that opens with a group of alternatives gives no literal start to `re`, which then
    tries every alternative at every word boundary; spread over the group, each alternative
    starts with its own words, gets its own keys and is searched only where those words occur.
    Matches are the same: a position matches the original when it matches one alternative.
    Parts that cannot be spread (a quantified or capturing group, too many alternatives) are
    returned whole.
    """
    prefix = "\\b" if part.startswith("\\b") else ""
    rest = part[len(prefix):]
    if not rest.startswith("(?:"):
        return [part]
    close = _group_end(rest)
    if close is None or close == len(rest) - 1 and not prefix:
        return [part]
    after = rest[close + 1:]
    if after[:1] in ("?", "*", "+", "{"):
        return [part]
    alternatives = _split_top(rest[3:close])
    if len(alternatives) < 2 or "" in alternatives:
        return [part]
    out: list[str] = []
    for alternative in alternatives:
        out.extend(distribute_leading_group(prefix + alternative + after, limit))
        if len(out) > limit:
            return [part]
    return out


def _group_end(pattern: str) -> int | None:
    """Index of the `)` that closes the group opening at index 0."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None
