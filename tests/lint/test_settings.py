"""The `lint:` settings and rule files: defaults, overrides, custom rules, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_helpers import lint_text, positions

from clinicsite.errors import SiteError
from clinicsite.lint import load_lint_settings
from clinicsite.lint.rulespec import RuleError, parse_pack


def test_defaults() -> None:
    settings = load_lint_settings(None)
    assert settings.profile == "us-ftc" and settings.max_review_months == 12
    assert settings.rule("absolute-claim") is not None
    assert settings.rule("prescription-only-medicine") is None  # off in the US profile
    assert settings.rule("missing-results-vary") is not None  # alias


def test_profile_changes_levels() -> None:
    uk = load_lint_settings({"profile": "uk-cap"})
    rule = uk.rule("prescription-only-medicine")
    assert rule is not None and rule.spec.level is not None and rule.spec.level.value == "error"
    au = load_lint_settings({"profile": "au-ahpra"})
    assert au.rule("testimonial-clinical") is not None
    assert au.rule("testimonial-typicality") is None


@pytest.mark.parametrize(("raw", "lines", "expected"), [
    ({"profil": "uk-cap"}, {("profil",): (7, 3)},
     "site_config.yaml:7:3: error: unknown lint setting 'profil' (did you mean 'profile'?)"),
    ({"profile": "uk"}, {("profile",): (8, 3)},
     "site_config.yaml:8:3: error: profile must be one of us-ftc, uk-cap, au-ahpra, got 'uk'"),
    ({"disable": ["absolute-claims"]}, {("disable", 0): (9, 7)},
     "site_config.yaml:9:7: error: unknown rule 'absolute-claims' (did you mean "
     "'absolute-claim'?)"),
    ({"levels": {"immediacy": "severe"}}, {("levels", "immediacy"): (10, 5)},
     "site_config.yaml:10:5: error: level of 'immediacy' must be one of error, warning, info, "
     "off, got 'severe'"),
    ({"max_review_age_months": "a year"}, {("max_review_age_months",): (11, 3)},
     "site_config.yaml:11:3: error: max_review_age_months must be a whole number of months"),
])
def test_config_errors_are_located(raw: dict, lines: dict, expected: str) -> None:
    with pytest.raises(SiteError) as caught:
        load_lint_settings(raw, lines=lines)
    assert str(caught.value).startswith(expected)


def test_disable_levels_and_extra_phrases() -> None:
    lint = {"disable": ["immediacy"], "levels": {"absolute-claim": "info"},
            "phrases": {"superlative-comparative": ["miracle worker"]}}
    run = lint_text("Instant relief, guaranteed. Our miracle worker team.\n", "page", lint)
    assert [(f.column, f.rule_id, f.level.value) for f in run.findings
            if not f.rule_id.startswith("missing")] == [
        (17, "absolute-claim", "info"), (33, "superlative-comparative", "warning")]


def test_unproven_conditions_feed_unapproved_use() -> None:
    lint = {"unproven_conditions": ["chronic fatigue", "tinnitus"]}
    text = "We offer injections for tinnitus. Tinnitus is not proven to respond.\n"
    assert [p for p in positions(lint_text(text, "page", lint))
            if p[2] == "unapproved-use"] == [(1, 25, "unapproved-use")]


CUSTOM = """pack: cedar-ridge
version: "1"
rules:
  - id: clinic-banned-words
    kind: phrase
    level: error
    message: "'{match}' is banned by our marketing policy"
    phrases: [miracle, life-saving]
    reference: Clinic marketing policy 2.1
    examples:
      flag: ["A miracle treatment."]
      pass: ["A careful treatment."]
"""


def test_custom_rule_file_is_loaded_from_the_site(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "clinic.yaml").write_text(CUSTOM, encoding="utf-8")
    settings = load_lint_settings({"rules": ["rules/clinic.yaml"]}, site_dir=tmp_path)
    rule = settings.rule("clinic-banned-words")
    assert rule is not None and rule.spec.pack == "cedar-ridge"


def test_missing_custom_rule_file_is_located(tmp_path: Path) -> None:
    with pytest.raises(SiteError) as caught:
        load_lint_settings({"rules": ["nope.yaml"]}, lines={("rules", 0): (4, 7)},
                           site_dir=tmp_path)
    assert str(caught.value).startswith("site_config.yaml:4:7: error: rule file 'nope.yaml'")


@pytest.mark.parametrize(("text", "expected"), [
    ("pack: x\nrules:\n  - id: a\n    kind: phrse\n    level: error\n    message: m\n",
     "rules/x.yaml:4:5: error: unknown rule kind 'phrse' (did you mean 'phrase'?)"),
    ("pack: x\nrules:\n  - id: Bad_Id\n    kind: phrase\n    level: error\n    message: m\n",
     "rules/x.yaml:3:5: error: rule id 'Bad_Id' must be kebab-case"),
    ("pack: x\nrules:\n  - id: a\n    kind: phrase\n    level: loud\n    message: m\n",
     "rules/x.yaml:5:5: error: level must be one of error, warning, info, off, got 'loud'"),
    ("pack: x\nrules:\n  - id: a\n    kind: phrase\n    level: error\n",
     "rules/x.yaml:3:5: error: missing required key 'message'"),
    ("pack: x\nrules: [\n", "rules/x.yaml:3:1: error: malformed rule file"),
    ("pack: x\nrulez: []\n", "rules/x.yaml:2:1: error: unknown key 'rulez' (did you mean "
                             "'rules'?)"),
])
def test_bad_rule_files_are_located(text: str, expected: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_pack(text, "rules/x.yaml")
    assert str(caught.value).startswith(expected)


@pytest.mark.parametrize(("pattern", "reason"), [
    ("(unclosed", "missing ), unterminated subpattern"),
    ("fine|(?:also fine", "missing ), unterminated subpattern"),  # in its second alternative
    ("(?<!not |never )cures", "look-behind requires fixed-width pattern"),  # only compiling says
    ("cures? (?P<x>it) (?P=y)", "unknown group name 'y'"),
])
def test_bad_pattern_is_located_at_its_rule(tmp_path: Path, pattern: str, reason: str) -> None:
    """Trigger patterns are compiled only when first tried, but every error a compile would
    report is reported when the rules are read, at the rule."""
    (tmp_path / "r.yaml").write_text(
        "pack: x\nrules:\n  - id: broken\n    kind: phrase\n    level: error\n"
        f"    message: m\n    patterns: ['{pattern}']\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_lint_settings({"rules": ["r.yaml"]}, site_dir=tmp_path)
    assert str(caught.value).startswith(f"r.yaml:3:5: error: rule 'broken': bad pattern "
                                        f"'{pattern}'")
    assert reason in str(caught.value)


def test_duplicate_rule_id_is_located(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "pack: x\nrules:\n  - id: absolute-claim\n    kind: phrase\n    level: error\n"
        "    message: m\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_lint_settings({"rules": ["r.yaml"]}, site_dir=tmp_path)
    assert "r.yaml:3:5: error: rule 'absolute-claim' is already defined" in str(caught.value)
