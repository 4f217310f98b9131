"""Run the enabled rules over pages; apply levels, suppressions and the baseline; sort."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from clinicsite.content_types import FOLDER_TYPES
from clinicsite.errors import Level
from clinicsite.lint import parallel
from clinicsite.lint.baseline import apply_baseline, read_baseline
from clinicsite.lint.claims.judge import Judge, judge, sound_signals, why
from clinicsite.lint.claims.pagetype import infer_page_type, mentions_courses
from clinicsite.lint.findings import Finding, LintRun, RuleInfo, Span, Suppression
from clinicsite.lint.kinds import Hit, PageChecker, PageContext, SentenceChecker
from clinicsite.lint.kinds.phrase import PhraseChecker, Trigger
from clinicsite.lint.memo import LintMemo, PageResults, document_digest
from clinicsite.lint.prefilter import KeyIndexer
from clinicsite.lint.rulespec import RuleSpec
from clinicsite.lint.settings import ActiveRule, LintSettings
from clinicsite.lint.source import SourcePage, scan_page
from clinicsite.lint.suppress import DirectiveProblem, covering, read_suppressions

if TYPE_CHECKING:
    from clinicsite.lint import LintDocument

_HIDDEN = re.compile(r"<(script|style|template|head)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")


class _Plan:
    """Rules sorted once per run: sentence checkers per content type, page checkers."""

    def __init__(self, settings: LintSettings) -> None:
        self.settings = settings
        self.sentence = [r for r in settings.rules if isinstance(r.checker, SentenceChecker)]
        self.page = [r for r in settings.rules if isinstance(r.checker, PageChecker)]
        self.by_id = {r.spec.id: r.spec for r in settings.rules}
        self._cache: dict[tuple[str | None, bool], TriggerIndex] = {}
        self.indexer = KeyIndexer(_trigger_keys(self.sentence))
        self.judge = judge() if settings.second_reading else None

    def sentence_rules(self, content_type: str | None, courses: bool = True) -> TriggerIndex:
        """Sentence rules that apply to pages of `content_type`, indexed by trigger key. A page
        of no known type gets every rule written for prose (it could be any kind of page),
        except rules only for course pages when it never speaks of courses."""
        key = (content_type, courses)
        if key not in self._cache:
            self._cache[key] = TriggerIndex(
                [r for r in self.sentence if r.spec.scope.covers_type(content_type)
                 or (content_type is None and r.spec.scope.covers_prose()
                     and (courses or r.spec.scope.content_types != {"course"}))])
        return self._cache[key]


class TriggerIndex:
    """Maps each word-prefix key to the phrase triggers it can start, so that a block is
    checked only by the triggers whose first words it contains (one dict lookup per key)."""

    def __init__(self, rules: list[ActiveRule]) -> None:
        self.rules = rules
        self.other = [r for r in rules if not isinstance(r.checker, PhraseChecker)]
        # (rule number, the trigger's place in its rule) per key
        self.by_key: dict[str, list[tuple[int, int]]] = {}
        self.always: list[tuple[int, int]] = []
        for number, rule in enumerate(rules):
            if isinstance(rule.checker, PhraseChecker):
                for place, trigger in enumerate(rule.checker.triggers):
                    if trigger.keys is None:
                        self.always.append((number, place))
                    else:
                        for key in trigger.keys:
                            self.by_key.setdefault(key, []).append((number, place))
        self.key_set = frozenset(self.by_key)

    def candidates(self, keys: frozenset[str] | None) -> list[tuple[int, list[Trigger]]]:
        """(rule number, its triggers in order) worth trying on a block that offers these keys
        (None: not known, every trigger), by rule number."""
        chosen = set(self.always)
        by_key = self.by_key
        for key in self.key_set if keys is None else keys & self.key_set:  # C-level: used keys
            chosen.update(by_key[key])
        found: dict[int, list[Trigger]] = {}
        rules = self.rules
        for number, place in sorted(chosen):
            checker = rules[number].checker
            assert isinstance(checker, PhraseChecker)
            found.setdefault(number, []).append(checker.triggers[place])
        return list(found.items())


def _trigger_keys(rules: list[ActiveRule]) -> frozenset[str]:
    """Every key some trigger of these rules needs (see prefilter)."""
    keys: set[str] = set()
    for rule in rules:
        checker = rule.checker
        triggers = checker.triggers if isinstance(checker, PhraseChecker) else [checker]
        for trigger in triggers:
            keys.update(trigger.keys or ())
    return frozenset(keys)


def run_lint(documents: Sequence[LintDocument], settings: LintSettings, *, today: date,
             practitioners: Mapping[str, Mapping[str, Any]] | None = None,
             jobs: int | None = None, memo: LintMemo | None = None) -> LintRun:
    """Lint every document and return the run, findings sorted by file and position."""
    started = time.perf_counter()
    plan = _Plan(settings)
    with parallel.gc_paused():
        if memo is None:
            findings, suppressions = _lint_all(documents, plan, today, practitioners, jobs)
        else:
            findings, suppressions = _lint_with_memo(documents, plan, today, practitioners, jobs,
                                                     memo)
    findings.sort(key=Finding.sort_key)
    if settings.baseline is not None:
        findings = apply_baseline(findings, read_baseline(settings.baseline))
    stale = _stale_pages(findings, plan)
    return LintRun(
        findings=tuple(findings), suppressions=tuple(suppressions), rules=_catalogue(settings),
        profile=settings.profile, packs=settings.packs, today=today,
        paths=tuple(d.path for d in documents), seconds=time.perf_counter() - started,
        site_mode=any(d.rendered_html is not None for d in documents), stale_pages=stale)


def _lint_all(documents: Sequence[LintDocument], plan: _Plan, today: date,
              practitioners: Mapping[str, Mapping[str, Any]] | None, jobs: int | None
              ) -> tuple[list[Finding], list[Suppression]]:
    workers = parallel.worker_count(len(documents), jobs)
    if workers > 1:
        return parallel.lint_in_processes(documents, workers, lint_document, plan, today,
                                          practitioners)
    findings: list[Finding] = []
    suppressions: list[Suppression] = []
    for document in documents:
        page_findings, page_suppressions = lint_document(document, plan, today, practitioners)
        findings.extend(page_findings)
        suppressions.extend(page_suppressions)
    return findings, suppressions


def _lint_with_memo(documents: Sequence[LintDocument], plan: _Plan, today: date,
                    practitioners: Mapping[str, Mapping[str, Any]] | None, jobs: int | None,
                    memo: LintMemo) -> tuple[list[Finding], list[Suppression]]:
    key, earlier = memo.key, memo.results  # a snapshot: an overlapping run may move it on
    digests = [document_digest(document) for document in documents]
    todo = [d for d, digest in zip(documents, digests, strict=True) if digest not in earlier]
    findings, suppressions = _lint_all(todo, plan, today, practitioners, jobs)
    by_path: dict[str, PageResults] = {d.path: ([], []) for d in todo}
    for finding in findings:
        by_path[finding.path][0].append(finding)
    for suppression in suppressions:
        by_path[suppression.path][1].append(suppression)
    results = {digest: earlier[digest] if digest in earlier else by_path[document.path]
               for document, digest in zip(documents, digests, strict=True)}
    memo.store(key, results)
    return ([f for digest in digests for f in results[digest][0]],
            [s for digest in digests for s in results[digest][1]])


def lint_document(document: LintDocument, plan: _Plan, today: date,
                  practitioners: Mapping[str, Mapping[str, Any]] | None
                  ) -> tuple[list[Finding], list[Suppression]]:
    """Findings and suppressions for one page."""
    page = scan_page(document.path, document.text, document.front)
    declared = _content_type(document, page)
    text = html_text(document.rendered_html) if document.rendered_html else page.prose()
    inferred = infer_page_type(text) if declared is None else None
    content_type = declared if inferred is None else inferred.content_type
    ctx = PageContext(document.path, content_type, page, text, document.linked_types,
                      practitioners, today, indexer=plan.indexer, declared_type=declared,
                      inferred=inferred if inferred and inferred.content_type != "page" else None,
                      judge=plan.judge)
    findings = [_finding(spec, hit, document.path) for spec, hit in _hits(ctx, plan)]
    findings += _engine_findings(page, plan)
    suppressions, problems = read_suppressions(page, _resolver(plan))
    findings += [_problem_finding(p, plan, document.path) for p in problems
                 if p.rule_id in plan.by_id]
    return _suppressed(findings, suppressions, plan), suppressions


def _hits(ctx: PageContext, plan: _Plan) -> list[tuple[RuleSpec, Hit]]:
    out: list[tuple[RuleSpec, Hit]] = []
    untyped = ctx.declared_type is None
    triggers = plan.sentence_rules(ctx.declared_type,
                                   courses=not untyped or mentions_courses(ctx.page.prose()))
    for block in ctx.page.blocks:
        found: list[tuple[RuleSpec, Hit]] = []
        for number, chosen in triggers.candidates(ctx.keys(block)):
            rule = triggers.rules[number]
            if block.kind in rule.spec.scope.blocks:
                checker = rule.checker
                assert isinstance(checker, PhraseChecker)
                found.extend((rule.spec, hit) for hit in checker.check_block(ctx, block, chosen))
        for rule in triggers.other:
            checker = rule.checker
            assert isinstance(checker, SentenceChecker)
            if block.kind in rule.spec.scope.blocks and checker.could_match(ctx, block):
                found.extend((rule.spec, hit) for hit in checker.check_block(ctx, block))
        out += _second_reading(found, block.text, plan.judge) if found and plan.judge else found
    out = _without_deferred(out)
    for rule in plan.page:
        if rule.spec.scope.covers_type(ctx.content_type) and not (
                ctx.inferred is not None and rule.spec.kind in FIELD_KINDS):
            assert isinstance(rule.checker, PageChecker)
            out.extend((rule.spec, _said_inferred(hit, rule.spec, ctx))
                       for hit in rule.checker.check_page(ctx))
    return out


def _second_reading(hits: list[tuple[RuleSpec, Hit]], paragraph: str, judge: Judge
                    ) -> list[tuple[RuleSpec, Hit]]:
    """Mark the hits the trained model lets through: the sentence itself hedges, sources or
    limits what it says, and the sentence and its paragraph read as sound copy (see
    lint/claims/judge.py). Errors, and rules only an approved waiver may lift, are never let
    through: on real pages the model alone cannot tell 'safe and effective' from a disclosure."""
    out = []
    for spec, hit in hits:
        sentence = hit.context or paragraph
        signals = () if spec.suppress == "front-matter" or (
            hit.level or spec.level) is Level.ERROR else sound_signals(sentence)
        reasons = judge.lets_through(sentence, paragraph) if signals else None
        out.append((spec, replace(hit, let_through=(signals, reasons))) if reasons is not None
                   else (spec, hit))
    return out


def _without_deferred(hits: list[tuple[RuleSpec, Hit]]) -> list[tuple[RuleSpec, Hit]]:
    """Drop the hits of deferring rules (a general efficacy claim) in a sentence another
    sentence rule already flags: the more specific finding says it better."""
    if not any(_defers(spec, h) for spec, h in hits):
        return hits
    others = [h for spec, h in hits if not _defers(spec, h)]
    return [(spec, h) for spec, h in hits
            if not _defers(spec, h) or not any(_same_sentence(h, o) for o in others)]


def _defers(spec: RuleSpec, hit: Hit) -> bool:
    return hit.defers or (spec.kind == "claim" and bool(spec.options.get("defer")))


def _same_sentence(a: Hit, b: Hit) -> bool:
    return a.context == b.context and a.span.line <= b.span.end_line and \
        b.span.line <= a.span.end_line


# rules about front-matter fields: a page nobody typed is not expected to carry them
FIELD_KINDS = frozenset({"page-requires-field", "review-date"})


def _said_inferred(hit: Hit, spec: RuleSpec, ctx: PageContext) -> Hit:
    """A page-level finding on a page whose type was read from its text says so."""
    if ctx.inferred is None:
        return hit
    evidence = ", ".join(f"'{word}'" for word in ctx.inferred.evidence)
    note = (f" (this page has no type: it reads as a {ctx.inferred.content_type} page because "
            f"it mentions {evidence}; set `type:` in its front matter, or lint with --type, "
            f"if it is not one)")
    return replace(hit, message=(hit.message or spec.message) + note)


def _finding(spec: RuleSpec, hit: Hit, path: str) -> Finding:
    assert spec.level is not None
    message = (hit.message or spec.message).replace("{match}", hit.excerpt)
    level = hit.level or spec.level
    if hit.level is not None and spec.level is Level.INFO:
        level = Level.INFO  # a site that lowered a rule to info keeps it there
    let_through = None if hit.let_through is None else Suppression(
        path, hit.span.line, hit.span.column, (spec.id,), "model", why(*hit.let_through))
    return Finding(spec.id, level, message, path, hit.span, hit.excerpt, spec.fix,
                   spec.reference, spec.pack, hit.context, suppressed_by=let_through)


def _engine_findings(page: SourcePage, plan: _Plan) -> list[Finding]:
    problem = page.front_problem
    spec = plan.by_id.get("front-matter-error")
    if problem is None or spec is None:
        return []
    line, col = problem.location.line or 1, problem.location.column or 1
    hit = Hit(Span(line, col, line, col + 1), problem.message, "",
              message=f"{problem.message}; the rest of the page was still linted")
    return [_finding(spec, hit, page.path)]


def _problem_finding(problem: DirectiveProblem, plan: _Plan, path: str) -> Finding:
    hit = Hit(problem.span, problem.excerpt, problem.excerpt, message=problem.message)
    return _finding(plan.by_id[problem.rule_id], hit, path)


def _resolver(plan: _Plan) -> Any:
    known = plan.settings.known_ids

    def resolve(name: str) -> str | None:
        return plan.settings.canonical(name) if name in known else None

    return resolve


def _suppressed(findings: list[Finding], suppressions: list[Suppression], plan: _Plan
                ) -> list[Finding]:
    if not suppressions:
        return findings
    out: list[Finding] = []
    refused: set[tuple[int, int]] = set()
    for finding in findings:
        spec = plan.by_id.get(finding.rule_id)
        chosen = None
        for s in covering(finding, suppressions):
            if spec is not None and spec.suppress == "front-matter" and not (
                    s.scope == "page" and s.approved_by):
                refused.add((s.line, s.column))
                continue
            chosen = s
            break
        out.append(replace(finding, suppressed_by=chosen) if chosen else finding)
    not_allowed = plan.by_id.get("suppression-not-allowed")
    for line, column in sorted(refused) if not_allowed else ():
        hit = Hit(Span(line, column, line, column + 4), "suppression", "")
        out.append(_finding(not_allowed, hit, suppressions[0].path))
    return out


def _content_type(document: LintDocument, page: SourcePage) -> str | None:
    declared = page.meta.get("type")
    if _stem(document.path) == "_index" and not isinstance(declared, str):
        return "page"  # a section's intro (listing) page is not itself a health page
    return document.content_type or _type_from_meta(page)


def _stem(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".md")


def _type_from_meta(page: SourcePage) -> str | None:
    value = page.meta.get("type")
    if isinstance(value, str):
        return value
    parts = page.path.replace("\\", "/").split("/")
    folder = FOLDER_TYPES.get(parts[-2]) if len(parts) > 1 else None
    return folder.value if folder else None


def html_text(markup: str) -> str:
    """The visible text of an HTML page (scripts, styles and head removed)."""
    return html.unescape(_TAGS.sub(" ", _HIDDEN.sub(" ", markup)))


def _stale_pages(findings: list[Finding], plan: _Plan) -> tuple[tuple[str, str], ...]:
    kinds = {i for i, s in plan.by_id.items() if s.kind == "review-date"}
    return tuple(sorted({(f.path, f.excerpt) for f in findings if f.rule_id in kinds}))


def _catalogue(settings: LintSettings) -> tuple[RuleInfo, ...]:
    return tuple(
        RuleInfo(r.spec.id, r.spec.level or Level.INFO, r.spec.kind, r.spec.pack,
                 r.spec.summary or r.spec.message.replace("'{match}' ", ""), r.spec.fix,
                 r.spec.reference, "page" if r.spec.is_page_rule else "sentence")
        for r in settings.rules)
