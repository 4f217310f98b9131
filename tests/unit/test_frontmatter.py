from __future__ import annotations

import datetime as dt

import pytest

from clinicsite.errors import SiteError
from clinicsite.frontmatter import parse_front_matter


def test_keys_keep_their_source_lines() -> None:
    text = "---\ntitle: Neck pain\ntags:\n  - neck\n  - pain\n---\n\nBody text\n"
    fm = parse_front_matter(text, "c.md")
    assert fm.data == {"title": "Neck pain", "tags": ["neck", "pain"]}
    assert fm.lines[("title",)] == (2, 1)
    assert fm.lines[("tags", 1)] == (5, 5)
    assert fm.body_line == 7
    assert fm.body.split("\n")[1] == "Body text"


def test_blank_lines_after_the_fence_do_not_shift_body_lines() -> None:
    fm = parse_front_matter("---\ntitle: x\n---\n\n\n\nHello\n", "c.md")
    assert fm.body_line + fm.body.split("\n").index("Hello") == 7


def test_dates_are_parsed_safely() -> None:
    fm = parse_front_matter("---\ndate: 2026-01-02\n---\n", "c.md")
    assert fm.data["date"] == dt.date(2026, 1, 2)


def test_python_tags_are_refused() -> None:
    with pytest.raises(SiteError) as caught:
        parse_front_matter("---\nx: !!python/object/apply:os.system [ls]\n---\n", "c.md")
    assert "c.md:2" in str(caught.value)


def test_malformed_yaml_is_located() -> None:
    with pytest.raises(SiteError) as caught:
        parse_front_matter("---\ntitle: ok\ntags: [a, b\n---\nbody\n", "c.md")
    problem = caught.value.problems[0]
    assert problem.location.path == "c.md"
    assert problem.location.line in (3, 4)
    assert "malformed front matter" in problem.message


def test_unclosed_front_matter() -> None:
    with pytest.raises(SiteError, match="never ends"):
        parse_front_matter("---\ntitle: x\n", "c.md")


def test_file_without_front_matter_is_all_body() -> None:
    fm = parse_front_matter("# Just text\n", "c.md")
    assert fm.data == {} and fm.body_line == 1
