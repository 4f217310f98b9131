"""The `claim` kind: outcome claims read by the claim model (lint/claims/model.py), reported by
target, speaker and certainty, each with a message that names what is unsupported."""

from __future__ import annotations

from collections.abc import Iterator

from clinicsite.errors import Level
from clinicsite.lint.claims.claim import CERTAINTIES, CLAIMANTS, TARGET_CLASSES, Claim
from clinicsite.lint.claims.words import gate_words
from clinicsite.lint.kinds.base import CompileContext, Hit, PageContext, SentenceChecker
from clinicsite.lint.kinds.testimonial import is_testimonial
from clinicsite.lint.patterns import check_options, compile_any, option, string_list
from clinicsite.lint.rulespec import LEVEL_NAMES, RuleSpec, fail_at
from clinicsite.lint.source import Block

OPTIONS = ("targets", "claimants", "certainty_levels", "supported", "forms", "testimonials",
           "defer", "disclosure", "confirm_levels", "confirm_unlinked")
FORMS = ("benefit", "outcome", "list", "offered", "story", "unlinked")
HOW = {"strong": "stated as certain", "plain": "stated as fact",
       "offered": "offered for it", "hedged": "hedged, but still a claim",
       "qualified": "hedged and qualified"}
_IMPLIED = "implied by the sentence as a whole"
WHO = {"service": "the treatment", "first-person": "a first-person story",
       "clients": "a story about clients"}


