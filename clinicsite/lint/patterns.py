"""Compile rule patterns once: phrases to regexes, `{@list}` references expanded."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from clinicsite.lint.prefilter import check_parses, readable
from clinicsite.lint.rulespec import RuleSpec, fail_at

_LIST_REF = re.compile(r"\{@([a-z_][a-z0-9_]*)\}")
FLAGS = re.IGNORECASE


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex: any run of spaces matches any whitespace, words whole."""
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words)
    start = r"\b" if phrase[:1].isalnum() else ""
    end = r"\b" if phrase[-1:].isalnum() else ""
    return f"{start}{body}{end}"


def expand(pattern: str, spec: RuleSpec, lists: Mapping[str, Sequence[str]]) -> str | None:
    """Replace `{@name}` with the named list as an alternation; None when a list is empty."""
    missing: list[str] = []

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in lists:
            missing.append(name)
            return ""
        return "(?:" + "|".join(lists[name]) + ")" if lists[name] else "(?!)"

    out = _LIST_REF.sub(sub, pattern)
    if missing:
        raise fail_at(spec, f"unknown list '@{missing[0]}' in pattern '{pattern}'")
    return None if "(?!)" in out and "(?!)" not in pattern else out


def compile_one(pattern: str, spec: RuleSpec, lists: Mapping[str, Sequence[str]],
                flags: int = FLAGS) -> re.Pattern[str] | None:
    """Compile one pattern, with a located error when it is not a valid regex."""
    expanded = expand(pattern, spec, lists)
    if expanded is None:
        return None
    try:
        return re.compile(expanded, flags)
    except re.error as exc:
        raise fail_at(spec, f"bad pattern '{pattern}': {exc}") from None


def check_one(pattern: str, spec: RuleSpec, shown: str, flags: int = FLAGS) -> None:
    """A located error when `pattern` (an expanded form of the rule's `shown`) is not a valid
    regex, without compiling it when the parser can tell (compiling is the costly part, and
    most of a rule set's patterns never meet a word they could match). Look-behinds, whose
    widths only the compiler checks, are compiled."""
    try:
        if readable() and "(?<=" not in pattern and "(?<!" not in pattern:
            check_parses(pattern, flags)
        else:
            re.compile(pattern, flags)
    except (re.error, RecursionError) as exc:
        raise fail_at(spec, f"bad pattern '{shown}': {exc}") from None


def compile_any(patterns: Sequence[str], spec: RuleSpec, lists: Mapping[str, Sequence[str]],
                flags: int = FLAGS) -> re.Pattern[str] | None:
    """One regex matching any of `patterns` (None when there are none)."""
    parts = [p for p in (expand(x, spec, lists) for x in patterns) if p is not None]
    if not parts:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in parts), flags)
    except re.error as exc:
        for part in parts:
            compile_one(part, spec, {}, flags)  # locate the bad one
        raise fail_at(spec, f"these patterns cannot be combined: {exc}") from None


def compile_required(spec: RuleSpec, key: str, lists: Mapping[str, Sequence[str]],
                     extra: Sequence[str] = ()) -> re.Pattern[str]:
    """One regex for the kind option `key` plus the site's extra phrases; it must not be empty."""
    pattern = compile_any(string_list(spec, key, required=True) + list(extra), spec, lists)
    if pattern is None:
        raise fail_at(spec, f"'{key}' needs at least one pattern")
    return pattern


def string_list(spec: RuleSpec, key: str, required: bool = False) -> list[str]:
    """A kind option that must be a list of strings."""
    value = spec.options.get(key)
    if value is None:
        if required:
            raise fail_at(spec, f"kind '{spec.kind}' needs '{key}'")
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail_at(spec, f"'{key}' must be a list of strings")
    return list(value)


def check_options(spec: RuleSpec, allowed: Sequence[str]) -> None:
    """Refuse option keys the rule's kind does not read."""
    from clinicsite.errors import did_you_mean

    for key in spec.options:
        if key not in allowed:
            raise fail_at(spec, f"unknown key '{key}' for kind '{spec.kind}'"
                                f"{did_you_mean(key, list(allowed))}")


def option(spec: RuleSpec, key: str, default: Any, kind: type | tuple[type, ...]) -> Any:
    """A scalar kind option of the given type."""
    value = spec.options.get(key, default)
    if not isinstance(value, kind):
        raise fail_at(spec, f"'{key}' has the wrong type: {value!r}")
    return value
