"""Every rule in every pack carries flag and pass examples, and they behave as labelled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lint_helpers import lint_text

from clinicsite.lint.rulespec import Example, Pack, RuleSpec, load_pack_file

PACK_DIR = Path(__file__).parents[2] / "clinicsite" / "lint" / "packs"


def _packs() -> list[Pack]:
    return [load_pack_file(path, path.name) for path in sorted(PACK_DIR.glob("*.yaml"))]


def _rules() -> list[tuple[Pack, RuleSpec]]:
    return [(pack, rule) for pack in _packs() for rule in pack.rules]


def _cases(kind: str) -> list[Any]:
    cases = []
    for pack, rule in _rules():
        examples = rule.flag_examples if kind == "flag" else rule.pass_examples
        for i, example in enumerate(examples):
            cases.append(pytest.param(pack, rule, example, id=f"{rule.id}-{kind}-{i}"))
    return cases


def _fired(pack: Pack, rule: RuleSpec, example: Example) -> list[str]:
    lint: dict[str, Any] = {"profile": pack.name} if pack.is_profile else {}
    lint.update(example.lint or {})
    if rule.level is None and example.lint is None and not pack.is_profile:
        lint.setdefault("levels", {rule.id: "warning"})  # off by default: switch it on to test
    content_type = example.content_type or _default_type(rule)
    run = lint_text(example.text, content_type, lint)
    return [f.rule_id for f in run.findings]


def _default_type(rule: RuleSpec) -> str:
    types = rule.scope.content_types
    if types is None or "treatment" in types:
        return "treatment"
    return sorted(types)[0]


def test_packs_load_and_have_rules() -> None:
    names = {pack.name for pack in _packs()}
    assert {"base", "courses", "us-ftc", "uk-cap", "au-ahpra"} <= names
    assert len(_rules()) >= 27


@pytest.mark.parametrize(("pack", "rule"), [pytest.param(p, r, id=r.id) for p, r in _rules()])
def test_every_rule_has_flag_and_pass_examples(pack: Pack, rule: RuleSpec) -> None:
    assert rule.flag_examples, f"{rule.id} in {pack.name} has no flag example"
    assert rule.pass_examples, f"{rule.id} in {pack.name} has no pass example"
    assert rule.reference and rule.message, f"{rule.id} needs a message and a reference"


@pytest.mark.parametrize(("pack", "rule", "example"), _cases("flag"))
def test_flag_example_fires(pack: Pack, rule: RuleSpec, example: Example) -> None:
    assert rule.id in _fired(pack, rule, example)


@pytest.mark.parametrize(("pack", "rule", "example"), _cases("pass"))
def test_pass_example_is_clean(pack: Pack, rule: RuleSpec, example: Example) -> None:
    assert rule.id not in _fired(pack, rule, example)


def test_rule_ids_are_unique_across_packs() -> None:
    ids = [rule.id for _, rule in _rules()]
    assert len(ids) == len(set(ids))


def test_missing_disclaimer_rules_say_disclaimer() -> None:
    required_statements = [r for _, r in _rules() if r.kind == "page-requires-text"
                           and r.id != "sponsored-content-label"]
    assert all("disclaimer" in r.id for r in required_statements)


def test_every_rule_is_documented() -> None:
    docs = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [rule.id for _, rule in _rules() if f"`{rule.id}`" not in docs]
    assert not missing, f"add these rules to the README (Linter section): {missing}"
