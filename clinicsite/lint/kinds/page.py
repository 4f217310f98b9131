"""Page-level kinds: required statements, fields, review dates, fair balance, references."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from clinicsite.errors import Level
from clinicsite.lint.kinds.base import CompileContext, Hit, PageChecker, PageContext, snippet
from clinicsite.lint.kinds.testimonial import is_testimonial
from clinicsite.lint.patterns import (
    check_options,
    compile_any,
    compile_required,
    option,
    string_list,
)
from clinicsite.lint.prefilter import QuickSearch
from clinicsite.lint.rulespec import RuleSpec, fail_at
from clinicsite.lint.source import external_links


class PageTextChecker(PageChecker):
    """`page-requires-text`: the page (as published) must hold one of the required statements."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, ("require", "require_fields", "when_text", "when_testimonial",
                             "when_claims"))
        self.spec = spec
        self.require = _quick(compile_any(string_list(spec, "require", required=True) + extra,
                                          spec, ctx.lists))
        self.fields = string_list(spec, "require_fields")
        self.when = _quick(compile_any(string_list(spec, "when_text"), spec, ctx.lists))
        self.when_testimonial = option(spec, "when_testimonial", False, bool)
        # when_claims: the claim model reads an outcome claim somewhere on the page
        self.when_claims = option(spec, "when_claims", False, bool)

    def check_page(self, ctx: PageContext) -> Iterator[Hit]:
        if any(ctx.page.meta.get(name) for name in self.fields):
            return
        if not self._applies(ctx):  # the claims it may read are read already by the claim rules
            return
        if self.require is not None and self.require.found_in(ctx.page_text,
                                                              ctx.key_text(ctx.page_text)):
            return
        yield Hit(ctx.title_span(), snippet(str(ctx.page.meta.get("title", ctx.path))), "")

    def _applies(self, ctx: PageContext) -> bool:
        if self.when is None and not self.when_testimonial and not self.when_claims:
            return True
        prose = ctx.page.prose()
        if self.when is not None and self.when.found_in(prose, ctx.key_text(prose)):
            return True
        if self.when_testimonial and any(is_testimonial(b) for b in ctx.page.blocks):
            return True
        return self.when_claims and any(
            c.certainty in ("strong", "plain") and not c.supported and c.form != "unlinked"
            for b in ctx.page.blocks if b.kind != "front_matter" for c in ctx.claims(b))


