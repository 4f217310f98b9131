"""Atomic, deterministic output that never touches anything but its own folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRun, tree_digest


def test_two_builds_are_byte_identical(mini_site: Path, build_site: Callable[..., CliRun],
                                       tmp_path: Path) -> None:
    assert build_site(mini_site, "--output", tmp_path / "one").code == 0
    assert build_site(mini_site, "--output", tmp_path / "two").code == 0
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert len(one) > 20
    assert one == two


def test_a_broken_page_leaves_the_previous_output_untouched(
        mini_site: Path, build_site: Callable[..., CliRun]) -> None:
    assert build_site(mini_site).code == 0
    before = tree_digest(mini_site / "output")
    page = mini_site / "content/pages/about.md"
    page.write_text(page.read_text().replace("title: About us", "title: [About us"))
    run = build_site(mini_site)
    assert run.code == 1
    assert "was left unchanged" in run.err
    assert tree_digest(mini_site / "output") == before


def test_a_successful_rebuild_replaces_removed_pages(mini_site: Path,
                                                     build_site: Callable[..., CliRun]) -> None:
    assert build_site(mini_site).code == 0
    (mini_site / "content/pages/contact.md").unlink()
    assert build_site(mini_site).code == 0
    assert not (mini_site / "output/contact").exists()
    leftovers = [p.name for p in mini_site.iterdir() if p.name.startswith(".output")]
    assert leftovers == []


@pytest.mark.parametrize("target", [".", "content", "templates", "content/pages", ".."])
def test_refuses_an_output_folder_that_holds_the_project(
        target: str, mini_site: Path, build_site: Callable[..., CliRun]) -> None:
    (mini_site / "templates").mkdir(exist_ok=True)
    before = tree_digest(mini_site)
    run = build_site(mini_site, "--output", mini_site / target)
    assert run.code == 2
    assert "refusing to use" in run.err
    assert tree_digest(mini_site) == before


def test_refuses_to_replace_a_folder_it_did_not_write(mini_site: Path, tmp_path: Path,
                                                      build_site: Callable[..., CliRun]) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    run = build_site(mini_site, "--output", precious)
    assert run.code == 2
    assert "did not write" in run.err
    assert (precious / "thesis.txt").read_text() == "years of work"


def test_output_next_to_other_files_leaves_them_alone(mini_site: Path, tmp_path: Path,
                                                      build_site: Callable[..., CliRun]) -> None:
    parent = tmp_path / "public"
    parent.mkdir()
    (parent / "keep.txt").write_text("keep")
    assert build_site(mini_site, "--output", parent / "site").code == 0
    assert build_site(mini_site, "--output", parent / "site").code == 0
    assert sorted(p.name for p in parent.iterdir()) == ["keep.txt", "site"]


def test_check_writes_nothing(mini_site: Path, cli: Callable[..., CliRun]) -> None:
    run = cli("check", "--site", mini_site, "--build-date", "2026-11-23")
    assert run.code in (0, 1), run.err
    assert "checked" in run.out or "check failed" in run.err
    assert not (mini_site / "output").exists()


def test_build_is_the_default_command(mini_site: Path, cli: Callable[..., CliRun]) -> None:
    run = cli("--site", mini_site, "--build-date", "2026-11-23")
    assert run.code == 0, run.err
    assert (mini_site / "output/index.html").is_file()


def test_help_lists_the_subcommands(cli: Callable[..., CliRun]) -> None:
    run = cli("--help")
    assert run.code == 0
    for command in ("build", "check", "lint"):
        assert command in run.out


def test_output_is_the_same_for_any_number_of_jobs(mini_site: Path, tmp_path: Path,
                                                   build_site: Callable[..., CliRun],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import clinicsite.parallel

    monkeypatch.setattr(clinicsite.parallel, "MIN_PAGES_PER_JOB", 1)
    assert build_site(mini_site, "--output", tmp_path / "one", "--jobs", "1").code == 0
    assert build_site(mini_site, "--output", tmp_path / "three", "--jobs", "3").code == 0
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "three")


def test_errors_are_found_with_several_jobs(mini_site: Path, build_site: Callable[..., CliRun],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import clinicsite.parallel

    monkeypatch.setattr(clinicsite.parallel, "MIN_PAGES_PER_JOB", 1)
    page = mini_site / "content/conditions/neck-pain.md"
    page.write_text(page.read_text().replace("(../treatments/trigger-point-injections.md",
                                             "(../treatments/nope.md"))
    run = build_site(mini_site, "--jobs", "2")
    assert run.code == 1 and "neck-pain.md:14:48: error: broken link" in run.err


def test_unchanged_inputs_skip_the_build(mini_site: Path,
                                         build_site: Callable[..., CliRun]) -> None:
    assert build_site(mini_site).code == 0
    index = mini_site / "output/index.html"
    written = index.stat().st_mtime_ns
    run = build_site(mini_site)
    assert run.code == 0 and "is up to date" in run.out
    assert index.stat().st_mtime_ns == written
    run = build_site(mini_site, "--force")
    assert "built" in run.out and "reused from the cache" in run.out
    assert index.stat().st_mtime_ns == written  # same bytes: the file is not rewritten


@pytest.mark.parametrize("change", ["content", "template", "config", "static", "date", "option"])
def test_any_input_change_rebuilds(change: str, mini_site: Path,
                                   build_site: Callable[..., CliRun]) -> None:
    assert build_site(mini_site).code == 0
    extra: list[str] = []
    if change == "content":
        page = mini_site / "content/pages/contact.md"
        page.write_text(page.read_text().replace("Call us.", "Call or write."))
    elif change == "template":
        (mini_site / "templates").mkdir()
        (mini_site / "templates/page.html").write_text(
            '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1>{% endblock %}')
    elif change == "config":
        config = mini_site / "site_config.yaml"
        config.write_text(config.read_text().replace("A small test clinic.", "A test clinic."))
    elif change == "static":
        (mini_site / "static").mkdir()
        (mini_site / "static/note.txt").write_text("hello")
    elif change == "date":
        extra = ["--build-date", "2026-11-24"]
    else:
        extra = ["--base-url", "https://x.org/clinic/"]
    run = build_site(mini_site, *extra)
    assert run.code == 0 and "up to date" not in run.out and "built" in run.out


def test_a_corrupt_or_foreign_marker_is_never_trusted(mini_site: Path,
                                                      build_site: Callable[..., CliRun]) -> None:
    assert build_site(mini_site).code == 0
    marker = mini_site / "output/.clinicsite-output"
    for text in ("garbage {", '{"inputs": "0000"}', '["inputs"]'):
        marker.write_text(text)
        run = build_site(mini_site)
        assert run.code == 0 and "built" in run.out, text


def test_a_rebuild_updates_in_place_and_removes_what_is_gone(
        mini_site: Path, build_site: Callable[..., CliRun], tmp_path: Path) -> None:
    assert build_site(mini_site).code == 0
    about = mini_site / "output/about/index.html"
    about_written = about.stat().st_mtime_ns
    (mini_site / "content/pages/contact.md").unlink()
    neck = mini_site / "content/conditions/neck-pain.md"
    neck.write_text(neck.read_text("utf-8").replace("Posture and strain.", "Posture."), "utf-8")
    assert build_site(mini_site).code == 0
    assert not (mini_site / "output/contact").exists()
    assert about.stat().st_mtime_ns == about_written
    assert build_site(mini_site, "--no-cache", "--output", tmp_path / "cold").code == 0
    assert tree_digest(mini_site / "output") == tree_digest(tmp_path / "cold")
    assert not [p for p in (mini_site / "output").rglob("*") if "clinicsite-new" in p.name]


def test_a_failure_while_writing_leaves_the_old_output(
        mini_site: Path, build_site: Callable[..., CliRun],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert build_site(mini_site).code == 0
    before = tree_digest(mini_site / "output")
    (mini_site / "content/pages/contact.md").unlink()
    for page in ("conditions/neck-pain.md", "pages/about.md"):
        path = mini_site / "content" / page
        path.write_text(path.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    real_write = Path.write_bytes
    written: list[Path] = []

    def failing_write(self: Path, data: bytes) -> int:
        if written:  # the second file: the disk is full
            raise OSError(28, "No space left on device")
        written.append(self)
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    run = build_site(mini_site)
    assert written, "the failure was not reached"
    assert run.code == 1 and "Traceback" not in run.err
    assert "No space left on device" in run.err and "was left unchanged" in run.err
    assert tree_digest(mini_site / "output") == before


def test_a_symlinked_folder_in_the_output_is_not_written_through(
        mini_site: Path, build_site: Callable[..., CliRun], tmp_path: Path) -> None:
    import shutil

    assert build_site(mini_site).code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(mini_site / "output/conditions")
    (mini_site / "output/conditions").symlink_to(elsewhere, target_is_directory=True)
    assert build_site(mini_site, "--force").code == 0
    assert list(elsewhere.iterdir()) == []
    assert not (mini_site / "output/conditions").is_symlink()
    assert (mini_site / "output/conditions/neck-pain/index.html").is_file()
