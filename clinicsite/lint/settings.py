"""The `lint:` section of site_config.yaml, validated once, with the rule set compiled from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from clinicsite.errors import Level, Location, Problem, SiteError, did_you_mean
from clinicsite.lint.kinds import Checker, CompileContext, build_checker
from clinicsite.lint.patterns import phrase_regex
from clinicsite.lint.rulespec import LEVEL_NAMES, Pack, RuleError, RuleSpec, load_pack_file

PACK_DIR = Path(__file__).parent / "packs"
PROFILES = ("us-ftc", "uk-cap", "au-ahpra")
DEFAULT_PROFILE = "us-ftc"
ALWAYS_PACKS = ("base", "courses")
FAIL_LEVELS = ("error", "warning", "info")

# Every key the `lint:` mapping accepts, with its meaning (documented in the README, section Linter).
SETTING_KEYS: dict[str, str] = {
    "profile": "jurisdiction profile: us-ftc (default), uk-cap or au-ahpra",
    "disable": "rule ids to switch off for the whole site",
    "levels": "rule id -> error | warning | info | off",
    "phrases": "rule id -> extra phrases the clinic wants flagged by that rule",
    "rules": "extra rule files (same format as the packs), relative to the site folder",
    "unproven_conditions": "conditions the site treats as unproven, for unapproved-use",
    "allowed_domains": "other sites pages may load scripts, images or embeds from "
                       "(the build adds hosting.allow_third_party and the site's own host)",
    "max_review_age_months": "how old last_reviewed may be before stale-review-date (12)",
    "baseline": "baseline file of accepted findings, relative to the site folder",
    "fail_on": "lowest level that fails `lint` (error)",
    "second_reading": "true (default): a flagged sentence that the trained model reads, with "
                      "its paragraph, as hedged or sourced copy is reported as suppressed; "
                      "false: every finding counts",
}


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule as this site runs it: its spec (levels applied) and compiled checker."""

    spec: RuleSpec
    checker: Checker | None


@dataclass(frozen=True, slots=True)
class LintSettings:
    """Validated lint settings plus the compiled rules they select."""

    profile: str = DEFAULT_PROFILE
    rules: tuple[ActiveRule, ...] = ()
    packs: tuple[tuple[str, str], ...] = ()
    max_review_months: int = 12
    baseline: Path | None = None
    fail_on: str = "error"
    known_ids: frozenset[str] = frozenset()
    aliases: Mapping[str, str] = field(default_factory=dict)
    second_reading: bool = True

    def canonical(self, rule_id: str) -> str:
        """The rule id an alias stands for (or the id itself)."""
        return self.aliases.get(rule_id, rule_id)

    def rule(self, rule_id: str) -> ActiveRule | None:
        """The active rule with this id or alias."""
        wanted = self.canonical(rule_id)
        return next((r for r in self.rules if r.spec.id == wanted), None)


class _Where:
    def __init__(self, source: str, lines: Mapping[tuple[str | int, ...], tuple[int, int]]):
        self.source, self.lines = source, lines

    def fail(self, message: str, *keys: str | int, hint: str = "") -> SiteError:
        for end in range(len(keys), 0, -1):
            if keys[:end] in self.lines:
                line, col = self.lines[keys[:end]]
                location = Location(self.source, line, col)
                break
        else:
            location = Location(self.source, 1, 1) if self.lines else Location(self.source)
        return SiteError([Problem(location, message, "lint-config", hint)])


def load_lint_settings(raw: Mapping[str, Any] | None, *, source: str = "site_config.yaml",
                       lines: Mapping[tuple[str | int, ...], tuple[int, int]] | None = None,
                       site_dir: Path | None = None) -> LintSettings:
    """Validate the `lint:` mapping and compile the rule set it selects."""
    raw = dict(raw or {})
    where = _Where(source, {("lint", *k): v for k, v in (lines or {}).items()})
    for key in raw:
        if key not in SETTING_KEYS:
            raise where.fail(f"unknown lint setting '{key}'{did_you_mean(str(key), SETTING_KEYS)}",
                             "lint", str(key))
    profile = _choice(raw, "profile", PROFILES, DEFAULT_PROFILE, where)
    fail_on = _choice(raw, "fail_on", FAIL_LEVELS, "error", where)
    months = raw.get("max_review_age_months", 12)
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise where.fail(f"max_review_age_months must be a whole number of months, got {months!r}",
                         "lint", "max_review_age_months")
    packs = [*(_builtin(name) for name in ALWAYS_PACKS), _builtin(profile)]
    packs += [_custom(path, i, site_dir, where) for i, path in enumerate(_list(raw, "rules", where))]
    specs = _merge(packs)
    aliases = {a: s.id for s in specs.values() for a in s.aliases}
    known = frozenset(specs) | frozenset(aliases)
    specs = _apply_levels(specs, raw, aliases, known, where)
    lists = _lists(packs, raw, where)
    extra = _phrases(raw, aliases, known, where)
    compile_ctx = CompileContext(lists, months)
    rules = tuple(ActiveRule(spec, build_checker(spec, compile_ctx, extra.get(spec.id, [])))
                  for spec in specs.values() if spec.level is not None)
    baseline = raw.get("baseline")
    second_reading = raw.get("second_reading", True)
    if not isinstance(second_reading, bool):
        raise where.fail(f"second_reading must be true or false, got {second_reading!r}",
                         "lint", "second_reading")
    return LintSettings(
        profile=profile, rules=rules, packs=tuple((p.name, p.version) for p in packs),
        max_review_months=months, fail_on=fail_on, known_ids=known, aliases=aliases,
        second_reading=second_reading,
        baseline=(site_dir or Path(".")) / str(baseline) if baseline else None)


