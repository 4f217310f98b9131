"""The build cache: an incremental build gives exactly the output of a cold build, re-renders only
the pages whose inputs changed, and never trusts a cache or an output file it cannot verify."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from clinicsite.cache import CACHE_DIR, CACHE_FILE, load_cache
from clinicsite.config import Overrides, load_config
from clinicsite.pipeline import build_in_memory, cache_environments, open_cache
from tests.conftest import BUILD_DATE, REPO, CliRun, tree_digest

Build = Callable[..., CliRun]
NECK = "content/conditions/neck-pain.md"
INJECTIONS = "content/treatments/trigger-point-injections.md"


def edit(site: Path, rel_path: str, old: str, new: str) -> None:
    path = site / rel_path
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel_path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def cold_build(build_site: Build, site: Path, tmp_path: Path) -> dict[str, str]:
    """The output of a build that uses no cache at all."""
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    assert build_site(site, "--no-cache", "--output", cold).code == 0
    return tree_digest(cold)


def rerendered(site: Path) -> set[str]:
    """Output files an in-memory build with the site's cache would render again."""
    config = load_config(site, Overrides(build_date=_date()))
    cache = open_cache(config, site / CACHE_DIR, config.output_dir)
    result = build_in_memory(site, Overrides(build_date=_date()), cache)
    assert result.ok, result.errors
    return {page.output_file for page in result.pages if not page.reused}


def _date():  # noqa: ANN202 - a date
    import datetime as dt

    return dt.date.fromisoformat(BUILD_DATE)


EDITS: dict[str, Callable[[Path], None]] = {
    "body text": lambda s: edit(s, NECK, "Posture and strain.", "Posture, strain and sleep."),
    "related page title": lambda s: edit(s, INJECTIONS, "title: Trigger point injections",
                                         "title: Trigger-point injections"),
    "front matter date": lambda s: edit(s, NECK, "updated: 2026-06-02", "updated: 2026-07-01"),
    "config value": lambda s: edit(s, "site_config.yaml", "name: Test Pain Clinic",
                                   "name: Test Pain Centre"),
    "deleted page": lambda s: (s / "content/faqs/how-long.md").unlink(),
    "new page": lambda s: (s / "content/faqs/new-question.md").write_text(
        (s / "content/faqs/how-long.md").read_text("utf-8").replace("title: ", "title: New question, "),
        "utf-8"),
    "site template": lambda s: _override_template(s, "condition.html", "</article>",
                                                  "<p>Local note.</p></article>"),
}


def _override_template(site: Path, name: str, old: str, new: str) -> None:
    text = (REPO / "templates" / name).read_text("utf-8")
    assert old in text
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / name).write_text(text.replace(old, new), "utf-8")


@pytest.mark.parametrize("change", sorted(EDITS))
def test_incremental_build_equals_a_cold_build(change: str, mini_site: Path, tmp_path: Path,
                                               build_site: Build) -> None:
    assert build_site(mini_site).code == 0
    EDITS[change](mini_site)
    run = build_site(mini_site)
    assert run.code == 0, run.err
    assert tree_digest(mini_site / "output") == cold_build(build_site, mini_site, tmp_path)


def test_unchanged_rebuild_reuses_every_page(mini_site: Path, build_site: Build) -> None:
    first = build_site(mini_site)
    before = tree_digest(mini_site / "output")
    second = build_site(mini_site, "--force")
    pages = first.out.split("built ")[1].split(" page")[0]
    assert f"({pages} unchanged, reused from the cache)" in second.out
    assert tree_digest(mini_site / "output") == before


def test_a_body_edit_renders_only_that_page(mini_site: Path, build_site: Build) -> None:
    build_site(mini_site)
    EDITS["body text"](mini_site)
    assert rerendered(mini_site) == {"conditions/neck-pain/index.html"}


def test_a_title_edit_renders_the_pages_that_show_it(mini_site: Path, build_site: Build) -> None:
    build_site(mini_site)
    EDITS["related page title"](mini_site)
    again = rerendered(mini_site)
    assert {"treatments/trigger-point-injections/index.html",  # the page itself
            "conditions/neck-pain/index.html",  # lists it as a treatment
            "treatments/index.html",  # the section listing
            "index.html"} <= again  # the home page lists treatments
    assert "about/index.html" not in again
    assert "locations/central/index.html" not in again


def test_a_broken_link_is_found_even_when_the_body_is_cached(mini_site: Path,
                                                              build_site: Build) -> None:
    build_site(mini_site)
    edit(mini_site, NECK, "treatments: [trigger-point-injections]\n", "")
    (mini_site / INJECTIONS).rename(mini_site / "content/pages/injections.md")
    run = build_site(mini_site)
    assert run.code == 1
    assert "neck-pain.md:" in run.err and "broken link" in run.err


