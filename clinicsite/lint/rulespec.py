"""Load rule-pack YAML into RuleSpecs; a bad rule file is a located error."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clinicsite.errors import Level, Location, Problem, SiteError, did_you_mean
from clinicsite.frontmatter import parse_yaml_document

KINDS = ("phrase", "requires-citation", "testimonial", "claim", "image-disclosure", "page-requires-text",
         "page-requires-field", "review-date", "fair-balance", "page-requires-citations",
         "third-party-resource", "engine")
PAGE_KINDS = frozenset({"page-requires-text", "page-requires-field", "review-date",
                        "fair-balance", "page-requires-citations", "third-party-resource"})
BLOCK_KINDS = ("paragraph", "list_item", "heading", "blockquote", "table", "front_matter")
TEMPLATE = "template"  # a Jinja template of the site, linted only by rules that name it
CONTENT_TYPES = ("condition", "treatment", "benefit", "risk", "faq", "course", "practitioner",
                 "location", "page", TEMPLATE)
LEVEL_NAMES = ("error", "warning", "info", "off")
COMMON_KEYS = ("id", "kind", "level", "message", "fix", "reference", "summary", "scope",
               "examples", "aliases", "suppress")
PACK_KEYS = ("pack", "version", "description", "profile", "lists", "rules", "overrides")
OVERRIDE_KEYS = ("level", "message", "fix", "reference", "suppress", "options")
SUPPRESS_MODES = ("inline", "front-matter")  # front-matter: only an approved page waiver
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RuleError(SiteError):
    """A rule pack that cannot be used: names its file, line and column."""


@dataclass(frozen=True, slots=True)
class Example:
    """One example sentence or page for a rule, with the context to lint it in."""

    text: str
    content_type: str | None = None
    lint: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """Where a rule applies: content types (None: all) and block kinds."""

    content_types: frozenset[str] | None = None
    blocks: frozenset[str] = frozenset(BLOCK_KINDS)

    def covers_type(self, content_type: str | None) -> bool:
        """True when the rule applies to pages of `content_type`."""
        if content_type == TEMPLATE:  # templates are not prose: only rules that name them
            return self.content_types is not None and TEMPLATE in self.content_types
        return self.content_types is None or content_type in self.content_types

    def covers_prose(self) -> bool:
        """True when the rule applies to some kind of page (not only to templates)."""
        return self.content_types is None or bool(self.content_types - {TEMPLATE})


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One rule as declared in a pack: common fields plus its kind's own options."""

    id: str
    kind: str
    level: Level | None  # None: switched off
    message: str
    pack: str
    location: Location
    fix: str = ""
    reference: str = ""
    summary: str = ""
    scope: Scope = Scope()
    options: Mapping[str, Any] = field(default_factory=dict)
    flag_examples: tuple[Example, ...] = ()
    pass_examples: tuple[Example, ...] = ()
    aliases: tuple[str, ...] = ()
    suppress: str = "inline"

    @property
    def is_page_rule(self) -> bool:
        """True for rules that judge a whole page rather than a sentence."""
        return self.kind in PAGE_KINDS


@dataclass(frozen=True, slots=True)
class Override:
    """A profile's change to a rule declared elsewhere."""

    rule_id: str
    location: Location
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Pack:
    """A parsed rule-pack file."""

    name: str
    version: str
    description: str
    is_profile: bool
    path: str
    lists: Mapping[str, tuple[str, ...]]
    rules: tuple[RuleSpec, ...]
    overrides: tuple[Override, ...] = ()


class _Locator:
    """Turns key paths into Locations within one YAML file."""

    def __init__(self, path: str, lines: Mapping[tuple[str | int, ...], tuple[int, int]]) -> None:
        self.path, self.lines = path, lines

    def at(self, *keys: str | int) -> Location:
        for end in range(len(keys), 0, -1):
            if keys[:end] in self.lines:
                line, col = self.lines[keys[:end]]
                return Location(self.path, line, col)
        return Location(self.path, 1, 1)

    def fail(self, message: str, *keys: str | int, hint: str = "") -> RuleError:
        return RuleError([Problem(self.at(*keys), message, "rules", hint)])


