"""The repository's own example clinic builds cleanly and is complete."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BUILD_DATE, REPO, CliRun
from tests.test_build_output import internal_targets, resolves


@pytest.fixture(scope="module")
def example_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from clinicsite.cli import main

    output = tmp_path_factory.mktemp("example") / "output"
    code = main(["build", "--site", str(REPO), "--output", str(output), "--build-date",
                 BUILD_DATE])
    assert code == 0
    return output


def count(output: Path, section: str) -> int:
    return sum(1 for p in (output / section).iterdir() if p.is_dir())


def test_the_example_clinic_is_complete(example_output: Path) -> None:
    assert count(example_output, "conditions") >= 8
    assert count(example_output, "treatments") >= 3
    assert count(example_output, "faqs") >= 15
    assert count(example_output, "team") >= 3
    assert count(example_output, "locations") >= 2
    assert count(example_output, "risks") >= 3
    assert count(example_output, "benefits") >= 2
    for page in ("about", "contact", "booking", "aftercare"):
        assert (example_output / page / "index.html").is_file(), page


def test_every_link_in_the_example_resolves(example_output: Path) -> None:
    broken = [(page, url) for page, url in internal_targets(example_output)
              if not resolves(example_output, url)]
    assert broken == []


def test_every_example_page_has_parseable_json_ld_and_a_description(example_output: Path) -> None:
    for html in example_output.rglob("*.html"):
        page = BeautifulSoup(html.read_text("utf-8"), "lxml")
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert len(description) > 20, html
        if html.name == "404.html":
            continue
        script = page.find("script", type="application/ld+json")
        assert script is not None, html
        json.loads(script.string)


def test_health_pages_name_a_reviewer_with_credentials(example_output: Path) -> None:
    for section in ("conditions", "treatments"):
        for folder in (example_output / section).iterdir():
            if not folder.is_dir():
                continue
            page = BeautifulSoup((folder / "index.html").read_text("utf-8"), "lxml")
            review = page.find("aside", class_="review")
            assert review is not None and "Medically reviewed by" in review.get_text(), folder


def test_example_builds_without_warnings(cli: Callable[..., CliRun], tmp_path: Path) -> None:
    run = cli("check", "--site", REPO, "--build-date", BUILD_DATE)
    assert ": warning: " not in run.err and ": error: " not in run.err, run.err