def test_a_changed_output_file_is_rendered_again(mini_site: Path, build_site: Build,
                                                 tmp_path: Path) -> None:
    build_site(mini_site)
    page = mini_site / "output/conditions/neck-pain/index.html"
    page.write_text("<p>edited by hand</p>", "utf-8")
    assert "conditions/neck-pain/index.html" in rerendered(mini_site)
    build_site(mini_site, "--force")
    assert tree_digest(mini_site / "output") == cold_build(build_site, mini_site, tmp_path)


@pytest.mark.parametrize("content", [
    b"\x00\xff not json", b"{}", b"[]", b'{"format": "another-tool/1"}',
    b'{"format": "clinicsite-build-cache/1", "markdown_env": 1}',
])
def test_a_corrupt_or_foreign_cache_is_ignored(content: bytes, mini_site: Path, tmp_path: Path,
                                               build_site: Build) -> None:
    (mini_site / CACHE_DIR).mkdir()
    (mini_site / CACHE_DIR / CACHE_FILE).write_bytes(content)
    run = build_site(mini_site)
    assert run.code == 0, run.err
    assert "from the cache" not in run.out
    assert tree_digest(mini_site / "output") == cold_build(build_site, mini_site, tmp_path)
    saved = json.loads((mini_site / CACHE_DIR / CACHE_FILE).read_text("utf-8"))
    assert saved["format"] == "clinicsite-build-cache/1" and saved["pages"]


def test_a_cache_with_wrong_entries_is_not_trusted(mini_site: Path, tmp_path: Path,
                                                   build_site: Build) -> None:
    """Right format and environments but forged entries: bodies claim other HTML, pages claim
    another file's hash. Nothing forged may reach the output."""
    build_site(mini_site)
    path = mini_site / CACHE_DIR / CACHE_FILE
    saved = json.loads(path.read_text("utf-8"))
    for entry in saved["bodies"].values():
        entry["digest"] = "0" * 64
        entry["body"]["html"] = "<p>FORGED</p>"
    for record in saved["pages"].values():
        record["sha256"] = "0" * 64
    path.write_text(json.dumps(saved), "utf-8")
    build_site(mini_site, "--force")
    output = tree_digest(mini_site / "output")
    assert output == cold_build(build_site, mini_site, tmp_path)


def test_bad_types_in_cache_entries_empty_the_cache(mini_site: Path, build_site: Build) -> None:
    build_site(mini_site)
    path = mini_site / CACHE_DIR / CACHE_FILE
    saved = json.loads(path.read_text("utf-8"))
    next(iter(saved["bodies"].values()))["body"]["problems"] = [{"path": 3}]
    path.write_text(json.dumps(saved), "utf-8")
    config = load_config(mini_site, Overrides(build_date=_date()))
    cache = load_cache(mini_site / CACHE_DIR, *cache_environments(config), config.output_dir)
    assert not cache.bodies and not cache.pages


def test_pages_are_not_reused_from_another_output_folder(mini_site: Path, tmp_path: Path,
                                                         build_site: Build) -> None:
    build_site(mini_site)
    run = build_site(mini_site, "--output", tmp_path / "elsewhere")
    assert run.code == 0 and "from the cache" not in run.out
    assert tree_digest(tmp_path / "elsewhere") == cold_build(build_site, mini_site, tmp_path)


def test_no_cache_neither_reads_nor_writes(mini_site: Path, build_site: Build) -> None:
    build_site(mini_site, "--no-cache")
    assert not (mini_site / CACHE_DIR).exists()


@pytest.mark.parametrize("folder", ["content", "templates", ".", "output/cache"])
def test_the_cache_folder_may_not_be_a_source_or_output_folder(folder: str, mini_site: Path,
                                                                build_site: Build) -> None:
    (mini_site / "templates").mkdir(exist_ok=True)
    before = tree_digest(mini_site)
    run = build_site(mini_site, "--cache-dir", mini_site / folder)
    assert run.code != 0
    assert "cache folder" in run.err and "Traceback" not in run.err
    assert tree_digest(mini_site) == before


def test_cache_keys_are_the_same_in_every_process(mini_site: Path) -> None:
    """Digests must not depend on hash seeds or object addresses, or nothing is ever reused."""
    command = [sys.executable, str(REPO / "build.py"), "build", "--site", str(mini_site),
               "--build-date", BUILD_DATE, "--no-lint"]
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([*command, "--force"], env=env, capture_output=True, text=True,
                             timeout=120, check=True)
    assert "unchanged, reused from the cache" in run.stdout
    assert "0 unchanged" not in run.stdout