def load_pack_file(path: Path, shown: str) -> Pack:
    """Read and validate one rule-pack file; `shown` is the path used in messages."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([Problem(Location(shown), f"cannot read rule file: {exc}", "rules")]
                        ) from None
    return parse_pack(text, shown)


def parse_pack(text: str, shown: str) -> Pack:
    """Parse the text of a rule-pack file."""
    try:
        parsed = parse_yaml_document(text, shown)
    except SiteError as error:
        problems = [Problem(p.location, p.message.replace("front matter", "rule file"), "rules",
                            p.hint) for p in error.problems]
        raise RuleError(problems) from None
    where = _Locator(shown, parsed.lines)
    data = parsed.data
    _check_keys(data, PACK_KEYS, where, ())
    name = _text(data, "pack", where, (), required=True)
    lists = _lists(data.get("lists") or {}, where)
    rules = tuple(_rule(raw, name, where, ("rules", i))
                  for i, raw in enumerate(_seq(data, "rules", where, ())))
    overrides = tuple(_override(rule_id, raw, where)
                      for rule_id, raw in _map(data, "overrides", where, ()).items())
    return Pack(name=name, version=str(data.get("version", "")),
                description=str(data.get("description", "")),
                is_profile=bool(data.get("profile", False)), path=shown, lists=lists,
                rules=rules, overrides=overrides)


def _rule(raw: Any, pack: str, where: _Locator, keys: tuple[str | int, ...]) -> RuleSpec:
    if not isinstance(raw, dict):
        raise where.fail("a rule must be a mapping with id, kind, level and message", *keys)
    rule_id = _text(raw, "id", where, keys, required=True)
    if not _ID.match(rule_id):
        raise where.fail(f"rule id '{rule_id}' must be kebab-case, e.g. 'absolute-claim'",
                         *keys, "id")
    kind = _text(raw, "kind", where, keys, required=True)
    if kind not in KINDS:
        raise where.fail(f"unknown rule kind '{kind}'{did_you_mean(kind, KINDS)}", *keys, "kind",
                         hint="kinds: " + ", ".join(KINDS))
    flag, passing = _examples(raw.get("examples"), where, keys)
    options = {k: v for k, v in raw.items() if k not in COMMON_KEYS}
    return RuleSpec(
        id=rule_id, kind=kind, level=_level(raw, where, keys), pack=pack,
        message=_text(raw, "message", where, keys, required=True), location=where.at(*keys),
        fix=_text(raw, "fix", where, keys), reference=_text(raw, "reference", where, keys),
        summary=_text(raw, "summary", where, keys), scope=_scope(raw.get("scope"), where, keys),
        options=options, flag_examples=flag, pass_examples=passing,
        aliases=tuple(str(a) for a in _seq(raw, "aliases", where, keys)),
        suppress=_suppress_mode(raw, where, keys))


def _suppress_mode(raw: Mapping[str, Any], where: _Locator, keys: tuple[str | int, ...]) -> str:
    value = str(raw.get("suppress", "inline"))
    if value not in SUPPRESS_MODES:
        raise where.fail(f"suppress must be inline or front-matter, got '{value}'", *keys,
                         "suppress")
    return value


def _override(rule_id: Any, raw: Any, where: _Locator) -> Override:
    keys = ("overrides", str(rule_id))
    if not isinstance(raw, dict):
        raise where.fail("an override must be a mapping such as {level: warning}", *keys)
    _check_keys(raw, OVERRIDE_KEYS, where, keys)
    if "level" in raw:
        _level(raw, where, keys)
    if "suppress" in raw:
        _suppress_mode(raw, where, keys)
    if "options" in raw and not isinstance(raw["options"], dict):
        raise where.fail("options must map kind options to values", *keys, "options")
    return Override(str(rule_id), where.at(*keys), dict(raw))


def _level(raw: Mapping[str, Any], where: _Locator, keys: tuple[str | int, ...]) -> Level | None:
    value = str(raw.get("level", ""))
    if value not in LEVEL_NAMES:
        raise where.fail(f"level must be one of {', '.join(LEVEL_NAMES)}, got '{value}'"
                         f"{did_you_mean(value, LEVEL_NAMES)}", *keys, "level")
    return None if value == "off" else Level(value)


def _scope(raw: Any, where: _Locator, keys: tuple[str | int, ...]) -> Scope:
    if raw is None:
        return Scope()
    if not isinstance(raw, dict):
        raise where.fail("scope must be a mapping {content_types: [...], blocks: [...]}",
                         *keys, "scope")
    _check_keys(raw, ("content_types", "blocks"), where, (*keys, "scope"))
    types = _choices(raw, "content_types", CONTENT_TYPES, where, (*keys, "scope"))
    blocks = _choices(raw, "blocks", BLOCK_KINDS, where, (*keys, "scope"))
    return Scope(content_types=types, blocks=blocks if blocks is not None else Scope().blocks)


def _choices(raw: Mapping[str, Any], key: str, allowed: tuple[str, ...], where: _Locator,
             keys: tuple[str | int, ...]) -> frozenset[str] | None:
    if key not in raw:
        return None
    values = _seq(raw, key, where, keys)
    for i, value in enumerate(values):
        if value not in allowed:
            raise where.fail(f"unknown {key[:-1].replace('_', ' ')} '{value}'"
                             f"{did_you_mean(str(value), allowed)}", *keys, key, i)
    return frozenset(str(v) for v in values)


def _examples(raw: Any, where: _Locator, keys: tuple[str | int, ...]
              ) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if raw is None:
        return (), ()
    if not isinstance(raw, dict):
        raise where.fail("examples must be a mapping {flag: [...], pass: [...]}", *keys,
                         "examples")
    _check_keys(raw, ("flag", "pass"), where, (*keys, "examples"))
    return (tuple(_example(v, where, (*keys, "examples", "flag", i))
                  for i, v in enumerate(_seq(raw, "flag", where, (*keys, "examples")))),
            tuple(_example(v, where, (*keys, "examples", "pass", i))
                  for i, v in enumerate(_seq(raw, "pass", where, (*keys, "examples")))))


def _example(raw: Any, where: _Locator, keys: tuple[str | int, ...]) -> Example:
    if isinstance(raw, str):
        return Example(raw)
    if isinstance(raw, dict) and isinstance(raw.get("text"), str):
        _check_keys(raw, ("text", "content_type", "lint"), where, keys)
        return Example(raw["text"], raw.get("content_type"), raw.get("lint"))
    raise where.fail("an example is a string or {text, content_type, lint}", *keys)


def _lists(raw: Any, where: _Locator) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise where.fail("lists must map a name to a list of patterns", "lists")
    out = {}
    for name, values in raw.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise where.fail(f"list '{name}' must be a list of strings", "lists", str(name))
        out[str(name)] = tuple(values)
    return out


def _check_keys(raw: Mapping[str, Any], allowed: tuple[str, ...], where: _Locator,
                keys: tuple[str | int, ...]) -> None:
    for key in raw:
        if key not in allowed:
            raise where.fail(f"unknown key '{key}'{did_you_mean(str(key), allowed)}", *keys,
                             str(key))


def _text(raw: Mapping[str, Any], key: str, where: _Locator, keys: tuple[str | int, ...],
          required: bool = False) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            raise where.fail(f"missing required key '{key}'", *keys)
        return ""
    if not isinstance(value, str | int | float):
        raise where.fail(f"'{key}' must be text", *keys, key)
    return str(value)


def _seq(raw: Mapping[str, Any], key: str, where: _Locator,
         keys: tuple[str | int, ...]) -> list[Any]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise where.fail(f"'{key}' must be a list", *keys, key)
    return value


def _map(raw: Mapping[str, Any], key: str, where: _Locator,
         keys: tuple[str | int, ...]) -> dict[str, Any]:
    value = raw.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise where.fail(f"'{key}' must be a mapping", *keys, key)
    return value


def fail_at(spec: RuleSpec, message: str) -> RuleError:
    """A located error for a rule whose kind-specific options are wrong."""
    return RuleError([Problem(spec.location, f"rule '{spec.id}': {message}", "rules")])