class PageFieldChecker(PageChecker):
    """`page-requires-field`: front-matter people fields, optionally with credentials."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, ("fields", "credentials"))
        self.spec = spec
        self.fields = string_list(spec, "fields", required=True)
        self.credentials = option(spec, "credentials", False, bool)

    def check_page(self, ctx: PageContext) -> Iterator[Hit]:
        meta = ctx.page.meta
        present = [f for f in self.fields if meta.get(f)]
        if not present:
            yield Hit(ctx.title_span(), snippet(str(meta.get("title", ctx.path))), "")
            return
        if not self.credentials or ctx.practitioners is None:
            return
        for name in present:
            slug = str(meta[name])
            person = _practitioner(ctx.practitioners, slug)
            if person is None or not str(person.get("credentials") or "").strip():
                what = "is not a team page" if person is None else "has no credentials"
                yield Hit(ctx.key_span(name), slug, "",
                          message=f"{name} '{slug}' {what}; readers must see who wrote and "
                                  f"who reviewed health content, with qualifications")


def _quick(regex: re.Pattern[str] | None) -> QuickSearch | None:
    return QuickSearch(regex) if regex is not None else None


def _practitioner(people: Mapping[str, Mapping[str, Any]], ref: str) -> Mapping[str, Any] | None:
    slug = ref.rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
    return people.get(ref) or people.get(slug)


class ReviewDateChecker(PageChecker):
    """`review-date`: a medical review date that is present, not too old, not before `updated`."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, ("field", "updated_field", "error_after_months"))
        self.spec = spec
        self.field = option(spec, "field", "last_reviewed", str)
        self.updated = option(spec, "updated_field", "updated", str)
        self.max_months = ctx.max_review_months
        self.error_months = option(spec, "error_after_months", 2 * ctx.max_review_months, int)

    def check_page(self, ctx: PageContext) -> Iterator[Hit]:
        meta = ctx.page.meta
        reviewed = _as_date(meta.get(self.field))
        if reviewed is None:
            what = "is missing" if self.field not in meta else "is not a date like 2025-01-31"
            yield Hit(ctx.key_span(self.field), str(meta.get(self.field, "")), "",
                      level=Level.ERROR, message=f"{self.field} {what}; health pages need "
                                                 f"a dated medical review")
            return
        months = _months_between(reviewed, ctx.today)
        if months > self.max_months:
            level = Level.ERROR if months > self.error_months else None
            yield Hit(ctx.key_span(self.field), reviewed.isoformat(), "", level=level,
                      message=f"last reviewed {reviewed.isoformat()}, {months} months ago "
                              f"(limit {self.max_months}); review the page and update "
                              f"{self.field}")
        updated = _as_date(meta.get(self.updated))
        if updated is not None and updated > reviewed:
            yield Hit(ctx.key_span(self.updated), updated.isoformat(), "",
                      message=f"{self.updated} ({updated.isoformat()}) is newer than "
                              f"{self.field} ({reviewed.isoformat()}); changed content needs "
                              f"a new medical review")


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _months_between(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


class FairBalanceChecker(PageChecker):
    """`fair-balance`: benefit claims need risk information on the page or a risk page link."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, ("benefit", "risk", "risk_link", "imbalance_ratio",
                             "imbalance_level"))
        self.spec = spec
        benefit = compile_any(string_list(spec, "benefit", required=True) + extra, spec,
                              ctx.lists)
        risk = compile_any(string_list(spec, "risk", required=True), spec, ctx.lists)
        if benefit is None or risk is None:
            raise fail_at(spec, "'benefit' and 'risk' need patterns")
        self.benefit, self.risk = benefit, risk
        self.risk_anywhere = QuickSearch(risk)
        self.risk_link = compile_any(string_list(spec, "risk_link"), spec, ctx.lists)
        self.ratio = option(spec, "imbalance_ratio", 0, int)
        self.imbalance_level = Level(option(spec, "imbalance_level", "warning", str))

    def check_page(self, ctx: PageContext) -> Iterator[Hit]:
        first = None
        count = 0
        for block in ctx.page.blocks:
            for m in self.benefit.finditer(block.text):
                count += 1
                if first is None:
                    first = (block, m)
        if first is None:
            return
        block, m = first
        span = block.span(m.start(), m.end())
        sentence_start, sentence_end = ctx.sentences(block).around(m.start())
        context = " ".join(block.text[sentence_start:sentence_end].split())
        if not self._has_risk_info(ctx):
            yield Hit(span, m.group(0), context)
            return
        risks = len(self.risk.findall(ctx.page.prose()))
        if self.ratio and risks and count >= self.ratio * risks:
            yield Hit(span, m.group(0), context, level=self.imbalance_level,
                      message=f"{count} benefit statements against {risks} about risks; give "
                              f"risks comparable weight and prominence")

    def _has_risk_info(self, ctx: PageContext) -> bool:
        if "risk" in ctx.linked_types or ctx.page.meta.get("risks"):
            return True
        if self.risk_anywhere.found_in(ctx.page_text, ctx.key_text(ctx.page_text)):
            return True
        return self.risk_link is not None and any(self.risk_link.search(u)
                                                  for u in ctx.page.links)


class PageCitationsChecker(PageChecker):
    """`page-requires-citations`: pages that appeal to evidence must list their sources."""

    def __init__(self, spec: RuleSpec, ctx: CompileContext, extra: list[str]) -> None:
        check_options(spec, ("when_text",))
        self.spec = spec
        self.when = compile_required(spec, "when_text", ctx.lists, extra)

    def check_page(self, ctx: PageContext) -> Iterator[Hit]:
        page = ctx.page
        if page.meta.get("citations") or page.footnote_sources or external_links(page):
            return
        for block in page.blocks:
            m = self.when.search(block.text)
            if m:
                yield Hit(block.span(m.start(), m.end()), m.group(0), "")
                return


