"""Bad input gets a located message with a hint, exit code 1 or 2, and never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRun

NECK = "content/conditions/neck-pain.md"


def edit(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def write(site: Path, rel: str, data: str | bytes) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, "utf-8")


CASES: dict[str, tuple[Callable[[Path], None], int, str]] = {
    "malformed-yaml": (lambda s: edit(s, NECK, "also_known_as: [cervicalgia]",
                                      "also_known_as: [cervicalgia"),
                       1, f"{NECK}:5:11: error: malformed front matter"),
    "wrong-field-type": (lambda s: edit(s, NECK, "last_reviewed: 2026-06-01",
                                        "last_reviewed: last spring"),
                         1, f"{NECK}:9:1: error: 'last_reviewed' must be a date, got 'last spring'"),
    "unknown-field": (lambda s: edit(s, NECK, "also_known_as:", "also_know_as:"),
                      1, f"{NECK}:4:1: error: unknown field 'also_know_as' "
                         "(did you mean 'also_known_as'?)"),
    "unknown-type": (lambda s: edit(s, "content/pages/about.md", "title: About us",
                                    "title: About us\ntype: condtion"),
                     1, "content/pages/about.md:3:1: error: unknown page type 'condtion' "
                        "(did you mean 'condition'?)"),
    "bad-choice": (lambda s: edit(s, "content/treatments/trigger-point-injections.md",
                                  "procedure_type: percutaneous", "procedure_type: percutanous"),
                   1, "content/treatments/trigger-point-injections.md:4:1: error: "
                      "'procedure_type' must be one of"),
    "missing-required": (lambda s: edit(s, "content/team/dr-jones.md", "role: Consultant in Pain"
                                        " Medicine\n", ""),
                         1, "content/team/dr-jones.md:1:1: error: missing required field 'role'"),
    "duplicate-slug": (lambda s: write(s, "content/conditions/other.md",
                                       "---\ntitle: Other\nslug: neck-pain\n---\nx\n"),
                       1, "content/conditions/other.md:3:1: error: duplicate URL "
                          "/conditions/neck-pain/: content/conditions/neck-pain.md already uses it"),
    "missing-reference": (lambda s: edit(s, NECK, "treatments: [trigger-point-injections]",
                                         "treatments: [trigger-point-injection]"),
                          1, f"{NECK}:5:14: error: no treatment page 'trigger-point-injection' "
                             "(did you mean 'trigger-point-injections'?)"),
    "broken-markdown-link": (lambda s: edit(s, NECK, "(../treatments/trigger-point-injections.md",
                                            "(../treatments/trigger-point-injection.md"),
                             1, f"{NECK}:14:48: error: broken link: "
                                "'../treatments/trigger-point-injection.md#how-it-works'"),
    "missing-template": (lambda s: edit(s, "content/pages/about.md", "title: About us",
                                        "title: About us\ntemplate: fancy"),
                         1, "content/pages/about.md:1: error: missing template: fancy.html"),
    "template-error": (lambda s: write(s, "templates/risk.html",
                                       '{% extends "base.html" %}\n{% block main %}\n'
                                       "{{ page.no_such_thing }}\n{% endblock %}\n"),
                       1, "templates/risk.html:3: error: 'page' has no attribute 'no_such_thing' "
                          "(while rendering content/risks/soreness.md)"),
    "template-syntax": (lambda s: write(s, "templates/risk.html",
                                        '{% extends "base.html" %}\n{% block main %}\n{% if %}\n'),
                        1, "templates/risk.html:3: error: template syntax error"),
    "invalid-utf8": (lambda s: write(s, "content/pages/bad.md",
                                     b"---\ntitle: Bad\n---\nCaf\xe9 menu\n"),
                     1, "content/pages/bad.md:4:4: error: the file is not valid UTF-8 (byte 0xe9)"),
    "empty-file": (lambda s: write(s, "content/pages/empty.md", ""),
                   1, "content/pages/empty.md:1:1: error: the file is empty"),
    "reserved-key": (lambda s: edit(s, "content/pages/about.md", "title: About us",
                                    "title: About us\nurl: /x/"),
                     1, "content/pages/about.md:3:1: error: 'url' is computed by clinicsite"),
    "config-unknown-key": (lambda s: edit(s, "site_config.yaml", "  language: en-GB",
                                          "  languge: en-GB"),
                           2, "site_config.yaml:4:3: error: unknown field 'languge' "
                              "(did you mean 'language'?)"),
    "config-bad-url": (lambda s: edit(s, "site_config.yaml", "https://clinic.example.org/",
                                      "/clinic"),
                       2, "site_config.yaml:3:3: error: 'base_url' must be an absolute URL"),
    "config-malformed": (lambda s: edit(s, "site_config.yaml", "name: Test Pain Clinic",
                                        "name: Test: Pain: Clinic"),
                         2, "site_config.yaml:2:13: error: malformed front matter"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_with_location(case: str, mini_site: Path,
                                             build_site: Callable[..., CliRun]) -> None:
    breaker, code, expected = CASES[case]
    breaker(mini_site)
    run = build_site(mini_site)
    assert run.code == code, run.err
    assert expected in run.err, run.err
    assert "Traceback" not in run.err + run.out
    assert not (mini_site / "output").exists()


def test_every_error_is_reported_not_just_the_first(mini_site: Path,
                                                    build_site: Callable[..., CliRun]) -> None:
    for case in ("wrong-field-type", "empty-file", "duplicate-slug", "broken-markdown-link"):
        CASES[case][0](mini_site)
    run = build_site(mini_site)
    assert run.code == 1
    assert run.err.count(": error: ") == 4, run.err
    assert "build failed: 4 errors" in run.err


def test_errors_carry_a_hint_for_the_author(mini_site: Path,
                                            build_site: Callable[..., CliRun]) -> None:
    CASES["unknown-field"][0](mini_site)
    run = build_site(mini_site)
    assert "hint: allowed here:" in run.err


def test_verbose_shows_the_offending_line_with_a_caret(mini_site: Path,
                                                       build_site: Callable[..., CliRun]) -> None:
    CASES["missing-reference"][0](mini_site)
    run = build_site(mini_site, "--verbose")
    assert "    treatments: [trigger-point-injection]\n" in run.err
    assert "\n" + " " * 17 + "^" in run.err


def test_missing_config_is_a_usage_error(tmp_path: Path, build_site: Callable[..., CliRun]) -> None:
    run = build_site(tmp_path)
    assert run.code == 2 and "no site_config.yaml found" in run.err


def test_unknown_command_line_option_is_a_usage_error(cli: Callable[..., CliRun]) -> None:
    assert cli("build", "--no-such-option").code == 2


def test_accessibility_warnings_do_not_fail_the_build(mini_site: Path,
                                                      build_site: Callable[..., CliRun]) -> None:
    edit(mini_site, "content/pages/about.md", "We are a small clinic.",
         "# About\n\n#### Detail\n\n![](team.png)\n\nWe are a small clinic.")
    run = build_site(mini_site)
    assert run.code == 0, run.err
    assert "content/pages/about.md:5:1: warning: a '# ' heading repeats" in run.err
    assert "content/pages/about.md:7:1: warning: heading jumps from level 1 to 4" in run.err
    assert "content/pages/about.md:9:1: warning: image has no text alternative" in run.err


def test_template_extending_a_missing_template(mini_site: Path,
                                               build_site: Callable[..., CliRun]) -> None:
    write(mini_site, "templates/risk.html", '{% extends "nope.html" %}\n')
    run = build_site(mini_site)
    assert run.code == 1
    assert "templates/risk.html:1: error: missing template 'nope.html'" in run.err, run.err
    assert "Traceback" not in run.err
