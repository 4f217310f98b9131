"""The `testimonial` and `image-disclosure` kinds: endorsements and before/after pictures."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from clinicsite.lint.claims.words import vocabulary
from clinicsite.lint.findings import Span
from clinicsite.lint.kinds.base import (
    CompileContext,
    Hit,
    PageChecker,
    PageContext,
    SentenceChecker,
    snippet,
)
from clinicsite.lint.patterns import check_options, compile_any, compile_required, string_list
from clinicsite.lint.prefilter import literal_keys
from clinicsite.lint.rulespec import RuleSpec
from clinicsite.lint.source import Block

# A quotation followed by a dash and a name: “…” — Jane, 54; or by a name and an initial
_ATTRIBUTED = re.compile(r"[\"“][^\"”]{12,600}[\"”](?:[\s*_]*(?:[—–~]|--?|\()\s*[A-Z]"
                         r"|[^\w\n]{0,8}[A-Z][a-z]+\s+[A-Z]\.)")
_DASH_NAME = re.compile(r"^\s*(?:[—–~]|--?)\s*[A-Z][\w.'’-]*")
# a first-person story signed with a dash at its end: '… I lost 41 pounds! — Danielle R.'
_SIGNATURE = re.compile(r"\s(?:[—–~]|--?)\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?|(?:a\s+)?"
                        r"(?:real|verified|happy|genuine)\s+[\w-]+\s+(?:customer|client|patient|"
                        r"member))\s*(?:,[^\n—–~]{0,40})?\s*$")
_FIRST_PERSON = re.compile(r"\b(?:I|I[’']m|I[’']ve|my|me)\b")
# a story about a named client: 'Mia fell pregnant…', 'Meet Marcus 👊 Down 62 lbs…'
_NAMED_STORY = re.compile(r"(?=[A-Z])(?:(?:Meet|This is)\s+)?(?!(?:She|He|They|It|We|You|This|That|Our|The|"
                          r"There|Then|Your|Mr|Mrs|Ms|Dr)\b)(?P<name>[A-Z][a-z]{2,})(?:\s+[A-Z]\.)?"
                          r"(?:,\s*\d{2},?)?\s*(?:\W{1,4}\s*)?(?:lost|dropped|fell|tried|went\s+from|"
                          r"came\s+(?:to\s+(?:us|me|see)|in\s+with)|started\s+(?:with\s+us|seeing|coming|"
                          r"her|his|their|our|treatment|sessions|drips|acupuncture)|got\s+(?:her|his|their)|"
                          r"[Dd]own\s+\d+)\b")
_STORY_OPENS = re.compile(r"(?:^\W*|,\s+|[.!?]\s+)$")


@functools.lru_cache(maxsize=4096)
def _attributed(text: str) -> bool:
    """A quotation or first-person story signed by its teller, or a story about a named
    client (read once per text, however many rules ask)."""
    return bool(_ATTRIBUTED.search(text) or _signed(text) or _named_story(text))


def _named_story(text: str) -> bool:
    for match in _NAMED_STORY.finditer(text):
        start = match.start()
        name = match.group("name")
        if _STORY_OPENS.search(text, max(0, start - 8), start) and not text[
                max(0, start - 4):start].endswith(("Dr. ", "Dr ")) and not _a_word(name):
            return True
    return False


def _a_word(name: str) -> bool:
    """A treatment or other listed word ('Acupuncture came to the West…'), not a client's name."""
    return name.lower() in vocabulary().tags


def _signed(text: str) -> bool:
    tail = text[-80:]  # the signature ends the block: only its end is searched
    match = _SIGNATURE.search(tail)
    return match is not None and bool(
        _FIRST_PERSON.search(text, 0, len(text) - len(tail) + match.start()))


class TestimonialChecker(SentenceChecker):
    """Flags quoted patient stories that describe outcomes, unless a typicality note is near."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, ("outcome", "disclosure"))
        self.spec = spec
        self.outcome = outcome = compile_required(spec, "outcome", ctx.lists, extra)
        self.disclosure = compile_any(string_list(spec, "disclosure"), spec, ctx.lists)
        self.keys = literal_keys(outcome.pattern)

    def check_block(self, ctx: PageContext, block: Block) -> Iterator[Hit]:
        if block.kind == "blockquote":
            blocks = [b for b in ctx.page.blocks if b.kind == "blockquote" and b.group ==
                      block.group]
            if (self.spec.id, block.group) in ctx.fired or blocks[0] is not block:
                return
        elif not _attributed(block.text):
            return
        else:
            blocks = [block]
        story = "\n".join(b.text for b in blocks)
        if not self._outcome(ctx, blocks, story) or self._disclosed(ctx, block, story):
            return
        ctx.fired.add((self.spec.id, block.group))
        first = block.text.split("\n", 1)[0]
        lead = len(first) - len(first.lstrip())
        end = len(first.rstrip())
        yield Hit(block.span(lead, max(end, lead + 1)), snippet(first), snippet(story, 300))

    def _outcome(self, ctx: PageContext, blocks: list[Block], story: str) -> bool:
        """The story reports a health outcome: an outcome word, or a claim the claim model
        reads in it ('she slept right through', 'off my inhaler')."""
        return bool(self.outcome.search(story)) or any(
            c.form != "unlinked" for b in blocks for c in ctx.claims(b))

    def _disclosed(self, ctx: PageContext, block: Block, story: str) -> bool:
        if self.disclosure is None:
            return False
        if self.disclosure.search(story):
            return True
        return any(self.disclosure.search(b.text) for b in ctx.page.blocks
                   if b.section == block.section and b.kind != "front_matter")


def is_testimonial(block: Block) -> bool:
    """True for a blockquote, or a paragraph that is an attributed quotation."""
    return block.kind == "blockquote" or _attributed(block.text) or bool(
        _DASH_NAME.match(block.text.split("\n")[-1]) and '"' in block.text)


class ImageChecker(PageChecker):
    """Flags before/after images with no disclosure of conditions and typical results nearby."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, ("patterns", "disclosure"))
        self.spec = spec
        self.patterns = compile_required(spec, "patterns", ctx.lists, extra)
        self.disclosure = compile_any(string_list(spec, "disclosure"), spec, ctx.lists)

    def check_page(self, ctx: PageContext) -> Iterator[Hit]:
        for image in ctx.page.images:
            if not self.patterns.search(f"{image.alt} {image.src}"):
                continue
            nearby = " ".join(b.text for b in ctx.page.blocks if b.section == image.section)
            if self.disclosure is not None and self.disclosure.search(nearby):
                continue
            span = Span(image.span.line, image.span.column, image.span.end_line,
                        image.span.end_column)
            yield Hit(span, snippet(f"![{image.alt}]({image.src})"), image.alt)
