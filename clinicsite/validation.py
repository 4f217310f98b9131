"""Check plain YAML values against declared FieldSpecs, collecting located problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlparse

from clinicsite.content_types import FieldSpec, Kind
from clinicsite.errors import Location, Problem, did_you_mean

Locate = Callable[..., Location]

_EXAMPLES: dict[Kind, str] = {
    Kind.STRING: "some text",
    Kind.TEXT: "a sentence or two",
    Kind.INTEGER: "3",
    Kind.NUMBER: "7.5",
    Kind.BOOLEAN: "true",
    Kind.DATE: "2026-05-14",
    Kind.DATETIME: "2027-03-14T09:00",
    Kind.URL: "https://example.org/page",
    Kind.REF: "neck-pain",
    Kind.STRING_LIST: "[first, second]",
    Kind.REF_LIST: "[neck-pain, low-back-pain]",
    Kind.MAPPING: "a block of 'key: value' lines",
    Kind.MAPPING_LIST: "a list of '- key: value' blocks",
    Kind.CITATIONS: "a list of {title, url} entries",
}


def check_mapping(data: Mapping[str, Any], specs: tuple[FieldSpec, ...], locate: Locate,
                  code: str, prefix: tuple[str | int, ...] = ()) -> tuple[dict[str, Any], list[Problem]]:
    """Validate `data` against `specs`; return the cleaned values and every problem found."""
    by_name = {spec.name: spec for spec in specs}
    cleaned: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in data.items():
        key_path = (*prefix, str(key))
        spec = by_name.get(str(key))
        if spec is None:
            problems.append(Problem(
                locate(*key_path), f"unknown field '{key}'{did_you_mean(str(key), by_name)}", code,
                hint="allowed here: " + ", ".join(sorted(by_name))))
            continue
        if value is None and not spec.required:
            continue
        checked, found = check_value(value, spec, locate, code, key_path)
        problems.extend(found)
        if not found:
            cleaned[spec.name] = checked
    for spec in specs:
        # Every declared field is present (None when unset) so templates can test it.
        cleaned.setdefault(spec.name, None)
        if spec.required and data.get(spec.name) in (None, "", [], {}):
            problems.append(Problem(
                locate(*prefix) if prefix else locate(), f"missing required field '{spec.name}'",
                code, hint=f"add '{spec.name}: {_EXAMPLES[spec.kind]}' ({spec.doc})"))
    return cleaned, problems


def check_value(value: Any, spec: FieldSpec, locate: Locate, code: str,
                key_path: tuple[str | int, ...]) -> tuple[Any, list[Problem]]:
    """Validate one value; return it converted (dates, URLs) plus any problems."""
    checker = _CHECKERS[spec.kind]
    result = checker(value, spec, locate, code, key_path)
    if isinstance(result, Problem):
        return None, [result]
    if isinstance(result, tuple):
        return result
    return result, []


def _wrong(value: Any, spec: FieldSpec, locate: Locate, code: str,
           key_path: tuple[str | int, ...]) -> Problem:
    got = type(value).__name__ if not isinstance(value, str) else f"'{value}'"
    return Problem(locate(*key_path), f"'{spec.name}' must be {_describe(spec.kind)}, got {got}",
                   code, hint=f"write it like: {spec.name}: {_EXAMPLES[spec.kind]}")


def _describe(kind: Kind) -> str:
    article = "an" if kind.value[0] in "aeiou" else "a"
    return f"{article} {kind.value}"


def _string(value, spec, locate, code, key_path):
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return _wrong(value, spec, locate, code, key_path)
    text = str(value).strip()
    if spec.choices and text not in spec.choices:
        return Problem(locate(*key_path),
                       f"'{spec.name}' must be one of {', '.join(spec.choices)}; got '{text}'"
                       f"{did_you_mean(text, spec.choices)}", code)
    return text


def _integer(value, spec, locate, code, key_path):
    if isinstance(value, bool) or not isinstance(value, int):
        return _wrong(value, spec, locate, code, key_path)
    return value


def _number(value, spec, locate, code, key_path):
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _wrong(value, spec, locate, code, key_path)
    return value


def _boolean(value, spec, locate, code, key_path):
    return value if isinstance(value, bool) else _wrong(value, spec, locate, code, key_path)


def _date(value, spec, locate, code, key_path):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    return _wrong(value, spec, locate, code, key_path)


def _datetime(value, spec, locate, code, key_path):
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    return _wrong(value, spec, locate, code, key_path)


def _url(value, spec, locate, code, key_path):
    if not isinstance(value, str):
        return _wrong(value, spec, locate, code, key_path)
    parts = urlparse(value.strip())
    if parts.scheme not in ("http", "https", "mailto", "tel") or not (parts.netloc or parts.path):
        return Problem(locate(*key_path), f"'{spec.name}' must be an absolute URL, got '{value}'",
                       code, hint="start it with https://")
    return value.strip()


def _string_list(value, spec, locate, code, key_path):
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        return _wrong(value, spec, locate, code, key_path)
    items, problems = [], []
    for index, item in enumerate(value):
        checked = _string(item, spec, locate, code, (*key_path, index))
        if isinstance(checked, Problem):
            problems.append(checked)
        else:
            items.append(checked)
    return items, problems


def _mapping(value, spec, locate, code, key_path):
    if not isinstance(value, dict):
        return _wrong(value, spec, locate, code, key_path)
    if not spec.fields:  # free-form (e.g. per-page lint settings, checked by the linter)
        return dict(value)
    return check_mapping(value, spec.fields, locate, code, key_path)


def _mapping_list(value, spec, locate, code, key_path):
    if not isinstance(value, list):
        return _wrong(value, spec, locate, code, key_path)
    items, problems = [], []
    for index, item in enumerate(value):
        checked = _mapping(item, spec, locate, code, (*key_path, index))
        if isinstance(checked, Problem):
            problems.append(checked)
            continue
        cleaned, found = checked
        problems.extend(found)
        items.append(cleaned)
    return items, problems


def _citations(value, spec, locate, code, key_path):
    if not isinstance(value, list):
        return _wrong(value, spec, locate, code, key_path)
    items, problems = [], []
    for index, item in enumerate(value):
        if isinstance(item, str):
            items.append({"title": item})
        elif isinstance(item, dict) and item.get("title"):
            unknown = set(item) - {"title", "url", "doi", "pmid", "note"}
            if unknown:
                name = sorted(unknown)[0]
                problems.append(Problem(locate(*key_path, index, name),
                                        f"unknown citation field '{name}'", code,
                                        hint="a citation takes title, url, doi, pmid and note"))
            items.append({k: str(v) for k, v in item.items() if k not in unknown})
        else:
            problems.append(Problem(locate(*key_path, index), "a citation needs a 'title'", code,
                                    hint="write '- title: Author. Title. Journal. Year.'"))
    return items, problems


_CHECKERS: dict[Kind, Callable[..., Any]] = {
    Kind.STRING: _string,
    Kind.TEXT: _string,
    Kind.INTEGER: _integer,
    Kind.NUMBER: _number,
    Kind.BOOLEAN: _boolean,
    Kind.DATE: _date,
    Kind.DATETIME: _datetime,
    Kind.URL: _url,
    Kind.REF: _string,
    Kind.STRING_LIST: _string_list,
    Kind.REF_LIST: _string_list,
    Kind.MAPPING: _mapping,
    Kind.MAPPING_LIST: _mapping_list,
    Kind.CITATIONS: _citations,
}