class ClaimChecker(SentenceChecker):
    """Reports the claims whose target class, speaker and form this rule covers, at a level set
    by how certain the claim is and whether the paragraph supports it."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, OPTIONS)
        self.spec = spec
        self.targets = _subset(spec, "targets", TARGET_CLASSES, required=True)
        self.claimants = _subset(spec, "claimants", CLAIMANTS) or frozenset({"service"})
        self.forms = _subset(spec, "forms", FORMS) or frozenset(FORMS)
        self.levels = _levels(spec)
        # certainty -> level for claims this rule leaves alone as hedged, reported all the same
        # when the second reading (lint/claims/judge.py) still reads them as a claim
        self.confirmed = _confirm_levels(spec)
        # the level for a sentence the claim model could not link into a claim ('unlinked'),
        # when the second reading reads it as one (None: never reported)
        unlinked = option(spec, "confirm_unlinked", "off", str)
        if unlinked not in LEVEL_NAMES:
            raise fail_at(spec, f"confirm_unlinked must be one of {', '.join(LEVEL_NAMES)}")
        self.unlinked = None if unlinked == "off" else Level(unlinked)
        supported = option(spec, "supported", "off", str)
        if supported not in LEVEL_NAMES:
            raise fail_at(spec, f"supported must be one of {', '.join(LEVEL_NAMES)}")
        self.supported = None if supported == "off" else Level(supported)
        self.keys = gate_words()
        # skip: quoted testimonials are the testimonial rules' to judge, not this rule's
        self.skip_testimonials = option(spec, "testimonials", "include", str) == "skip"
        # defer: stay silent where another sentence rule already flags the same words
        self.defer = option(spec, "defer", False, bool)
        # disclosure: a statement of generally expected results in the paragraph or section
        # clears the claim (FTC 255.2(b)); a profile that bans such stories sets it to []
        self.disclosure = compile_any(string_list(spec, "disclosure"), spec, ctx.lists)

    def could_match(self, ctx: PageContext, block: Block) -> bool:
        """Items under a lead-in ('can help with:') are claims without a benefit word."""
        if block.kind == "list_item" and (block.lead or block.section):
            return True
        return super().could_match(ctx, block)

    def check_block(self, ctx: PageContext, block: Block) -> Iterator[Hit]:
        claims = ctx.claims(block)  # read once for every claim rule; most blocks make none
        if not claims or self.skip_testimonials and is_testimonial(block):
            return
        if self.disclosure is not None and self._disclosed(ctx, block):
            return
        # one in this block clears its other sentences' claims: 'most clients tell us they
        # sleep better' clears the stories around it, not itself
        disclosed_at = [m.start() for m in self.disclosure.finditer(block.text)] \
            if self.disclosure is not None else []
        for claim in claims:
            start, end = claim.sentence
            if any(not start <= at < end for at in disclosed_at):
                continue
            excerpt = block.text[claim.start:claim.end]
            sentence = " ".join(block.text[start:end].split())
            level, message = self._level(claim), self._message(claim, excerpt)
            confirm = self._confirm_level(claim) if level is None and ctx.judge else None
            if confirm is not None:
                assert ctx.judge is not None
                reasons = ctx.judge.confirms(sentence, block.text)
                if reasons is not None:
                    level, message = confirm, message + _still(reasons, claim.form)
            if level is not None:  # an unlinked sentence adds nothing where another rule fires
                yield Hit(block.span(claim.start, claim.end), " ".join(excerpt.split()),
                          sentence, level=level, message=message,
                          defers=claim.form == "unlinked")

    def _disclosed(self, ctx: PageContext, block: Block) -> bool:
        """A statement of generally expected results in another block of the section."""
        assert self.disclosure is not None
        return any(self.disclosure.search(b.text) for b in ctx.page.blocks
                   if b is not block and b.section == block.section and b.kind != "front_matter")

    def _covers(self, claim: Claim) -> bool:
        return (claim.target_class in self.targets and claim.claimant in self.claimants
                and claim.form in self.forms)

    def _confirm_level(self, claim: Claim) -> Level | None:
        """The level a claim left alone gets when the second reading still reads a claim."""
        if claim.form == "unlinked":
            covered = claim.target_class in self.targets and claim.claimant in self.claimants
            return self.unlinked if covered else None
        return self.confirmed.get(claim.certainty) if self._covers(claim) else None

    def _level(self, claim: Claim) -> Level | None:
        if not self._covers(claim) or claim.form == "unlinked":
            return None
        if claim.supported and claim.certainty != "strong":
            return self.supported
        return self.levels.get(claim.certainty)

    def _message(self, claim: Claim, excerpt: str) -> str:
        target = ", ".join(dict.fromkeys(claim.targets)) or "it"
        return (self.spec.message.replace("{match}", " ".join(excerpt.split()))
                .replace("{target}", target)
                .replace("{how}", _IMPLIED if claim.form == "unlinked" else HOW[claim.certainty])
                .replace("{who}", WHO[claim.claimant]))


def _still(reasons: tuple[str, ...], form: str) -> str:
    words = ", ".join(f"'{r}'" for r in reasons)
    lead = (" It is not said in so many words, but read as a whole the sentence makes the claim"
            if form == "unlinked" else
            " It is hedged, but read as a whole the sentence still makes the claim")
    return lead + (f" (words that weighed most: {words})" if words else "") + "."


def _confirm_levels(spec: RuleSpec) -> dict[str, Level]:
    raw = spec.options.get("confirm_levels", {})
    if not isinstance(raw, dict) or not all(
            c in CERTAINTIES and v in LEVEL_NAMES and v != "off" for c, v in raw.items()):
        raise fail_at(spec, "confirm_levels must map a certainty to error, warning or info")
    return {certainty: Level(value) for certainty, value in raw.items()}


def _subset(spec: RuleSpec, key: str, allowed: tuple[str, ...], required: bool = False
            ) -> frozenset[str]:
    values = string_list(spec, key, required=required)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise fail_at(spec, f"{key}: unknown value '{unknown[0]}' (choose from {', '.join(allowed)})")
    return frozenset(values)


def _levels(spec: RuleSpec) -> dict[str, Level]:
    """Level per certainty: the rule's level unless `certainty_levels` says otherwise;
    qualified claims are off unless named."""
    raw = spec.options.get("certainty_levels", {})
    if not isinstance(raw, dict):
        raise fail_at(spec, "certainty_levels must map a certainty to a level")
    levels: dict[str, Level] = {}
    for certainty in CERTAINTIES:
        value = raw.get(certainty, "off" if certainty == "qualified" else None)
        if value is None:
            assert spec.level is not None
            levels[certainty] = spec.level
        elif value not in LEVEL_NAMES:
            raise fail_at(spec, f"certainty_levels.{certainty} must be one of "
                                f"{', '.join(LEVEL_NAMES)}")
        elif value != "off":
            levels[certainty] = Level(value)
    unknown = set(raw) - set(CERTAINTIES)
    if unknown:
        raise fail_at(spec, f"certainty_levels: unknown certainty '{sorted(unknown)[0]}' "
                            f"(choose from {', '.join(CERTAINTIES)})")
    return levels
