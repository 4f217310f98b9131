"""The closed set of rule kinds: each turns a RuleSpec into a checker."""

from __future__ import annotations

from clinicsite.lint.kinds.base import (
    CompileContext,
    Hit,
    PageChecker,
    PageContext,
    SentenceChecker,
)
from clinicsite.lint.kinds.claim import ClaimChecker
from clinicsite.lint.kinds.page import (
    FairBalanceChecker,
    PageCitationsChecker,
    PageFieldChecker,
    PageTextChecker,
    ReviewDateChecker,
)
from clinicsite.lint.kinds.phrase import PhraseChecker
from clinicsite.lint.kinds.testimonial import ImageChecker, TestimonialChecker
from clinicsite.lint.kinds.thirdparty import ThirdPartyChecker
from clinicsite.lint.patterns import phrase_regex
from clinicsite.lint.rulespec import RuleSpec

Checker = SentenceChecker | PageChecker

KIND_CLASSES: dict[str, type] = {
    "phrase": PhraseChecker,
    "requires-citation": PhraseChecker,
    "testimonial": TestimonialChecker,
    "claim": ClaimChecker,
    "image-disclosure": ImageChecker,
    "page-requires-text": PageTextChecker,
    "page-requires-field": PageFieldChecker,
    "review-date": ReviewDateChecker,
    "fair-balance": FairBalanceChecker,
    "page-requires-citations": PageCitationsChecker,
    "third-party-resource": ThirdPartyChecker,
}
ENGINE_KIND = "engine"  # findings made by the engine itself (suppressions, front matter)


def build_checker(spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> Checker | None:
    """The checker for `spec` (None for engine rules); `extra` adds site-configured phrases."""
    if spec.kind == ENGINE_KIND:
        return None
    if spec.kind not in ("phrase", "requires-citation"):
        extra = [phrase_regex(p) for p in extra]
    checker: Checker = KIND_CLASSES[spec.kind](spec, ctx, extra)
    return checker


__all__ = ["Checker", "CompileContext", "Hit", "PageChecker", "PageContext", "SentenceChecker",
           "build_checker", "KIND_CLASSES", "ENGINE_KIND"]