def _choice(raw: Mapping[str, Any], key: str, choices: tuple[str, ...], default: str,
            where: _Where) -> str:
    value = raw.get(key, default)
    if value not in choices:
        raise where.fail(f"{key} must be one of {', '.join(choices)}, got '{value}'"
                         f"{did_you_mean(str(value), choices)}", "lint", key)
    return str(value)


def _list(raw: Mapping[str, Any], key: str, where: _Where) -> list[str]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.fail(f"{key} must be a list of strings", "lint", key)
    return value


@cache
def _builtin(name: str) -> Pack:
    return load_pack_file(PACK_DIR / f"{name}.yaml", f"clinicsite/lint/packs/{name}.yaml")


def _custom(path: str, index: int, site_dir: Path | None, where: _Where) -> Pack:
    full = (site_dir or Path(".")) / path
    if not full.is_file():
        raise where.fail(f"rule file '{path}' not found", "lint", "rules", index,
                         hint="paths are relative to the site folder")
    return load_pack_file(full, path)


def _merge(packs: list[Pack]) -> dict[str, RuleSpec]:
    specs: dict[str, RuleSpec] = {}
    for pack in packs:
        for spec in pack.rules:
            if spec.id in specs:
                first = specs[spec.id].location
                raise RuleError([Problem(spec.location, f"rule '{spec.id}' is already defined "
                                         f"at {first}", "rules")])
            specs[spec.id] = spec
        for override in pack.overrides:
            if override.rule_id not in specs:
                raise RuleError([Problem(override.location, f"override of unknown rule "
                                         f"'{override.rule_id}'"
                                         f"{did_you_mean(override.rule_id, list(specs))}",
                                         "rules")])
            specs[override.rule_id] = _overridden(specs[override.rule_id], override.values)
    return specs


def _overridden(spec: RuleSpec, values: Mapping[str, Any]) -> RuleSpec:
    changes: dict[str, Any] = {k: str(v) for k, v in values.items()
                               if k not in ("level", "options")}
    if "options" in values:  # a profile may change what a kind reads ({disclosure: []})
        changes["options"] = {**spec.options, **values["options"]}
    if "level" in values:
        changes["level"] = None if values["level"] == "off" else Level(values["level"])
    return replace(spec, **changes)


def _apply_levels(specs: dict[str, RuleSpec], raw: Mapping[str, Any], aliases: Mapping[str, str],
                  known: frozenset[str], where: _Where) -> dict[str, RuleSpec]:
    out = dict(specs)
    for i, rule_id in enumerate(_list(raw, "disable", where)):
        _known(rule_id, known, where, "disable", i)
        out[aliases.get(rule_id, rule_id)] = replace(out[aliases.get(rule_id, rule_id)],
                                                     level=None)
    levels = raw.get("levels", {})
    if not isinstance(levels, dict):
        raise where.fail("levels must map rule ids to error, warning, info or off", "lint",
                         "levels")
    for rule_id, level in levels.items():
        _known(str(rule_id), known, where, "levels", str(rule_id))
        if level not in LEVEL_NAMES:
            raise where.fail(f"level of '{rule_id}' must be one of {', '.join(LEVEL_NAMES)}, got "
                             f"'{level}'{did_you_mean(str(level), LEVEL_NAMES)}", "lint",
                             "levels", str(rule_id))
        canonical = aliases.get(str(rule_id), str(rule_id))
        out[canonical] = replace(out[canonical], level=None if level == "off" else Level(level))
    return out


def _known(rule_id: str, known: frozenset[str], where: _Where, *keys: str | int) -> None:
    if rule_id not in known:
        raise where.fail(f"unknown rule '{rule_id}'{did_you_mean(rule_id, known)}", "lint", *keys)


def _lists(packs: list[Pack], raw: Mapping[str, Any], where: _Where) -> dict[str, tuple[str, ...]]:
    lists: dict[str, tuple[str, ...]] = {}
    for pack in packs:
        for name, values in pack.lists.items():
            lists[name] = lists.get(name, ()) + values
    unproven = _list(raw, "unproven_conditions", where)
    lists["unproven_conditions"] = tuple(phrase_regex(c) for c in unproven)
    lists["allowed_domains"] = tuple(_list(raw, "allowed_domains", where))
    return lists


def _phrases(raw: Mapping[str, Any], aliases: Mapping[str, str], known: frozenset[str],
             where: _Where) -> dict[str, list[str]]:
    value = raw.get("phrases", {})
    if not isinstance(value, dict):
        raise where.fail("phrases must map a rule id to a list of phrases", "lint", "phrases")
    out: dict[str, list[str]] = {}
    for rule_id, phrases in value.items():
        _known(str(rule_id), known, where, "phrases", str(rule_id))
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise where.fail(f"phrases for '{rule_id}' must be a list of strings", "lint",
                             "phrases", str(rule_id))
        out.setdefault(aliases.get(str(rule_id), str(rule_id)), []).extend(phrases)
    return out