def test_lint_reuses_the_build_cache_with_the_same_findings(mini_site: Path, cli: Callable,
                                                            build_site: Build) -> None:
    """`lint` reads what `build` cached (never writes it) and finds exactly the same."""
    def lint_findings() -> list[dict[str, object]]:
        report = mini_site / "lint.json"
        cli("lint", "--site", mini_site, "--format", "json", "--output", report)
        return json.loads(report.read_text("utf-8"))["findings"]

    without_cache = lint_findings()
    assert not (mini_site / CACHE_DIR).exists()
    assert without_cache
    cli("build", "--site", mini_site, "--no-lint")
    saved = (mini_site / CACHE_DIR / CACHE_FILE).read_bytes()
    config = load_config(mini_site, Overrides())
    cache = open_cache(config, mini_site / CACHE_DIR, config.output_dir)
    result = build_in_memory(mini_site, Overrides(), cache)
    assert all(page.reused for page in result.pages if page.source)
    assert lint_findings() == without_cache
    assert (mini_site / CACHE_DIR / CACHE_FILE).read_bytes() == saved


def _count_lint_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import clinicsite.lint.engine as engine

    linted: list[str] = []
    real = engine.lint_document
    monkeypatch.setattr(engine, "lint_document",
                        lambda document, *rest: linted.append(document.path) or real(document, *rest))
    return linted


def test_build_lints_only_changed_pages_with_the_same_findings(
        mini_site: Path, tmp_path: Path, build_site: Build,
        monkeypatch: pytest.MonkeyPatch) -> None:
    linted = _count_lint_calls(monkeypatch)
    build_site(mini_site)
    assert len(linted) > 20  # every page and template
    linted.clear()
    EDITS["body text"](mini_site)
    cached = build_site(mini_site)
    assert linted == [NECK]
    linted.clear()
    cold = build_site(mini_site, "--no-cache", "--output", tmp_path / "cold")
    assert len(linted) > 20
    assert cached.out.splitlines()[:3] == cold.out.splitlines()[:3]  # the lint summary


def test_lint_after_build_takes_every_page_from_the_cache(
        mini_site: Path, cli: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("build", "--site", mini_site)
    linted = _count_lint_calls(monkeypatch)
    report = mini_site / "lint.json"
    cli("lint", "--site", mini_site, "--format", "json", "--output", report)
    assert linted == []
    cached = json.loads(report.read_text("utf-8"))["findings"]
    cli("lint", "--site", mini_site, "--profile", "uk-cap", "--format", "json",
        "--output", report)
    assert len(linted) > 20  # other settings: nothing is taken from the cache
    shutil.rmtree(mini_site / CACHE_DIR)
    cli("lint", "--site", mini_site, "--format", "json", "--output", report)
    assert json.loads(report.read_text("utf-8"))["findings"] == cached


@pytest.mark.parametrize("stored", ["garbage", {"key": 1}, {"key": "k", "results": {"d": {}}}])
def test_a_broken_lint_part_of_the_cache_is_ignored(stored: object, mini_site: Path,
                                                    build_site: Build, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(mini_site)
    path = mini_site / CACHE_DIR / CACHE_FILE
    saved = json.loads(path.read_text("utf-8"))
    saved["lint"] = stored
    path.write_text(json.dumps(saved), "utf-8")
    linted = _count_lint_calls(monkeypatch)
    run = build_site(mini_site, "--force")
    assert run.code == 0 and len(linted) > 20
    cold = build_site(mini_site, "--no-cache", "--output", tmp_path / "cold")
    assert run.out.splitlines()[:3] == cold.out.splitlines()[:3]


def test_a_static_file_over_a_generated_page_is_never_cached_as_that_page(
        mini_site: Path, tmp_path: Path, build_site: Build) -> None:
    static = mini_site / "static" / "404.html"
    static.parent.mkdir(exist_ok=True)
    build_site(mini_site)
    static.write_text("<p>our own 404</p>", "utf-8")
    build_site(mini_site)
    assert tree_digest(mini_site / "output") == cold_build(build_site, mini_site, tmp_path)
    static.unlink()
    build_site(mini_site)
    assert tree_digest(mini_site / "output") == cold_build(build_site, mini_site, tmp_path)


def test_an_output_path_in_the_cache_file_is_never_followed(mini_site: Path, tmp_path: Path,
                                                            build_site: Build) -> None:
    build_site(mini_site)
    config_before = (mini_site / "site_config.yaml").read_bytes()
    path = mini_site / CACHE_DIR / CACHE_FILE
    saved = json.loads(path.read_text("utf-8"))
    entry = saved["rendered"][NECK]
    forged = "../site_config.yaml"
    entry["output_file"] = forged
    saved["pages"][forged] = {**saved["pages"][entry["url"].lstrip("/") + "index.html"],
                              "sha256": hashlib.sha256(config_before).hexdigest()}
    path.write_text(json.dumps(saved), "utf-8")
    build_site(mini_site, "--force")
    assert (mini_site / "site_config.yaml").read_bytes() == config_before
    assert tree_digest(mini_site / "output") == cold_build(build_site, mini_site, tmp_path)


def test_rule_files_named_by_one_string_are_inputs_too() -> None:
    from clinicsite.config import lint_files_named

    assert lint_files_named({"rules": "clinic.yaml"}, Path("site")) == [Path("site/clinic.yaml")]
