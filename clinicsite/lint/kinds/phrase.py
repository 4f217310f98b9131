"""The `phrase` and `requires-citation` kinds: words that make a claim, with context guards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from clinicsite.errors import Level
from clinicsite.lint.kinds.base import CompileContext, Hit, PageContext, SentenceChecker
from clinicsite.lint.patterns import (
    check_one,
    check_options,
    compile_any,
    expand,
    option,
    phrase_regex,
    string_list,
)
from clinicsite.lint.prefilter import (
    KeyPositions,
    alternatives,
    literal_keys,
    starts_at_word,
    starts_of,
)
from clinicsite.lint.rulespec import RuleSpec, fail_at
from clinicsite.lint.sentences import clause_bounds
from clinicsite.lint.source import Block

OPTIONS = ("patterns", "phrases", "unless_preceded_by", "unless_followed_by", "unless_sentence",
           "unless_clause", "only_if_sentence", "unless_section", "window", "window_after", "citation",
           "questions", "skip_quoted", "unless_block", "unless_earlier", "only_if_block")
_NOT_A_CLAIM_HEADING = re.compile(r"\bmyths?\b|misconceptions?|fact or fiction|true or false"
                                  r"|^\s*[\"“‘']", re.IGNORECASE)
_MYTH_SENTENCE = re.compile(r"^\W*(?:myth|misconception|false)\b\W", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{1,60})[\"”]|(?<!\w)[‘']([^‘’'\n]{1,40})[’'](?!\w)")


@dataclass(slots=True, eq=False)
class Trigger:
    """A pattern and, optionally, words that must also stand in the sentence for it to count."""

    pattern: str  # checked when the rule is read; compiled the first time it is tried
    near: re.Pattern[str] | None = None
    section: re.Pattern[str] | None = None  # only under a heading that matches
    near_block: re.Pattern[str] | None = None  # words that must stand in the paragraph
    keys: frozenset[str] | None = None  # word prefixes a match starts with (None: unknown)
    # the pattern opens with \b and a word character: a match starts where a key word starts,
    # so it is tried only there (other patterns are searched through the whole block)
    at_word_start: bool = False
    _regex: re.Pattern[str] | None = field(default=None, repr=False)

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern, re.IGNORECASE)
        return self._regex


class PhraseChecker(SentenceChecker):
    """Flags words and phrases unless a guard (negation, hedge, citation, section) clears them."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, OPTIONS)
        self.spec = spec
        self.triggers = self._triggers(spec, ctx, extra)
        self.keys = _union_keys(self.triggers)
        guard = {k: compile_any(string_list(spec, k), spec, ctx.lists) for k in (
            "unless_preceded_by", "unless_followed_by", "unless_sentence", "only_if_sentence",
            "unless_section", "unless_clause", "unless_block", "unless_earlier",
            "only_if_block")}
        # unless_block: anywhere in the paragraph (a disclosure in the next sentence);
        # unless_earlier: anywhere before the match in its sentence ('Bruising …, 1 in 4')
        self.unless_block, self.unless_earlier = guard["unless_block"], guard["unless_earlier"]
        self.only_if_block = guard["only_if_block"]  # the paragraph must also say this
        self.before, self.after = guard["unless_preceded_by"], guard["unless_followed_by"]
        self.unless_sentence, self.only_if = guard["unless_sentence"], guard["only_if_sentence"]
        self.unless_section, self.unless_clause = guard["unless_section"], guard["unless_clause"]
        self.window = option(spec, "window", 5, int)
        self.window_after = option(spec, "window_after", 4, int)
        default = "clears" if spec.kind == "requires-citation" else "ignore"
        self.citation = option(spec, "citation", default, str)
        if self.citation not in ("clears", "info", "ignore"):
            raise fail_at(spec, "citation must be clears, info or ignore")
        self.questions = option(spec, "questions", "skip", str)
        self.skip_quoted = option(spec, "skip_quoted", True, bool)

    @staticmethod
    def _triggers(spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> list[Trigger]:
        out: list[Trigger] = []
        items = [(x, False) for x in _items(spec, "patterns")]
        items += [(x, True) for x in _items(spec, "phrases") + extra]
        for item, literal in items:
            near = section = near_block = None
            if isinstance(item, dict):
                unknown = set(item) - {"phrase", "pattern", "near", "near_block", "section"}
                if unknown:
                    raise fail_at(spec, f"unknown key '{sorted(unknown)[0]}' in a pattern "
                                        f"(use pattern or phrase, near, near_block, section)")
                text = item.get("phrase") or item.get("pattern")
                literal = "phrase" in item
                near = compile_any(_strings(spec, item.get("near", [])), spec, ctx.lists)
                section = compile_any(_strings(spec, item.get("section", [])), spec, ctx.lists)
                near_block = compile_any(_strings(spec, item.get("near_block", [])), spec,
                                         ctx.lists)
                if "near" in item and near is None:
                    continue  # its word list is empty (e.g. no unproven conditions set)
            else:
                text = item
            if not isinstance(text, str):
                raise fail_at(spec, f"a pattern must be text or {{pattern, near}}: {item!r}")
            written = phrase_regex(text) if literal else text
            expanded = expand(written, spec, ctx.lists)
            if expanded is None:
                continue
            # one regex per alternative, each searched only where its first word occurs
            for part in dict.fromkeys(alternatives(expanded)):
                check_one(part, spec, written)
                out.append(make_trigger(part, near, section, near_block))
        return out

    def check_block(self, ctx: PageContext, block: Block,
                    triggers: list[Trigger] | None = None) -> Iterator[Hit]:
        """Hits in `block`; `triggers` narrows the search to those the prefilter selected."""
        if self.unless_section is not None and self.unless_section.search(block.section):
            return
        if block.kind == "heading" and _skip_heading(block.text):
            return
        if self.citation == "clears" and block.cited:
            return
        taken: list[tuple[int, int]] = []
        whole_block: bool | None = None  # the paragraph guards, read once a trigger matches
        positions = ctx.positions(block)
        for trigger in self.triggers if triggers is None else triggers:
            for m in _matches(trigger, block.text, positions):
                if m.end() == m.start() or any(a <= m.start() < b or m.start() <= a < m.end()
                                               for a, b in taken):
                    continue
                if whole_block is None:
                    whole_block = self._block_allows(block.text)
                if not whole_block:
                    return
                sentences = ctx.sentences(block)  # split only once a trigger matched
                start, end = sentences.around(m.start())
                sentence = block.text[start:end]
                answer = ""
                if trigger.near is not None and sentence.endswith("?") and end < len(block.text):
                    answer_start, answer_end = sentences.around(end + 1)
                    answer = block.text[answer_start:answer_end]
                if self._cleared(sentence, m.start() - start, m.end() - start, block, trigger,
                                 answer):
                    continue
                taken.append((m.start(), m.end()))
                level = Level.INFO if self.citation == "info" and block.cited else None
                yield Hit(block.span(m.start(), m.end()), m.group(0), " ".join(sentence.split()),
                          level=level)

    def _block_allows(self, text: str) -> bool:
        if self.unless_block is not None and self.unless_block.search(text):
            return False
        return self.only_if_block is None or bool(self.only_if_block.search(text))

    def _cleared(self, sentence: str, start: int, end: int, block: Block,
                 trigger: Trigger, answer: str = "") -> bool:
        if self.questions == "skip" and sentence.rstrip(" *_\"'”’)").endswith("?"):
            return True
        if _MYTH_SENTENCE.match(sentence):
            return True
        if self.skip_quoted and _inside_quote(sentence, start, end):
            return True
        if self.only_if is not None and not self.only_if.search(sentence):
            return True
        if trigger.section is not None and not trigger.section.search(block.section):
            return True
        if trigger.near_block is not None and not trigger.near_block.search(block.text):
            return True
        if trigger.near is not None and not (
                trigger.near.search(sentence) or (answer and trigger.near.search(answer))
                or (block.lead and trigger.near.search(block.lead))):
            return True
        if self.unless_sentence is not None and (
                self.unless_sentence.search(sentence)
                or (block.lead and self.unless_sentence.search(block.lead))):
            return True
        if self.unless_earlier is not None and self.unless_earlier.search(sentence, 0, start):
            return True
        left, right = clause_bounds(sentence, start, end)
        if self.unless_clause is not None and self.unless_clause.search(sentence[left:right]):
            return True
        if self.before is not None:
            words = sentence[left:start].split()[-self.window:]
            if words and self.before.search(" ".join(words)):
                return True
        if self.after is not None:
            words = sentence[end:right].split()[: self.window_after]
            if words and self.after.search(" ".join(words)):
                return True
        return False


def make_trigger(pattern: str, near: re.Pattern[str] | None = None,
                 section: re.Pattern[str] | None = None,
                 near_block: re.Pattern[str] | None = None) -> Trigger:
    """One alternative of a rule's pattern, with the keys a match must start with."""
    return Trigger(pattern, near, section, near_block, literal_keys(pattern),
                   starts_at_word(pattern))


def _matches(trigger: Trigger, text: str, positions: KeyPositions | None) -> Iterator[re.Match[str]]:
    """The trigger's matches in order, as finditer finds them; tried only where one of its keys
    occurs when the block's key positions are known (a match can start nowhere else)."""
    if trigger.keys is None or positions is None or not trigger.at_word_start:
        yield from trigger.regex.finditer(text)
        return
    end = 0
    for start in starts_of(trigger.keys, positions):
        if start < end:
            continue
        match = trigger.regex.match(text, start)
        if match is not None and match.end() > start:
            end = match.end()
            yield match


def _union_keys(triggers: list[Trigger]) -> frozenset[str] | None:
    keys: set[str] = set()
    for trigger in triggers:
        if trigger.keys is None:
            return None
        keys |= trigger.keys
    return frozenset(keys)


def _skip_heading(text: str) -> bool:
    stripped = text.strip()
    return stripped.endswith("?") or bool(_NOT_A_CLAIM_HEADING.search(stripped))


def _inside_quote(sentence: str, start: int, end: int) -> bool:
    """True when the match is a short quoted mention ('avoid "painless"'), not a claim."""
    for m in _QUOTED.finditer(sentence):
        if m.start() < start and end < m.end() and len(m.group(0).split()) <= 4:
            return True
    return False


def _items(spec: RuleSpec, key: str) -> list[object]:
    value = spec.options.get(key, [])
    if not isinstance(value, list):
        raise fail_at(spec, f"'{key}' must be a list")
    return list(value)


def _strings(spec: RuleSpec, value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail_at(spec, "'near' must be a list of patterns")
    return list(value)
