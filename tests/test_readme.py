"""The README stays true: its reference tables match the declared schemas."""

from __future__ import annotations

from clinicsite.docs import END, START, reference
from tests.conftest import REPO


def test_readme_reference_matches_the_schemas() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    current = readme[readme.index(START):readme.index(END) + len(END)]
    assert current == reference(), "run `python -m clinicsite.docs` and paste it into the README"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make build" in first_block and "make test" in first_block
    assert "make test" in (REPO / ".ci" / "run").read_text()
