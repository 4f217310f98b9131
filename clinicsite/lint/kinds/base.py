"""What every rule kind shares: the page context it reads and the hits it returns."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clinicsite.errors import Level
from clinicsite.lint.claims.judge import Judge
from clinicsite.lint.claims.model import Claim, block_claims
from clinicsite.lint.claims.pagetype import Inferred
from clinicsite.lint.claims.words import gate_words
from clinicsite.lint.findings import Span
from clinicsite.lint.prefilter import KeyIndexer, KeyPositions, key_text
from clinicsite.lint.rulespec import RuleSpec
from clinicsite.lint.sentences import Sentences
from clinicsite.lint.source import Block, SourcePage


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a rule fired, before levels, suppressions and baselines are applied."""

    span: Span
    excerpt: str
    context: str
    level: Level | None = None  # None: the rule's level
    message: str | None = None  # None: the rule's message
    # what made the second reading (lint/claims/judge.py) let it through, as (the sentence's
    # own hedging or sourcing words, the model's weightiest words); None: it did not
    let_through: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    defers: bool = False  # stays silent where another sentence rule flags the same sentence


@dataclass(frozen=True, slots=True)
class CompileContext:
    """What kinds may read when compiling: named pattern lists and review-age settings."""

    lists: Mapping[str, Sequence[str]]
    max_review_months: int = 12


@dataclass(slots=True)
class PageContext:
    """One page as the rules see it."""

    path: str
    content_type: str | None
    page: SourcePage
    page_text: str  # rendered HTML as text in a site lint, else the Markdown prose
    linked_types: frozenset[str]
    practitioners: Mapping[str, Mapping[str, Any]] | None
    today: date
    indexer: KeyIndexer  # finds the keys of the sentence rules' triggers; shared by pages
    declared_type: str | None = None  # from front matter, folder or --type (None: untyped)
    inferred: Inferred | None = None  # what an untyped page reads as (None: declared, or not
    # a health or course page)
    sentence_cache: dict[int, Sentences] = field(default_factory=dict)
    fired: set[tuple[str, int]] = field(default_factory=set)  # (rule id, block group) done
    key_cache: dict[int, tuple[frozenset[str] | None, KeyPositions | None]] = field(
        default_factory=dict)
    key_text_cache: dict[str, str | None] = field(default_factory=dict)
    claim_cache: dict[int, list[Claim]] = field(default_factory=dict)
    judge: Judge | None = None  # the second reading, unless the site turned it off

    def keys(self, block: Block) -> frozenset[str] | None:
        """The block's keys (see prefilter), computed once; None: unknown, try every rule."""
        return self._index(block)[0]

    def positions(self, block: Block) -> KeyPositions | None:
        """Where each of the block's keys occurs (see prefilter.KeyIndexer)."""
        return self._index(block)[1]

    def _index(self, block: Block) -> tuple[frozenset[str] | None, KeyPositions | None]:
        key = id(block)
        found = self.key_cache.get(key)
        if found is None:
            found = self.key_cache[key] = self.indexer.index(block.text)
        return found

    def key_text(self, text: str) -> str | None:
        """prefilter.key_text(text), computed once however many page rules search the text."""
        if text not in self.key_text_cache:
            self.key_text_cache[text] = key_text(text)
        return self.key_text_cache[text]

    def sentences(self, block: Block) -> Sentences:
        """The block's sentences, split once however many rules ask."""
        key = id(block)
        found = self.sentence_cache.get(key)
        if found is None:
            found = self.sentence_cache[key] = Sentences(block.text)
        return found

    def claims(self, block: Block) -> list[Claim]:
        """The block's claims (see lint/claims/model.py), read once however many rules ask."""
        key = id(block)
        found = self.claim_cache.get(key)
        if found is None:
            found = self.claim_cache[key] = block_claims(
                block.text, self.sentences(block).starts, kind=block.kind, lead=block.lead,
                section=block.section, cited=block.cited, anchors=self._anchors(block))
        return found

    def _anchors(self, block: Block) -> list[int] | None:
        """Where the block's claim words start, from the prefilter's one scan (None: its
        keys could not be trusted, so every sentence is read)."""
        positions = self.positions(block)
        if positions is None:
            return None
        gate = gate_words()
        return sorted({p for key, found in positions.items() if key in gate for p in found})

    def title_span(self) -> Span:
        """Where page-level findings point when no better place exists: the title, else 1:1."""
        front = self.page.front
        if front is not None and ("title",) in front.lines:
            line, col = front.lines[("title",)]
            return Span(line, col, line, col + len("title"))
        return Span(1, 1, 1, 1)

    def key_span(self, key: str) -> Span:
        """The span of a front-matter key, else the title span."""
        front = self.page.front
        if front is not None and (key,) in front.lines:
            line, col = front.lines[(key,)]
            return Span(line, col, line, col + len(key))
        return self.title_span()


class SentenceChecker:
    """Base of kinds that read blocks of prose."""

    spec: RuleSpec
    keys: frozenset[str] | None = None  # a block with none of these word prefixes cannot match

    def could_match(self, ctx: PageContext, block: Block) -> bool:
        """A cheap test before the regexes run: False when the block cannot match."""
        offered = ctx.keys(block)
        return self.keys is None or offered is None or not self.keys.isdisjoint(offered)

    def check_block(self, ctx: PageContext, block: Block) -> Iterator[Hit]:
        """Hits in one block."""
        raise NotImplementedError


class PageChecker:
    """Base of kinds that judge a page as a whole."""

    spec: RuleSpec

    def check_page(self, ctx: PageContext) -> Iterator[Hit]:
        """Hits for one page."""
        raise NotImplementedError


def snippet(text: str, limit: int = 160) -> str:
    """Whitespace-collapsed text, cut to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
