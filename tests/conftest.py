"""Shared fixtures: copy a fixture site to a temp folder, run the CLI in-process."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from clinicsite.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
BUILD_DATE = "2026-11-23"


@dataclass
class CliRun:
    """Exit code and captured output of one CLI call."""

    code: int
    out: str
    err: str


@pytest.fixture
def mini_site(tmp_path: Path) -> Path:
    """A fresh copy of the small fixture site."""
    target = tmp_path / "site"
    shutil.copytree(FIXTURES / "sites" / "mini", target)
    return target


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Run build.py's main with arguments, capturing stdout and stderr."""

    def run(*args: str) -> CliRun:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


@pytest.fixture
def build_site(cli: Callable[..., CliRun]) -> Callable[..., CliRun]:
    """Build a site folder into its output/ with a fixed build date."""

    def run(site: Path, *extra: str) -> CliRun:
        return cli("build", "--site", site, "--build-date", BUILD_DATE, *extra)

    return run


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under folder."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "external: uses a tool the project installs with "
                            "`make tools` (nginx, Chromium, vnu, Lighthouse); skip locally with "
                            "-m 'not external'; in CI they always run")


def require_tool(*names: str) -> str:
    """The first tool found on PATH; skip when missing locally, fail when missing in CI."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' or '.join(names)} is not installed (run `make tools`)"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must run every external check")
    pytest.skip(message)
